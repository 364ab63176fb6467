package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

const testRegionsDataAddress = "data.zilliz_cloud_regions.test"

// regionCheck is an element check of the regions list.
func regionCheck(cloudID, regionID string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"cloud_id":     knownvalue.StringExact(cloudID),
		"region_id":    knownvalue.StringExact(regionID),
		"api_base_url": knownvalue.StringExact("https://controller.api." + regionID + ".zillizcloud.com"),
	})
}

func TestAccCloudRegionsDataSourceFilter(t *testing.T) {
	server := startTestMock(t, mock.Options{})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: server.dataSourceConfig("zilliz_cloud_regions", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testRegionsDataAddress, attributePath("cloud_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(testRegionsDataAddress, attributePath("regions"), knownvalue.ListSizeExact(9)),
					statecheck.ExpectKnownValue(testRegionsDataAddress, attributePath("regions"), knownvalue.ListPartial(
						map[int]knownvalue.Check{
							0: regionCheck("aws", "aws-us-east-1"),
							4: regionCheck("gcp", "gcp-us-west1"),
							8: regionCheck("azure", "az-westeurope"),
						})),
				},
			},
			{
				// A mistyped cloud ID is an error that lists the valid ones.
				Config:      server.dataSourceConfig("zilliz_cloud_regions", `cloud_id = "gpc"`),
				ExpectError: errorText("Read Cloud Regions Failed", `no cloud provider "gpc"`, "aws, gcp, azure"),
			},
			{
				Config:      server.dataSourceConfig("zilliz_cloud_regions", `cloud_id = ""`),
				ExpectError: errorText("cloud_id", "at least 1"),
			},
			{
				// This step comes last because the test destroys with the last configuration.
				Config: server.dataSourceConfig("zilliz_cloud_regions", `cloud_id = "gcp"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testRegionsDataAddress, attributePath("cloud_id"), knownvalue.StringExact("gcp")),
					statecheck.ExpectKnownValue(testRegionsDataAddress, attributePath("regions"), knownvalue.ListExact(
						[]knownvalue.Check{
							regionCheck("gcp", "gcp-us-west1"),
							regionCheck("gcp", "gcp-us-east4"),
							regionCheck("gcp", "gcp-europe-west3"),
						})),
				},
			},
		},
	})
}
