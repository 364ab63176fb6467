package mock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// TestConcurrentRequests runs a mix of API calls and Go methods from several goroutines, for
// the race detector. Goroutines report with t.Errorf, because t.Fatal must stay on the test's
// own goroutine.
func TestConcurrentRequests(t *testing.T) {
	ts := newTestServer(t, Options{})
	const workers, perWorker = 8, 5
	authorization := "Bearer " + ts.APIKey()

	var wg sync.WaitGroup
	ids := make(chan string, workers*perWorker)
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				body := createBody("Serverless", fmt.Sprintf("w%d-c%d", w, i), defaultProjectID)
				resp, err := ts.tryCall(http.MethodPost, createPath, body, authorization)
				if err != nil || resp.code != CodeSuccess {
					t.Errorf("create: %v, code %d", err, resp.code)
					return
				}
				var created createServerlessData
				if err := json.Unmarshal(resp.data, &created); err != nil {
					t.Errorf("decoding create data: %v", err)
					return
				}
				ids <- created.ClusterID

				for _, path := range []string{"/v1/clusters/" + created.ClusterID, "/v1/clusters?pageSize=100",
					"/v1/projects", "/v1/clouds"} {
					if _, err := ts.tryCall(http.MethodGet, path, "", authorization); err != nil {
						t.Error(err)
					}
				}
				ts.Stats()
				ts.Requests()
				ts.LiveClusters()
				ts.InjectFault(Fault{Endpoint: EndpointClouds, Kind: FaultEmptyBody})
			}
		})
	}
	wg.Wait()
	close(ids)

	seen := make(map[string]bool)
	for id := range ids {
		if seen[id] {
			t.Errorf("cluster ID %s was given twice", id)
		}
		seen[id] = true
	}
	if got := len(ts.LiveClusters()); got != workers*perWorker {
		t.Errorf("%d live clusters, want %d", got, workers*perWorker)
	}
	if got := ts.CountRequests(EndpointCreate); got != workers*perWorker {
		t.Errorf("%d create requests logged, want %d", got, workers*perWorker)
	}
}

func TestConcurrentCreateSameName(t *testing.T) {
	ts := newTestServer(t, Options{})
	const attempts = 12
	authorization := "Bearer " + ts.APIKey()
	body := createBody("Serverless", "contested", defaultProjectID)

	var wg sync.WaitGroup
	codes := make(chan int, attempts)
	for range attempts {
		wg.Go(func() {
			resp, err := ts.tryCall(http.MethodPost, createPath, body, authorization)
			if err != nil {
				t.Error(err)
			}
			codes <- resp.code
		})
	}
	wg.Wait()
	close(codes)

	counts := make(map[int]int)
	for code := range codes {
		counts[code]++
	}
	if counts[CodeSuccess] != 1 {
		t.Errorf("%d creates succeeded, want exactly 1", counts[CodeSuccess])
	}
	if counts[CodeDuplicateClusterName] != attempts-1 {
		t.Errorf("%d creates got %d, want %d", counts[CodeDuplicateClusterName], CodeDuplicateClusterName,
			attempts-1)
	}
}
