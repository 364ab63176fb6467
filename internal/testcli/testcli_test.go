package testcli_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
	"github.com/vectorops/terraform-provider-zilliz/internal/testcli"
)

func TestMain(m *testing.M) { testcli.Main(m) }

// startMock starts a mock of the Zilliz Cloud API on 127.0.0.1 for one test.
func startMock(t *testing.T, createDelay time.Duration) (*mock.Server, string) {
	t.Helper()

	server := mock.New(mock.Options{CreateDelay: createDelay, DeleteDelay: time.Millisecond})
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	return server, httpServer.URL
}

// mockEnv is the environment that points the provider at a mock.
func mockEnv(server *mock.Server, url string) map[string]string {
	return map[string]string{"ZILLIZ_ENDPOINT": url, "ZILLIZ_API_KEY": server.APIKey()}
}

const clusterConfig = testcli.RequiredProviders + `
resource "zilliz_serverless_cluster" "cli" {
  cluster_name = "testcli"
  project_id   = "proj-4d2a9c61f0b7e83a5c1d92"
}
`

func TestAccWorkspaceApplyDestroy(t *testing.T) {
	server, url := startMock(t, time.Millisecond)
	ws := testcli.New(t, mockEnv(server, url))
	ws.WriteFile("main.tf", clusterConfig)

	if err := ws.Apply().Err(); err != nil {
		t.Fatal(err)
	}
	live := server.LiveClusters()
	if len(live) != 1 {
		t.Fatalf("mock has %d live clusters after apply, expected 1", len(live))
	}

	state := ws.ShowState()
	if state.Values == nil || len(state.Values.RootModule.Resources) != 1 {
		t.Fatalf("terraform show -json lists no single resource: %+v", state.Values)
	}
	if id := state.Values.RootModule.Resources[0].AttributeValues["id"]; id != live[0].ClusterID {
		t.Errorf("terraform show -json has id %v, expected %s", id, live[0].ClusterID)
	}

	var pulled struct {
		Resources []struct {
			Type string `json:"type"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(ws.StatePull(), &pulled); err != nil {
		t.Fatalf("terraform state pull printed no JSON state: %v", err)
	}
	if len(pulled.Resources) != 1 || pulled.Resources[0].Type != "zilliz_serverless_cluster" {
		t.Errorf("terraform state pull lists %+v, expected one zilliz_serverless_cluster", pulled.Resources)
	}

	plan := ws.Plan("-detailed-exitcode")
	if plan.ExitCode != 0 {
		t.Errorf("plan after apply exited with %d, expected 0 (no changes):\n%s", plan.ExitCode, plan.Output())
	}

	if err := ws.Destroy().Err(); err != nil {
		t.Fatal(err)
	}
	if live := len(server.LiveClusters()); live != 0 {
		t.Errorf("mock has %d live clusters after destroy, expected 0", live)
	}
}

func TestAccWorkspaceEnvironmentFiltered(t *testing.T) {
	server, url := startMock(t, time.Millisecond)
	// Settings of the test process's environment must not reach the commands.
	t.Setenv("ZILLIZ_ENDPOINT", url)
	t.Setenv("ZILLIZ_API_KEY", server.APIKey())
	ws := testcli.New(t, map[string]string{"ZILLIZ_ENDPOINT": url})
	ws.WriteFile("main.tf", clusterConfig)

	plan := ws.Plan()
	if plan.ExitCode == 0 {
		t.Fatalf("plan without ZILLIZ_API_KEY in the workspace succeeded:\n%s", plan.Output())
	}
	if !strings.Contains(plan.Output(), "Missing API Key") {
		t.Errorf("plan output does not report the missing API key:\n%s", plan.Output())
	}
}

func TestAccWorkspaceLocalModule(t *testing.T) {
	server, url := startMock(t, time.Millisecond)
	ws := testcli.New(t, mockEnv(server, url))
	ws.WriteFile("modules/cluster/main.tf", testcli.RequiredProviders+`
variable "name" { type = string }

resource "zilliz_serverless_cluster" "this" {
  cluster_name = var.name
  project_id   = "proj-4d2a9c61f0b7e83a5c1d92"
}
`)
	ws.WriteFile("main.tf", `
module "one" {
  source = "./modules/cluster"
  name   = "testcli-module"
}
`)

	// init installs the module from disk and the provider from the mirror, with no download.
	if err := ws.Run("init", "-backend=false", "-input=false", "-no-color").Err(); err != nil {
		t.Fatal(err)
	}
	if err := ws.Run("validate", "-no-color").Err(); err != nil {
		t.Fatal(err)
	}
	if err := ws.Plan().Err(); err != nil {
		t.Fatal(err)
	}
	if requests := len(server.Requests()); requests != 0 {
		t.Errorf("init, validate and plan sent %d API requests, expected none", requests)
	}
}

func TestAccProcessWaitTimeoutKills(t *testing.T) {
	// Clusters of this mock never become RUNNING during the test, so apply keeps waiting.
	server, url := startMock(t, time.Hour)
	ws := testcli.New(t, mockEnv(server, url))
	ws.WriteFile("main.tf", clusterConfig)

	process := ws.Start("apply", "-auto-approve", "-input=false", "-no-color")
	waitForLiveCluster(t, server)

	result, err := process.Wait(10 * time.Millisecond)
	if err == nil {
		t.Fatalf("Wait returned no error although apply waits for an hour:\n%s", result.Output())
	}
	if result.ExitCode != -1 {
		t.Errorf("killed apply has exit code %d, expected -1", result.ExitCode)
	}
	if !strings.Contains(err.Error(), "killed") {
		t.Errorf("Wait error %q does not say that the command was killed", err)
	}
}

// waitForLiveCluster polls the mock until it has a live cluster, for at most a minute.
func waitForLiveCluster(t *testing.T, server *mock.Server) {
	t.Helper()

	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
		if len(server.LiveClusters()) > 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the mock has no live cluster a minute after apply started")
}

func TestResultErr(t *testing.T) {
	failed := testcli.Result{Args: []string{"plan", "-no-color"}, Stdout: "out\n", Stderr: "Error: boom\n", ExitCode: 1}
	tests := map[string]struct {
		result   testcli.Result
		expected []string
	}{
		"success": {result: testcli.Result{Args: []string{"plan"}}},
		"failure": {result: failed, expected: []string{"terraform plan -no-color", "status 1", "out", "Error: boom"}},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			err := test.result.Err()
			if (err != nil) != (len(test.expected) > 0) {
				t.Fatalf("Err() = %v for exit code %d", err, test.result.ExitCode)
			}
			for _, part := range test.expected {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("Err() = %q, which does not contain %q", err, part)
				}
			}
		})
	}
}
