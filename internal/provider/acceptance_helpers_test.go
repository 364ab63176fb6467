package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

// Seeded projects of the mock server.
const (
	testProjectID      = "proj-4d2a9c61f0b7e83a5c1d92"
	testOtherProjectID = "proj-8f3e1b7a26c94d0e5b7a13"
)

// testProviderFactories serves the provider in-process to the Terraform CLI that
// terraform-plugin-testing runs.
var testProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	TypeName: providerserver.NewProtocol6WithError(New("test")()),
}

// testMock is an in-process mock of the Zilliz Cloud API on a loopback port.
type testMock struct {
	*mock.Server
	URL string
}

// startTestMock starts a mock server for one test. Clusters become RUNNING after createDelay.
func startTestMock(t *testing.T, options mock.Options) *testMock {
	t.Helper()

	if options.CreateDelay == 0 {
		options.CreateDelay = 1 * time.Second
	}
	if options.DeleteDelay == 0 {
		options.DeleteDelay = 300 * time.Millisecond
	}
	server := mock.New(options)
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)

	return &testMock{Server: server, URL: httpServer.URL}
}

// providerConfig is a provider block pointed at the mock, with retries that wait little.
func (m *testMock) providerConfig() string {
	return fmt.Sprintf(`
provider "zilliz" {
  endpoint    = %q
  api_key     = %q
  max_retries = 4
}
`, m.URL, m.APIKey())
}

// clusterConfig is the provider block and one zilliz_serverless_cluster named "test".
func (m *testMock) clusterConfig(name, projectID, extra string) string {
	return m.providerConfig() + fmt.Sprintf(`
resource "zilliz_serverless_cluster" "test" {
  cluster_name = %q
  project_id   = %q
%s
}
`, name, projectID, extra)
}

// captureString is a state check that stores an attribute's string value for later steps.
type captureString struct {
	address   string
	attribute string
	value     *string
}

func (c captureString) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	value, err := stateAttribute(req, c.address, c.attribute)
	if err != nil {
		resp.Error = err
		return
	}
	*c.value = value
}

// passwordMatchesMock is a state check that the password in state is byte for byte the one the
// mock generated for the cluster.
type passwordMatchesMock struct {
	server  *testMock
	address string
}

func (c passwordMatchesMock) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	clusterID, err := stateAttribute(req, c.address, "cluster_id")
	if err != nil {
		resp.Error = err
		return
	}
	password, err := stateAttribute(req, c.address, "password")
	if err != nil {
		resp.Error = err
		return
	}

	expected := c.server.Password(clusterID)
	if expected == "" {
		resp.Error = fmt.Errorf("the mock has no password for cluster %s", clusterID)
		return
	}
	if password != expected {
		// The values are secrets of a test server, but a mismatch is still reported without them.
		resp.Error = fmt.Errorf("password in state (%d bytes) differs from the generated one (%d bytes)",
			len(password), len(expected))
	}
}

func stateAttribute(req statecheck.CheckStateRequest, address, attribute string) (string, error) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		return "", fmt.Errorf("state is empty")
	}

	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address != address {
			continue
		}
		value, ok := r.AttributeValues[attribute]
		if !ok {
			return "", fmt.Errorf("%s has no attribute %s", address, attribute)
		}
		text, ok := value.(string)
		if !ok {
			return "", fmt.Errorf("%s.%s is %T, not a string", address, attribute, value)
		}
		return text, nil
	}
	return "", fmt.Errorf("state has no resource %s", address)
}

// attributePath is shorthand for a top-level attribute path in state checks.
func attributePath(name string) tfjsonpath.Path {
	return tfjsonpath.New(name)
}
