package provider

import (
	"context"
	"errors"
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
				// terraform import: every attribute matches the created cluster's but the
				// credentials, which the API never returns again, so the import stores them as null.
				ResourceName:            testClusterAddress,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"password", "username"},
				ImportStateCheck:        expectImportedWithoutCredentials,
			},
			{
				// An import block plans no changes against a matching configuration, again without
				// credentials.
				Config:          config,
				ResourceName:    testClusterAddress,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testClusterAddress, plancheck.ResourceActionNoop),
						plancheck.ExpectKnownValue(testClusterAddress, attributePath("username"), knownvalue.Null()),
						plancheck.ExpectKnownValue(testClusterAddress, attributePath("password"), knownvalue.Null()),
					},
				},
			},
		},
	})

	if created := server.CountRequests(mock.EndpointCreate); created != 1 {
		t.Errorf("createServerless was called %d times, expected once", created)
	}
}

// expectImportedWithoutCredentials is an ImportStateCheck that the one imported cluster has no
// username and no password. The flattened state leaves out attributes that are null, while an
// empty string would be present.
func expectImportedWithoutCredentials(states []*terraform.InstanceState) error {
	if len(states) != 1 {
		return fmt.Errorf("import produced %d instances, expected 1", len(states))
	}

	var problems []error
	for _, attribute := range []string{"username", "password"} {
		if _, ok := states[0].Attributes[attribute]; ok {
			problems = append(problems, fmt.Errorf("imported cluster %s has %s set, expected null",
				states[0].ID, attribute))
		}
	}
	return errors.Join(problems...)
}

func TestAccServerlessClusterImportFailures(t *testing.T) {
	tests := map[string]struct {
		// id is the import ID. importedID replaces it when set, with the ID of a cluster that the
		// case adds to the mock first.
		id         string
		importedID func(server *testMock) string
		expected   *regexp.Regexp

		// sendsRequests is false when the provider must reject the ID before calling the API.
		sendsRequests bool
	}{
		"unknown cluster id": {
			id:            "inxx-00000000000000000",
			expected:      errorText("Cannot import non-existent remote object"),
			sendsRequests: true,
		},
		"cluster in another region": {
			importedID: func(server *testMock) string {
				return server.AddCluster(mock.ClusterSpec{Name: "acc-import", RegionID: "aws-us-east-1"})
			},
			expected:      errorText("Read Serverless Cluster Failed", "in another region", "code 90102"),
			sendsRequests: true,
		},
		"cluster name with space": {
			id:       "acc import",
			expected: errorText("Invalid Import ID", `"acc import" is not a cluster ID`, "by its cluster ID, not by its name", "inxx-"),
		},
		"id with underscore": {
			id:       "inxx_0123",
			expected: errorText("Invalid Import ID", `"inxx_0123"`, "inxx-"),
		},
		"id with path": {
			id:       "inxx-0123/drop",
			expected: errorText("Invalid Import ID", `"inxx-0123/drop"`, "inxx-"),
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			server := startTestMock(t, fastMockOptions())
			id := test.id
			if test.importedID != nil {
				id = test.importedID(server)
			}

			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:        server.clusterConfig("acc-import", testProjectID, ""),
						ResourceName:  testClusterAddress,
						ImportState:   true,
						ImportStateId: id,
						ExpectError:   test.expected,
					},
				},
			})

			if created := server.CountRequests(mock.EndpointCreate); created != 0 {
				t.Errorf("createServerless was sent %d times by a failed import, expected never", created)
			}
			if !test.sendsRequests {
				expectNoRequests(t, server)
			}
			if test.importedID != nil && len(server.LiveClusters()) != 1 {
				t.Errorf("mock has %d live clusters after the failed import, expected the 1 it had", len(server.LiveClusters()))
			}
		})
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

// TestAccServerlessClusterInAnotherRegion covers a cluster in state that the control plane
// reports as being in another region (code 90102), as after a change of the provider's region.
// The cluster still exists, so refreshes and the destroy fail and keep it in state, and nothing
// is created in its place.
func TestAccServerlessClusterInAnotherRegion(t *testing.T) {
	server := startRewritingMock(t, fastMockOptions())
	config := server.clusterConfig("acc-region", testProjectID, "")
	compareID := statecheck.CompareValue(compare.ValuesSame())
	describeInAnotherRegion := func() {
		server.rewrite(bodyRewrite{endpoint: mock.EndpointDescribe, times: -1, edit: notInRegion})
	}
	readFailed := errorText("Read Serverless Cluster Failed", "in another region", "stays in state", "code 90102")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             server.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					compareID.AddStateValue(testClusterAddress, attributePath("id")),
				},
			},
			{
				// terraform refresh writes the state it reads, so it would drop a removed cluster.
				PreConfig:    describeInAnotherRegion,
				RefreshState: true,
				ExpectError:  readFailed,
			},
			{
				// The cluster is still in state, so the next plan reads it again and fails again.
				Config:      config,
				PlanOnly:    true,
				ExpectError: readFailed,
			},
			{
				// The mock must not drop the cluster behind the rejection.
				PreConfig: func() {
					server.stopRewrites()
					server.rewrite(bodyRewrite{endpoint: mock.EndpointDrop, times: -1, edit: notInRegion, unprocessed: true})
				},
				Config:      config,
				Destroy:     true,
				ExpectError: errorText("Delete Serverless Cluster Failed", "in another region", "stays in state", "code 90102"),
			},
			{
				// With the region right again, the same cluster is in state and no change is planned.
				PreConfig: server.stopRewrites,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						noOrphanedClusters{server: server},
						plancheck.ExpectEmptyPlan(),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					compareID.AddStateValue(testClusterAddress, attributePath("id")),
					liveClustersMatchState{server: server},
				},
			},
		},
	})

	if created := server.CountRequests(mock.EndpointCreate); created != 1 {
		t.Errorf("createServerless was sent %d times, expected once: a cluster in another region is not replaced", created)
	}
	if drops := server.CountRequests(mock.EndpointDrop); drops != 1 {
		t.Errorf("the mock received %d drops, expected 1: the one of the final destroy", drops)
	}
	expectNoLiveClusters(t, server)
}

// TestAccServerlessClusterRefreshKeepsIdentity covers describe responses that leave out the
// cluster's name and project or report another ID: a refresh keeps those attributes from state,
// so the plan stays empty instead of replacing the cluster.
func TestAccServerlessClusterRefreshKeepsIdentity(t *testing.T) {
	server := startRewritingMock(t, fastMockOptions())
	config := server.clusterConfig("acc-identity", testProjectID, "")
	compareID := statecheck.CompareValue(compare.ValuesSame())
	compareClusterID := statecheck.CompareValue(compare.ValuesSame())

	tests := map[string]func(data map[string]any){
		"empty name and project": func(data map[string]any) {
			data["clusterName"] = ""
			data["projectId"] = ""
		},
		"missing name and project": func(data map[string]any) {
			delete(data, "clusterName")
			delete(data, "projectId")
		},
		"other cluster id": func(data map[string]any) {
			data["clusterId"] = "inxx-00000000000000000"
		},
	}

	steps := []resource.TestStep{
		{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				compareID.AddStateValue(testClusterAddress, attributePath("id")),
				compareClusterID.AddStateValue(testClusterAddress, attributePath("cluster_id")),
			},
		},
	}
	for name, edit := range tests {
		steps = append(steps, resource.TestStep{
			// Each step refreshes twice: before the plan that must be empty and after the apply.
			PreConfig: func() {
				t.Logf("describe responses: %s", name)
				server.stopRewrites()
				server.rewrite(bodyRewrite{endpoint: mock.EndpointDescribe, times: -1, edit: editData(edit)})
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				compareID.AddStateValue(testClusterAddress, attributePath("id")),
				compareClusterID.AddStateValue(testClusterAddress, attributePath("cluster_id")),
				statecheck.ExpectKnownValue(testClusterAddress, attributePath("cluster_name"), knownvalue.StringExact("acc-identity")),
				statecheck.ExpectKnownValue(testClusterAddress, attributePath("project_id"), knownvalue.StringExact(testProjectID)),
			},
		})
	}
	steps = append(steps, resource.TestStep{
		// The destroy needs the real responses.
		PreConfig: server.stopRewrites,
		Config:    config,
	})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             server.checkDestroyed,
		Steps:                    steps,
	})

	if created := server.CountRequests(mock.EndpointCreate); created != 1 {
		t.Errorf("createServerless was sent %d times, expected once", created)
	}
	expectNoLiveClusters(t, server)
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
