package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

const testClusterDataAddress = "data.zilliz_cluster.test"

// clusterDataConfig is the provider block and a zilliz_cluster data source named "test" that
// reads the cluster clusterID.
func (m *testMock) clusterDataConfig(clusterID string) string {
	return m.dataSourceConfig("zilliz_cluster", fmt.Sprintf("cluster_id = %q", clusterID))
}

// expectClusterData is a state check of one attribute of data.zilliz_cluster.test.
func expectClusterData(attribute string, value knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(testClusterDataAddress, attributePath(attribute), value)
}

func TestAccClusterDataSourceFromResource(t *testing.T) {
	server := startTestMock(t, mock.Options{})
	config := server.clusterConfig("acc-data", testProjectID, "") + `
data "zilliz_cluster" "test" {
  cluster_id = zilliz_serverless_cluster.test.id
}
`
	// The data source shows every attribute of the resource but the credentials, with the same values.
	shared := []string{
		"id", "cluster_id", "cluster_name", "project_id", "plan", "status", "connect_address",
		"private_link_address", "region_id", "create_time",
	}
	checks := []statecheck.StateCheck{
		expectClusterData("cluster_name", knownvalue.StringExact("acc-data")),
		expectClusterData("status", knownvalue.StringExact("RUNNING")),
		expectClusterData("cluster_type", knownvalue.StringExact("Serverless")),
		expectClusterData("description", knownvalue.StringExact("")),
		expectClusterData("cu_size", knownvalue.Int64Exact(0)),
		expectClusterData("storage_size", knownvalue.Int64Exact(0)),
		expectClusterData("snapshot_number", knownvalue.Int64Exact(0)),
		expectClusterData("create_progress", knownvalue.Int64Exact(100)),
		expectClusterData("connect_address",
			knownvalue.StringRegexp(regexp.MustCompile(`^https://inxx-[0-9a-z]+\.serverless\.`))),
	}
	for _, attribute := range shared {
		checks = append(checks, statecheck.CompareValuePairs(testClusterAddress, attributePath(attribute),
			testClusterDataAddress, attributePath(attribute), compare.ValuesSame()))
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             server.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: checks,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccClusterDataSourceAddedCluster(t *testing.T) {
	server := startTestMock(t, mock.Options{DeleteDelay: time.Hour})
	suspendedID := server.AddCluster(mock.ClusterSpec{
		Name:      "console-made",
		ProjectID: testOtherProjectID,
		Plan:      mock.PlanFree,
		Status:    mock.StatusSuspended,
	})
	deletingID := server.AddCluster(mock.ClusterSpec{Name: "going-away", Status: mock.StatusDeleting})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: server.clusterDataConfig(suspendedID),
				ConfigStateChecks: []statecheck.StateCheck{
					expectClusterData("id", knownvalue.StringExact(suspendedID)),
					expectClusterData("cluster_id", knownvalue.StringExact(suspendedID)),
					expectClusterData("cluster_name", knownvalue.StringExact("console-made")),
					expectClusterData("project_id", knownvalue.StringExact(testOtherProjectID)),
					expectClusterData("plan", knownvalue.StringExact("Free")),
					expectClusterData("status", knownvalue.StringExact("SUSPENDED")),
					expectClusterData("region_id", knownvalue.StringExact("gcp-us-west1")),
					expectClusterData("create_time",
						knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`))),
				},
			},
			{
				// A cluster that is being deleted is still read. TestClusterDataSourceDeletingWarning checks
				// the warning, because terraform-plugin-testing has no check for warnings.
				Config: server.clusterDataConfig(deletingID),
				ConfigStateChecks: []statecheck.StateCheck{
					expectClusterData("cluster_name", knownvalue.StringExact("going-away")),
					expectClusterData("status", knownvalue.StringExact("DELETING")),
				},
			},
		},
	})
}

func TestAccClusterDataSourceMissing(t *testing.T) {
	tests := map[string]struct {
		// cluster returns the ID to read, after it has set up the mock.
		cluster func(server *testMock) string
		// expected are the parts of the error that follow the summary and the ID.
		expected []string
	}{
		"unknown id": {
			cluster:  func(*testMock) string { return "inxx-000000000000000" },
			expected: []string{"that this API key may read", "code 80020"},
		},
		"deleted": {
			cluster: func(server *testMock) string {
				return server.AddCluster(mock.ClusterSpec{Name: "dropped", Status: mock.StatusDeleted})
			},
			expected: []string{"(dropped) has been deleted", "status DELETED"},
		},
		"other region": {
			cluster: func(server *testMock) string {
				return server.AddCluster(mock.ClusterSpec{Name: "far-away", RegionID: "aws-us-east-1"})
			},
			expected: []string{"is not in the provider's cloud region", "code 90102"},
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			server := startTestMock(t, mock.Options{})
			clusterID := test.cluster(server)

			expected := append([]string{"Cluster Not Found", clusterID}, test.expected...)

			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      server.clusterDataConfig(clusterID),
						ExpectError: errorText(expected...),
					},
				},
			})
		})
	}
}

func TestAccClusterDataSourceInvalidID(t *testing.T) {
	server := startTestMock(t, mock.Options{})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      server.clusterDataConfig("inxx/../projects"),
				ExpectError: errorText("cluster_id", "must be a cluster ID"),
			},
		},
	})

	if described := server.CountRequests(mock.EndpointDescribe); described != 0 {
		t.Errorf("describe was called %d times for an invalid ID, expected no call", described)
	}
}

// configureWithMock configures a data source with a client of the mock, as the provider does.
func configureWithMock(t *testing.T, dataSource datasource.DataSource, server *testMock) {
	t.Helper()

	apiClient, err := client.New(client.Config{Endpoint: server.URL, APIKey: server.APIKey(), UserAgent: "unit-test"})
	if err != nil {
		t.Fatalf("creating the API client: %v", err)
	}
	var response datasource.ConfigureResponse
	dataSource.(datasource.DataSourceWithConfigure).Configure(context.Background(),
		datasource.ConfigureRequest{ProviderData: &providerData{client: apiClient}}, &response)
	if response.Diagnostics.HasError() {
		t.Fatalf("Configure failed: %v", response.Diagnostics)
	}
}

// readDataSource runs a data source's Read directly, without Terraform, with the given
// configuration values. Every other attribute is null.
func readDataSource(t *testing.T, dataSource datasource.DataSource, config map[string]tftypes.Value) datasource.ReadResponse {
	t.Helper()
	ctx := context.Background()

	var schemaResponse datasource.SchemaResponse
	dataSource.Schema(ctx, datasource.SchemaRequest{}, &schemaResponse)
	objectType, ok := schemaResponse.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("the schema's type is not an object")
	}
	values := map[string]tftypes.Value{}
	for name, attributeType := range objectType.AttributeTypes {
		values[name] = tftypes.NewValue(attributeType, nil)
	}
	maps.Copy(values, config)

	request := datasource.ReadRequest{
		Config: tfsdk.Config{Schema: schemaResponse.Schema, Raw: tftypes.NewValue(objectType, values)},
	}
	response := datasource.ReadResponse{
		State: tfsdk.State{Schema: schemaResponse.Schema, Raw: tftypes.NewValue(objectType, nil)},
	}
	dataSource.Read(ctx, request, &response)
	return response
}

func TestClusterDataSourceDeletingWarning(t *testing.T) {
	server := startTestMock(t, mock.Options{DeleteDelay: time.Hour})
	clusterID := server.AddCluster(mock.ClusterSpec{Name: "going-away", Status: mock.StatusDeleting})
	dataSource := newClusterDataSource()
	configureWithMock(t, dataSource, server)

	response := readDataSource(t, dataSource, map[string]tftypes.Value{
		"cluster_id": tftypes.NewValue(tftypes.String, clusterID),
	})

	if response.Diagnostics.HasError() {
		t.Fatalf("Read failed: %v", response.Diagnostics)
	}
	warnings := response.Diagnostics.Warnings()
	if len(warnings) != 1 {
		t.Fatalf("Read returned %d warnings, expected 1: %v", len(warnings), warnings)
	}
	if summary := warnings[0].Summary(); summary != "Cluster Is Being Deleted" {
		t.Errorf("warning summary %q, expected \"Cluster Is Being Deleted\"", summary)
	}
	if detail := warnings[0].Detail(); !strings.Contains(detail, clusterID) {
		t.Errorf("warning detail %q does not name the cluster %s", detail, clusterID)
	}
	var state clusterModel
	if diags := response.State.Get(context.Background(), &state); diags.HasError() {
		t.Fatalf("reading the state failed: %v", diags)
	}
	if status := state.Status.ValueString(); status != "DELETING" {
		t.Errorf("status in state %q, expected DELETING", status)
	}
}

func TestClusterDataSourceUnconfigured(t *testing.T) {
	// Read before Configure is a bug in Terraform or the provider, and gives an error, not a panic.
	response := readDataSource(t, newClusterDataSource(), map[string]tftypes.Value{
		"cluster_id": tftypes.NewValue(tftypes.String, "inxx-000000000000000"),
	})

	failures := response.Diagnostics.Errors()
	if len(failures) != 1 {
		t.Fatalf("Read without Configure returned %d errors, expected 1: %v", len(failures), failures)
	}
	if summary := failures[0].Summary(); summary != "Provider Not Configured" {
		t.Errorf("error summary %q, expected \"Provider Not Configured\"", summary)
	}
}
