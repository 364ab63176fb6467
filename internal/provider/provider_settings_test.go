package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func envFrom(values map[string]string) lookupEnv {
	return func(name string) string { return values[name] }
}

func TestResolveSettingsFromEnvironment(t *testing.T) {
	env := envFrom(map[string]string{
		envAPIKey:      "key-from-env",
		envCloudRegion: "gcp-us-west1",
		envMaxRetries:  "3",
	})

	resolved, unknown, diags := resolveSettings(providerModel{}, env)

	if diags.HasError() {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	if unknown != "" {
		t.Errorf("unknown attribute = %q, expected none", unknown)
	}
	if resolved.apiKey != "key-from-env" {
		t.Errorf("API key not taken from %s", envAPIKey)
	}
	if resolved.endpoint != "https://controller.api.gcp-us-west1.zillizcloud.com" {
		t.Errorf("endpoint = %q, expected the regional URL", resolved.endpoint)
	}
	if resolved.maxRetries != 3 {
		t.Errorf("max retries = %d, expected 3", resolved.maxRetries)
	}
}

func TestResolveSettingsAttributesWin(t *testing.T) {
	env := envFrom(map[string]string{
		envAPIKey:   "key-from-env",
		envEndpoint: "https://env.example.invalid",
	})
	config := providerModel{
		APIKey:      types.StringValue("key-from-config"),
		CloudRegion: types.StringValue("aws-us-east-1"),
		Endpoint:    types.StringValue("http://127.0.0.1:8080/"),
		MaxRetries:  types.Int64Value(0),
	}

	resolved, _, diags := resolveSettings(config, env)

	if diags.HasError() {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	if resolved.apiKey != "key-from-config" {
		t.Errorf("API key not taken from the api_key attribute")
	}
	if resolved.endpoint != "http://127.0.0.1:8080" {
		t.Errorf("endpoint = %q, expected the endpoint attribute without its trailing slash", resolved.endpoint)
	}
	if resolved.maxRetries != 0 {
		t.Errorf("max retries = %d, expected 0", resolved.maxRetries)
	}
}

func TestResolveSettingsUnknownValues(t *testing.T) {
	config := providerModel{APIKey: types.StringUnknown()}

	_, unknown, diags := resolveSettings(config, envFrom(nil))

	if diags.HasError() {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	if unknown != "api_key" {
		t.Errorf("unknown attribute = %q, expected api_key", unknown)
	}
}

func TestResolveSettingsErrors(t *testing.T) {
	tests := map[string]struct {
		config  providerModel
		env     map[string]string
		summary string
		detail  string
	}{
		"missing key": {
			env:     map[string]string{envCloudRegion: "gcp-us-west1"},
			summary: "Missing API Key",
			detail:  envAPIKey,
		},
		"blank key": {
			config:  providerModel{APIKey: types.StringValue("  \t")},
			env:     map[string]string{envCloudRegion: "gcp-us-west1"},
			summary: "Missing API Key",
			detail:  "api_key",
		},
		"key with newline": {
			config:  providerModel{APIKey: types.StringValue("secret-key\n")},
			env:     map[string]string{envCloudRegion: "gcp-us-west1"},
			summary: "Invalid API Key",
			detail:  "white space",
		},
		"no region or endpoint": {
			env:     map[string]string{envAPIKey: "k"},
			summary: "Missing Cloud Region",
			detail:  envCloudRegion,
		},
		"region with host": {
			config:  providerModel{CloudRegion: types.StringValue("evil.example.com/x")},
			env:     map[string]string{envAPIKey: "k"},
			summary: "Invalid Cloud Region",
			detail:  "gcp-us-west1",
		},
		"endpoint not a URL": {
			config:  providerModel{Endpoint: types.StringValue("::not a url")},
			env:     map[string]string{envAPIKey: "k"},
			summary: "Invalid Provider Endpoint",
			detail:  "not a URL",
		},
		"endpoint without scheme": {
			config:  providerModel{Endpoint: types.StringValue("controller.api.gcp-us-west1.zillizcloud.com")},
			env:     map[string]string{envAPIKey: "k"},
			summary: "Invalid Provider Endpoint",
			detail:  "scheme must be https",
		},
		"plain http to remote host": {
			env:     map[string]string{envAPIKey: "k", envEndpoint: "http://controller.example.com"},
			summary: "Invalid Provider Endpoint",
			detail:  envEndpoint,
		},
		"endpoint with credentials": {
			config:  providerModel{Endpoint: types.StringValue("https://user:pw@controller.example.com")},
			env:     map[string]string{envAPIKey: "k"},
			summary: "Invalid Provider Endpoint",
			detail:  "credentials",
		},
		"max retries not a number": {
			env:     map[string]string{envAPIKey: "k", envCloudRegion: "gcp-us-west1", envMaxRetries: "many"},
			summary: "Invalid Maximum Retries",
			detail:  envMaxRetries,
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			_, _, diags := resolveSettings(test.config, envFrom(test.env))

			if !diags.HasError() {
				t.Fatal("expected an error diagnostic")
			}
			first := diags.Errors()[0]
			if first.Summary() != test.summary {
				t.Errorf("summary = %q, expected %q", first.Summary(), test.summary)
			}
			if !strings.Contains(first.Detail(), test.detail) {
				t.Errorf("detail %q does not mention %q", first.Detail(), test.detail)
			}
		})
	}
}

func TestValidateEndpointLoopback(t *testing.T) {
	for _, endpoint := range []string{"http://localhost:1234", "http://127.0.0.1:9", "http://127.8.9.10", "http://[::1]:80"} {
		if _, err := validateEndpoint(endpoint); err != nil {
			t.Errorf("validateEndpoint(%q) = %v, expected loopback http to be accepted", endpoint, err)
		}
	}
	for _, endpoint := range []string{"http://10.0.0.1", "http://localhost.example.com", "http://169.254.169.254"} {
		if _, err := validateEndpoint(endpoint); err == nil {
			t.Errorf("validateEndpoint(%q) accepted plain http to a host that is not loopback", endpoint)
		}
	}
}
