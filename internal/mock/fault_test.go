package mock

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
)

// send sends a request on a fresh connection and returns the raw response or the transport
// error. A fresh connection keeps net/http from replaying a GET after a reset, which it does
// on reused connections.
func (ts *testServer) send(ctx context.Context, method, path, body string) (*http.Response, []byte, error) {
	ts.t.Helper()

	var reader io.Reader
	if body != "" {
		reader = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, ts.http.URL+path, reader)
	if err != nil {
		ts.t.Fatalf("building %s %s: %v", method, path, err)
	}
	req.Header.Set("Authorization", "Bearer "+ts.APIKey())

	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return resp, raw, err
}

func (ts *testServer) sendCreate(name string) (*http.Response, []byte, error) {
	ts.t.Helper()
	return ts.send(context.Background(), http.MethodPost, createPath, createBody("Serverless", name, defaultProjectID))
}

func TestFaultTooManyRequests(t *testing.T) {
	httpDate := "Wed, 21 Oct 2015 07:28:00 GMT"
	for _, retryAfter := range []string{"1", httpDate, ""} {
		t.Run("retry-after "+retryAfter, func(t *testing.T) {
			ts := newTestServer(t, Options{})
			ts.InjectFault(Fault{Endpoint: EndpointCreate, Kind: FaultTooManyRequests, RetryAfter: retryAfter})

			resp, body, err := ts.sendCreate("throttled")
			if err != nil {
				t.Fatal(err)
			}

			if resp.StatusCode != http.StatusTooManyRequests {
				t.Errorf("HTTP status = %d, want 429", resp.StatusCode)
			}
			if got := resp.Header.Get("Retry-After"); got != retryAfter {
				t.Errorf("Retry-After = %q, want %q", got, retryAfter)
			}
			if !strings.Contains(string(body), `"code":429`) {
				t.Errorf("body = %s, want code 429", body)
			}
			if n := len(ts.LiveClusters()); n != 0 {
				t.Errorf("%d clusters created, want 0", n)
			}
		})
	}
}

func TestFaultTimesThenNormal(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.InjectFault(Fault{Endpoint: EndpointCreate, Kind: FaultTooManyRequests, Times: 2})

	var statuses []int
	for range 3 {
		resp, _, err := ts.sendCreate("after-two")
		if err != nil {
			t.Fatal(err)
		}
		statuses = append(statuses, resp.StatusCode)
	}

	want := []int{429, 429, 200}
	for i := range want {
		if statuses[i] != want[i] {
			t.Errorf("request %d: HTTP %d, want %d", i+1, statuses[i], want[i])
		}
	}
	if n := len(ts.LiveClusters()); n != 1 {
		t.Errorf("%d clusters created, want 1", n)
	}
}

func TestFaultQueueOrderPerEndpoint(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.create("ordered").ClusterID
	ts.InjectFault(Fault{Endpoint: EndpointDescribe, Kind: FaultServiceUnavailable})
	ts.InjectFault(Fault{Endpoint: EndpointDescribe, Kind: FaultBadGateway})

	list, _, _ := ts.send(context.Background(), http.MethodGet, "/v1/clusters", "")
	first, _, _ := ts.send(context.Background(), http.MethodGet, "/v1/clusters/"+id, "")
	second, _, _ := ts.send(context.Background(), http.MethodGet, "/v1/clusters/"+id, "")
	third, _, _ := ts.send(context.Background(), http.MethodGet, "/v1/clusters/"+id, "")

	if list.StatusCode != http.StatusOK {
		t.Errorf("list: HTTP %d, want 200 because the faults are for describe", list.StatusCode)
	}
	if first.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("first describe: HTTP %d, want 503", first.StatusCode)
	}
	if second.StatusCode != http.StatusBadGateway {
		t.Errorf("second describe: HTTP %d, want 502", second.StatusCode)
	}
	if third.StatusCode != http.StatusOK {
		t.Errorf("third describe: HTTP %d, want 200", third.StatusCode)
	}
}

func TestFaultServiceUnavailable(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.InjectFault(Fault{Endpoint: EndpointCreate, Kind: FaultServiceUnavailable, RetryAfter: "3"})

	resp, body, err := ts.sendCreate("unavailable")
	if err != nil {
		t.Fatal(err)
	}

	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("HTTP status = %d, want 503", resp.StatusCode)
	}
	if got := resp.Header.Get("Retry-After"); got != "3" {
		t.Errorf("Retry-After = %q, want 3", got)
	}
	if !json.Valid(body) {
		t.Errorf("body is not JSON: %s", body)
	}
	if n := len(ts.LiveClusters()); n != 0 {
		t.Errorf("%d clusters created, want 0", n)
	}
}

func TestFaultHTMLErrors(t *testing.T) {
	cases := []struct {
		kind   FaultKind
		status int
	}{
		{FaultInternalServerError, http.StatusInternalServerError},
		{FaultBadGateway, http.StatusBadGateway},
		{FaultGatewayTimeout, http.StatusGatewayTimeout},
	}
	for _, tc := range cases {
		t.Run(string(tc.kind), func(t *testing.T) {
			ts := newTestServer(t, Options{})
			ts.InjectFault(Fault{Endpoint: EndpointCreate, Kind: tc.kind})

			resp, body, err := ts.sendCreate("html-error")
			if err != nil {
				t.Fatal(err)
			}

			if resp.StatusCode != tc.status {
				t.Errorf("HTTP status = %d, want %d", resp.StatusCode, tc.status)
			}
			if got := resp.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/html") {
				t.Errorf("Content-Type = %q, want text/html", got)
			}
			if !strings.HasPrefix(string(body), "<!DOCTYPE html>") {
				t.Errorf("body = %q, want an HTML page", body)
			}
			if n := len(ts.LiveClusters()); n != 0 {
				t.Errorf("%d clusters created, want 0 without AfterProcessing", n)
			}
		})
	}
}

func TestFaultAfterProcessingCreates(t *testing.T) {
	kinds := []FaultKind{FaultInternalServerError, FaultBadGateway, FaultGatewayTimeout,
		FaultServiceUnavailable, FaultTooManyRequests, FaultMalformedJSON, FaultEmptyBody}
	for _, kind := range kinds {
		t.Run(string(kind), func(t *testing.T) {
			ts := newTestServer(t, Options{})
			ts.InjectFault(Fault{Endpoint: EndpointCreate, Kind: kind, AfterProcessing: true})

			resp, body, err := ts.sendCreate("acted-on")
			if err != nil {
				t.Fatal(err)
			}

			if strings.Contains(string(body), "inxx-") {
				t.Errorf("HTTP %d body reveals the cluster: %s", resp.StatusCode, body)
			}
			live := ts.LiveClusters()
			if len(live) != 1 || live[0].ClusterName != "acted-on" {
				t.Errorf("clusters = %+v, want the one created before the fault", live)
			}
		})
	}
}

func TestFaultResetBefore(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.InjectFault(Fault{Endpoint: EndpointCreate, Kind: FaultResetBefore})

	_, _, err := ts.sendCreate("never-made")

	if !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("error = %v, want connection reset", err)
	}
	if n := len(ts.LiveClusters()); n != 0 {
		t.Errorf("%d clusters created, want 0", n)
	}
	log := ts.Requests()
	if len(log) != 1 || log[0].Status != 0 || log[0].Fault != FaultResetBefore {
		t.Errorf("request log = %+v, want one entry with status 0 and the fault", log)
	}
}

func TestFaultResetAfter(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.InjectFault(Fault{Endpoint: EndpointCreate, Kind: FaultResetAfter})

	_, _, err := ts.sendCreate("made-anyway")

	if !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("error = %v, want connection reset", err)
	}
	live := ts.LiveClusters()
	if len(live) != 1 || live[0].ClusterName != "made-anyway" {
		t.Errorf("clusters = %+v, want the one created before the reset", live)
	}
}

func TestFaultResetAfterDrop(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.create("dropped-silently").ClusterID
	ts.InjectFault(Fault{Endpoint: EndpointDrop, Kind: FaultResetAfter})

	_, _, err := ts.send(context.Background(), http.MethodDelete, "/v1/clusters/"+id+"/drop", "")

	if err == nil {
		t.Error("drop returned a response, want a reset connection")
	}
	if cluster, _ := ts.Cluster(id); cluster.Status != StatusDeleted {
		t.Errorf("status = %s, want DELETED", cluster.Status)
	}
}

func TestFaultSlowAnswersNormally(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.InjectFault(Fault{Endpoint: EndpointProjects, Kind: FaultSlow, Delay: 20 * time.Millisecond})

	resp, body, err := ts.send(context.Background(), http.MethodGet, "/v1/projects", "")
	if err != nil {
		t.Fatal(err)
	}

	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), defaultProjectID) {
		t.Errorf("HTTP %d, body %s, want the normal project list", resp.StatusCode, body)
	}
}

// waitForLoggedRequests polls the request log until it has count entries. Polling is needed
// because the server records a request that the client gave up on only after the client left.
func (ts *testServer) waitForLoggedRequests(count int) []Request {
	ts.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if log := ts.Requests(); len(log) >= count {
			return log
		}
		time.Sleep(5 * time.Millisecond)
	}
	ts.t.Fatalf("the request log did not reach %d entries: %+v", count, ts.Requests())
	return nil
}

func TestFaultSlowHonorsContext(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.InjectFault(Fault{Endpoint: EndpointCreate, Kind: FaultSlow, Delay: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()

	_, _, err := ts.send(ctx, http.MethodPost, createPath, createBody("Free", "abandoned", defaultProjectID))

	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want the client's deadline", err)
	}
	log := ts.waitForLoggedRequests(1)
	if log[0].Status != 0 || log[0].Fault != FaultSlow {
		t.Errorf("log entry = %+v, want status 0 and fault slow", log[0])
	}
	if n := len(ts.LiveClusters()); n != 0 {
		t.Errorf("%d clusters created, want 0 because the client left during the wait", n)
	}
}

func TestFaultSlowAfterProcessing(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.InjectFault(Fault{Endpoint: EndpointCreate, Kind: FaultSlow, Delay: time.Hour, AfterProcessing: true})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()

	_, _, err := ts.send(ctx, http.MethodPost, createPath, createBody("Free", "timed-out", defaultProjectID))

	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want the client's deadline", err)
	}
	ts.waitForLoggedRequests(1)
	if n := len(ts.LiveClusters()); n != 1 {
		t.Errorf("%d clusters created, want 1 created before the wait", n)
	}
}

func TestFaultMalformedJSON(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.InjectFault(Fault{Endpoint: EndpointClouds, Kind: FaultMalformedJSON})

	resp, body, err := ts.send(context.Background(), http.MethodGet, "/v1/clouds", "")
	if err != nil {
		t.Fatal(err)
	}

	if resp.StatusCode != http.StatusOK {
		t.Errorf("HTTP status = %d, want 200", resp.StatusCode)
	}
	if len(body) == 0 || json.Valid(body) {
		t.Errorf("body = %q, want non-empty invalid JSON", body)
	}
}

func TestFaultTruncatedJSON(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.InjectFault(Fault{Endpoint: EndpointCreate, Kind: FaultTruncatedJSON})

	resp, body, err := ts.sendCreate("cut-short")
	if err != nil {
		t.Fatalf("error = %v, want a complete HTTP response with a cut body", err)
	}

	if resp.StatusCode != http.StatusOK {
		t.Errorf("HTTP status = %d, want 200", resp.StatusCode)
	}
	if json.Valid(body) {
		t.Errorf("body is valid JSON: %s", body)
	}
	if !strings.HasPrefix(string(body), `{"code":200,"data":{"clusterId":"inxx-`) {
		t.Errorf("body = %s, want the first half of a create response", body)
	}
	if resp.ContentLength != int64(len(body)) {
		t.Errorf("Content-Length = %d, body has %d bytes", resp.ContentLength, len(body))
	}
	if n := len(ts.LiveClusters()); n != 1 {
		t.Errorf("%d clusters created, want 1", n)
	}
}

func TestFaultStringCode(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.create("string-code").ClusterID
	ts.InjectFault(Fault{Endpoint: EndpointDescribe, Kind: FaultStringCode})

	_, body, err := ts.send(context.Background(), http.MethodGet, "/v1/clusters/"+id, "")
	if err != nil {
		t.Fatal(err)
	}

	var decoded struct {
		Code any     `json:"code"`
		Data Cluster `json:"data"`
	}
	if err := json.Unmarshal(body, &decoded); err != nil {
		t.Fatalf("body is not JSON: %s", body)
	}
	if decoded.Code != "200" {
		t.Errorf("code = %#v, want the string \"200\"", decoded.Code)
	}
	if decoded.Data.ClusterID != id {
		t.Errorf("data.clusterId = %q, want %q", decoded.Data.ClusterID, id)
	}
}

func TestFaultEmptyBody(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.InjectFault(Fault{Endpoint: EndpointList, Kind: FaultEmptyBody})

	resp, body, err := ts.send(context.Background(), http.MethodGet, "/v1/clusters", "")
	if err != nil {
		t.Fatal(err)
	}

	if resp.StatusCode != http.StatusOK {
		t.Errorf("HTTP status = %d, want 200", resp.StatusCode)
	}
	if len(body) != 0 {
		t.Errorf("body = %q, want empty", body)
	}
}

func TestFaultHugeBody(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.InjectFault(Fault{Endpoint: EndpointRegions, Kind: FaultHugeBody})

	resp, body, err := ts.send(context.Background(), http.MethodGet, "/v1/regions", "")
	if err != nil {
		t.Fatal(err)
	}

	if len(body) <= 10<<20 {
		t.Errorf("body has %d bytes, want more than 10 MiB", len(body))
	}
	if resp.ContentLength != int64(len(body)) {
		t.Errorf("Content-Length = %d, body has %d bytes", resp.ContentLength, len(body))
	}
	var decoded struct {
		Code int               `json:"code"`
		Data []cloudRegionData `json:"data"`
	}
	if err := json.Unmarshal(body, &decoded); err != nil {
		t.Fatalf("huge body is not valid JSON: %v", err)
	}
	if decoded.Code != CodeSuccess || len(decoded.Data) == 0 {
		t.Errorf("code %d with %d regions, want the normal response inside", decoded.Code, len(decoded.Data))
	}
}

func TestFaultNotConsumedByRejectedRequest(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.InjectFault(Fault{Endpoint: EndpointClouds, Kind: FaultBadGateway})

	unauthenticated := ts.callWithAuthorization(http.MethodGet, "/v1/clouds", "", "")
	authenticated := ts.call(http.MethodGet, "/v1/clouds", "")

	if unauthenticated.status != http.StatusUnauthorized {
		t.Errorf("unauthenticated: HTTP %d, want 401", unauthenticated.status)
	}
	if authenticated.status != http.StatusBadGateway {
		t.Errorf("authenticated: HTTP %d, want 502 from the still pending fault", authenticated.status)
	}
}

func TestClearFaults(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.InjectFault(Fault{Endpoint: EndpointClouds, Kind: FaultBadGateway, Times: 5})
	ts.InjectFault(Fault{Endpoint: EndpointCreate, Kind: FaultEmptyBody})
	if got := ts.PendingFaults(); got != 6 {
		t.Errorf("PendingFaults() = %d, want 6", got)
	}

	ts.ClearFaults()

	if got := ts.call(http.MethodGet, "/v1/clouds", "").status; got != http.StatusOK {
		t.Errorf("HTTP %d after ClearFaults, want 200", got)
	}
	if got := ts.PendingFaults(); got != 0 {
		t.Errorf("PendingFaults() = %d, want 0", got)
	}
}

func TestInjectFaultInvalidPanics(t *testing.T) {
	cases := map[string]Fault{
		"unknown endpoint":            {Endpoint: "suspend", Kind: FaultBadGateway},
		"unknown kind":                {Endpoint: EndpointCreate, Kind: "418"},
		"negative times":              {Endpoint: EndpointCreate, Kind: FaultBadGateway, Times: -1},
		"delay on non-slow kind":      {Endpoint: EndpointCreate, Kind: FaultBadGateway, Delay: time.Second},
		"negative delay":              {Endpoint: EndpointCreate, Kind: FaultSlow, Delay: -time.Second},
		"retry-after on 502":          {Endpoint: EndpointCreate, Kind: FaultBadGateway, RetryAfter: "1"},
		"retry-after with line break": {Endpoint: EndpointCreate, Kind: FaultTooManyRequests, RetryAfter: "1\r\nX: y"},
		"reset-before after processing": {Endpoint: EndpointCreate, Kind: FaultResetBefore,
			AfterProcessing: true},
	}
	for name, fault := range cases {
		t.Run(name, func(t *testing.T) {
			srv := New(Options{})
			defer func() {
				if recover() == nil {
					t.Error("InjectFault did not panic")
				}
			}()
			srv.InjectFault(fault)
		})
	}
}

func TestParseFault(t *testing.T) {
	cases := []struct {
		spec string
		want Fault
	}{
		{"create=429", Fault{Endpoint: EndpointCreate, Kind: FaultTooManyRequests}},
		{"create=429:2", Fault{Endpoint: EndpointCreate, Kind: FaultTooManyRequests, Times: 2}},
		{"create=429:2:1", Fault{Endpoint: EndpointCreate, Kind: FaultTooManyRequests, Times: 2, RetryAfter: "1"}},
		{"create=429::Wed, 21 Oct 2015 07:28:00 GMT", Fault{Endpoint: EndpointCreate,
			Kind: FaultTooManyRequests, RetryAfter: "Wed, 21 Oct 2015 07:28:00 GMT"}},
		{"describe=slow:1:3s", Fault{Endpoint: EndpointDescribe, Kind: FaultSlow, Times: 1, Delay: 3 * time.Second}},
		{"drop=reset-after", Fault{Endpoint: EndpointDrop, Kind: FaultResetAfter}},
		{"drop=reset-before:3", Fault{Endpoint: EndpointDrop, Kind: FaultResetBefore, Times: 3}},
		{"create=502-after", Fault{Endpoint: EndpointCreate, Kind: FaultBadGateway, AfterProcessing: true}},
		{"create=slow-after:1:2s", Fault{Endpoint: EndpointCreate, Kind: FaultSlow, Times: 1,
			Delay: 2 * time.Second, AfterProcessing: true}},
		{"list=huge", Fault{Endpoint: EndpointList, Kind: FaultHugeBody}},
	}
	for _, tc := range cases {
		t.Run(tc.spec, func(t *testing.T) {
			got, err := ParseFault(tc.spec)
			if err != nil {
				t.Fatalf("ParseFault: %v", err)
			}
			if got != tc.want {
				t.Errorf("ParseFault = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestParseFaultRejects(t *testing.T) {
	for _, spec := range []string{
		"create",
		"=429",
		"nope=429",
		"create=teapot",
		"create=",
		"create=429:x",
		"create=429:-1",
		"create=slow:1:soon",
		"create=500:1:5",
		"create=reset-before-after",
	} {
		t.Run(spec, func(t *testing.T) {
			if fault, err := ParseFault(spec); err == nil {
				t.Errorf("ParseFault = %+v, want an error", fault)
			}
		})
	}
}

func TestParseFaultEveryKind(t *testing.T) {
	for _, kind := range FaultKinds() {
		fault, err := ParseFault("projects=" + string(kind))
		if err != nil {
			t.Errorf("kind %s: %v", kind, err)
			continue
		}
		if fault.Kind != kind {
			t.Errorf("kind %s parsed as %s", kind, fault.Kind)
		}
	}
}
