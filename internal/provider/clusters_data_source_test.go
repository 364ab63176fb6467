package provider

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

const testClustersDataAddress = "data.zilliz_clusters.test"

var clusterIDRegexp = regexp.MustCompile(`^inxx-[0-9a-z]+$`)

// clusterNamed checks an element of the clusters list by its name and project.
func clusterNamed(name, projectID string) knownvalue.Check {
	return knownvalue.ObjectPartial(map[string]knownvalue.Check{
		"cluster_name": knownvalue.StringExact(name),
		"project_id":   knownvalue.StringExact(projectID),
	})
}

func TestAccClustersDataSourcePages(t *testing.T) {
	server := startTestMock(t, mock.Options{})

	// 120 clusters fill more than one page of 100. Even ones are in the default project and odd
	// ones in Analytics, and one is SUSPENDED.
	const total = 120
	projectOf := func(i int) string {
		if i%2 == 0 {
			return testProjectID
		}
		return testOtherProjectID
	}
	for i := range total {
		spec := mock.ClusterSpec{Name: fmt.Sprintf("page-%03d", i), ProjectID: projectOf(i)}
		if i == 101 {
			spec.Status = mock.StatusSuspended
		}
		server.AddCluster(spec)
	}

	var analytics []knownvalue.Check
	for i := 1; i < total; i += 2 {
		analytics = append(analytics, clusterNamed(fmt.Sprintf("page-%03d", i), testOtherProjectID))
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: server.dataSourceConfig("zilliz_clusters", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testClustersDataAddress, attributePath("id"), knownvalue.StringExact("clusters")),
					statecheck.ExpectKnownValue(testClustersDataAddress, attributePath("project_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(testClustersDataAddress, attributePath("clusters"), knownvalue.ListSizeExact(total)),
					// The first and last cluster of each page, in the order of creation.
					statecheck.ExpectKnownValue(testClustersDataAddress, attributePath("clusters"), knownvalue.ListPartial(
						map[int]knownvalue.Check{
							0:   clusterNamed("page-000", testProjectID),
							99:  clusterNamed("page-099", testOtherProjectID),
							100: clusterNamed("page-100", testProjectID),
							119: clusterNamed("page-119", testOtherProjectID),
						})),
					statecheck.ExpectKnownValue(testClustersDataAddress, attributePath("clusters").AtSliceIndex(101),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"cluster_name":    knownvalue.StringExact("page-101"),
							"status":          knownvalue.StringExact("SUSPENDED"),
							"id":              knownvalue.StringRegexp(clusterIDRegexp),
							"cluster_id":      knownvalue.StringRegexp(clusterIDRegexp),
							"region_id":       knownvalue.StringExact("gcp-us-west1"),
							"cluster_type":    knownvalue.StringExact("Serverless"),
							"plan":            knownvalue.StringExact("Serverless"),
							"create_progress": knownvalue.Int64Exact(100),
						})),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// The project filter keeps the list order and only the project's clusters.
				Config: server.dataSourceConfig("zilliz_clusters", `project_id = "`+testOtherProjectID+`"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testClustersDataAddress, attributePath("id"), knownvalue.StringExact(testOtherProjectID)),
					statecheck.ExpectKnownValue(testClustersDataAddress, attributePath("clusters"), knownvalue.ListExact(analytics)),
				},
			},
		},
	})

	pages := map[string]bool{}
	for _, request := range server.Requests() {
		if request.Endpoint != mock.EndpointList {
			continue
		}
		query, err := url.ParseQuery(request.RawQuery)
		if err != nil {
			t.Fatalf("list request has an invalid query %q: %v", request.RawQuery, err)
		}
		if size := query.Get("pageSize"); size != "100" {
			t.Errorf("list request has pageSize %q, expected 100", size)
		}
		pages[query.Get("current")] = true
	}
	if !pages["1"] {
		t.Errorf("no list request for page 1; pages requested: %v", pages)
	}
	if !pages["2"] {
		t.Errorf("no list request for page 2; pages requested: %v", pages)
	}
	if len(pages) != 2 {
		t.Errorf("list requests for pages %v, expected only pages 1 and 2", pages)
	}
}

func TestAccClustersDataSourceProjectFilter(t *testing.T) {
	server := startTestMock(t, mock.Options{})
	server.AddCluster(mock.ClusterSpec{Name: "only-default", ProjectID: testProjectID})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      server.dataSourceConfig("zilliz_clusters", `project_id = "Analytics"`),
				ExpectError: errorText("project_id", "must be a project ID"),
			},
			{
				Config:      server.dataSourceConfig("zilliz_clusters", `project_id = "proj-000000000000"`),
				ExpectError: errorText("Read Clusters Failed", `no project "proj-000000000000"`, "zilliz_projects"),
			},
			{
				// A project without clusters has an empty list, not null and not an error. This step
				// comes last because the test destroys with the last configuration.
				Config: server.dataSourceConfig("zilliz_clusters", `project_id = "`+testOtherProjectID+`"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testClustersDataAddress, attributePath("id"), knownvalue.StringExact(testOtherProjectID)),
					statecheck.ExpectKnownValue(testClustersDataAddress, attributePath("clusters"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}

func TestClustersDataSourceSelect(t *testing.T) {
	clusters := []client.Cluster{
		{ClusterID: "inxx-1", ClusterName: "a", ProjectID: testProjectID, Status: client.StatusRunning},
		{ClusterID: "inxx-2", ClusterName: "b", ProjectID: testOtherProjectID, Status: client.StatusSuspended},
		{ClusterID: "inxx-3", ClusterName: "c", ProjectID: testProjectID, Status: client.StatusDeleted},
		{ClusterID: "inxx-4", ClusterName: "d", ProjectID: "", Status: client.StatusRunning},
		{ClusterID: "inxx-5", ClusterName: "e", ProjectID: testProjectID, Status: client.StatusDeleting},
	}

	tests := map[string]struct {
		projectID string
		expected  []string
	}{
		"every project": {projectID: "", expected: []string{"a", "b", "d", "e"}},
		"one project":   {projectID: testProjectID, expected: []string{"a", "e"}},
		"other project": {projectID: testOtherProjectID, expected: []string{"b"}},
		"no match":      {projectID: "proj-000000000000", expected: []string{}},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			selected := selectClusters(clusters, test.projectID)

			if selected == nil {
				t.Fatal("selectClusters returned nil, expected a non-nil slice")
			}
			names := []string{}
			for _, cluster := range selected {
				names = append(names, cluster.ClusterName.ValueString())
			}
			if !slices.Equal(names, test.expected) {
				t.Errorf("selected clusters %v, expected %v", names, test.expected)
			}
		})
	}
}
