package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

// dataSourceConfig is the provider block and one data source of the type typeName, named
// "test", with the given arguments.
func (m *testMock) dataSourceConfig(typeName, arguments string) string {
	return m.providerConfig() + fmt.Sprintf(`
data %q "test" {
  %s
}
`, typeName, arguments)
}

// dataSourceSchemas returns the schema of every data source of the provider by type name.
func dataSourceSchemas(t *testing.T) map[string]schema.Schema {
	t.Helper()
	ctx := context.Background()

	schemas := map[string]schema.Schema{}
	for _, newDataSource := range New("test")().DataSources(ctx) {
		dataSource := newDataSource()

		var metadata datasource.MetadataResponse
		dataSource.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: TypeName}, &metadata)
		var response datasource.SchemaResponse
		dataSource.Schema(ctx, datasource.SchemaRequest{}, &response)
		if response.Diagnostics.HasError() {
			t.Fatalf("schema of %s has errors: %v", metadata.TypeName, response.Diagnostics)
		}
		schemas[metadata.TypeName] = response.Schema
	}
	return schemas
}

// undescribedAttributes returns the paths of the attributes, nested ones included, that have no
// description.
func undescribedAttributes(prefix string, attributes map[string]schema.Attribute) []string {
	var missing []string
	for name, attribute := range attributes {
		if attribute.GetDescription() == "" {
			missing = append(missing, prefix+name)
		}
		if nested, ok := attribute.(schema.ListNestedAttribute); ok {
			missing = append(missing, undescribedAttributes(prefix+name+".", nested.NestedObject.Attributes)...)
		}
	}
	return missing
}

func TestDataSourceSchemasValid(t *testing.T) {
	schemas := dataSourceSchemas(t)

	expected := []string{
		"zilliz_cloud_providers", "zilliz_cloud_regions", "zilliz_cluster", "zilliz_clusters", "zilliz_projects",
	}
	if names := slices.Sorted(maps.Keys(schemas)); !slices.Equal(names, expected) {
		t.Errorf("data sources %v, expected %v", names, expected)
	}

	for name, dataSchema := range schemas {
		if diags := dataSchema.ValidateImplementation(context.Background()); diags.HasError() {
			t.Errorf("schema of %s is invalid: %v", name, diags)
		}
		if dataSchema.Description == "" {
			t.Errorf("%s has no description", name)
		}
		for _, attribute := range undescribedAttributes("", dataSchema.Attributes) {
			t.Errorf("%s attribute %s has no description", name, attribute)
		}
	}
}

func TestDataSourceClusterSameAsListElement(t *testing.T) {
	schemas := dataSourceSchemas(t)
	single := schemas["zilliz_cluster"].Attributes
	list, ok := schemas["zilliz_clusters"].Attributes["clusters"].(schema.ListNestedAttribute)
	if !ok {
		t.Fatal("zilliz_clusters has no list nested attribute clusters")
	}
	element := list.NestedObject.Attributes

	singleNames := slices.Sorted(maps.Keys(single))
	elementNames := slices.Sorted(maps.Keys(element))
	if !slices.Equal(singleNames, elementNames) {
		t.Errorf("zilliz_cluster has attributes %v, but a zilliz_clusters element has %v", singleNames, elementNames)
	}
	for _, credential := range []string{"username", "password"} {
		if _, found := single[credential]; found {
			t.Errorf("zilliz_cluster has the credential attribute %s", credential)
		}
	}
	if !single["cluster_id"].IsRequired() {
		t.Error("zilliz_cluster's cluster_id is not required")
	}
	if !element["cluster_id"].IsComputed() || element["cluster_id"].IsRequired() {
		t.Error("a zilliz_clusters element's cluster_id is not computed only")
	}
}

func TestAccDataSourceReadErrors(t *testing.T) {
	tests := map[string]struct {
		fault    mock.Fault
		provider string // a provider block instead of the mock's own, with %s for the endpoint
		config   string
		expected []string
	}{
		"projects server error": {
			fault:    mock.Fault{Endpoint: mock.EndpointProjects, Kind: mock.FaultInternalServerError},
			config:   `data "zilliz_projects" "all" {}`,
			expected: []string{"Read Projects Failed", "did not return the list of projects", "HTTP 500"},
		},
		"clusters malformed body": {
			fault:    mock.Fault{Endpoint: mock.EndpointList, Kind: mock.FaultMalformedJSON},
			config:   `data "zilliz_clusters" "all" {}`,
			expected: []string{"Read Clusters Failed", "did not return the list of clusters", "/v1/clusters"},
		},
		"cluster string code": {
			fault:    mock.Fault{Endpoint: mock.EndpointDescribe, Kind: mock.FaultStringCode},
			config:   `data "zilliz_cluster" "one" { cluster_id = "inxx-000000000000000" }`,
			expected: []string{"Read Cluster Failed", "inxx-000000000000000", "not a number"},
		},
		"project check server error": {
			fault:    mock.Fault{Endpoint: mock.EndpointProjects, Kind: mock.FaultInternalServerError},
			config:   `data "zilliz_clusters" "analytics" { project_id = "proj-8f3e1b7a26c94d0e5b7a13" }`,
			expected: []string{"Read Clusters Failed", "reads to check project_id", "HTTP 500"},
		},
		"cloud providers empty body": {
			fault:    mock.Fault{Endpoint: mock.EndpointClouds, Kind: mock.FaultEmptyBody},
			config:   `data "zilliz_cloud_providers" "all" {}`,
			expected: []string{"Read Cloud Providers Failed", "the list of cloud providers"},
		},
		"regions wrong key": {
			provider: `provider "zilliz" {
  endpoint = %q
  api_key  = "not-the-mock-key"
}
`,
			config:   `data "zilliz_cloud_regions" "all" {}`,
			expected: []string{"Read Cloud Regions Failed", "rejected the API key", "HTTP 401"},
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			server := startTestMock(t, mock.Options{})
			if test.fault.Endpoint != "" {
				server.InjectFault(test.fault)
			}
			provider := server.providerConfig()
			if test.provider != "" {
				provider = fmt.Sprintf(test.provider, server.URL)
			}

			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      provider + test.config,
						ExpectError: errorText(test.expected...),
					},
				},
			})
		})
	}
}

func TestDataSourceReadFailedDiagnostic(t *testing.T) {
	tests := map[string]struct {
		err      error
		expected string
	}{
		"token code": {
			err:      &client.APIError{Method: "GET", Path: "/v1/projects", HTTPStatus: 200, Code: 80001},
			expected: "rejected the API key",
		},
		"HTTP 401 without code": {
			err:      &client.APIError{Method: "GET", Path: "/v1/projects", HTTPStatus: 401},
			expected: "rejected the API key",
		},
		"canceled": {
			err:      fmt.Errorf("listing: %w", context.Canceled),
			expected: "stopped before it completed",
		},
		"deadline": {
			err:      fmt.Errorf("listing: %w", context.DeadlineExceeded),
			expected: "stopped before it completed",
		},
		"other": {
			err:      &client.APIError{Method: "GET", Path: "/v1/projects", HTTPStatus: 200, Code: 80000},
			expected: "did not return the projects",
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			diagnostic := readFailedDiagnostic("Read Projects Failed", "the projects", test.err)

			if summary := diagnostic.Summary(); summary != "Read Projects Failed" {
				t.Errorf("summary %q, expected \"Read Projects Failed\"", summary)
			}
			if detail := diagnostic.Detail(); !strings.Contains(detail, test.expected) {
				t.Errorf("detail %q does not contain %q", detail, test.expected)
			}
			if detail := diagnostic.Detail(); !strings.HasSuffix(detail, test.err.Error()) {
				t.Errorf("detail %q does not end with the error %q", detail, test.err)
			}
		})
	}
}
