package client

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestNewRejectsInvalidConfig(t *testing.T) {
	valid := func() Config { return testConfig("https://controller.api.gcp-us-west1.zillizcloud.com") }

	cases := []struct {
		name   string
		modify func(*Config)
		want   string
	}{
		{"empty endpoint", func(c *Config) { c.Endpoint = "" }, "endpoint is empty"},
		{"relative endpoint", func(c *Config) { c.Endpoint = "controller.api.zillizcloud.com" }, "absolute http or https"},
		{"ftp endpoint", func(c *Config) { c.Endpoint = "ftp://example.test" }, "absolute http or https"},
		{"endpoint without host", func(c *Config) { c.Endpoint = "https:///v1" }, "no host"},
		{"opaque endpoint", func(c *Config) { c.Endpoint = "https:example.test" }, "no host"},
		{"endpoint with credentials", func(c *Config) { c.Endpoint = "https://user:hunter2@example.test" }, "credentials"},
		{"endpoint with query", func(c *Config) { c.Endpoint = "https://example.test?x=1" }, "query or fragment"},
		{"endpoint with fragment", func(c *Config) { c.Endpoint = "https://example.test#top" }, "query or fragment"},
		{"unparsable endpoint", func(c *Config) { c.Endpoint = "https://user:hunter2@[::1" }, "not a valid URL"},
		{"empty API key", func(c *Config) { c.APIKey = "" }, "API key is empty"},
		{"API key with newline", func(c *Config) { c.APIKey = testAPIKey + "\n" }, "white space or control"},
		{"negative retries", func(c *Config) { c.MaxRetries = -1 }, "MaxRetries must not be negative"},
		{"negative wait", func(c *Config) { c.RetryWaitMin = -time.Second }, "must not be negative"},
		{"minimum above maximum", func(c *Config) {
			c.RetryWaitMin, c.RetryWaitMax = time.Minute, time.Second
		}, "must not exceed"},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := valid()
			tc.modify(&cfg)

			_, err := New(cfg)
			if err == nil {
				t.Fatal("New returned no error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error %q contains the endpoint's password", err)
			}
			if strings.Contains(err.Error(), testAPIKey) {
				t.Errorf("error %q contains the API key", err)
			}
		})
	}
}

func TestNewAppliesDefaults(t *testing.T) {
	c, err := New(Config{Endpoint: "https://controller.api.gcp-us-west1.zillizcloud.com/", APIKey: testAPIKey})
	if err != nil {
		t.Fatalf("New: %v", err)
	}

	if c.baseURL != "https://controller.api.gcp-us-west1.zillizcloud.com" {
		t.Errorf("baseURL = %q, want the endpoint without a trailing slash", c.baseURL)
	}
	if c.retry.waitMin != time.Second {
		t.Errorf("waitMin = %v, want 1s", c.retry.waitMin)
	}
	if c.retry.waitMax != 30*time.Second {
		t.Errorf("waitMax = %v, want 30s", c.retry.waitMax)
	}
	if c.retry.maxRetries != 0 {
		t.Errorf("maxRetries = %d, want 0", c.retry.maxRetries)
	}
	if c.userAgent != "terraform-provider-zilliz" {
		t.Errorf("userAgent = %q, want terraform-provider-zilliz", c.userAgent)
	}
	if c.httpClient.Timeout != 60*time.Second {
		t.Errorf("HTTP client timeout = %v, want 60s", c.httpClient.Timeout)
	}
	if c.httpClient.CheckRedirect == nil {
		t.Error("the default HTTP client follows redirects")
	}
	if c.httpClient == http.DefaultClient {
		t.Error("the default HTTP client is http.DefaultClient, which other code may change")
	}
}

func TestRegionalEndpoint(t *testing.T) {
	got := RegionalEndpoint("gcp-us-west1")

	if got != "https://controller.api.gcp-us-west1.zillizcloud.com" {
		t.Errorf("RegionalEndpoint = %q", got)
	}
}

func TestRequestHeaders(t *testing.T) {
	server, c := serve(t, respond(http.StatusOK, createdJSON))

	_, err := c.CreateServerlessCluster(t.Context(), CreateServerlessRequest{Plan: "Serverless", ClusterName: "alpha", ProjectID: "proj-1"})
	if err != nil {
		t.Fatalf("CreateServerlessCluster: %v", err)
	}

	header := server.recorded()[0].Header
	checks := map[string]string{
		"Authorization": "Bearer " + testAPIKey,
		"Content-Type":  "application/json",
		"Accept":        "application/json",
		"User-Agent":    "terraform-provider-zilliz/test",
	}
	for name, want := range checks {
		if got := header.Get(name); got != want {
			t.Errorf("header %s = %q, want %q", name, got, want)
		}
	}
}

func TestGetHasNoBodyHeaders(t *testing.T) {
	server, c := serve(t, respond(http.StatusOK, `{"code":0,"data":[]}`))

	if _, err := c.ListProjects(t.Context()); err != nil {
		t.Fatalf("ListProjects: %v", err)
	}

	got := server.recorded()[0]
	if got.Header.Get("Content-Type") != "" {
		t.Errorf("GET sent Content-Type %q", got.Header.Get("Content-Type"))
	}
	if got.Header.Get("Transfer-Encoding") != "" || len(got.Body) != 0 {
		t.Errorf("GET sent a body: %q", got.Body)
	}
	if got.Header.Get("Accept") != "application/json" {
		t.Errorf("Accept = %q, want application/json", got.Header.Get("Accept"))
	}
}

func TestEndpointPathPrefix(t *testing.T) {
	server := newAPIServer(t, respond(http.StatusOK, `{"code":0,"data":[]}`))
	c := newTestClient(t, testConfig(server.URL+"/zilliz/"))

	if _, err := c.ListProjects(t.Context()); err != nil {
		t.Fatalf("ListProjects: %v", err)
	}

	if got := server.recorded()[0].Path; got != "/zilliz/v1/projects" {
		t.Errorf("path = %q, want /zilliz/v1/projects", got)
	}
}

func TestDefaultUserAgent(t *testing.T) {
	server := newAPIServer(t, respond(http.StatusOK, `{"code":0,"data":[]}`))
	cfg := testConfig(server.URL)
	cfg.UserAgent = ""
	c := newTestClient(t, cfg)

	if _, err := c.ListCloudProviders(t.Context()); err != nil {
		t.Fatalf("ListCloudProviders: %v", err)
	}

	if got := server.recorded()[0].Header.Get("User-Agent"); got != "terraform-provider-zilliz" {
		t.Errorf("User-Agent = %q, want terraform-provider-zilliz", got)
	}
}

func TestDefaultClientDoesNotFollowRedirects(t *testing.T) {
	target := newAPIServer(t, respond(http.StatusOK, `{"code":0,"data":[]}`))
	redirecting := newAPIServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+r.URL.Path, http.StatusFound)
	})
	cfg := testConfig(redirecting.URL)
	cfg.HTTPClient = nil
	c := newTestClient(t, cfg)

	_, err := c.ListProjects(t.Context())

	var responseErr *ResponseError
	if !errors.As(err, &responseErr) {
		t.Fatalf("error = %v, want a ResponseError", err)
	}
	if responseErr.HTTPStatus != http.StatusFound {
		t.Errorf("HTTPStatus = %d, want 302", responseErr.HTTPStatus)
	}
	if target.count() != 0 {
		t.Errorf("the redirect target received %d requests, want 0", target.count())
	}
}
