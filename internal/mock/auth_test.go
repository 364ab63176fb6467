package mock

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestAuthRejections(t *testing.T) {
	cases := []struct {
		name          string
		authorization string
		want          int
	}{
		{"missing header", "", CodeInvalidToken},
		{"wrong key", "Bearer mock-wrong", CodeInvalidToken},
		{"key with extra character", "Bearer KEYx", CodeInvalidToken},
		{"basic scheme", "Basic dXNlcjpwYXNz", CodeMalformedToken},
		{"scheme without key", "Bearer", CodeMalformedToken},
		{"scheme and blank key", "Bearer   ", CodeMalformedToken},
		{"key without scheme", "KEY", CodeMalformedToken},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, Options{})
			authorization := strings.ReplaceAll(tc.authorization, "KEY", ts.APIKey())

			resp := ts.callWithAuthorization(http.MethodGet, "/v1/projects", "", authorization)

			if resp.status != http.StatusUnauthorized {
				t.Errorf("HTTP status = %d, want 401", resp.status)
			}
			if resp.code != tc.want {
				t.Errorf("code = %d, want %d", resp.code, tc.want)
			}
			if strings.Contains(string(resp.body), ts.APIKey()) {
				t.Errorf("body contains the API key: %s", resp.body)
			}
		})
	}
}

func TestAuthAcceptsSchemeInAnyCase(t *testing.T) {
	ts := newTestServer(t, Options{})

	resp := ts.callWithAuthorization(http.MethodGet, "/v1/projects", "", "bearer "+ts.APIKey())

	if resp.code != CodeSuccess {
		t.Errorf("code = %d (%s), want 200", resp.code, resp.message)
	}
}

func TestAuthConfiguredKey(t *testing.T) {
	ts := newTestServer(t, Options{APIKey: "test-key_1.2~3+4/5=="})

	good := ts.callWithAuthorization(http.MethodGet, "/v1/clouds", "", "Bearer test-key_1.2~3+4/5==")
	bad := ts.callWithAuthorization(http.MethodGet, "/v1/clouds", "", "Bearer test-key")

	if ts.APIKey() != "test-key_1.2~3+4/5==" {
		t.Errorf("APIKey() = %q, want the configured key", ts.APIKey())
	}
	if good.code != CodeSuccess {
		t.Errorf("configured key: code = %d, want 200", good.code)
	}
	if bad.code != CodeInvalidToken {
		t.Errorf("prefix of the key: code = %d, want %d", bad.code, CodeInvalidToken)
	}
}

func TestAuthRandomKeysDiffer(t *testing.T) {
	first, second := New(Options{}).APIKey(), New(Options{}).APIKey()

	if first == second {
		t.Errorf("two servers share the random key %q", first)
	}
	if !bearerTokenPattern.MatchString(first) {
		t.Errorf("random key %q is not a bearer token", first)
	}
}

func TestAuthCheckedOnEveryEndpoint(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.create("guarded").ClusterID
	requests := []struct{ method, path string }{
		{http.MethodPost, createPath},
		{http.MethodGet, "/v1/clusters/" + id},
		{http.MethodDelete, "/v1/clusters/" + id + "/drop"},
		{http.MethodGet, "/v1/clusters"},
		{http.MethodGet, "/v1/projects"},
		{http.MethodGet, "/v1/clouds"},
		{http.MethodGet, "/v1/regions"},
	}
	for _, r := range requests {
		resp := ts.callWithAuthorization(r.method, r.path, createBody("Free", "x", defaultProjectID), "")
		if resp.status != http.StatusUnauthorized {
			t.Errorf("%s %s: HTTP status = %d, want 401", r.method, r.path, resp.status)
		}
	}
	if cluster, _ := ts.Cluster(id); cluster.Status != StatusRunning {
		t.Errorf("status after unauthenticated drop = %s, want RUNNING", cluster.Status)
	}
}

func TestRoutingUnknownPath(t *testing.T) {
	ts := newTestServer(t, Options{})
	for _, path := range []string{"/", "/v1", "/v1/clusters/", "/v1/clusters/inxx-1/suspend",
		"/v2/clusters", "/v1/clusters/inxx-1/drop/now"} {
		t.Run(path, func(t *testing.T) {
			resp := ts.call(http.MethodGet, path, "")

			if resp.status != http.StatusNotFound {
				t.Errorf("HTTP status = %d, want 404", resp.status)
			}
			if !json.Valid(resp.body) || resp.code != http.StatusNotFound {
				t.Errorf("body = %s, want JSON with code 404", resp.body)
			}
		})
	}
}

func TestRoutingWrongMethod(t *testing.T) {
	ts := newTestServer(t, Options{})
	cases := []struct{ method, path, allow string }{
		{http.MethodGet, createPath, http.MethodPost},
		{http.MethodPost, "/v1/clusters", http.MethodGet},
		{http.MethodDelete, "/v1/clusters/inxx-1", http.MethodGet},
		{http.MethodGet, "/v1/clusters/inxx-1/drop", http.MethodDelete},
		{http.MethodPut, "/v1/projects", http.MethodGet},
	}
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			resp := ts.call(tc.method, tc.path, "")

			if resp.status != http.StatusMethodNotAllowed {
				t.Errorf("HTTP status = %d, want 405", resp.status)
			}
			if resp.header.Get("Allow") != tc.allow {
				t.Errorf("Allow = %q, want %q", resp.header.Get("Allow"), tc.allow)
			}
			if resp.code != http.StatusMethodNotAllowed {
				t.Errorf("body = %s, want JSON with code 405", resp.body)
			}
		})
	}
}

func TestRoutingWrongMethodBeforeAuth(t *testing.T) {
	ts := newTestServer(t, Options{})

	resp := ts.callWithAuthorization(http.MethodGet, createPath, "", "")

	if resp.status != http.StatusMethodNotAllowed {
		t.Errorf("HTTP status = %d, want 405", resp.status)
	}
}
