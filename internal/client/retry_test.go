package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

var createRequest = CreateServerlessRequest{Plan: "Serverless", ClusterName: "alpha", ProjectID: "proj-1"}

func TestGetRetriedOnTransientStatus(t *testing.T) {
	for _, status := range []int{http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			server, c := serve(t, sequence(
				respond(status, "<html>busy</html>"),
				respond(status, `{"code":1,"message":"busy"}`),
				respond(http.StatusOK, `{"code":200,"data":`+clusterJSON+`}`),
			))

			cluster, err := c.DescribeCluster(t.Context(), "inxx-1")
			if err != nil {
				t.Fatalf("DescribeCluster: %v", err)
			}

			if cluster.ClusterID != "inxx-1" {
				t.Errorf("ClusterID = %q, want inxx-1", cluster.ClusterID)
			}
			if server.count() != 3 {
				t.Errorf("server received %d requests, want 3", server.count())
			}
		})
	}
}

func TestNotRetried(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
	}{
		{"unauthorized", http.StatusUnauthorized, `{"code":80001,"message":"invalid token"}`},
		{"business error", http.StatusOK, `{"code":80000,"message":"invalid parameter"}`},
		{"internal server error", http.StatusInternalServerError, `{"code":500,"message":"internal"}`},
		{"not implemented", http.StatusNotImplemented, "not implemented"},
		{"bad request", http.StatusBadRequest, `{"code":80000,"message":"bad"}`},
		{"undecodable success", http.StatusOK, "<html></html>"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			server, c := serve(t, respond(tc.status, tc.body))

			_, err := c.ListProjects(t.Context())

			if err == nil {
				t.Fatal("ListProjects returned no error")
			}
			if server.count() != 1 {
				t.Errorf("server received %d requests, want 1", server.count())
			}
		})
	}
}

func TestMaxRetriesBound(t *testing.T) {
	for _, maxRetries := range []int{0, 1, 3} {
		t.Run(fmt.Sprintf("%d retries", maxRetries), func(t *testing.T) {
			server := newAPIServer(t, respond(http.StatusServiceUnavailable, `{"code":503,"message":"unavailable"}`))
			cfg := testConfig(server.URL)
			cfg.MaxRetries = maxRetries
			c := newTestClient(t, cfg)

			_, err := c.DescribeCluster(t.Context(), "inxx-1")

			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error = %v, want an APIError", err)
			}
			if apiErr.HTTPStatus != http.StatusServiceUnavailable {
				t.Errorf("HTTPStatus = %d, want 503", apiErr.HTTPStatus)
			}
			if server.count() != maxRetries+1 {
				t.Errorf("server received %d requests, want %d", server.count(), maxRetries+1)
			}
			if maxRetries > 0 && !strings.Contains(err.Error(), fmt.Sprintf("after %d attempts", maxRetries+1)) {
				t.Errorf("error %q does not say how many attempts were made", err)
			}
		})
	}
}

func TestRetriesExhaustedOnHTML(t *testing.T) {
	server, c := serve(t, respond(http.StatusBadGateway, "<html>502 Bad Gateway</html>"))

	_, err := c.ListProjects(t.Context())

	var responseErr *ResponseError
	if !errors.As(err, &responseErr) {
		t.Fatalf("error = %v, want a ResponseError", err)
	}
	if responseErr.HTTPStatus != http.StatusBadGateway {
		t.Errorf("HTTPStatus = %d, want 502", responseErr.HTTPStatus)
	}
	if !strings.Contains(responseErr.Excerpt, "502 Bad Gateway") {
		t.Errorf("excerpt = %q, want the HTML page", responseErr.Excerpt)
	}
	if server.count() != 4 {
		t.Errorf("server received %d requests, want 4", server.count())
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	cases := []struct {
		name  string
		value func() string
	}{
		{"seconds", func() string { return "1" }},
		{"HTTP date", func() string { return time.Now().Add(time.Hour).UTC().Format(http.TimeFormat) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			server := newAPIServer(t, sequence(
				func(w http.ResponseWriter, _ *http.Request) {
					w.Header().Set("Retry-After", tc.value())
					writeBody(w, http.StatusTooManyRequests, `{"code":429,"message":"slow down"}`)
				},
				respond(http.StatusOK, `{"code":200,"data":[]}`),
			))
			cfg := testConfig(server.URL)
			cfg.RetryWaitMax = 20 * time.Millisecond
			c := newTestClient(t, cfg)
			ctx, logs := loggingContext(t, "")

			if _, err := c.ListProjects(ctx); err != nil {
				t.Fatalf("ListProjects: %v", err)
			}

			retries := logs.entries(t, "Retrying Zilliz Cloud API request")
			if len(retries) != 1 {
				t.Fatalf("logged %d retries, want 1", len(retries))
			}
			// Without the header the first wait would be at most 2 ms. The header requests more,
			// so the wait is capped at RetryWaitMax.
			if retries[0]["wait"] != "20ms" {
				t.Errorf("wait = %v, want 20ms", retries[0]["wait"])
			}
			if server.count() != 2 {
				t.Errorf("server received %d requests, want 2", server.count())
			}
		})
	}
}

func TestRetryLogged(t *testing.T) {
	_, c := serve(t, sequence(
		respond(http.StatusServiceUnavailable, "unavailable"),
		respond(http.StatusOK, `{"code":200,"data":[]}`),
	))
	ctx, logs := loggingContext(t, "")

	if _, err := c.ListCloudRegions(ctx, "gcp"); err != nil {
		t.Fatalf("ListCloudRegions: %v", err)
	}

	retries := logs.entries(t, "Retrying Zilliz Cloud API request")
	if len(retries) != 1 {
		t.Fatalf("logged %d retries, want 1", len(retries))
	}
	want := map[string]any{
		"@level":       "warn",
		"@module":      "provider.http",
		"http_method":  "GET",
		"path":         "/v1/regions?cloudId=gcp",
		"attempt":      float64(1),
		"max_attempts": float64(4),
		"reason":       "HTTP 503",
	}
	for key, value := range want {
		if retries[0][key] != value {
			t.Errorf("retry log %s = %v, want %v", key, retries[0][key], value)
		}
	}
	if _, ok := retries[0]["wait"].(string); !ok {
		t.Errorf("retry log has no wait: %v", retries[0])
	}
}

func TestRetriedOnRefusedConnection(t *testing.T) {
	for _, method := range []string{"GET", "POST"} {
		t.Run(method, func(t *testing.T) {
			server := newAPIServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodPost {
					writeBody(w, http.StatusOK, createdJSON)
					return
				}
				writeBody(w, http.StatusOK, `{"code":200,"data":[]}`)
			})
			dialer := &refusingDialer{refusals: 2, closed: closedAddress(t), target: server.Listener.Addr().String()}
			cfg := testConfig(server.URL)
			cfg.HTTPClient = &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext}, Timeout: 10 * time.Second}
			c := newTestClient(t, cfg)

			var err error
			if method == "POST" {
				_, err = c.CreateServerlessCluster(t.Context(), createRequest)
			} else {
				_, err = c.ListProjects(t.Context())
			}

			if err != nil {
				t.Fatalf("request failed: %v", err)
			}
			if dialer.count() != 3 {
				t.Errorf("client dialed %d times, want 3", dialer.count())
			}
			if server.count() != 1 {
				t.Errorf("server received %d requests, want 1", server.count())
			}
		})
	}
}

func TestClosedListenerExhaustsRetries(t *testing.T) {
	cfg := testConfig("http://" + closedAddress(t))
	cfg.MaxRetries = 2
	c := newTestClient(t, cfg)

	_, err := c.CreateServerlessCluster(t.Context(), createRequest)

	if err == nil {
		t.Fatal("CreateServerlessCluster returned no error")
	}
	if IsOutcomeUnknown(err) {
		t.Errorf("a refused connection is reported as outcome unknown: %v", err)
	}
	if !strings.Contains(err.Error(), "POST /v1/clusters/createServerless: request failed after 3 attempts") {
		t.Errorf("error %q does not name the request and the attempts", err)
	}
	if !strings.Contains(err.Error(), "refused") {
		t.Errorf("error %q does not give the cause", err)
	}
}

func TestCreateNotRetriedWhenOutcomeUnknown(t *testing.T) {
	cases := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"internal server error", respond(http.StatusInternalServerError, `{"code":500,"message":"internal"}`)},
		{"bad gateway", respond(http.StatusBadGateway, "<html>bad gateway</html>")},
		{"gateway timeout", respond(http.StatusGatewayTimeout, "<html>gateway timeout</html>")},
		{"reset after write", resetConnection},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			server, c := serve(t, sequence(tc.handler, respond(http.StatusOK, createdJSON)))

			created, err := c.CreateServerlessCluster(t.Context(), createRequest)

			if err == nil {
				t.Fatalf("CreateServerlessCluster returned %+v and no error", created)
			}
			if !IsOutcomeUnknown(err) {
				t.Errorf("IsOutcomeUnknown(%v) = false", err)
			}
			if server.count() != 1 {
				t.Errorf("server received %d requests, want exactly 1", server.count())
			}
			if !strings.Contains(err.Error(), "POST /v1/clusters/createServerless") {
				t.Errorf("error %q does not name the request", err)
			}
		})
	}
}

func TestCreateTimeoutAfterWriteIsUnknown(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	server := newAPIServer(t, func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	cfg := testConfig(server.URL)
	cfg.HTTPClient = &http.Client{Timeout: 200 * time.Millisecond}
	c := newTestClient(t, cfg)

	_, err := c.CreateServerlessCluster(t.Context(), createRequest)

	if !IsOutcomeUnknown(err) {
		t.Errorf("IsOutcomeUnknown(%v) = false", err)
	}
	if server.count() != 1 {
		t.Errorf("server received %d requests, want exactly 1", server.count())
	}
}

func TestGetRetriedAfterTimeout(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	server := newAPIServer(t, sequence(
		func(_ http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-release:
			}
		},
		respond(http.StatusOK, `{"code":200,"data":[]}`),
	))
	cfg := testConfig(server.URL)
	cfg.HTTPClient = &http.Client{Timeout: 200 * time.Millisecond}
	c := newTestClient(t, cfg)

	if _, err := c.ListProjects(t.Context()); err != nil {
		t.Fatalf("ListProjects: %v", err)
	}

	if server.count() != 2 {
		t.Errorf("server received %d requests, want 2", server.count())
	}
}

func TestCreateRetriedWhenNotActed(t *testing.T) {
	for _, status := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			server, c := serve(t, sequence(
				respond(status, `{"code":1,"message":"try later"}`),
				respond(http.StatusOK, createdJSON),
			))

			created, err := c.CreateServerlessCluster(t.Context(), createRequest)
			if err != nil {
				t.Fatalf("CreateServerlessCluster: %v", err)
			}

			if created.ClusterID != "inxx-new" {
				t.Errorf("ClusterID = %q, want inxx-new", created.ClusterID)
			}
			if server.count() != 2 {
				t.Errorf("server received %d requests, want 2", server.count())
			}
		})
	}
}

func TestCreateExhaustedOn503IsKnown(t *testing.T) {
	server, c := serve(t, respond(http.StatusServiceUnavailable, `{"code":503,"message":"unavailable"}`))

	_, err := c.CreateServerlessCluster(t.Context(), createRequest)

	if IsOutcomeUnknown(err) {
		t.Errorf("503 after every attempt is reported as outcome unknown: %v", err)
	}
	if server.count() != 4 {
		t.Errorf("server received %d requests, want 4", server.count())
	}
}

func TestGetRetriedAfterReset(t *testing.T) {
	server, c := serve(t, sequence(resetConnection, respond(http.StatusOK, `{"code":200,"data":`+clusterJSON+`}`)))

	if _, err := c.DescribeCluster(t.Context(), "inxx-1"); err != nil {
		t.Fatalf("DescribeCluster: %v", err)
	}

	if server.count() != 2 {
		t.Errorf("server received %d requests, want 2", server.count())
	}
}

func TestGetRetriedAfterBrokenBody(t *testing.T) {
	// The first response promises more bytes than it sends, so reading its body fails.
	server, c := serve(t, sequence(
		func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", "1000")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(`{"code":200,"data":`))
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				conn.Close()
			}
		},
		respond(http.StatusOK, `{"code":200,"data":[]}`),
	))

	if _, err := c.ListProjects(t.Context()); err != nil {
		t.Fatalf("ListProjects: %v", err)
	}

	if server.count() != 2 {
		t.Errorf("server received %d requests, want 2", server.count())
	}
}

// cancelDuringBackoff runs call against a server that always returns 503, with retry waits of an
// hour, and cancels the call's context once the first retry is logged. It returns the number of
// requests the server received and the call's error.
func cancelDuringBackoff(t *testing.T, call func(context.Context, *Client) error) (int, error) {
	t.Helper()

	server := newAPIServer(t, respond(http.StatusServiceUnavailable, "unavailable"))
	cfg := testConfig(server.URL)
	cfg.RetryWaitMin, cfg.RetryWaitMax = time.Hour, time.Hour
	c := newTestClient(t, cfg)
	logCtx, logs := loggingContext(t, "Retrying Zilliz Cloud API request")
	ctx, cancel := context.WithCancel(logCtx)
	defer cancel()

	result := make(chan error, 1)
	go func() {
		result <- call(ctx, c)
	}()
	<-logs.signal
	cancel()

	select {
	case err := <-result:
		return server.count(), err
	case <-time.After(30 * time.Second):
		t.Fatal("the call kept waiting after its context was canceled")
		return 0, nil
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	requests, err := cancelDuringBackoff(t, func(ctx context.Context, c *Client) error {
		_, err := c.DescribeCluster(ctx, "inxx-1")
		return err
	})

	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want one that wraps context.Canceled", err)
	}
	if err != nil && !strings.Contains(err.Error(), "GET /v1/clusters/inxx-1") {
		t.Errorf("error %q does not name the request", err)
	}
	if requests != 1 {
		t.Errorf("server received %d requests, want 1", requests)
	}
}

func TestCreateCanceledDuringBackoffIsKnown(t *testing.T) {
	requests, err := cancelDuringBackoff(t, func(ctx context.Context, c *Client) error {
		_, err := c.CreateServerlessCluster(ctx, createRequest)
		return err
	})

	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want one that wraps context.Canceled", err)
	}
	if IsOutcomeUnknown(err) {
		t.Errorf("a create canceled after a 503 is reported as outcome unknown: %v", err)
	}
	if requests != 1 {
		t.Errorf("server received %d requests, want 1", requests)
	}
}

func TestCreateCanceledAfterWriteIsUnknown(t *testing.T) {
	received := make(chan struct{})
	server := newAPIServer(t, func(_ http.ResponseWriter, r *http.Request) {
		close(received)
		<-r.Context().Done()
	})
	c := newTestClient(t, testConfig(server.URL))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	result := make(chan error, 1)
	go func() {
		_, err := c.CreateServerlessCluster(ctx, createRequest)
		result <- err
	}()
	<-received
	cancel()
	err := <-result

	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want one that wraps context.Canceled", err)
	}
	if !IsOutcomeUnknown(err) {
		t.Errorf("IsOutcomeUnknown(%v) = false", err)
	}
	if server.count() != 1 {
		t.Errorf("server received %d requests, want 1", server.count())
	}
}

func TestExpiredContextSendsNothing(t *testing.T) {
	server, c := serve(t, respond(http.StatusOK, `{"code":200,"data":[]}`))
	ctx, cancel := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
	defer cancel()

	_, err := c.ListProjects(ctx)

	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want one that wraps context.DeadlineExceeded", err)
	}
	if server.count() != 0 {
		t.Errorf("server received %d requests, want 0", server.count())
	}
}

func TestWaitFollowsRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	policy := retryPolicy{waitMin: time.Second, waitMax: 30 * time.Second, now: func() time.Time { return now }}

	cases := []struct {
		name, header string
		want         time.Duration
	}{
		{"seconds", "7", 7 * time.Second},
		{"seconds above maximum", "3600", 30 * time.Second},
		{"zero seconds", "0", time.Second},
		{"huge seconds", "99999999999999999999999", 30 * time.Second},
		{"HTTP date", now.Add(12 * time.Second).Format(http.TimeFormat), 12 * time.Second},
		{"RFC 850 date", now.Add(5 * time.Second).Format(time.RFC850), 5 * time.Second},
		{"past date", now.Add(-time.Hour).Format(http.TimeFormat), time.Second},
		{"date above maximum", now.Add(time.Hour).Format(http.TimeFormat), 30 * time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := &http.Response{Header: http.Header{"Retry-After": {tc.header}}}

			if got := policy.wait(0, resp); got != tc.want {
				t.Errorf("wait = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestWaitBackoffBounds(t *testing.T) {
	policy := retryPolicy{waitMin: time.Second, waitMax: 30 * time.Second, now: time.Now}
	invalid := &http.Response{Header: http.Header{"Retry-After": {"soon"}}}

	for retry := range 70 {
		ceiling := min(time.Second<<min(retry+1, 6), 30*time.Second)
		for range 20 {
			wait := policy.wait(retry, invalid)
			if wait < ceiling/2 || wait > ceiling {
				t.Fatalf("retry %d: wait %v is outside [%v, %v]", retry, wait, ceiling/2, ceiling)
			}
			if wait < policy.waitMin || wait > policy.waitMax {
				t.Fatalf("retry %d: wait %v is outside [%v, %v]", retry, wait, policy.waitMin, policy.waitMax)
			}
		}
	}
}

func TestWaitHasJitter(t *testing.T) {
	policy := retryPolicy{waitMin: time.Second, waitMax: time.Hour, now: time.Now}

	seen := map[time.Duration]bool{}
	for range 50 {
		seen[policy.wait(3, nil)] = true
	}

	if len(seen) < 2 {
		t.Errorf("50 waits for the same retry were all %v, want jitter", policy.wait(3, nil))
	}
}

func TestParseRetryAfterRejectsInvalid(t *testing.T) {
	for _, value := range []string{"", " ", "-5", "1.5", "soon", "Mon, 32 Foo 2026"} {
		if delay, ok := parseRetryAfter(value, time.Now()); ok {
			t.Errorf("parseRetryAfter(%q) = %v, true; want false", value, delay)
		}
	}
}

func TestConcurrentCallsWithRetries(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]int{}
	server, c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.URL.Path]++
		first := seen[r.URL.Path] == 1
		mu.Unlock()

		if first {
			writeBody(w, http.StatusServiceUnavailable, "busy")
			return
		}
		id := strings.TrimPrefix(r.URL.Path, "/v1/clusters/")
		writeBody(w, http.StatusOK, `{"code":200,"data":{"clusterId":"`+id+`","status":"RUNNING"}}`)
	})

	const calls = 8
	var wg sync.WaitGroup
	errs := make([]error, calls)
	ids := make([]string, calls)
	for i := range calls {
		wg.Go(func() {
			cluster, err := c.DescribeCluster(t.Context(), fmt.Sprintf("inxx-%d", i))
			errs[i] = err
			if cluster != nil {
				ids[i] = cluster.ClusterID
			}
		})
	}
	wg.Wait()

	for i := range calls {
		if errs[i] != nil {
			t.Errorf("call %d: %v", i, errs[i])
		}
		if want := fmt.Sprintf("inxx-%d", i); ids[i] != want {
			t.Errorf("call %d got cluster %q, want %q", i, ids[i], want)
		}
	}
	if server.count() != 2*calls {
		t.Errorf("server received %d requests, want %d", server.count(), 2*calls)
	}
}
