package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

func TestDiffStatsCountsTrafficBetweenSnapshots(t *testing.T) {
	// The clock is frozen, so the rate limit's single token never refills.
	frozen := time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	server := mock.New(mock.Options{RateLimit: 1, Now: func() time.Time { return frozen }})
	httpServer := httptest.NewServer(server)
	defer httpServer.Close()
	bench := &mockServer{endpoint: httpServer.URL, client: httpServer.Client()}
	existing := server.AddCluster(mock.ClusterSpec{Name: "existing"})

	before, err := bench.stats(context.Background())
	if err != nil {
		t.Fatalf("stats before: %v", err)
	}
	added := server.AddCluster(mock.ClusterSpec{Name: "added"})
	describe(t, httpServer, server.APIKey(), added)
	describe(t, httpServer, server.APIKey(), added) // rejected with 429
	after, err := bench.stats(context.Background())
	if err != nil {
		t.Fatalf("stats after: %v", err)
	}

	delta := diffStats(before, after)
	if got := delta.requests[mock.EndpointDescribe]; got != 2 {
		t.Errorf("describe requests = %d, want 2", got)
	}
	if got := delta.total(); got != 2 {
		t.Errorf("total requests = %d, want 2", got)
	}
	if delta.tooManyRequests != 1 {
		t.Errorf("429 responses = %d, want 1", delta.tooManyRequests)
	}
	if got := delta.accepted(); got != 1 {
		t.Errorf("accepted requests = %d, want 1", got)
	}
	if got := delta.describes[added]; got != 2 {
		t.Errorf("describes of the added cluster = %d, want 2", got)
	}
	if got := delta.describes[existing]; got != 0 {
		t.Errorf("describes of the existing cluster = %d, want 0", got)
	}
	if len(delta.newClusters) != 1 || delta.newClusters[0].ClusterID != added {
		t.Errorf("new clusters = %+v, want only %s", delta.newClusters, added)
	}
}

func describe(t *testing.T, server *httptest.Server, apiKey, clusterID string) {
	t.Helper()
	request, err := http.NewRequestWithContext(context.Background(), http.MethodGet,
		server.URL+"/v1/clusters/"+clusterID, nil)
	if err != nil {
		t.Fatal(err)
	}
	request.Header.Set("Authorization", "Bearer "+apiKey)
	response, err := server.Client().Do(request)
	if err != nil {
		t.Fatalf("describe %s: %v", clusterID, err)
	}
	response.Body.Close()
}

func TestStatsReportsHTTPError(t *testing.T) {
	httpServer := httptest.NewServer(http.NotFoundHandler())
	defer httpServer.Close()
	bench := &mockServer{endpoint: httpServer.URL, client: httpServer.Client()}

	if _, err := bench.stats(context.Background()); err == nil {
		t.Error("stats from a server without /_mock/stats returned no error")
	}
}

func TestUserVisible429(t *testing.T) {
	cases := []struct {
		output string
		want   bool
	}{
		{"Error: Create Serverless Cluster Failed ... HTTP 429", true},
		{"too many requests: the limit is 20 requests per second", true},
		{"429 Too Many Requests", true},
		{"zilliz_serverless_cluster.bench[0]: Creation complete after 4m29s [id=inxx-a429bc]", false},
		{"Apply complete! Resources: 100 added, 0 changed, 0 destroyed.", false},
		{"id=inxx-q1w2e3r4t5y6429", false},
	}
	for _, c := range cases {
		m := measurement{commandResult: commandResult{output: []byte(c.output)}}
		if got := m.userSaw429(); got != c.want {
			t.Errorf("userSaw429(%q) = %t, want %t", c.output, got, c.want)
		}
	}
}

func TestCommandResultSucceeded(t *testing.T) {
	cases := []struct {
		name    string
		result  commandResult
		okCodes []int
		want    bool
	}{
		{"exit 0", commandResult{exitCode: 0}, nil, true},
		{"exit 1", commandResult{exitCode: 1}, nil, false},
		{"exit 2 allowed", commandResult{exitCode: 2}, []int{refreshChangesExitCode}, true},
		{"exit 2 not allowed", commandResult{exitCode: 2}, nil, false},
		{"not run", commandResult{exitCode: -1, runErr: context.DeadlineExceeded}, []int{2}, false},
	}
	for _, c := range cases {
		if got := c.result.succeeded(c.okCodes...); got != c.want {
			t.Errorf("%s: succeeded = %t, want %t", c.name, got, c.want)
		}
	}
}
