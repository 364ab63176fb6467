package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
	"github.com/vectorops/terraform-provider-zilliz/internal/testcli"
)

// TestAccSecretsNotLogged applies and destroys two clusters through the Terraform CLI with
// trace logging, while the mock rejects one create with 429 and truncates the response to
// another, which contains the generated password. The first lookup by name after the truncated
// response then lists a second cluster of the same name whose ID contains the API key, so the
// provider logs a failed lookup whose error contains the key. Neither the API key nor any
// password may appear in the log file, in the CLI's output or in any file but the state.
func TestAccSecretsNotLogged(t *testing.T) {
	server := startRewritingMock(t, fastMockOptions())
	server.rewrite(bodyRewrite{endpoint: mock.EndpointList, times: 1, edit: addClustersNamedLikeSecrets(server.APIKey())})
	server.InjectFault(mock.Fault{Endpoint: mock.EndpointCreate, Kind: mock.FaultTooManyRequests, RetryAfter: "1"})
	server.InjectFault(mock.Fault{Endpoint: mock.EndpointCreate, Kind: mock.FaultTruncatedJSON})
	logPath := filepath.Join(t.TempDir(), "terraform.log")

	ws := testcli.New(t, map[string]string{
		envEndpoint:   server.URL,
		envAPIKey:     server.APIKey(),
		envMaxRetries: "4",
		"TF_LOG":      "TRACE",
		"TF_LOG_PATH": logPath,
	})
	ws.WriteFile("main.tf", testcli.RequiredProviders+`
resource "zilliz_serverless_cluster" "secret" {
  count        = 2
  cluster_name = "secret-${count.index}"
  project_id   = "`+testProjectID+`"
}
`)

	apply := ws.Apply()
	if err := apply.Err(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(apply.Stdout, passwordNotReceivedSummary) {
		t.Errorf("apply output has no warning that the truncated create's password was not received:\n%s", apply.Output())
	}
	receivedBy := expectOnePasswordReceived(t, server, ws)
	expectStateContainsPassword(t, ws, server.Password(receivedBy))
	destroy := ws.Destroy()
	if err := destroy.Err(); err != nil {
		t.Fatal(err)
	}
	expectFaultsUsed(t, server)
	expectNoLiveClusters(t, server)

	logData, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatalf("reading the Terraform log failed: %v", err)
	}
	if len(logData) == 0 {
		t.Fatal("the Terraform log is empty, although TF_LOG=TRACE was set")
	}
	logText := string(logData)
	for _, line := range []string{
		"Retrying Zilliz Cloud API request",
		"Outcome of createServerless is unknown",
		"Looking the cluster up by name failed; trying again",
		"Found the cluster that the lost create request made",
		"Zilliz Cloud API response body",
	} {
		if !strings.Contains(logText, line) {
			t.Errorf("the Terraform log (%d bytes) has no provider line %q", len(logData), line)
		}
	}
	// The failed lookup's error names the cluster IDs that contain the key, so a masked key
	// shows that the scan below covers a provider line, not only the client's.
	if !logLineContains(logText, "Looking the cluster up by name failed", "inxx-***-") {
		t.Error("the Terraform log has no failed lookup whose error shows the masked API key, so the scan below " +
			"does not cover the provider's own log lines")
	}

	// Terraform 1.11 writes a provider's log fields in Go quoting, so a logged body that
	// contained a password shows its redacted value as password\":\"***\"; Terraform 1.5 and
	// OpenTofu 1.10 write the field as it is.
	if !strings.Contains(logText, `password\":\"***\"`) && !strings.Contains(logText, `"password":"***"`) {
		t.Error("the Terraform log has no create response body with a redacted password, so the scan below " +
			"does not cover the bodies that contained one")
	}

	secrets := mockSecrets(server)
	texts := map[string]string{
		"the Terraform log":  logText,
		"the apply output":   apply.Output(),
		"the destroy output": destroy.Output(),
	}
	for place, text := range texts {
		for name, secret := range secrets {
			if strings.Contains(text, secret) {
				t.Errorf("%s contains %s", place, name)
			}
		}
	}
	if strings.Contains(logText, "Authorization: Bearer") {
		t.Error("the Terraform log contains an Authorization header")
	}
	expectSecretsOnlyInState(t, ws.Dir, secrets)
}

// addClustersNamedLikeSecrets returns a list rewrite that adds a live cluster named secret-0 and
// one named secret-1, each with an ID that contains apiKey. A lookup by either name then finds
// two clusters and fails with an error that names both IDs.
func addClustersNamedLikeSecrets(apiKey string) func(body map[string]any) {
	return func(body map[string]any) {
		data, ok := body["data"].(map[string]any)
		if !ok {
			return
		}
		clusters, _ := data["clusters"].([]any)
		for i := range 2 {
			clusters = append(clusters, map[string]any{
				"clusterId":   fmt.Sprintf("inxx-%s-%d", apiKey, i),
				"clusterName": fmt.Sprintf("secret-%d", i),
				"status":      "RUNNING",
				"projectId":   testProjectID,
			})
		}
		data["clusters"] = clusters
		data["count"] = len(clusters)
	}
}

// logLineContains reports whether a line of logText contains both message and text.
func logLineContains(logText, message, text string) bool {
	for line := range strings.Lines(logText) {
		if strings.Contains(line, message) && strings.Contains(line, text) {
			return true
		}
	}
	return false
}

// expectOnePasswordReceived checks the state after apply: of the two clusters, the one whose
// create succeeded stores the generated password, and the one whose response was truncated
// stores none. So one password did pass through the provider, and the scan for it means
// something. It returns the ID of the cluster with the password.
func expectOnePasswordReceived(t *testing.T, server *testMock, ws *testcli.Workspace) string {
	t.Helper()

	var receivedBy string
	received, missing := 0, 0
	for _, r := range ws.ShowState().Values.RootModule.Resources {
		id, _ := r.AttributeValues["id"].(string)
		switch password := r.AttributeValues["password"].(type) {
		case nil:
			missing++
		case string:
			if password != server.Password(id) {
				t.Errorf("the password of cluster %s in state differs from the generated one", id)
			}
			receivedBy = id
			received++
		}
	}
	if received != 1 || missing != 1 {
		t.Errorf("state has %d clusters with a password and %d without, expected 1 and 1", received, missing)
	}
	return receivedBy
}

// expectStateContainsPassword checks that terraform.tfstate contains one of the forms of
// password that mockSecrets lists. It shows that the scan of the other files can find a password
// where one is written.
func expectStateContainsPassword(t *testing.T, ws *testcli.Workspace, password string) {
	t.Helper()

	state, err := os.ReadFile(filepath.Join(ws.Dir, "terraform.tfstate"))
	if err != nil {
		t.Fatalf("reading the state file failed: %v", err)
	}
	for _, form := range encodedForms(password) {
		if bytes.Contains(state, []byte(form)) {
			return
		}
	}
	t.Error("terraform.tfstate contains none of the forms of the password that the scan looks for")
}

// mockSecrets returns the API key and every generated password, each in every form that up to
// two rounds of JSON encoding and Go quoting give it, keyed by a description that does not
// contain the secret. Terraform's log quotes field values in Go syntax, and a logged body is
// JSON, so a leaked password could appear in any of these forms.
func mockSecrets(server *testMock) map[string]string {
	secrets := map[string]string{"the API key": server.APIKey()}
	for _, cluster := range server.Stats().Clusters {
		for i, form := range encodedForms(server.Password(cluster.ClusterID)) {
			secrets[fmt.Sprintf("the password of %s (form %d)", cluster.ClusterID, i)] = form
		}
	}
	return secrets
}

// encodedForms returns text raw and after one or two of these encodings, without the quotes
// they add: JSON with HTML escaping, JSON without it, and Go quoting.
func encodedForms(text string) []string {
	encodings := []func(string) string{
		func(s string) string {
			encoded, _ := json.Marshal(s)
			return string(encoded)
		},
		func(s string) string {
			var encoded bytes.Buffer
			encoder := json.NewEncoder(&encoded)
			encoder.SetEscapeHTML(false)
			_ = encoder.Encode(s)
			return strings.TrimSpace(encoded.String())
		},
		strconv.Quote,
	}

	forms := []string{text}
	for _, first := range encodings {
		once := strings.TrimSuffix(strings.TrimPrefix(first(text), `"`), `"`)
		forms = append(forms, once)
		for _, second := range encodings {
			forms = append(forms, strings.TrimSuffix(strings.TrimPrefix(second(once), `"`), `"`))
		}
	}
	slices.Sort(forms)
	return slices.Compact(forms)
}

// expectSecretsOnlyInState fails the test when a file in the working directory other than the
// state and its backup contains one of secrets.
func expectSecretsOnlyInState(t *testing.T, dir string, secrets map[string]string) {
	t.Helper()

	err := filepath.WalkDir(dir, func(path string, entry fs.DirEntry, err error) error {
		if err != nil || entry.IsDir() {
			return err
		}
		if name := entry.Name(); name == "terraform.tfstate" || name == "terraform.tfstate.backup" {
			return nil
		}
		if entry.Type()&fs.ModeSymlink != 0 {
			return nil
		}

		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for name, secret := range secrets {
			if bytes.Contains(content, []byte(secret)) {
				t.Errorf("%s contains %s", path, name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("scanning the working directory failed: %v", err)
	}
}

// TestProviderSettingsDiagnosticsHideSecrets checks that the diagnostics about invalid provider
// settings never repeat the API key or credentials in an endpoint URL.
func TestProviderSettingsDiagnosticsHideSecrets(t *testing.T) {
	const secret = "s3cr3t-Value"

	tests := map[string]struct {
		config providerModel
		env    map[string]string
	}{
		"api key with space": {
			config: providerModel{APIKey: types.StringValue(secret + " x"), Endpoint: types.StringValue("https://127.0.0.1")},
		},
		"api key with tab from environment": {
			config: providerModel{Endpoint: types.StringValue("https://127.0.0.1")},
			env:    map[string]string{envAPIKey: secret + "\t"},
		},
		"endpoint with credentials": {
			config: providerModel{APIKey: types.StringValue("k"), Endpoint: types.StringValue("https://admin:" + secret + "@127.0.0.1:9")},
		},
		"plain http endpoint with credentials": {
			config: providerModel{APIKey: types.StringValue("k"), Endpoint: types.StringValue("http://admin:" + secret + "@zilliz.example")},
		},
		"unparsable endpoint with credentials": {
			config: providerModel{APIKey: types.StringValue("k"), Endpoint: types.StringValue("https://admin:" + secret + "@[::1")},
		},
		"endpoint with credentials from environment": {
			config: providerModel{APIKey: types.StringValue("k")},
			env:    map[string]string{envEndpoint: "https://admin:" + secret + "@127.0.0.1:9"},
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			// The zero value of each attribute in providerModel is null, as for an attribute that
			// the configuration leaves out.
			env := func(name string) string { return test.env[name] }

			_, _, diags := resolveSettings(test.config, env)
			if !diags.HasError() {
				t.Fatal("resolveSettings accepted the settings, expected an error diagnostic")
			}
			for _, diagnostic := range diags {
				text := diagnostic.Summary() + "\n" + diagnostic.Detail()
				if strings.Contains(text, secret) {
					t.Errorf("the diagnostic %q repeats the secret, shown here as <secret>:\n%s", diagnostic.Summary(),
						strings.ReplaceAll(text, secret, "<secret>"))
				}
			}
		})
	}
}
