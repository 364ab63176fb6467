package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

func TestAccCloudProvidersDataSourceList(t *testing.T) {
	server := startTestMock(t, mock.Options{})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: server.providerConfig() + `data "zilliz_cloud_providers" "all" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.zilliz_cloud_providers.all", attributePath("cloud_providers"),
						knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectExact(map[string]knownvalue.Check{
								"cloud_id":    knownvalue.StringExact("aws"),
								"description": knownvalue.StringExact("Amazon Web Services"),
							}),
							knownvalue.ObjectExact(map[string]knownvalue.Check{
								"cloud_id":    knownvalue.StringExact("gcp"),
								"description": knownvalue.StringExact("Google Cloud Platform"),
							}),
							knownvalue.ObjectExact(map[string]knownvalue.Check{
								"cloud_id":    knownvalue.StringExact("azure"),
								"description": knownvalue.StringExact("Microsoft Azure"),
							}),
						})),
				},
			},
		},
	})
}
