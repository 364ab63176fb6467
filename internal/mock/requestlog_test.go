package mock

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestRequestLogEntries(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.create("logged").ClusterID
	ts.clock.Advance(time.Second)
	ts.call(http.MethodGet, "/v1/clusters?pageSize=5&current=1", "")
	ts.call(http.MethodGet, "/v1/clusters/"+id, "")
	ts.call(http.MethodGet, "/v1/unknown", "")
	ts.callWithAuthorization(http.MethodGet, "/v1/clouds", "", "Bearer wrong")

	log := ts.Requests()

	start := newTestClock().Now()
	want := []Request{
		{Method: "POST", Path: createPath, Endpoint: EndpointCreate, Status: 200, Code: 200, Time: start},
		{Method: "GET", Path: "/v1/clusters", RawQuery: "pageSize=5&current=1", Endpoint: EndpointList,
			Status: 200, Code: 200, Time: start.Add(time.Second)},
		{Method: "GET", Path: "/v1/clusters/" + id, Endpoint: EndpointDescribe, Status: 200, Code: 200,
			Time: start.Add(time.Second)},
		{Method: "GET", Path: "/v1/unknown", Status: 404, Code: 404, Time: start.Add(time.Second)},
		{Method: "GET", Path: "/v1/clouds", Endpoint: EndpointClouds, Status: 401, Code: CodeInvalidToken,
			Time: start.Add(time.Second)},
	}
	if len(log) != len(want) {
		t.Fatalf("log has %d entries, want %d: %+v", len(log), len(want), log)
	}
	for i := range want {
		if log[i] != want[i] {
			t.Errorf("entry %d = %+v, want %+v", i, log[i], want[i])
		}
	}
}

func TestRequestLogBusinessErrorCode(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.call(http.MethodPost, createPath, createBody("Serverless", "bad_name", defaultProjectID))

	log := ts.Requests()

	if len(log) != 1 || log[0].Status != 200 || log[0].Code != CodeInvalidClusterName {
		t.Errorf("log = %+v, want HTTP 200 with code %d", log, CodeInvalidClusterName)
	}
}

func TestRequestLogFaultEntries(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.InjectFault(Fault{Endpoint: EndpointClouds, Kind: FaultGatewayTimeout})
	ts.InjectFault(Fault{Endpoint: EndpointClouds, Kind: FaultTooManyRequests})
	ts.InjectFault(Fault{Endpoint: EndpointClouds, Kind: FaultStringCode})
	ts.InjectFault(Fault{Endpoint: EndpointClouds, Kind: FaultHugeBody})
	for range 4 {
		ts.call(http.MethodGet, "/v1/clouds", "")
	}

	log := ts.Requests()

	want := []struct {
		fault  FaultKind
		status int
		code   int
	}{
		{FaultGatewayTimeout, 504, 0},
		{FaultTooManyRequests, 429, 429},
		{FaultStringCode, 200, 0},
		{FaultHugeBody, 200, 200},
	}
	if len(log) != len(want) {
		t.Fatalf("log has %d entries, want %d", len(log), len(want))
	}
	for i, w := range want {
		if log[i].Fault != w.fault || log[i].Status != w.status || log[i].Code != w.code {
			t.Errorf("entry %d = fault %q, HTTP %d, code %d; want %q, %d, %d",
				i, log[i].Fault, log[i].Status, log[i].Code, w.fault, w.status, w.code)
		}
	}
}

func TestRequestLogHasNoSecrets(t *testing.T) {
	var logged strings.Builder
	ts := newTestServer(t, Options{Logf: func(format string, args ...any) {
		fmt.Fprintf(&logged, format+"\n", args...)
	}})
	created := ts.create("secretive")
	ts.callWithAuthorization(http.MethodGet, "/v1/clouds", "", "Bearer not-"+ts.APIKey())

	entries := fmt.Sprintf("%+v", ts.Requests())

	for name, secret := range map[string]string{"API key": ts.APIKey(), "password": created.Password} {
		if strings.Contains(entries, secret) {
			t.Errorf("request log contains the %s", name)
		}
		if strings.Contains(logged.String(), secret) {
			t.Errorf("Logf output contains the %s", name)
		}
	}
	if !strings.Contains(logged.String(), createPath) {
		t.Errorf("Logf output = %q, want a line per request", logged.String())
	}
}

func TestCountAndResetRequests(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.create("counted").ClusterID
	for range 3 {
		ts.call(http.MethodGet, "/v1/clusters/"+id, "")
	}

	if got := ts.CountRequests(EndpointDescribe); got != 3 {
		t.Errorf("CountRequests(describe) = %d, want 3", got)
	}
	if got := ts.CountRequests(EndpointCreate); got != 1 {
		t.Errorf("CountRequests(create) = %d, want 1", got)
	}
	ts.ResetRequests()
	if got := len(ts.Requests()); got != 0 {
		t.Errorf("%d entries after ResetRequests, want 0", got)
	}
	if got := ts.Stats().Requests[EndpointDescribe]; got != 3 {
		t.Errorf("Stats describe count after ResetRequests = %d, want 3", got)
	}
}

func TestRequestLogReturnsCopy(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.call(http.MethodGet, "/v1/clouds", "")

	log := ts.Requests()
	log[0].Path = "/changed"

	if got := ts.Requests()[0].Path; got != "/v1/clouds" {
		t.Errorf("stored path = %q after changing the returned copy", got)
	}
}

func TestRequestLogBounded(t *testing.T) {
	srv := New(Options{})
	ex := &exchange{r: &http.Request{Method: http.MethodGet, URL: mustParseURL(t, "/v1/clouds")}}
	for range maxLoggedRequests + 10 {
		srv.record(ex, http.StatusOK, CodeSuccess)
	}

	if got := len(srv.Requests()); got != maxLoggedRequests {
		t.Errorf("log has %d entries, want the bound %d", got, maxLoggedRequests)
	}
}
