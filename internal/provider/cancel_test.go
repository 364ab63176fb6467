package provider

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
	"github.com/vectorops/terraform-provider-zilliz/internal/testcli"
)

// interruptExitBound is how long Terraform may take to exit after SIGINT. It should exit within
// about 2 s, and the bound is five times that, so that a loaded machine does not fail the test.
const interruptExitBound = 10 * time.Second

const interruptConfig = `
resource "zilliz_serverless_cluster" "interrupted" {
  cluster_name = "interrupted"
  project_id   = "` + testProjectID + `"
}
`

// TestAccServerlessClusterInterruptedWait sends SIGINT to terraform apply while it waits for a
// cluster that takes an hour to become RUNNING. Terraform must exit soon, with the cluster in
// state and tainted, and a destroy must then remove it.
func TestAccServerlessClusterInterruptedWait(t *testing.T) {
	server := startTestMock(t, mock.Options{CreateDelay: time.Hour, DeleteDelay: time.Millisecond})
	ws := newMockWorkspace(t, server)
	ws.WriteFile("main.tf", testcli.RequiredProviders+interruptConfig)

	apply := ws.Start("apply", "-auto-approve", "-input=false", "-no-color")
	// A describe shows that the provider has the create response and is waiting.
	clusterID := waitForDescribedCluster(t, server)
	result := interrupt(t, apply)

	if result.ExitCode == 0 {
		t.Errorf("interrupted apply exited with status 0, expected a failure:\n%s", result.Output())
	}
	if !strings.Contains(result.Output(), "Create Serverless Cluster Interrupted") {
		t.Errorf("interrupted apply does not report the interrupted wait:\n%s", result.Output())
	}

	instances := stateInstances(t, ws)
	if len(instances) != 1 {
		t.Fatalf("state has %d cluster instances after the interrupt, expected 1", len(instances))
	}
	if instances[0].Attributes.ID != clusterID {
		t.Errorf("state records cluster %q, expected %s, which the mock created", instances[0].Attributes.ID, clusterID)
	}
	if instances[0].Status != "tainted" {
		t.Errorf("state records the interrupted cluster with status %q, expected tainted", instances[0].Status)
	}

	server.SetCreateDelay(time.Millisecond)
	if err := ws.Destroy().Err(); err != nil {
		t.Fatal(err)
	}
	expectNoLiveClusters(t, server)
}

// TestAccServerlessClusterInterruptedCreateRequest sends SIGINT while the response to a
// createServerless request that the service has carried out is still on its way. The cluster
// exists, and the lookup by name after the interrupt finds it, so the state must record it,
// tainted and without the password that only the lost response contained.
func TestAccServerlessClusterInterruptedCreateRequest(t *testing.T) {
	server := startTestMock(t, fastMockOptions())
	server.InjectFault(mock.Fault{Endpoint: mock.EndpointCreate, Kind: mock.FaultSlow, Delay: time.Minute, AfterProcessing: true})
	ws := newMockWorkspace(t, server)
	ws.WriteFile("main.tf", testcli.RequiredProviders+interruptConfig)

	apply := ws.Start("apply", "-auto-approve", "-input=false", "-no-color")
	clusterID := waitForLiveCluster(t, server)
	result := interrupt(t, apply)

	if result.ExitCode == 0 {
		t.Errorf("interrupted apply exited with status 0, expected a failure:\n%s", result.Output())
	}
	instances := stateInstances(t, ws)
	var recorded []string
	for _, instance := range instances {
		recorded = append(recorded, instance.Attributes.ID)
	}
	if len(recorded) != 1 || recorded[0] != clusterID {
		t.Fatalf("state records clusters %v after the interrupt, expected [%s]: the interrupted request "+
			"created that cluster, which is now orphaned", recorded, clusterID)
	}
	if instances[0].Status != "tainted" {
		t.Errorf("state records the interrupted cluster with status %q, expected tainted", instances[0].Status)
	}
	if instances[0].Attributes.Password != nil {
		t.Error("state records a password for the cluster whose create response was lost, expected null")
	}
	if !strings.Contains(result.Stdout, passwordNotReceivedSummary) {
		t.Errorf("interrupted apply does not warn that the password was not received:\n%s", result.Output())
	}

	if err := ws.Destroy().Err(); err != nil {
		t.Fatal(err)
	}
}

// newMockWorkspace returns a CLI workspace whose provider is configured by the environment to
// use server.
func newMockWorkspace(t *testing.T, server *testMock) *testcli.Workspace {
	t.Helper()

	return testcli.New(t, map[string]string{
		envEndpoint:   server.URL,
		envAPIKey:     server.APIKey(),
		envMaxRetries: "4",
	})
}

// interrupt sends SIGINT to a running command and waits for it to exit, failing the test when
// it takes longer than interruptExitBound.
func interrupt(t *testing.T, process *testcli.Process) testcli.Result {
	t.Helper()

	interrupted := time.Now()
	if err := process.Interrupt(); err != nil {
		t.Fatal(err)
	}
	result, err := process.Wait(interruptExitBound)
	if err != nil {
		t.Fatalf("%v\n%s", err, result.Output())
	}
	t.Logf("terraform %s exited %s after SIGINT", result.Args[0], time.Since(interrupted).Round(time.Millisecond))
	return result
}

// waitForLiveCluster polls the mock until it has a live cluster and returns its ID.
func waitForLiveCluster(t *testing.T, server *testMock) string {
	t.Helper()

	return pollMock(t, "live cluster", func() string {
		if live := server.LiveClusters(); len(live) > 0 {
			return live[0].ClusterID
		}
		return ""
	})
}

// waitForDescribedCluster polls the mock until a cluster has been described at least once and
// returns its ID.
func waitForDescribedCluster(t *testing.T, server *testMock) string {
	t.Helper()

	return pollMock(t, "described cluster", func() string {
		for _, cluster := range server.Stats().Clusters {
			if cluster.DescribeCount > 0 {
				return cluster.ClusterID
			}
		}
		return ""
	})
}

// pollMock calls find every 50 ms until it returns a non-empty ID, for at most a minute, which
// is far longer than a plan and a create take.
func pollMock(t *testing.T, what string, find func() string) string {
	t.Helper()

	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if id := find(); id != "" {
			return id
		}
	}
	t.Fatalf("a minute after apply started, the mock still has no %s", what)
	return ""
}

// stateInstance is an instance of a zilliz_serverless_cluster in the state file.
type stateInstance struct {
	Status     string `json:"status"`
	Attributes struct {
		ID       string  `json:"id"`
		Password *string `json:"password"`
	} `json:"attributes"`
}

// stateInstances returns the zilliz_serverless_cluster instances that terraform state pull
// prints. A workspace without state has none.
func stateInstances(t *testing.T, ws *testcli.Workspace) []stateInstance {
	t.Helper()

	raw := ws.StatePull()
	if len(strings.TrimSpace(string(raw))) == 0 {
		return nil
	}

	var state struct {
		Resources []struct {
			Type      string          `json:"type"`
			Instances []stateInstance `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatalf("terraform state pull printed no JSON state: %v", err)
	}

	var instances []stateInstance
	for _, r := range state.Resources {
		if r.Type == "zilliz_serverless_cluster" {
			instances = append(instances, r.Instances...)
		}
	}
	return instances
}
