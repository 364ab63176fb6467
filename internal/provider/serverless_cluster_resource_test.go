package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

const testClusterAddress = "zilliz_serverless_cluster.test"

func TestAccServerlessClusterCreateImport(t *testing.T) {
	server := startTestMock(t, mock.Options{})
	config := server.clusterConfig("acc-basic", testProjectID, "")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             server.checkDestroyed,
		Steps: []resource.TestStep{
			{
				// Create: every attribute is known, and a second plan is empty.
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("id"),
						knownvalue.StringRegexp(regexp.MustCompile(`^inxx-[0-9a-z]+$`))),
					statecheck.CompareValuePairs(testClusterAddress, attributePath("id"),
						testClusterAddress, attributePath("cluster_id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("cluster_name"), knownvalue.StringExact("acc-basic")),
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("project_id"), knownvalue.StringExact(testProjectID)),
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("plan"), knownvalue.StringExact("Serverless")),
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("status"), knownvalue.StringExact("RUNNING")),
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("username"),
						knownvalue.StringRegexp(regexp.MustCompile(`^db_`))),
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("connect_address"),
						knownvalue.StringRegexp(regexp.MustCompile(`^https://`))),
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("region_id"), knownvalue.StringExact("gcp-us-west1")),
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("create_time"), knownvalue.NotNull()),
					statecheck.ExpectSensitiveValue(testClusterAddress, attributePath("password")),
					passwordMatchesMock{server: server, address: testClusterAddress},
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// terraform import: the API never returns the credentials again.
				ResourceName:            testClusterAddress,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"password", "username"},
			},
			{
				// An import block plans no changes against a matching configuration.
				Config:          config,
				ResourceName:    testClusterAddress,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testClusterAddress, plancheck.ResourceActionNoop)},
				},
			},
		},
	})

	if created := server.CountRequests(mock.EndpointCreate); created != 1 {
		t.Errorf("createServerless was called %d times, expected once", created)
	}
}

func TestAccServerlessClusterPlanCase(t *testing.T) {
	server := startTestMock(t, mock.Options{})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             server.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config: server.clusterConfig("acc-free", testProjectID, `  plan = "free"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("plan"), knownvalue.StringExact("free")),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Another spelling of the same plan neither changes nor replaces the cluster.
				Config: server.clusterConfig("acc-free", testProjectID, `  plan = "FREE"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})

	for _, cluster := range server.LiveClusters() {
		t.Errorf("cluster %s is still live after destroy", cluster.ClusterID)
	}
}

func TestAccServerlessClusterReplaceOnRename(t *testing.T) {
	server := startTestMock(t, mock.Options{})
	compareID := statecheck.CompareValue(compare.ValuesDiffer())

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             server.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config: server.clusterConfig("acc-before", testProjectID, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					compareID.AddStateValue(testClusterAddress, attributePath("id")),
				},
			},
			{
				Config: server.clusterConfig("acc-after", testProjectID, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testClusterAddress, plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					compareID.AddStateValue(testClusterAddress, attributePath("id")),
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("cluster_name"), knownvalue.StringExact("acc-after")),
					passwordMatchesMock{server: server, address: testClusterAddress},
				},
			},
			{
				// Moving to another project replaces the cluster too.
				Config: server.clusterConfig("acc-after", testOtherProjectID, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testClusterAddress, plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
			},
		},
	})

	if created := server.CountRequests(mock.EndpointCreate); created != 3 {
		t.Errorf("createServerless was called %d times, expected 3", created)
	}
}

func TestAccServerlessClusterDroppedOutOfBand(t *testing.T) {
	server := startTestMock(t, mock.Options{})
	config := server.clusterConfig("acc-dropped", testProjectID, "")
	var firstID string

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             server.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					captureString{address: testClusterAddress, attribute: "id", value: &firstID},
				},
			},
			{
				// Read removes the dropped cluster from state, so the plan creates it again.
				PreConfig: func() {
					if !server.DropOutOfBand(firstID) {
						t.Fatalf("mock has no cluster %s to drop", firstID)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testClusterAddress, plancheck.ResourceActionCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("status"), knownvalue.StringExact("RUNNING")),
					passwordMatchesMock{server: server, address: testClusterAddress},
				},
			},
		},
	})
}

func TestAccServerlessClusterTaintedOnTimeout(t *testing.T) {
	server := startTestMock(t, mock.Options{CreateDelay: time.Hour})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             server.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config:      server.clusterConfig("acc-slow", testProjectID, `  timeouts { create = "2s" }`),
				ExpectError: regexp.MustCompile(`Create Serverless Cluster Timed Out`),
			},
			{
				// The cluster from the failed create is in state and tainted, so it is replaced.
				PreConfig: func() {
					if live := len(server.LiveClusters()); live != 1 {
						t.Fatalf("mock has %d live clusters after the timed-out create, expected 1", live)
					}
					server.SetCreateDelay(time.Second)
				},
				Config: server.clusterConfig("acc-slow", testProjectID, `  timeouts { create = "2m" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testClusterAddress, plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("status"), knownvalue.StringExact("RUNNING")),
				},
			},
		},
	})
}

// checkDestroyed asserts that every cluster in the final state is gone from the mock: describe
// returns a not-found error or the DELETED status.
func (m *testMock) checkDestroyed(state *terraform.State) error {
	apiClient, err := client.New(client.Config{Endpoint: m.URL, APIKey: m.APIKey(), UserAgent: "acceptance-test"})
	if err != nil {
		return err
	}

	for _, r := range state.RootModule().Resources {
		if r.Type != "zilliz_serverless_cluster" {
			continue
		}
		cluster, err := apiClient.DescribeCluster(context.Background(), r.Primary.ID)
		switch {
		case client.IsNotFound(err):
			continue
		case err != nil:
			return fmt.Errorf("describing cluster %s after destroy: %w", r.Primary.ID, err)
		case cluster.Status != client.StatusDeleted:
			return fmt.Errorf("cluster %s is %s after destroy, expected DELETED or not found", r.Primary.ID, cluster.Status)
		}
	}
	return nil
}
