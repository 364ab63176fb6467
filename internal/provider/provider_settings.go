package provider

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
)

// Environment variables that stand in for provider attributes left out of the configuration.
const (
	envAPIKey      = "ZILLIZ_API_KEY"
	envCloudRegion = "ZILLIZ_CLOUD_REGION"
	envEndpoint    = "ZILLIZ_ENDPOINT"
	envMaxRetries  = "ZILLIZ_MAX_RETRIES"
)

const (
	defaultMaxRetries = 8
	maxRetriesLimit   = 20
)

// cloudRegionPattern accepts region ids such as gcp-us-west1 and aws-us-east-1. It keeps a
// region from changing the host name that the provider sends the API key to.
var cloudRegionPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// settings are the provider's resolved and validated configuration.
type settings struct {
	apiKey     string
	endpoint   string
	maxRetries int
}

// lookupEnv returns an environment variable's value. Tests pass a map lookup instead.
type lookupEnv func(name string) string

func osEnvironment(name string) string {
	return os.Getenv(name)
}

// resolveSettings merges the provider block with the environment and validates the result. When
// an attribute is unknown, it returns that attribute's name and no settings.
func resolveSettings(config providerModel, env lookupEnv) (settings, string, diag.Diagnostics) {
	var diags diag.Diagnostics

	attributes := []struct {
		name    string
		unknown bool
	}{
		{"api_key", config.APIKey.IsUnknown()},
		{"cloud_region", config.CloudRegion.IsUnknown()},
		{"endpoint", config.Endpoint.IsUnknown()},
		{"max_retries", config.MaxRetries.IsUnknown()},
	}
	for _, attribute := range attributes {
		if attribute.unknown {
			return settings{}, attribute.name, nil
		}
	}

	var resolved settings
	resolved.apiKey = resolveAPIKey(firstSet(config.APIKey.ValueString(), env(envAPIKey)), &diags)
	resolveEndpoint(config, env, &resolved, &diags)
	resolved.maxRetries = resolveMaxRetries(config, env, &diags)

	return resolved, "", diags
}

func resolveAPIKey(apiKey string, diags *diag.Diagnostics) string {
	if apiKey != "" && strings.TrimSpace(apiKey) == "" {
		diags.AddAttributeError(path.Root("api_key"), "Missing API Key",
			"The API key from api_key or "+envAPIKey+" is set but contains only white space. Set it to an API "+
				"key from the Zilliz Cloud console (API Keys page).")
		return ""
	}
	if apiKey == "" {
		diags.AddAttributeError(path.Root("api_key"), "Missing API Key",
			"The provider needs a Zilliz Cloud API key, but api_key is empty and the "+envAPIKey+
				" environment variable is empty or unset. Set one of them to an API key from the Zilliz Cloud "+
				"console (API Keys page).")
		return ""
	}

	if strings.ContainsFunc(apiKey, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		diags.AddAttributeError(path.Root("api_key"), "Invalid API Key",
			"The API key from api_key or "+envAPIKey+" contains white space or control characters, "+
				"which an API key never has. Copy the key again without surrounding spaces or line breaks.")
		return ""
	}

	return apiKey
}

func resolveEndpoint(config providerModel, env lookupEnv, resolved *settings, diags *diag.Diagnostics) {
	endpoint, source := config.Endpoint.ValueString(), "in the endpoint attribute"
	if endpoint == "" {
		endpoint, source = env(envEndpoint), "in the "+envEndpoint+" environment variable"
	}

	if endpoint != "" {
		normalized, err := validateEndpoint(endpoint)
		if err != nil {
			diags.AddAttributeError(path.Root("endpoint"), "Invalid Provider Endpoint",
				fmt.Sprintf("The endpoint %q %s is invalid: %s.", redactEndpoint(endpoint), source, err))
			return
		}
		resolved.endpoint = normalized
		return
	}

	region, source := config.CloudRegion.ValueString(), "in the cloud_region attribute"
	if region == "" {
		region, source = env(envCloudRegion), "in the "+envCloudRegion+" environment variable"
	}

	if region == "" {
		diags.AddAttributeError(path.Root("cloud_region"), "Missing Cloud Region",
			"The provider needs to know which Zilliz Cloud control plane to call. Set cloud_region (or the "+
				envCloudRegion+" environment variable) to your project's region, such as gcp-us-west1, "+
				"or set endpoint (or "+envEndpoint+") to the base URL of the API.")
		return
	}
	if !cloudRegionPattern.MatchString(region) {
		diags.AddAttributeError(path.Root("cloud_region"), "Invalid Cloud Region",
			fmt.Sprintf("The cloud region %q %s is invalid: a region id contains only lowercase letters, "+
				"digits and single hyphens, such as gcp-us-west1.", region, source))
		return
	}
	resolved.endpoint = client.RegionalEndpoint(region)
}

// validateEndpoint checks that endpoint is an absolute http or https URL without credentials,
// query or fragment, and that plain http is used only with a loopback host, so that the API key
// never crosses a network unencrypted. It returns the URL without a trailing slash.
func validateEndpoint(endpoint string) (string, error) {
	parsed, err := url.Parse(endpoint)
	if err != nil {
		// A *url.Error repeats the whole URL, credentials included, so only its cause is kept.
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return "", fmt.Errorf("it is not a URL (%w)", err)
	}

	switch {
	case parsed.Scheme != "https" && parsed.Scheme != "http":
		return "", fmt.Errorf("the scheme must be https (or http for a loopback host), such as " +
			"https://controller.api.gcp-us-west1.zillizcloud.com")
	case parsed.Hostname() == "":
		return "", fmt.Errorf("the URL has no host")
	case parsed.User != nil:
		return "", fmt.Errorf("the URL must not contain credentials; set api_key instead")
	case parsed.RawQuery != "" || parsed.Fragment != "":
		return "", fmt.Errorf("the URL must not have a query or fragment")
	case parsed.Scheme == "http" && !isLoopbackHost(parsed.Hostname()):
		return "", fmt.Errorf("plain http is accepted only for loopback hosts (localhost, 127.0.0.0/8, ::1), " +
			"so that the API key is not sent unencrypted; use https")
	}

	return strings.TrimRight(parsed.String(), "/"), nil
}

// redactEndpoint returns endpoint with any credentials in it replaced by "***", for
// diagnostics. It also handles text that is not a valid URL.
func redactEndpoint(endpoint string) string {
	if parsed, err := url.Parse(endpoint); err == nil {
		if parsed.User == nil {
			return parsed.String()
		}
		parsed.User = nil
		return strings.Replace(parsed.String(), "://", "://***@", 1)
	}

	at := strings.LastIndex(endpoint, "@")
	if at < 0 {
		return endpoint
	}
	start := 0
	if scheme := strings.Index(endpoint, "://"); scheme >= 0 && scheme < at {
		start = scheme + len("://")
	}
	return endpoint[:start] + "***" + endpoint[at:]
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func resolveMaxRetries(config providerModel, env lookupEnv, diags *diag.Diagnostics) int {
	if !config.MaxRetries.IsNull() {
		return int(config.MaxRetries.ValueInt64())
	}

	raw := strings.TrimSpace(env(envMaxRetries))
	if raw == "" {
		return defaultMaxRetries
	}

	value, err := strconv.Atoi(raw)
	if err != nil || value < 0 || value > maxRetriesLimit {
		diags.AddAttributeError(path.Root("max_retries"), "Invalid Maximum Retries",
			fmt.Sprintf("The %s environment variable is %q, but it must be a whole number from 0 to %d.",
				envMaxRetries, raw, maxRetriesLimit))
		return 0
	}
	return value
}

func firstSet(values ...string) string {
	for _, value := range values {
		if value != "" {
			return value
		}
	}
	return ""
}

// newAPIClient creates the API client for resolved settings.
func newAPIClient(resolved settings, version string) (*client.Client, error) {
	return client.New(client.Config{
		Endpoint:   resolved.endpoint,
		APIKey:     resolved.apiKey,
		UserAgent:  "terraform-provider-zilliz/" + version,
		MaxRetries: resolved.maxRetries,
	})
}
