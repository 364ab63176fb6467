package client

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
)

const (
	defaultRetryWaitMin   = time.Second
	defaultRetryWaitMax   = 30 * time.Second
	defaultAttemptTimeout = 60 * time.Second
	defaultUserAgent      = "terraform-provider-zilliz"
)

// Config is the configuration of a Client.
type Config struct {
	// Endpoint is the base URL of the API, such as
	// https://controller.api.gcp-us-west1.zillizcloud.com. A path in it is kept as a prefix of
	// every API path.
	Endpoint string

	// APIKey is sent as a bearer token. It must not be empty or contain white space or control
	// characters.
	APIKey string

	// UserAgent is the User-Agent header, such as "terraform-provider-zilliz/0.1.0". It defaults
	// to "terraform-provider-zilliz".
	UserAgent string

	// MaxRetries is the number of retries after the first attempt. Zero disables retrying.
	MaxRetries int

	// RetryWaitMin and RetryWaitMax bound the wait before each retry. They default to 1 s and
	// 30 s when zero.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration

	// HTTPClient sends the requests. When nil, the client uses a pooled transport from
	// go-cleanhttp with a timeout of 60 s per attempt that does not follow redirects. A client
	// passed here is used as it is.
	HTTPClient *http.Client
}

// Client calls the Zilliz Cloud control-plane API. It is safe for concurrent use.
type Client struct {
	baseURL    string
	apiKey     string
	userAgent  string
	httpClient *http.Client
	retry      retryPolicy
}

// New validates cfg and returns a client for it. It sends no request.
func New(cfg Config) (*Client, error) {
	baseURL, err := parseEndpoint(cfg.Endpoint)
	if err != nil {
		return nil, fmt.Errorf("invalid endpoint: %w", err)
	}

	if err := validateAPIKey(cfg.APIKey); err != nil {
		return nil, fmt.Errorf("invalid API key: %w", err)
	}

	retry, err := newRetryPolicy(cfg)
	if err != nil {
		return nil, err
	}

	httpClient := cfg.HTTPClient
	if httpClient == nil {
		httpClient = defaultHTTPClient()
	}

	userAgent := cfg.UserAgent
	if userAgent == "" {
		userAgent = defaultUserAgent
	}

	return &Client{
		baseURL:    baseURL,
		apiKey:     cfg.APIKey,
		userAgent:  userAgent,
		httpClient: httpClient,
		retry:      retry,
	}, nil
}

// RegionalEndpoint returns the control-plane base URL of a cloud region, such as
// "https://controller.api.gcp-us-west1.zillizcloud.com" for "gcp-us-west1". It does not check
// the region.
func RegionalEndpoint(cloudRegion string) string {
	return "https://controller.api." + cloudRegion + ".zillizcloud.com"
}

// parseEndpoint checks that endpoint is an absolute http or https URL with a host and returns it
// without a trailing slash. The errors never repeat the endpoint, because a rejected URL may
// contain credentials.
func parseEndpoint(endpoint string) (string, error) {
	if endpoint == "" {
		return "", errors.New("the endpoint is empty")
	}

	parsed, err := url.Parse(endpoint)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return "", fmt.Errorf("the endpoint is not a valid URL: %w", err)
	}

	switch {
	case parsed.Scheme != "http" && parsed.Scheme != "https":
		return "", errors.New("the endpoint must be an absolute http or https URL")
	case parsed.Opaque != "" || parsed.Hostname() == "":
		return "", errors.New("the endpoint URL has no host")
	case parsed.User != nil:
		return "", errors.New("the endpoint URL must not contain credentials")
	case parsed.RawQuery != "" || parsed.ForceQuery || parsed.Fragment != "":
		return "", errors.New("the endpoint URL must not have a query or fragment")
	}

	return parsed.Scheme + "://" + parsed.Host + strings.TrimRight(parsed.EscapedPath(), "/"), nil
}

// validateAPIKey rejects keys that cannot be sent in an Authorization header or that would make
// log masking useless. The error never contains the key.
func validateAPIKey(apiKey string) error {
	if apiKey == "" {
		return errors.New("the API key is empty")
	}
	if strings.ContainsFunc(apiKey, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return errors.New("the API key contains white space or control characters")
	}
	return nil
}

// defaultHTTPClient returns a client with its own connection pool. It does not follow redirects,
// so that the API key is sent to no host other than the endpoint. A redirect is returned as a
// response, which the decoder reports as an error.
func defaultHTTPClient() *http.Client {
	httpClient := cleanhttp.DefaultPooledClient()
	httpClient.Timeout = defaultAttemptTimeout
	httpClient.CheckRedirect = func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}
	return httpClient
}
