package client

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// testAPIKey is long and distinctive, so that a test finds any place it leaks to.
const testAPIKey = "zk-test-9f8e7d6c5b4a39281706f5e4d3c2b1a0"

// testPassword is the generated password that the test server returns from createServerless.
const testPassword = "Pw-7Kq2vX9mLr4TzB8n"

// recordedRequest is a request as the test server received it.
type recordedRequest struct {
	Method   string
	Path     string
	RawQuery string
	Header   http.Header
	Body     []byte
}

// apiServer is an httptest server on 127.0.0.1 that records every request before passing it to
// its handler.
type apiServer struct {
	*httptest.Server

	mu       sync.Mutex
	requests []recordedRequest
}

func newAPIServer(t *testing.T, handler http.HandlerFunc) *apiServer {
	t.Helper()

	server := &apiServer{}
	server.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))

		server.mu.Lock()
		server.requests = append(server.requests, recordedRequest{
			Method:   r.Method,
			Path:     r.URL.EscapedPath(),
			RawQuery: r.URL.RawQuery,
			Header:   r.Header.Clone(),
			Body:     body,
		})
		server.mu.Unlock()

		handler(w, r)
	}))
	t.Cleanup(server.Close)
	return server
}

func (s *apiServer) recorded() []recordedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]recordedRequest(nil), s.requests...)
}

func (s *apiServer) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// testConfig returns a configuration for endpoint with short waits, so that retry tests run fast.
func testConfig(endpoint string) Config {
	return Config{
		Endpoint:     endpoint,
		APIKey:       testAPIKey,
		UserAgent:    "terraform-provider-zilliz/test",
		MaxRetries:   3,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
		HTTPClient:   &http.Client{Timeout: 10 * time.Second},
	}
}

func newTestClient(t *testing.T, cfg Config) *Client {
	t.Helper()

	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// serve starts a test server with handler and returns it with a client for it.
func serve(t *testing.T, handler http.HandlerFunc) (*apiServer, *Client) {
	t.Helper()

	server := newAPIServer(t, handler)
	return server, newTestClient(t, testConfig(server.URL))
}

// respond returns a handler that writes body with status.
func respond(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		writeBody(w, status, body)
	}
}

// sequence returns a handler that passes the n-th request to handlers[n], and every later one to
// the last handler.
func sequence(handlers ...http.HandlerFunc) http.HandlerFunc {
	var mu sync.Mutex
	next := 0
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		handler := handlers[min(next, len(handlers)-1)]
		next++
		mu.Unlock()
		handler(w, r)
	}
}

func writeBody(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprint(w, body)
}

// resetConnection is a handler that closes the connection with a TCP reset after it has read the
// whole request, so the client sees a connection failure after the request was written.
func resetConnection(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(err)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	conn.Close()
}

// closedAddress returns a loopback address on which nothing listens.
func closedAddress(t *testing.T) string {
	t.Helper()

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	address := listener.Addr().String()
	listener.Close()
	return address
}

// refusingDialer dials a closed loopback address for the first refusals dials and the test
// server for the others, so the client sees connections refused before any byte is written.
type refusingDialer struct {
	mu       sync.Mutex
	refusals int
	dials    int
	closed   string
	target   string
}

func (d *refusingDialer) DialContext(ctx context.Context, network, _ string) (net.Conn, error) {
	d.mu.Lock()
	d.dials++
	address := d.target
	if d.dials <= d.refusals {
		address = d.closed
	}
	d.mu.Unlock()

	var dialer net.Dialer
	return dialer.DialContext(ctx, network, address)
}

func (d *refusingDialer) count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.dials
}

// logBuffer collects tflog JSON output and signals when a line contains a given text.
type logBuffer struct {
	mu     sync.Mutex
	data   bytes.Buffer
	watch  string
	signal chan struct{}
	once   sync.Once
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()

	if b.watch != "" && bytes.Contains(p, []byte(b.watch)) {
		b.once.Do(func() { close(b.signal) })
	}
	return b.data.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.data.String()
}

// entries returns the decoded log entries whose message is message.
func (b *logBuffer) entries(t *testing.T, message string) []map[string]any {
	t.Helper()

	all, err := tflogtest.MultilineJSONDecode(strings.NewReader(b.String()))
	if err != nil {
		t.Fatalf("decoding the log output: %v", err)
	}
	var matching []map[string]any
	for _, entry := range all {
		if entry["@message"] == message {
			matching = append(matching, entry)
		}
	}
	return matching
}

// loggingContext returns a context whose provider logger writes JSON at trace level to a new
// buffer. When watch is not empty, the buffer's signal channel is closed on the first line that
// contains it.
func loggingContext(t *testing.T, watch string) (context.Context, *logBuffer) {
	t.Helper()

	buffer := &logBuffer{watch: watch, signal: make(chan struct{})}
	return tflogtest.RootLogger(t.Context(), buffer), buffer
}

const (
	clusterJSON = `{"clusterId":"inxx-1","clusterName":"alpha","description":"first","regionId":"gcp-us-west1",` +
		`"clusterType":"Serverless","plan":"Serverless","cuSize":0,"status":"RUNNING",` +
		`"connectAddress":"https://inxx-1.serverless.gcp-us-west1.cloud.zilliz.com",` +
		`"privateLinkAddress":"","createTime":"2026-01-02T03:04:05Z","storageSize":12,` +
		`"snapshotNumber":1,"createProgress":100,"projectId":"proj-1"}`
	createdJSON = `{"code":200,"data":{"clusterId":"inxx-new","username":"db_admin","password":"` +
		testPassword + `","prompt":"Successfully submitted."}}`
)
