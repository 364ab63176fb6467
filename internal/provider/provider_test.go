package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

// clusterResourceOnly is a resource that makes Terraform configure the provider.
const clusterResourceOnly = `
resource "zilliz_serverless_cluster" "test" {
  cluster_name = "acc-config"
  project_id   = "proj-4d2a9c61f0b7e83a5c1d92"
}
`

func TestAccProviderConfigErrors(t *testing.T) {
	// The provider reads these variables when attributes are missing; clear any the shell set.
	for _, name := range []string{envAPIKey, envCloudRegion, envEndpoint, envMaxRetries} {
		t.Setenv(name, "")
	}
	server := startTestMock(t, mock.Options{})

	tests := map[string]struct {
		provider string
		expected string
	}{
		"missing key": {
			provider: `provider "zilliz" { endpoint = "` + server.URL + `" }`,
			expected: `Missing API Key[\s\S]*ZILLIZ_API_KEY`,
		},
		"missing region": {
			provider: `provider "zilliz" { api_key = "k" }`,
			expected: `Missing Cloud Region[\s\S]*ZILLIZ_CLOUD_REGION`,
		},
		"plain http": {
			provider: `provider "zilliz" {
  api_key  = "k"
  endpoint = "http://controller.example.com"
}`,
			expected: `plain http is accepted only for loopback hosts`,
		},
		"negative retries": {
			provider: `provider "zilliz" {
  api_key     = "k"
  endpoint    = "` + server.URL + `"
  max_retries = -1
}`,
			expected: `max_retries`,
		},
		"wrong key": {
			provider: `provider "zilliz" {
  api_key  = "not-the-mock-key"
  endpoint = "` + server.URL + `"
}`,
			expected: `rejected the API key[\s\S]*HTTP 401`,
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      test.provider + clusterResourceOnly,
						ExpectError: regexp.MustCompile(test.expected),
					},
				},
			})
		})
	}

	if live := len(server.LiveClusters()); live != 0 {
		t.Errorf("mock has %d live clusters after failed configurations, expected 0", live)
	}
}
