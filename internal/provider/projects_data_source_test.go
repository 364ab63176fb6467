package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

const testProjectsDataAddress = "data.zilliz_projects.all"

func TestAccProjectsDataSourcePickByName(t *testing.T) {
	server := startTestMock(t, mock.Options{})
	server.AddCluster(mock.ClusterSpec{Name: "report-1", ProjectID: testOtherProjectID})
	server.AddCluster(mock.ClusterSpec{Name: "report-2", ProjectID: testOtherProjectID})
	server.AddCluster(mock.ClusterSpec{Name: "elsewhere", ProjectID: testOtherProjectID, RegionID: "aws-us-east-1"})
	server.AddCluster(mock.ClusterSpec{Name: "gone", ProjectID: testOtherProjectID, Status: mock.StatusDeleted})

	// The project ID found by name feeds the project filter of zilliz_clusters.
	config := server.providerConfig() + `
data "zilliz_projects" "all" {}

locals {
  analytics_id = one([for p in data.zilliz_projects.all.projects : p.project_id if p.project_name == "Analytics"])
}

data "zilliz_clusters" "analytics" {
  project_id = local.analytics_id
}

output "analytics_id" {
  value = local.analytics_id
}
`

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("analytics_id", knownvalue.StringExact(testOtherProjectID)),
					statecheck.ExpectKnownValue(testProjectsDataAddress, attributePath("projects"), knownvalue.ListExact(
						[]knownvalue.Check{
							knownvalue.ObjectExact(map[string]knownvalue.Check{
								"project_id":     knownvalue.StringExact(testProjectID),
								"project_name":   knownvalue.StringExact("Default Project"),
								"instance_count": knownvalue.Int64Exact(0),
								"create_time":    knownvalue.StringExact("2024-01-15T08:00:00Z"),
							}),
							knownvalue.ObjectExact(map[string]knownvalue.Check{
								"project_id":   knownvalue.StringExact(testOtherProjectID),
								"project_name": knownvalue.StringExact("Analytics"),
								// The mock counts live clusters in every region, not the DELETED one.
								"instance_count": knownvalue.Int64Exact(3),
								"create_time":    knownvalue.StringExact("2024-03-04T14:30:00Z"),
							}),
						})),
					statecheck.ExpectKnownValue("data.zilliz_clusters.analytics", attributePath("clusters"), knownvalue.ListExact(
						[]knownvalue.Check{
							clusterNamed("report-1", testOtherProjectID),
							clusterNamed("report-2", testOtherProjectID),
						})),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccProjectsDataSourceEmptyAccount(t *testing.T) {
	server := startTestMock(t, mock.Options{Projects: []mock.ProjectSpec{}})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: server.providerConfig() + `data "zilliz_projects" "all" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testProjectsDataAddress, attributePath("projects"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}
