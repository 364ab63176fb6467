package mock

import (
	"net/http"
	"testing"
	"time"
)

func TestRateLimitAcrossEndpoints(t *testing.T) {
	ts := newTestServer(t, Options{RateLimit: 3})
	paths := []string{"/v1/projects", "/v1/clouds", "/v1/regions"}
	for _, path := range paths {
		if resp := ts.call(http.MethodGet, path, ""); resp.status != http.StatusOK {
			t.Fatalf("%s within the limit: HTTP %d", path, resp.status)
		}
	}

	limited := ts.call(http.MethodGet, "/v1/clusters", "")

	if limited.status != http.StatusTooManyRequests {
		t.Errorf("HTTP status = %d, want 429", limited.status)
	}
	if got := limited.header.Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After = %q, want 1", got)
	}
	if limited.code != http.StatusTooManyRequests {
		t.Errorf("body code = %d, want 429", limited.code)
	}
	if limited.message == "" {
		t.Error("message is empty")
	}
}

func TestRateLimitRefills(t *testing.T) {
	ts := newTestServer(t, Options{RateLimit: 2})
	ts.call(http.MethodGet, "/v1/clouds", "")
	ts.call(http.MethodGet, "/v1/clouds", "")
	if got := ts.call(http.MethodGet, "/v1/clouds", "").status; got != http.StatusTooManyRequests {
		t.Fatalf("third request: HTTP %d, want 429", got)
	}

	ts.clock.Advance(500 * time.Millisecond)
	afterHalfSecond := ts.call(http.MethodGet, "/v1/clouds", "").status
	secondInHalfSecond := ts.call(http.MethodGet, "/v1/clouds", "").status

	if afterHalfSecond != http.StatusOK {
		t.Errorf("after 0.5s: HTTP %d, want 200", afterHalfSecond)
	}
	if secondInHalfSecond != http.StatusTooManyRequests {
		t.Errorf("second request after 0.5s: HTTP %d, want 429", secondInHalfSecond)
	}
}

func TestRateLimitCountedInStats(t *testing.T) {
	ts := newTestServer(t, Options{RateLimit: 1})
	for range 4 {
		ts.call(http.MethodGet, "/v1/clouds", "")
	}

	stats := ts.Stats()

	if stats.TooManyRequests != 3 {
		t.Errorf("tooManyRequests = %d, want 3", stats.TooManyRequests)
	}
	if stats.Requests[EndpointClouds] != 4 {
		t.Errorf("clouds requests = %d, want 4", stats.Requests[EndpointClouds])
	}
}

func TestRateLimitBeforeAuth(t *testing.T) {
	ts := newTestServer(t, Options{RateLimit: 1})
	ts.callWithAuthorization(http.MethodGet, "/v1/clouds", "", "")

	resp := ts.call(http.MethodGet, "/v1/clouds", "")

	if resp.status != http.StatusTooManyRequests {
		t.Errorf("HTTP status = %d, want 429 because the rejected request used the token", resp.status)
	}
}

func TestRateLimitOffByDefault(t *testing.T) {
	ts := newTestServer(t, Options{})
	for i := range 50 {
		if got := ts.call(http.MethodGet, "/v1/clouds", "").status; got != http.StatusOK {
			t.Fatalf("request %d: HTTP %d, want 200", i, got)
		}
	}
}

func TestTokenBucketFractionalRate(t *testing.T) {
	start := time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)
	bucket := newTokenBucket(0.5, start)

	cases := []struct {
		at   time.Duration
		want bool
	}{
		{0, true},
		{0, false},
		{1999 * time.Millisecond, false},
		{2 * time.Second, true},
		{10 * time.Second, true},
		{10 * time.Second, false},
	}
	for _, tc := range cases {
		if got := bucket.allow(start.Add(tc.at)); got != tc.want {
			t.Errorf("allow at %s = %t, want %t", tc.at, got, tc.want)
		}
	}
}

func TestTokenBucketIgnoresClockGoingBack(t *testing.T) {
	start := time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)
	bucket := newTokenBucket(1, start)
	bucket.allow(start)

	if bucket.allow(start.Add(-time.Hour)) {
		t.Error("a clock going back refilled the bucket")
	}
}
