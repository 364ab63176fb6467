package client

import (
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

func TestMaskSecretsInCallerLogs(t *testing.T) {
	const (
		apiKey   = "key-for-masking-test"
		password = "password-for-masking-test"
	)
	ctx, logs := loggingContext(t, "")
	ctx = MaskSecrets(ctx, apiKey, password, "")

	tflog.Warn(ctx, "Request with "+apiKey+" failed", map[string]any{
		"error":         "the service rejected " + password,
		"password":      "any value",
		"api_key":       "any value",
		"Authorization": "Bearer any value",
		"cluster_id":    "inxx-1",
	})

	entries := logs.entries(t, "Request with *** failed")
	if len(entries) != 1 {
		t.Fatalf("logged %d entries with the masked message, want 1:\n%s", len(entries), logs.String())
	}
	want := map[string]any{
		"error":         "the service rejected ***",
		"password":      "***",
		"api_key":       "***",
		"Authorization": "***",
		"cluster_id":    "inxx-1",
	}
	for key, value := range want {
		if entries[0][key] != value {
			t.Errorf("log field %s = %v, want %v", key, entries[0][key], value)
		}
	}
}

// TestMaskSecretsInLaterClientLogs checks that a secret that the caller masks, such as a
// generated password, stays masked in the client's own log lines of later calls, although each
// call sets up the "http" subsystem afresh.
func TestMaskSecretsInLaterClientLogs(t *testing.T) {
	const password = "password-for-masking-test"
	ctx, logs := loggingContext(t, "")
	ctx = MaskSecrets(ctx, password)
	_, c := serve(t, sequence(
		respond(http.StatusOK, `{"code":200,"data":{"clusterId":"inxx-1","status":"RUNNING","description":"`+
			password+`"}}`),
		respond(http.StatusOK, `{"code":80000,"message":"invalid parameter `+password+`"}`),
	))

	if _, err := c.DescribeCluster(ctx, "inxx-1"); err != nil {
		t.Fatalf("DescribeCluster: %v", err)
	}
	if _, err := c.DescribeCluster(ctx, "inxx-1"); err == nil {
		t.Fatal("the second DescribeCluster returned no error")
	}

	if bodies := logs.entries(t, "Zilliz Cloud API response body"); len(bodies) != 2 {
		t.Errorf("logged %d response bodies, want 2, so the check below may miss one", len(bodies))
	}
	if strings.Contains(logs.String(), password) {
		t.Errorf("the client's logs contain the password that the caller masked:\n%s", logs.String())
	}
}
