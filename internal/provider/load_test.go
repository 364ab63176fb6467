package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
	"github.com/vectorops/terraform-provider-zilliz/internal/testcli"
)

const (
	loadClusters    = 50
	loadParallelism = 10

	// loadRateLimit is the mock's limit in requests per second. Ten resources polling in
	// parallel exceed it, so the test shows that 429 responses are absorbed by retries.
	loadRateLimit = 20
)

// TestAccServerlessClusterLoad applies and destroys 50 clusters with -parallelism=10 against a
// mock limited to 20 requests per second. Every cluster must be created exactly once, with no
// response of code 80010 (duplicate name), and destroy must remove all of them.
func TestAccServerlessClusterLoad(t *testing.T) {
	server := startTestMock(t, mock.Options{
		CreateDelay: time.Second,
		DeleteDelay: 300 * time.Millisecond,
		RateLimit:   loadRateLimit,
	})
	// The provider runs with its default max_retries.
	ws := testcli.New(t, map[string]string{envEndpoint: server.URL, envAPIKey: server.APIKey()})
	ws.WriteFile("main.tf", testcli.RequiredProviders+fmt.Sprintf(`
resource "zilliz_serverless_cluster" "load" {
  count        = %d
  cluster_name = "load-${count.index}"
  project_id   = %q
}
`, loadClusters, testProjectID))
	parallelism := fmt.Sprintf("-parallelism=%d", loadParallelism)

	apply := ws.Apply(parallelism)
	if err := apply.Err(); err != nil {
		t.Fatal(err)
	}
	afterApply := server.Stats()
	logTraffic(t, "apply", apply.Duration, mock.Stats{Requests: map[string]int{}}, afterApply)

	expectEachClusterOnce(t, server)
	if live := len(server.LiveClusters()); live != loadClusters {
		t.Errorf("mock has %d live clusters after apply, expected %d", live, loadClusters)
	}
	if err := compareLiveClusters(server, clusterIDsInState(ws.ShowState().Values)); err != nil {
		t.Error(err)
	}

	destroy := ws.Destroy(parallelism)
	if err := destroy.Err(); err != nil {
		t.Fatal(err)
	}
	logTraffic(t, "destroy", destroy.Duration, afterApply, server.Stats())

	if dropped := countResponses(server, mock.EndpointDrop, mock.CodeSuccess); dropped != loadClusters {
		t.Errorf("the mock accepted %d drops, expected %d", dropped, loadClusters)
	}
	expectNoLiveClusters(t, server)
}

// expectEachClusterOnce checks the request log after apply: exactly one successful create per
// cluster name, and no create whose response had code 80010 (duplicate name).
func expectEachClusterOnce(t *testing.T, server *testMock) {
	t.Helper()

	if created := countResponses(server, mock.EndpointCreate, mock.CodeSuccess); created != loadClusters {
		t.Errorf("the mock created %d clusters, expected %d", created, loadClusters)
	}
	if duplicates := countResponses(server, mock.EndpointCreate, mock.CodeDuplicateClusterName); duplicates != 0 {
		t.Errorf("%d creates got code 80010 (duplicate name), expected none", duplicates)
	}

	var names []string
	for _, cluster := range server.Stats().Clusters {
		names = append(names, cluster.ClusterName)
	}
	for i := range loadClusters {
		name := fmt.Sprintf("load-%d", i)
		if count := countOf(names, name); count != 1 {
			t.Errorf("the mock stored %d clusters named %s, expected 1", count, name)
		}
	}
}

func countOf(values []string, value string) int {
	count := 0
	for _, v := range values {
		if v == value {
			count++
		}
	}
	return count
}

// logTraffic logs the duration of a command and the requests that the mock received during it,
// from the difference between the mock's statistics before and after.
func logTraffic(t *testing.T, command string, duration time.Duration, before, after mock.Stats) {
	t.Helper()

	endpoints := make([]string, 0, len(after.Requests))
	for endpoint := range after.Requests {
		endpoints = append(endpoints, endpoint)
	}
	slices.Sort(endpoints)

	var counts []string
	for _, endpoint := range endpoints {
		if sent := after.Requests[endpoint] - before.Requests[endpoint]; sent > 0 {
			counts = append(counts, fmt.Sprintf("%s %d", endpoint, sent))
		}
	}
	t.Logf("terraform %s took %s; requests (including those answered 429): %s; HTTP 429 answers: %d",
		command, duration.Round(time.Millisecond), strings.Join(counts, ", "), after.TooManyRequests-before.TooManyRequests)
}
