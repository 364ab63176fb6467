package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

// clearProviderEnvironment empties the variables that the provider reads when attributes are
// missing, so that settings of the shell cannot change a case.
func clearProviderEnvironment(t *testing.T) {
	t.Helper()

	for _, name := range []string{envAPIKey, envCloudRegion, envEndpoint, envMaxRetries} {
		t.Setenv(name, "")
	}
}

func TestAccServerlessClusterInvalidArguments(t *testing.T) {
	clearProviderEnvironment(t)
	const (
		validName   = "acc-invalid"
		nameRule    = "must contain only ASCII letters, digits and hyphens"
		projectRule = "must be a project ID"
	)

	tests := map[string]struct {
		name      string
		projectID string
		extra     string
		expected  *regexp.Regexp
	}{
		"name over 32 characters": {
			name:      strings.Repeat("a", 33),
			projectID: testProjectID,
			expected:  errorText("cluster_name string length must be between 1 and 32", "got: 33"),
		},
		"name of 32 multibyte characters": {
			name:      strings.Repeat("é", 32),
			projectID: testProjectID,
			expected:  errorText(nameRule),
		},
		"name with spaces":           {name: "my cluster", projectID: testProjectID, expected: errorText(nameRule)},
		"name with underscore":       {name: "my_cluster", projectID: testProjectID, expected: errorText(nameRule)},
		"name with non-ASCII letter": {name: "clüster", projectID: testProjectID, expected: errorText(nameRule)},
		"name with trailing newline": {name: "cluster\n", projectID: testProjectID, expected: errorText(nameRule)},
		"empty name": {
			name:      "",
			projectID: testProjectID,
			expected:  errorText("cluster_name string length must be between 1 and 32", "got: 0"),
		},
		"unknown plan": {
			name:      validName,
			projectID: testProjectID,
			extra:     `  plan = "Enterprise"`,
			expected:  errorText("Attribute plan value must be one of", "Serverless", "Free", `got: "Enterprise"`),
		},
		"empty plan": {
			name:      validName,
			projectID: testProjectID,
			extra:     `  plan = ""`,
			expected:  errorText("Attribute plan value must be one of"),
		},
		"project without prefix":       {name: validName, projectID: "4d2a9c61f0b7e83a5c1d92", expected: errorText(projectRule)},
		"project with only the prefix": {name: validName, projectID: "proj-", expected: errorText(projectRule)},
		"project with underscore":      {name: validName, projectID: "proj_4d2a9c61", expected: errorText(projectRule)},
		"project with path characters": {name: validName, projectID: "proj-4d2a/../x", expected: errorText(projectRule)},
		"empty project":                {name: validName, projectID: "", expected: errorText(projectRule)},
		"create timeout not a duration": {
			name:      validName,
			projectID: testProjectID,
			extra:     `  timeouts { create = "soon" }`,
			expected:  errorText("Invalid Attribute Value Time Duration", `"soon"`),
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			server := startTestMock(t, fastMockOptions())

			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      server.clusterConfig(test.name, test.projectID, test.extra),
						PlanOnly:    true,
						ExpectError: test.expected,
					},
				},
			})

			expectNoRequests(t, server)
		})
	}
}

func TestAccProviderInvalidSettings(t *testing.T) {
	clearProviderEnvironment(t)

	tests := map[string]struct {
		// settings are the provider block's attributes. The mock's URL is added as endpoint
		// when they set neither endpoint nor cloud_region, unless withoutEndpoint is set, and the
		// mock's key is added when they set no api_key, unless withoutAPIKey is set.
		settings        string
		withoutEndpoint bool
		withoutAPIKey   bool
		env             map[string]string
		expected        *regexp.Regexp

		// rejectedByService is set for settings that only the service can reject. The case then
		// applies the configuration, and the create must fail without making a cluster.
		rejectedByService bool
	}{
		"api key left out": {
			withoutAPIKey: true,
			expected:      errorText("Missing API Key", "ZILLIZ_API_KEY environment variable is empty or unset"),
		},
		"empty api key": {
			settings: `api_key = ""`,
			expected: errorText("Missing API Key", "ZILLIZ_API_KEY"),
		},
		"whitespace api key": {
			settings: `api_key = "   "`,
			expected: errorText("Missing API Key", "is set but contains only white space"),
		},
		"whitespace api key from environment": {
			withoutAPIKey: true,
			env:           map[string]string{envAPIKey: " \t "},
			expected:      errorText("Missing API Key", "is set but contains only white space"),
		},
		"api key with space": {
			settings: `api_key = "mock key"`,
			expected: errorText("Invalid API Key", "white space or control characters"),
		},
		"api key with newline": {
			settings: `api_key = "mock-key\n"`,
			expected: errorText("Invalid API Key"),
		},
		"wrong api key": {
			settings:          `api_key = "not-the-mock-key"`,
			rejectedByService: true,
			expected:          errorText("Create Serverless Cluster Failed", "rejected the API key", "HTTP 401"),
		},
		"endpoint and cloud region left out": {
			withoutEndpoint: true,
			expected:        errorText("Missing Cloud Region", "ZILLIZ_CLOUD_REGION"),
		},
		"endpoint not a url": {
			settings: `endpoint = "http://[::1"`,
			expected: errorText("Invalid Provider Endpoint", "it is not a URL"),
		},
		"endpoint without scheme": {
			settings: `endpoint = "controller.api.gcp-us-west1.zillizcloud.com"`,
			expected: errorText("Invalid Provider Endpoint", "the scheme must be https"),
		},
		"endpoint with ftp scheme": {
			settings: `endpoint = "ftp://127.0.0.1/"`,
			expected: errorText("Invalid Provider Endpoint", "the scheme must be https"),
		},
		"endpoint without host": {
			settings: `endpoint = "https://"`,
			expected: errorText("Invalid Provider Endpoint", "the URL has no host"),
		},
		"endpoint with query": {
			settings: `endpoint = "https://127.0.0.1/?region=x"`,
			expected: errorText("Invalid Provider Endpoint", "must not have a query or fragment"),
		},
		"plain http to named host": {
			settings: `endpoint = "http://zilliz.example"`,
			expected: errorText("Invalid Provider Endpoint", "plain http is accepted only for loopback hosts"),
		},
		"plain http to unspecified address": {
			// 0.0.0.0 reaches this machine, but it is not a loopback address.
			settings: `endpoint = "http://0.0.0.0:9"`,
			expected: errorText("Invalid Provider Endpoint", "plain http is accepted only for loopback hosts"),
		},
		"plain http from environment": {
			env:      map[string]string{envEndpoint: "http://zilliz.example"},
			settings: `cloud_region = "gcp-us-west1"`,
			expected: errorText("Invalid Provider Endpoint", "ZILLIZ_ENDPOINT environment variable", "plain http"),
		},
		"cloud region with upper case": {
			settings: `cloud_region = "GCP-US-WEST1"`,
			expected: errorText("Invalid Cloud Region", `"GCP-US-WEST1"`),
		},
		"cloud region with host name": {
			settings: `cloud_region = "gcp-us-west1.example"`,
			expected: errorText("Invalid Cloud Region"),
		},
		"max retries above limit": {
			settings: `max_retries = 21`,
			expected: errorText("max_retries value must be between 0 and 20", "got: 21"),
		},
		"negative max retries": {
			settings: `max_retries = -1`,
			expected: errorText("max_retries value must be between 0 and 20", "got: -1"),
		},
		"max retries from environment not a number": {
			env:      map[string]string{envMaxRetries: "many"},
			expected: errorText("Invalid Maximum Retries", "ZILLIZ_MAX_RETRIES", `"many"`),
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			server := startTestMock(t, fastMockOptions())
			for variable, value := range test.env {
				t.Setenv(variable, value)
			}

			settings := test.settings
			if !test.withoutEndpoint && !strings.Contains(settings, "endpoint") && !strings.Contains(settings, "cloud_region") {
				settings += "\n  endpoint = \"" + server.URL + "\""
			}
			if !test.withoutAPIKey && !strings.Contains(settings, "api_key") {
				settings += "\n  api_key = \"" + server.APIKey() + "\""
			}
			config := "provider \"zilliz\" {\n  " + settings + "\n}\n" + clusterResourceOnly

			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories,
				Steps: []resource.TestStep{
					{Config: config, PlanOnly: !test.rejectedByService, ExpectError: test.expected},
				},
			})

			if !test.rejectedByService {
				expectNoRequests(t, server)
				return
			}
			if created := server.CountRequests(mock.EndpointCreate); created != 1 {
				t.Errorf("createServerless was sent %d times, expected once: a rejected key is not retried", created)
			}
			if live := len(server.LiveClusters()); live != 0 {
				t.Errorf("mock has %d live clusters after the rejected key, expected 0", live)
			}
		})
	}
}

// TestAccServerlessClusterRejectedByService covers input that only the service can check. Each
// diagnostic names the body code and the service's message, and no cluster is made.
func TestAccServerlessClusterRejectedByService(t *testing.T) {
	tests := map[string]struct {
		notOffered bool   // the region offers no serverless clusters
		existing   string // the name of a cluster that exists before the apply
		projectID  string
		extra      string
		expected   *regexp.Regexp

		// unsent is set when the provider must give up before it sends the create.
		unsent bool
	}{
		"unknown project": {
			projectID: "proj-00000000000000000000",
			expected:  errorText("found no project", "proj-00000000000000000000", "code 80015", "not found"),
		},
		"duplicate name": {
			existing: "acc-rejected",
			expected: errorText("A live cluster named", "acc-rejected", "already exists", "code 80010", "duplicate clusterName"),
		},
		"serverless not offered": {
			notOffered: true,
			expected:   errorText("not offered", "code 80025", "gcp-us-west1"),
		},
		"negative create timeout": {
			// Validation rejects the timeout at plan time, before anything is sent.
			extra:    `  timeouts { create = "-1m" }`,
			expected: errorText("Invalid Timeout", "create timeout is -1m0s", "positive duration"),
			unsent:   true,
		},
		"zero delete timeout": {
			extra:    `  timeouts { delete = "0s" }`,
			expected: errorText("Invalid Timeout", "delete timeout is 0s", "positive duration"),
			unsent:   true,
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			options := fastMockOptions()
			options.ServerlessNotOffered = test.notOffered
			server := startTestMock(t, options)
			var existingID string
			if test.existing != "" {
				existingID = server.AddCluster(mock.ClusterSpec{Name: test.existing})
			}
			projectID := test.projectID
			if projectID == "" {
				projectID = testProjectID
			}

			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories,
				CheckDestroy:             server.checkDestroyed,
				Steps: []resource.TestStep{
					{
						Config:      server.clusterConfig("acc-rejected", projectID, test.extra),
						ExpectError: test.expected,
					},
				},
			})

			for _, cluster := range server.LiveClusters() {
				if cluster.ClusterID != existingID {
					t.Errorf("cluster %s (%s) is live after the rejected create", cluster.ClusterID, cluster.ClusterName)
				}
			}
			if created := server.CountRequests(mock.EndpointCreate); test.unsent && created != 0 {
				t.Errorf("createServerless was sent %d times, expected never", created)
			}
		})
	}
}

// TestAccServerlessClusterInvalidResponses checks describe responses that cannot be used, in the
// wait after a create: each gives a diagnostic naming the HTTP status and what is wrong, without
// a panic, and leaves the cluster in state as tainted.
func TestAccServerlessClusterInvalidResponses(t *testing.T) {
	tests := map[string]struct {
		fault mock.FaultKind
		edit  func(body map[string]any)

		// expected are the parts of the diagnostic after its summary, in order.
		expected []string
	}{
		"empty body": {
			fault:    mock.FaultEmptyBody,
			expected: []string{"HTTP 200", "the response body is empty"},
		},
		"not json": {
			fault:    mock.FaultMalformedJSON,
			expected: []string{"HTTP 200", "the response is not valid JSON"},
		},
		"truncated json": {
			fault:    mock.FaultTruncatedJSON,
			expected: []string{"HTTP 200", "the response is not valid JSON"},
		},
		"over size limit": {
			fault:    mock.FaultHugeBody,
			expected: []string{"HTTP 200", "response too large", "4 MiB"},
		},
		"string code": {
			fault:    mock.FaultStringCode,
			expected: []string{"HTTP 200", "the response code is not a number"},
		},
		"missing data": {
			edit:     func(body map[string]any) { delete(body, "data") },
			expected: []string{"HTTP 200", "reports success but has no data"},
		},
		"error code and message": {
			edit: func(body map[string]any) {
				delete(body, "data")
				body["code"] = 80000
				body["message"] = "invalid parameter: clusterId"
			},
			expected: []string{"HTTP 200, code 80000", "invalid parameter: clusterId"},
		},
		"unknown status": {
			edit:     editData(func(data map[string]any) { data["status"] = "MIGRATING" }),
			expected: []string{"entered status MIGRATING instead of becoming RUNNING"},
		},
		"missing status": {
			edit:     editData(func(data map[string]any) { delete(data, "status") }),
			expected: []string{"HTTP 200", "the response data has no status"},
		},
		"missing cluster id": {
			edit:     editData(func(data map[string]any) { delete(data, "clusterId") }),
			expected: []string{"HTTP 200", "the response data has no clusterId"},
		},
		"status of wrong type": {
			edit:     editData(func(data map[string]any) { data["status"] = 3 }),
			expected: []string{"HTTP 200", "data.status has the wrong type", "got a JSON number, expected a string"},
		},
		"progress of wrong type": {
			edit:     editData(func(data map[string]any) { data["createProgress"] = "fifty" }),
			expected: []string{"HTTP 200", "data.createProgress has the wrong type", "got a JSON string, expected an integer"},
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			var server *testMock
			if test.edit != nil {
				server = startRewritingMock(t, fastMockOptions(),
					bodyRewrite{endpoint: mock.EndpointDescribe, times: 1, edit: test.edit})
			} else {
				server = startTestMock(t, fastMockOptions())
				server.InjectFault(mock.Fault{Endpoint: mock.EndpointDescribe, Kind: test.fault})
			}
			config := server.clusterConfig("acc-response", testProjectID, "")

			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories,
				CheckDestroy:             server.checkDestroyed,
				Steps: []resource.TestStep{
					{
						Config:      config,
						ExpectError: errorText(append([]string{"Create Serverless Cluster Failed"}, test.expected...)...),
					},
					taintedClusterStep(t, server, config),
				},
			})

			if created := server.CountRequests(mock.EndpointCreate); created != 1 {
				t.Errorf("createServerless was sent %d times, expected once", created)
			}
			expectNoLiveClusters(t, server)
		})
	}
}

// expectNoRequests fails the test when the mock received any API request, which a
// configuration rejected at plan time must not cause.
func expectNoRequests(t *testing.T, server *testMock) {
	t.Helper()

	requests := server.Requests()
	if created := server.CountRequests(mock.EndpointCreate); created != 0 {
		t.Errorf("createServerless was sent %d times for a configuration rejected at plan time", created)
	}
	for _, request := range requests {
		t.Errorf("the mock received %s %s for a configuration rejected at plan time", request.Method, request.Path)
	}
}
