package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

// clusterResourceOnly is a resource that makes Terraform configure the provider.
const clusterResourceOnly = `
resource "zilliz_serverless_cluster" "test" {
  cluster_name = "acc-config"
  project_id   = "proj-4d2a9c61f0b7e83a5c1d92"
}
`

// TestAccProviderEndpointKnownAtApply configures the provider with an endpoint that comes from a
// resource, so it is unknown while Terraform plans. The plan of a new cluster needs no API call
// and succeeds. By the time of the apply the endpoint is known, and the apply creates the cluster.
func TestAccProviderEndpointKnownAtApply(t *testing.T) {
	clearProviderEnvironment(t)
	server := startTestMock(t, fastMockOptions())
	config := fmt.Sprintf(`
resource "terraform_data" "endpoint" {
  input = %q
}

provider "zilliz" {
  endpoint = terraform_data.endpoint.output
  api_key  = %q
}
`, server.URL, server.APIKey()) + clusterResourceOnly

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             server.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectUnknownValue("terraform_data.endpoint", attributePath("output")),
						plancheck.ExpectResourceAction(testClusterAddress, plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("status"), knownvalue.StringExact("RUNNING")),
					passwordMatchesMock{server: server, address: testClusterAddress},
					liveClustersMatchState{server: server},
				},
			},
		},
	})

	if created := server.CountRequests(mock.EndpointCreate); created != 1 {
		t.Errorf("createServerless was sent %d times, expected once", created)
	}
	expectNoLiveClusters(t, server)
}
