package mock

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"
)

func mustParseURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestStatsEndpoint(t *testing.T) {
	ts := newTestServer(t, Options{CreateDelay: 30 * time.Second, RateLimit: 100})
	first := ts.create("stats-1").ClusterID
	second := ts.create("stats-2").ClusterID
	for range 3 {
		ts.call(http.MethodGet, "/v1/clusters/"+first, "")
	}
	ts.InjectFault(Fault{Endpoint: EndpointDescribe, Kind: FaultTooManyRequests})
	ts.call(http.MethodGet, "/v1/clusters/"+second, "")
	ts.clock.Advance(30 * time.Second)

	resp := ts.callWithAuthorization(http.MethodGet, "/_mock/stats", "", "")
	var stats Stats
	if err := json.Unmarshal(resp.body, &stats); err != nil {
		t.Fatalf("decoding %s: %v", resp.body, err)
	}

	if resp.status != http.StatusOK {
		t.Errorf("HTTP status = %d, want 200 without an API key", resp.status)
	}
	if stats.Requests[EndpointCreate] != 2 || stats.Requests[EndpointDescribe] != 4 {
		t.Errorf("requests = %v, want create 2 and describe 4", stats.Requests)
	}
	if _, present := stats.Requests[EndpointRegions]; !present {
		t.Errorf("requests = %v, want every endpoint listed", stats.Requests)
	}
	if stats.TooManyRequests != 1 {
		t.Errorf("tooManyRequests = %d, want 1", stats.TooManyRequests)
	}
	if len(stats.Clusters) != 2 {
		t.Fatalf("clusters = %+v, want 2", stats.Clusters)
	}
	if stats.Clusters[0].DescribeCount != 3 || stats.Clusters[1].DescribeCount != 1 {
		t.Errorf("describe counts = %d and %d, want 3 and 1",
			stats.Clusters[0].DescribeCount, stats.Clusters[1].DescribeCount)
	}
	for _, c := range stats.Clusters {
		if c.SecondsToRunning == nil || *c.SecondsToRunning != 30 {
			t.Errorf("%s: secondsToRunning = %v, want 30", c.ClusterID, c.SecondsToRunning)
		}
		if c.Status != StatusRunning {
			t.Errorf("%s: status = %s, want RUNNING", c.ClusterID, c.Status)
		}
	}
}

func TestStatsBeforeRunning(t *testing.T) {
	ts := newTestServer(t, Options{CreateDelay: time.Minute})
	ts.create("slow-start")

	resp := ts.callWithAuthorization(http.MethodGet, "/_mock/stats", "", "")

	var raw struct {
		Clusters []map[string]any `json:"clusters"`
	}
	if err := json.Unmarshal(resp.body, &raw); err != nil {
		t.Fatal(err)
	}
	value, present := raw.Clusters[0]["secondsToRunning"]
	if !present || value != nil {
		t.Errorf("secondsToRunning = %v (present %t), want null before RUNNING", value, present)
	}
}

func TestStatsDroppedBeforeRunning(t *testing.T) {
	ts := newTestServer(t, Options{CreateDelay: time.Minute})
	id := ts.create("never-ran").ClusterID
	ts.drop(id)
	ts.clock.Advance(time.Hour)

	stats := ts.Stats()

	if stats.Clusters[0].SecondsToRunning != nil {
		t.Errorf("secondsToRunning = %v, want nil for a cluster dropped while CREATING",
			*stats.Clusters[0].SecondsToRunning)
	}
}

func TestStatsNotLoggedOrLimited(t *testing.T) {
	ts := newTestServer(t, Options{RateLimit: 1})
	for range 5 {
		if got := ts.callWithAuthorization(http.MethodGet, "/_mock/stats", "", "").status; got != http.StatusOK {
			t.Fatalf("stats: HTTP %d, want 200", got)
		}
	}

	if got := len(ts.Requests()); got != 0 {
		t.Errorf("request log has %d entries, want 0", got)
	}
	if got := ts.call(http.MethodGet, "/v1/clouds", "").status; got != http.StatusOK {
		t.Errorf("first API request: HTTP %d, want 200 because stats used no token", got)
	}
}

func TestMockPathErrors(t *testing.T) {
	ts := newTestServer(t, Options{})

	unknown := ts.callWithAuthorization(http.MethodGet, "/_mock/nothing", "", "")
	wrongMethod := ts.callWithAuthorization(http.MethodPost, "/_mock/stats", "", "")

	if unknown.status != http.StatusNotFound || !json.Valid(unknown.body) {
		t.Errorf("unknown mock path: HTTP %d, body %s, want 404 with JSON", unknown.status, unknown.body)
	}
	if wrongMethod.status != http.StatusMethodNotAllowed {
		t.Errorf("POST stats: HTTP %d, want 405", wrongMethod.status)
	}
}
