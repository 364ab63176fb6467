package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

// The tests in this file inject faults into the mock's responses and check that the provider
// neither loses a cluster nor makes a second one. After each case the mock's live clusters are
// exactly those in state, and after destroy there are none.

// passwordNotReceivedSummary is the summary of the warning about a cluster that was recorded
// without the credentials that only the lost create response contained.
const passwordNotReceivedSummary = "Serverless Cluster Password Not Received"

// fastMockOptions makes clusters RUNNING and DELETED within a millisecond, so that a case spends
// its time on the faults and not on waiting.
func fastMockOptions() mock.Options {
	return mock.Options{CreateDelay: time.Millisecond, DeleteDelay: time.Millisecond}
}

func TestAccServerlessClusterCreateFaults(t *testing.T) {
	retryAfterDate := time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat)
	createdOnce := []string{mock.EndpointCreate}
	retried := []string{mock.EndpointCreate, mock.EndpointCreate}
	lookedUpThenCreated := []string{mock.EndpointCreate, mock.EndpointList, mock.EndpointCreate}
	lookedUpThenAdopted := []string{mock.EndpointCreate, mock.EndpointList}

	tests := map[string]struct {
		fault mock.Fault

		// adopted is set when the create response is lost although the mock created the
		// cluster, so the provider must find it by name and store no credentials.
		adopted bool

		// requests are the endpoints called before the first describe. They show whether the
		// client retried the create itself (only when the service did not act on it) or the
		// provider looked the cluster up by name first.
		requests []string
	}{
		"429 retry-after seconds": {
			fault:    mock.Fault{Kind: mock.FaultTooManyRequests, RetryAfter: "1"},
			requests: retried,
		},
		"429 retry-after date": {
			fault:    mock.Fault{Kind: mock.FaultTooManyRequests, RetryAfter: retryAfterDate},
			requests: retried,
		},
		"429 invalid retry-after": {
			fault:    mock.Fault{Kind: mock.FaultTooManyRequests, RetryAfter: "soon"},
			requests: retried,
		},
		"503": {
			fault:    mock.Fault{Kind: mock.FaultServiceUnavailable},
			requests: retried,
		},
		"500 html": {
			fault:    mock.Fault{Kind: mock.FaultInternalServerError},
			requests: lookedUpThenCreated,
		},
		"500 html after processing": {
			fault:    mock.Fault{Kind: mock.FaultInternalServerError, AfterProcessing: true},
			adopted:  true,
			requests: lookedUpThenAdopted,
		},
		"502 html": {
			fault:    mock.Fault{Kind: mock.FaultBadGateway},
			requests: lookedUpThenCreated,
		},
		"504 html after processing": {
			fault:    mock.Fault{Kind: mock.FaultGatewayTimeout, AfterProcessing: true},
			adopted:  true,
			requests: lookedUpThenAdopted,
		},
		"reset before processing": {
			fault:    mock.Fault{Kind: mock.FaultResetBefore},
			requests: lookedUpThenCreated,
		},
		"reset after processing": {
			fault:    mock.Fault{Kind: mock.FaultResetAfter},
			adopted:  true,
			requests: lookedUpThenAdopted,
		},
		"malformed json": {
			fault:    mock.Fault{Kind: mock.FaultMalformedJSON},
			requests: lookedUpThenCreated,
		},
		"malformed json after processing": {
			fault:    mock.Fault{Kind: mock.FaultMalformedJSON, AfterProcessing: true},
			adopted:  true,
			requests: lookedUpThenAdopted,
		},
		"truncated json": {
			fault:    mock.Fault{Kind: mock.FaultTruncatedJSON},
			adopted:  true,
			requests: lookedUpThenAdopted,
		},
		"string code": {
			fault:    mock.Fault{Kind: mock.FaultStringCode},
			adopted:  true,
			requests: lookedUpThenAdopted,
		},
		"empty body": {
			fault:    mock.Fault{Kind: mock.FaultEmptyBody},
			requests: lookedUpThenCreated,
		},
		"huge body": {
			fault:    mock.Fault{Kind: mock.FaultHugeBody},
			adopted:  true,
			requests: lookedUpThenAdopted,
		},
		"slow within timeout": {
			fault:    mock.Fault{Kind: mock.FaultSlow, Delay: time.Second},
			requests: createdOnce,
		},
		"lost twice": {
			fault: mock.Fault{Kind: mock.FaultResetBefore, Times: 2},
			requests: []string{mock.EndpointCreate, mock.EndpointList, mock.EndpointCreate, mock.EndpointList,
				mock.EndpointCreate},
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			server := startTestMock(t, fastMockOptions())
			fault := test.fault
			fault.Endpoint = mock.EndpointCreate
			server.InjectFault(fault)
			recorder := &diagnosticRecorder{}

			checks := []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testClusterAddress, attributePath("status"), knownvalue.StringExact("RUNNING")),
				liveClustersMatchState{server: server},
			}
			if test.adopted {
				checks = append(checks,
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("password"), knownvalue.Null()),
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("username"), knownvalue.Null()))
			} else {
				checks = append(checks, passwordMatchesMock{server: server, address: testClusterAddress})
			}

			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: recorder.providerFactories(),
				CheckDestroy:             server.checkDestroyed,
				Steps: []resource.TestStep{
					{
						Config:            server.clusterConfig("fault-create", testProjectID, ""),
						ConfigStateChecks: checks,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
					},
				},
			})

			if requests := requestsBeforeDescribe(server); !slices.Equal(requests, test.requests) {
				t.Errorf("requests before the first describe were %v, expected %v", requests, test.requests)
			}
			expectPasswordWarnings(t, recorder, test.adopted)
			expectFaultsUsed(t, server)
			expectNoLiveClusters(t, server)
		})
	}
}

// TestAccServerlessClusterCreateRetriesExhausted checks that a create rejected with 429 more
// often than max_retries allows fails with the status, after exactly 1 + max_retries requests.
func TestAccServerlessClusterCreateRetriesExhausted(t *testing.T) {
	server := startTestMock(t, fastMockOptions())
	server.InjectFault(mock.Fault{Endpoint: mock.EndpointCreate, Kind: mock.FaultTooManyRequests, RetryAfter: "1", Times: 10})
	config := server.clusterConfig("fault-exhausted", testProjectID, "")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             server.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: errorText("Create Serverless Cluster Failed", "HTTP 429", "code 429", "after 5 attempts"),
			},
		},
	})

	// providerConfig sets max_retries = 4.
	if created := server.CountRequests(mock.EndpointCreate); created != 5 {
		t.Errorf("createServerless was sent %d times, expected 5 (1 + max_retries)", created)
	}
	if listed := server.CountRequests(mock.EndpointList); listed != 0 {
		t.Errorf("the provider listed clusters %d times after 429 responses, expected never", listed)
	}
	expectNoLiveClusters(t, server)
}

// TestAccServerlessClusterCreateLostThrice checks that the provider gives up after three
// creates whose responses were lost, none of which made a cluster.
func TestAccServerlessClusterCreateLostThrice(t *testing.T) {
	server := startTestMock(t, fastMockOptions())
	server.InjectFault(mock.Fault{Endpoint: mock.EndpointCreate, Kind: mock.FaultResetBefore, Times: 3})
	config := server.clusterConfig("fault-lost", testProjectID, "")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             server.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: errorText("Create Serverless Cluster Failed", "fault-lost", "connection reset"),
			},
			{
				// Nothing was created or recorded, so the next apply creates the cluster.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						noOrphanedClusters{server: server},
						plancheck.ExpectResourceAction(testClusterAddress, plancheck.ResourceActionCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					liveClustersMatchState{server: server},
					passwordMatchesMock{server: server, address: testClusterAddress},
				},
			},
		},
	})

	if created := server.CountRequests(mock.EndpointCreate); created != 4 {
		t.Errorf("createServerless was sent %d times, expected 3 lost and 1 successful", created)
	}
	if listed := server.CountRequests(mock.EndpointList); listed != 3 {
		t.Errorf("the provider listed clusters %d times, expected once after each lost create", listed)
	}
	expectNoLiveClusters(t, server)
}

// TestAccServerlessClusterCreateDuplicateAfterLoss covers a lookup that does not see the cluster
// yet: the create after it fails with a duplicate name, which proves that the lost request made
// the cluster, and a second lookup adopts it.
func TestAccServerlessClusterCreateDuplicateAfterLoss(t *testing.T) {
	server := startRewritingMock(t, fastMockOptions(), bodyRewrite{
		endpoint: mock.EndpointList,
		times:    1,
		edit:     emptyClusterList,
	})
	server.InjectFault(mock.Fault{Endpoint: mock.EndpointCreate, Kind: mock.FaultResetAfter})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             server.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config: server.clusterConfig("fault-duplicate", testProjectID, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					liveClustersMatchState{server: server},
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("password"), knownvalue.Null()),
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("status"), knownvalue.StringExact("RUNNING")),
				},
			},
		},
	})

	expected := []string{mock.EndpointCreate, mock.EndpointList, mock.EndpointCreate, mock.EndpointList}
	if requests := requestsBeforeDescribe(server); !slices.Equal(requests, expected) {
		t.Errorf("requests before the first describe were %v, expected %v", requests, expected)
	}
	if duplicates := countResponses(server, mock.EndpointCreate, mock.CodeDuplicateClusterName); duplicates != 1 {
		t.Errorf("%d creates got code 80010 (duplicate name), expected 1", duplicates)
	}
	expectNoLiveClusters(t, server)
}

// TestAccServerlessClusterCreateSlowBeyondTimeout checks a create whose response does not
// arrive within the create timeout, when the service did not act on it: nothing is created and
// nothing recorded, and the next apply creates the cluster.
func TestAccServerlessClusterCreateSlowBeyondTimeout(t *testing.T) {
	server := startTestMock(t, fastMockOptions())
	server.InjectFault(mock.Fault{Endpoint: mock.EndpointCreate, Kind: mock.FaultSlow, Delay: time.Minute})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             server.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config: server.clusterConfig("fault-slow", testProjectID, `  timeouts { create = "3s" }`),
				ExpectError: errorText("Create Serverless Cluster Failed", `create the cluster "fault-slow" was stopped`,
					"context deadline exceeded"),
			},
			{
				Config: server.clusterConfig("fault-slow", testProjectID, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						noOrphanedClusters{server: server},
						plancheck.ExpectResourceAction(testClusterAddress, plancheck.ResourceActionCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					liveClustersMatchState{server: server},
					passwordMatchesMock{server: server, address: testClusterAddress},
				},
			},
		},
	})

	if created := server.CountRequests(mock.EndpointCreate); created != 2 {
		t.Errorf("createServerless was sent %d times, expected 2: the slow one and the next apply's", created)
	}
	expectNoLiveClusters(t, server)
}

// TestAccServerlessClusterCreateTimeoutAfterProcessing covers a create that the service carried
// out while its response did not arrive within the create timeout. The lookup by name, which
// runs on a short context of its own, finds the cluster, so it is recorded without credentials
// and tainted, and the next apply replaces it.
func TestAccServerlessClusterCreateTimeoutAfterProcessing(t *testing.T) {
	server := startTestMock(t, fastMockOptions())
	server.InjectFault(mock.Fault{Endpoint: mock.EndpointCreate, Kind: mock.FaultSlow, Delay: time.Minute, AfterProcessing: true})
	recorder := &diagnosticRecorder{}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: recorder.providerFactories(),
		CheckDestroy:             server.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config: server.clusterConfig("fault-timeout", testProjectID, `  timeouts { create = "3s" }`),
				// The create timeout has passed by the time the cluster is recorded, so the wait for
				// RUNNING ends at once.
				ExpectError: errorText("Create Serverless Cluster Timed Out", "was not RUNNING within 3s",
					"marked tainted", "context deadline exceeded"),
			},
			taintedClusterStep(t, server, server.clusterConfig("fault-timeout", testProjectID, "")),
		},
	})

	if created := server.CountRequests(mock.EndpointCreate); created != 1 {
		t.Errorf("createServerless was sent %d times, expected once", created)
	}
	expectPasswordWarnings(t, recorder, true)
	expectNoLiveClusters(t, server)
}

// TestAccServerlessClusterCreateAdoptionWindow covers the lookup by name after a lost create
// response that finds a cluster the lost request did not make, because it was there before. A
// cluster created within the margin for clock differences before the apply is adopted, and an
// older one is reported and left alone.
func TestAccServerlessClusterCreateAdoptionWindow(t *testing.T) {
	tests := map[string]struct {
		createdBefore time.Duration // how long before the apply the cluster was created
		adopted       bool
	}{
		"created 5 minutes before": {createdBefore: 5 * time.Minute},
		"created 1 minute before":  {createdBefore: time.Minute, adopted: true},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			clock := &offsetClock{}
			options := fastMockOptions()
			options.Now = clock.now
			server := startTestMock(t, options)
			clock.set(-test.createdBefore)
			existingID := server.AddCluster(mock.ClusterSpec{Name: "fault-window", ProjectID: testProjectID})
			clock.set(0)
			// The mock does not act on the create, so the lookup after it finds only the cluster
			// that was there before.
			server.InjectFault(mock.Fault{Endpoint: mock.EndpointCreate, Kind: mock.FaultResetBefore})
			recorder := &diagnosticRecorder{}
			config := server.clusterConfig("fault-window", testProjectID, "")

			step := resource.TestStep{Config: config}
			if test.adopted {
				step.ConfigStateChecks = []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("id"), knownvalue.StringExact(existingID)),
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("password"), knownvalue.Null()),
					liveClustersMatchState{server: server},
				}
			} else {
				// The diagnostic is on cluster_name, so Terraform shows that line of the
				// configuration between the summary and the detail.
				step.ExpectError = errorText("Create Serverless Cluster Failed", `cluster_name = "fault-window"`,
					"already existed before this apply", existingID)
			}

			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: recorder.providerFactories(),
				CheckDestroy:             server.checkDestroyed,
				Steps:                    []resource.TestStep{step},
			})

			expected := []string{mock.EndpointCreate, mock.EndpointList}
			if requests := requestsBeforeDescribe(server); !slices.Equal(requests, expected) {
				t.Errorf("requests before the first describe were %v, expected %v", requests, expected)
			}
			expectPasswordWarnings(t, recorder, test.adopted)
			if test.adopted {
				expectNoLiveClusters(t, server)
				return
			}
			live := server.LiveClusters()
			if len(live) != 1 || live[0].ClusterID != existingID {
				t.Errorf("live clusters after the failed create are %v, expected only %s, which was there before",
					live, existingID)
			}
		})
	}
}

// TestAccServerlessClusterCreateFailsAfterLoss covers a create whose response was lost and
// whose lookup by name found nothing, followed by a create that fails with a rate limit and no
// retries left, an error that does not show whether the lost request made the cluster. The
// provider looks the cluster up once more, and adopts it when the lost request did make it.
func TestAccServerlessClusterCreateFailsAfterLoss(t *testing.T) {
	tests := map[string]struct {
		firstFault mock.FaultKind
		adopted    bool // the first create made the cluster
	}{
		"first create took effect":   {firstFault: mock.FaultResetAfter, adopted: true},
		"first create had no effect": {firstFault: mock.FaultResetBefore},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			// The first lookup finds no cluster, as when the list lags behind the create.
			server := startRewritingMock(t, fastMockOptions(), bodyRewrite{
				endpoint: mock.EndpointList,
				times:    1,
				edit:     emptyClusterList,
			})
			server.InjectFault(mock.Fault{Endpoint: mock.EndpointCreate, Kind: test.firstFault})
			server.InjectFault(mock.Fault{Endpoint: mock.EndpointCreate, Kind: mock.FaultTooManyRequests, RetryAfter: "1"})
			recorder := &diagnosticRecorder{}
			config := server.providerConfigWithRetries(0) + clusterBlock("fault-after-loss", testProjectID, "")

			step := resource.TestStep{Config: config}
			if test.adopted {
				step.ConfigStateChecks = []statecheck.StateCheck{
					liveClustersMatchState{server: server},
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("status"), knownvalue.StringExact("RUNNING")),
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("password"), knownvalue.Null()),
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("username"), knownvalue.Null()),
				}
			} else {
				step.ExpectError = errorText("Create Serverless Cluster Failed", "fault-after-loss", "HTTP 429")
			}

			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: recorder.providerFactories(),
				CheckDestroy:             server.checkDestroyed,
				Steps:                    []resource.TestStep{step},
			})

			// One lookup after the lost response and exactly one after the rate limit.
			expected := []string{mock.EndpointCreate, mock.EndpointList, mock.EndpointCreate, mock.EndpointList}
			if requests := requestsBeforeDescribe(server); !slices.Equal(requests, expected) {
				t.Errorf("requests before the first describe were %v, expected %v", requests, expected)
			}
			expectPasswordWarnings(t, recorder, test.adopted)
			expectFaultsUsed(t, server)
			expectNoLiveClusters(t, server)
		})
	}
}

// TestAccServerlessClusterCreateLookupFailsOnce covers a create whose response was lost after
// the service made the cluster, followed by a lookup by name that gets one HTTP 500. One failed
// lookup must not orphan the cluster: the provider must find it and record it.
func TestAccServerlessClusterCreateLookupFailsOnce(t *testing.T) {
	server := startTestMock(t, fastMockOptions())
	server.InjectFault(mock.Fault{Endpoint: mock.EndpointCreate, Kind: mock.FaultResetAfter})
	server.InjectFault(mock.Fault{Endpoint: mock.EndpointList, Kind: mock.FaultInternalServerError})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             server.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config: server.clusterConfig("fault-lookup", testProjectID, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					liveClustersMatchState{server: server},
					statecheck.ExpectKnownValue(testClusterAddress, attributePath("password"), knownvalue.Null()),
				},
			},
		},
	})

	if created := server.CountRequests(mock.EndpointCreate); created != 1 {
		t.Errorf("createServerless was sent %d times, expected once", created)
	}
	expectNoLiveClusters(t, server)
}

func TestAccServerlessClusterDescribeDropFaults(t *testing.T) {
	tests := map[string]mock.Fault{
		"429":            {Kind: mock.FaultTooManyRequests, RetryAfter: "1"},
		"502":            {Kind: mock.FaultBadGateway},
		"503":            {Kind: mock.FaultServiceUnavailable},
		"504":            {Kind: mock.FaultGatewayTimeout},
		"reset before":   {Kind: mock.FaultResetBefore},
		"reset after":    {Kind: mock.FaultResetAfter},
		"503 after drop": {Kind: mock.FaultServiceUnavailable, AfterProcessing: true},
	}

	for name, fault := range tests {
		t.Run(name, func(t *testing.T) {
			server := startTestMock(t, fastMockOptions())
			// The first describe is the wait for RUNNING after the create, and the drop comes
			// only with the destroy.
			for _, endpoint := range []string{mock.EndpointDescribe, mock.EndpointDrop} {
				fault.Endpoint = endpoint
				server.InjectFault(fault)
			}

			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories,
				CheckDestroy:             server.checkDestroyed,
				Steps: []resource.TestStep{
					{
						Config: server.clusterConfig("fault-describe", testProjectID, ""),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(testClusterAddress, attributePath("status"), knownvalue.StringExact("RUNNING")),
							liveClustersMatchState{server: server},
							passwordMatchesMock{server: server, address: testClusterAddress},
						},
					},
				},
			})

			if faulted := countFaulted(server, mock.EndpointDescribe); faulted != 1 {
				t.Errorf("%d describe requests hit the fault, expected 1", faulted)
			}
			if drops := server.CountRequests(mock.EndpointDrop); drops != 2 {
				t.Errorf("drop was sent %d times, expected 2: the faulted one and its retry", drops)
			}
			if created := server.CountRequests(mock.EndpointCreate); created != 1 {
				t.Errorf("createServerless was sent %d times, expected once", created)
			}
			expectFaultsUsed(t, server)
			expectNoLiveClusters(t, server)
		})
	}
}

// TestAccServerlessClusterHTML500 checks that an HTML error page with HTTP 500, which is not
// retried, gives a diagnostic naming the status wherever it arrives: in the wait after create,
// in a refresh and in a drop. The cluster stays in state each time.
func TestAccServerlessClusterHTML500(t *testing.T) {
	server := startTestMock(t, fastMockOptions())
	config := server.clusterConfig("fault-html", testProjectID, "")
	inject := func(endpoint string) func() {
		return func() {
			server.InjectFault(mock.Fault{Endpoint: endpoint, Kind: mock.FaultInternalServerError})
		}
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             server.checkDestroyed,
		Steps: []resource.TestStep{
			{
				PreConfig:   inject(mock.EndpointDescribe),
				Config:      config,
				ExpectError: errorText("Create Serverless Cluster Failed", "marked tainted", "HTTP 500", "not valid JSON"),
			},
			{
				// The tainted cluster is in state, so the next apply replaces it.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						noOrphanedClusters{server: server},
						plancheck.ExpectResourceAction(testClusterAddress, plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{liveClustersMatchState{server: server}},
			},
			{
				PreConfig:   inject(mock.EndpointDescribe),
				Config:      config,
				PlanOnly:    true,
				ExpectError: errorText("Read Serverless Cluster Failed", "HTTP 500", "<!DOCTYPE html>"),
			},
			{
				PreConfig:   inject(mock.EndpointDrop),
				Config:      config,
				Destroy:     true,
				ExpectError: errorText("Delete Serverless Cluster Failed", "still in state", "HTTP 500"),
			},
		},
	})

	if created := server.CountRequests(mock.EndpointCreate); created != 2 {
		t.Errorf("createServerless was sent %d times, expected 2: the tainted cluster and its replacement", created)
	}
	expectFaultsUsed(t, server)
	expectNoLiveClusters(t, server)
}

// taintedClusterStep is a plan-only step after a create that failed once the mock had made the
// cluster: that cluster must be the only live one, and it must be in state and tainted, so that
// the next apply would replace it.
func taintedClusterStep(t *testing.T, server *testMock, config string) resource.TestStep {
	return resource.TestStep{
		PreConfig: func() {
			if live := len(server.LiveClusters()); live != 1 {
				t.Errorf("mock has %d live clusters after the failed create, expected the 1 it made", live)
			}
		},
		Config:             config,
		PlanOnly:           true,
		ExpectNonEmptyPlan: true,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PostApplyPreRefresh: []plancheck.PlanCheck{
				noOrphanedClusters{server: server},
				plancheck.ExpectResourceAction(testClusterAddress, plancheck.ResourceActionDestroyBeforeCreate),
			},
		},
	}
}

// requestsBeforeDescribe returns the endpoints of the mock's requests up to the first describe.
func requestsBeforeDescribe(server *testMock) []string {
	var endpoints []string
	for _, request := range server.Requests() {
		if request.Endpoint == mock.EndpointDescribe {
			break
		}
		endpoints = append(endpoints, request.Endpoint)
	}
	return endpoints
}

// countFaulted returns the number of requests to endpoint that an injected fault hit.
func countFaulted(server *testMock, endpoint string) int {
	count := 0
	for _, request := range server.Requests() {
		if request.Endpoint == endpoint && request.Fault != "" {
			count++
		}
	}
	return count
}

// countResponses returns the number of requests to endpoint whose response had the body code.
func countResponses(server *testMock, endpoint string, code int) int {
	count := 0
	for _, request := range server.Requests() {
		if request.Endpoint == endpoint && request.Code == code {
			count++
		}
	}
	return count
}

// expectPasswordWarnings checks that the apply warned once that the password was not received
// when the cluster was adopted after a lost response, and never otherwise.
func expectPasswordWarnings(t *testing.T, recorder *diagnosticRecorder, adopted bool) {
	t.Helper()

	expected := 0
	if adopted {
		expected = 1
	}
	if warnings := recorder.countWarnings(passwordNotReceivedSummary); warnings != expected {
		t.Errorf("the provider warned %q %d times, expected %d", passwordNotReceivedSummary, warnings, expected)
	}
}

// offsetClock is a clock for mock.Options.Now that runs at real speed and can be set back, so
// that AddCluster can store a cluster created in the past.
type offsetClock struct {
	offset atomic.Int64 // nanoseconds added to the real time
}

func (c *offsetClock) now() time.Time {
	return time.Now().Add(time.Duration(c.offset.Load()))
}

func (c *offsetClock) set(offset time.Duration) {
	c.offset.Store(int64(offset))
}

func expectFaultsUsed(t *testing.T, server *testMock) {
	t.Helper()

	if pending := server.PendingFaults(); pending != 0 {
		t.Errorf("%d injected faults were never hit, so the case did not test them", pending)
	}
}

func expectNoLiveClusters(t *testing.T, server *testMock) {
	t.Helper()

	for _, cluster := range server.LiveClusters() {
		t.Errorf("cluster %s (%s) is still live after destroy", cluster.ClusterID, cluster.ClusterName)
	}
}

// liveClustersMatchState is a state check that the mock's live clusters are exactly the
// clusters in state: none missing from the mock and none orphaned outside the state.
type liveClustersMatchState struct {
	server *testMock
}

func (c liveClustersMatchState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	var inState []string
	if req.State != nil {
		inState = clusterIDsInState(req.State.Values)
	}
	resp.Error = compareLiveClusters(c.server, inState)
}

// noOrphanedClusters is a plan check that every live cluster of the mock is in the plan's prior
// state, so that no cluster was made without Terraform knowing it.
type noOrphanedClusters struct {
	server *testMock
}

func (c noOrphanedClusters) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	var inState []string
	if req.Plan != nil && req.Plan.PriorState != nil {
		inState = clusterIDsInState(req.Plan.PriorState.Values)
	}

	for _, cluster := range c.server.LiveClusters() {
		if !slices.Contains(inState, cluster.ClusterID) {
			resp.Error = fmt.Errorf("cluster %s (%s) is live in the mock but not in state, so it is orphaned: "+
				"Terraform will neither manage nor destroy it", cluster.ClusterID, cluster.ClusterName)
			return
		}
	}
}

// clusterIDsInState returns the IDs of the zilliz_serverless_cluster resources in values.
func clusterIDsInState(values *tfjson.StateValues) []string {
	if values == nil || values.RootModule == nil {
		return nil
	}

	var ids []string
	for _, r := range values.RootModule.Resources {
		if r.Type != "zilliz_serverless_cluster" {
			continue
		}
		if id, ok := r.AttributeValues["id"].(string); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// compareLiveClusters returns an error when the mock's live clusters differ from inState.
func compareLiveClusters(server *testMock, inState []string) error {
	var live []string
	for _, cluster := range server.LiveClusters() {
		live = append(live, cluster.ClusterID)
	}

	var problems []string
	for _, id := range live {
		if !slices.Contains(inState, id) {
			problems = append(problems, "cluster "+id+" is live in the mock but not in state (orphaned)")
		}
	}
	for _, id := range inState {
		if !slices.Contains(live, id) {
			problems = append(problems, "cluster "+id+" is in state but not live in the mock")
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("the mock's live clusters %v differ from the state's %v: %s",
			live, inState, strings.Join(problems, "; "))
	}
	return nil
}

// bodyRewrite edits the decoded JSON body of the next responses to one endpoint, for response
// shapes that the mock's fault kinds do not produce. A negative times edits every response
// until testMock.stopRewrites.
type bodyRewrite struct {
	endpoint string
	times    int
	edit     func(body map[string]any)

	// unprocessed keeps the request from the mock, so that a rejection the edit makes has no
	// effect behind it. The edit then starts from an empty object with HTTP 200.
	unprocessed bool
}

// rewritingHandler serves the mock and applies rewrites to the responses they match.
type rewritingHandler struct {
	server *mock.Server

	mu       sync.Mutex
	rewrites []*bodyRewrite
}

// startRewritingMock starts a mock whose responses pass through rewrites, on a loopback port.
func startRewritingMock(t *testing.T, options mock.Options, rewrites ...bodyRewrite) *testMock {
	t.Helper()

	server := mock.New(options)
	handler := &rewritingHandler{server: server}
	for i := range rewrites {
		handler.rewrites = append(handler.rewrites, &rewrites[i])
	}
	httpServer := httptest.NewServer(handler)
	t.Cleanup(httpServer.Close)

	return &testMock{Server: server, URL: httpServer.URL, rewriter: handler}
}

// rewrite adds a rewrite after those already waiting, for a later step of a test. It panics
// unless the mock was started with startRewritingMock, because that is a bug in the test.
func (m *testMock) rewrite(rewrite bodyRewrite) {
	if m.rewriter == nil {
		panic("testMock.rewrite: the mock was not started with startRewritingMock")
	}

	m.rewriter.mu.Lock()
	defer m.rewriter.mu.Unlock()
	m.rewriter.rewrites = append(m.rewriter.rewrites, &rewrite)
}

// stopRewrites drops every rewrite that is still waiting.
func (m *testMock) stopRewrites() {
	if m.rewriter == nil {
		return
	}

	m.rewriter.mu.Lock()
	defer m.rewriter.mu.Unlock()
	m.rewriter.rewrites = nil
}

func (h *rewritingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rewrite := h.takeRewrite(endpointOf(r))
	if rewrite == nil {
		h.server.ServeHTTP(w, r)
		return
	}

	recorder := httptest.NewRecorder()
	if rewrite.unprocessed {
		recorder.Header().Set("Content-Type", "application/json")
		_, _ = recorder.WriteString("{}")
	} else {
		h.server.ServeHTTP(recorder, r)
	}

	decoder := json.NewDecoder(bytes.NewReader(recorder.Body.Bytes()))
	decoder.UseNumber()
	var body map[string]any
	if err := decoder.Decode(&body); err != nil {
		http.Error(w, "test rewrite: the mock's response is not a JSON object: "+err.Error(), http.StatusInternalServerError)
		return
	}
	rewrite.edit(body)
	rewritten, err := json.Marshal(body)
	if err != nil {
		http.Error(w, "test rewrite: encoding the response failed: "+err.Error(), http.StatusInternalServerError)
		return
	}

	for name, values := range recorder.Header() {
		w.Header()[name] = values
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(rewritten)))
	w.WriteHeader(recorder.Code)
	_, _ = w.Write(rewritten)
}

// takeRewrite uses up one response of the first rewrite for endpoint, or returns nil.
func (h *rewritingHandler) takeRewrite(endpoint string) *bodyRewrite {
	h.mu.Lock()
	defer h.mu.Unlock()

	for _, rewrite := range h.rewrites {
		if rewrite.endpoint != endpoint || rewrite.times == 0 {
			continue
		}
		if rewrite.times > 0 {
			rewrite.times--
		}
		return rewrite
	}
	return nil
}

// editData returns an edit of a response body's data object, which leaves a body without one
// unchanged.
func editData(edit func(data map[string]any)) func(body map[string]any) {
	return func(body map[string]any) {
		if data, ok := body["data"].(map[string]any); ok {
			edit(data)
		}
	}
}

// emptyClusterList edits a list response body into one page without clusters.
func emptyClusterList(body map[string]any) {
	body["data"] = map[string]any{"count": 0, "currentPage": 1, "pageSize": 100, "clusters": []any{}}
}

// notInRegion edits a response body into the error that a control plane returns for a cluster
// of another region: code 90102 with HTTP 200, as the mock sends it.
func notInRegion(body map[string]any) {
	delete(body, "data")
	body["code"] = mock.CodeClusterNotInRegion
	body["message"] = "cluster is not in region " + mock.DefaultRegionID
}

// endpointOf returns the mock endpoint name of an API request, or "" for other requests.
func endpointOf(r *http.Request) string {
	path := r.URL.Path
	switch {
	case r.Method == http.MethodPost && path == "/v1/clusters/createServerless":
		return mock.EndpointCreate
	case r.Method == http.MethodGet && path == "/v1/clusters":
		return mock.EndpointList
	case r.Method == http.MethodDelete && strings.HasPrefix(path, "/v1/clusters/") && strings.HasSuffix(path, "/drop"):
		return mock.EndpointDrop
	case r.Method == http.MethodGet && strings.HasPrefix(path, "/v1/clusters/"):
		return mock.EndpointDescribe
	}
	return ""
}
