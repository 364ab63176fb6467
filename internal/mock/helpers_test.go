package mock

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// testClock is a clock that moves only when a test advances it.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func newTestClock() *testClock {
	return &testClock{now: time.Date(2025, time.March, 1, 10, 0, 0, 0, time.UTC)}
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// testServer is a Server behind an httptest server, with a client that sends its API key.
type testServer struct {
	*Server
	t     *testing.T
	http  *httptest.Server
	clock *testClock
}

// newTestServer starts a server on a fresh test clock unless opts has its own clock.
func newTestServer(t *testing.T, opts Options) *testServer {
	t.Helper()
	clock := newTestClock()
	if opts.Now == nil {
		opts.Now = clock.Now
	}
	srv := New(opts)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &testServer{Server: srv, t: t, http: ts, clock: clock}
}

// apiResponse is a decoded API response.
type apiResponse struct {
	status  int
	header  http.Header
	body    []byte
	code    int
	message string
	data    json.RawMessage
}

// call sends a request with the server's API key and decodes the JSON envelope.
func (ts *testServer) call(method, path, body string) apiResponse {
	ts.t.Helper()
	return ts.callWithAuthorization(method, path, body, "Bearer "+ts.APIKey())
}

// callWithAuthorization sends a request with the given Authorization header; "" sends none.
func (ts *testServer) callWithAuthorization(method, path, body, authorization string) apiResponse {
	ts.t.Helper()
	resp, err := ts.tryCall(method, path, body, authorization)
	if err != nil {
		ts.t.Fatal(err)
	}
	return resp
}

// tryCall sends a request and returns transport errors instead of failing the test, so that
// goroutines other than the test's own can use it.
func (ts *testServer) tryCall(method, path, body, authorization string) (apiResponse, error) {
	var reader io.Reader
	if body != "" {
		reader = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.http.URL+path, reader)
	if err != nil {
		return apiResponse{}, fmt.Errorf("building %s %s: %w", method, path, err)
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}

	resp, err := ts.http.Client().Do(req)
	if err != nil {
		return apiResponse{}, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return apiResponse{}, fmt.Errorf("reading %s %s: %w", method, path, err)
	}

	result := apiResponse{status: resp.StatusCode, header: resp.Header, body: raw}
	var env struct {
		Code    int             `json:"code"`
		Message string          `json:"message"`
		Data    json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(raw, &env); err == nil {
		result.code, result.message, result.data = env.Code, env.Message, env.Data
	}
	return result, nil
}

// create sends createServerless and fails the test unless it succeeds.
func (ts *testServer) create(name string) createServerlessData {
	ts.t.Helper()
	resp := ts.call(http.MethodPost, "/v1/clusters/createServerless", createBody(PlanServerless, name,
		DefaultProjects()[0].ID))
	if resp.code != CodeSuccess {
		ts.t.Fatalf("creating %q: HTTP %d, code %d: %s", name, resp.status, resp.code, resp.message)
	}
	return decodeData[createServerlessData](ts.t, resp)
}

// describe sends a describe request and fails the test unless it succeeds.
func (ts *testServer) describe(clusterID string) Cluster {
	ts.t.Helper()
	resp := ts.call(http.MethodGet, "/v1/clusters/"+clusterID, "")
	if resp.code != CodeSuccess {
		ts.t.Fatalf("describing %s: HTTP %d, code %d: %s", clusterID, resp.status, resp.code, resp.message)
	}
	return decodeData[Cluster](ts.t, resp)
}

func (ts *testServer) drop(clusterID string) apiResponse {
	ts.t.Helper()
	return ts.call(http.MethodDelete, "/v1/clusters/"+clusterID+"/drop", "")
}

func createBody(plan, name, projectID string) string {
	body, err := json.Marshal(createServerlessRequest{Plan: plan, ClusterName: name, ProjectID: projectID})
	if err != nil {
		panic(err)
	}
	return string(body)
}

func decodeData[T any](t *testing.T, resp apiResponse) T {
	t.Helper()
	var value T
	if err := json.Unmarshal(resp.data, &value); err != nil {
		t.Fatalf("decoding data %s: %v", resp.data, err)
	}
	return value
}
