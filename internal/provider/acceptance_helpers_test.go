package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
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

	// rewriter edits responses on their way to the provider. It is nil unless the mock was
	// started with startRewritingMock.
	rewriter *rewritingHandler
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

// providerConfig is a provider block pointed at the mock that allows 4 retries of each request.
func (m *testMock) providerConfig() string {
	return m.providerConfigWithRetries(4)
}

// providerConfigWithRetries is a provider block pointed at the mock with max_retries set.
func (m *testMock) providerConfigWithRetries(maxRetries int) string {
	return fmt.Sprintf(`
provider "zilliz" {
  endpoint    = %q
  api_key     = %q
  max_retries = %d
}
`, m.URL, m.APIKey(), maxRetries)
}

// clusterConfig is the provider block and one zilliz_serverless_cluster named "test".
func (m *testMock) clusterConfig(name, projectID, extra string) string {
	return m.providerConfig() + clusterBlock(name, projectID, extra)
}

// clusterBlock is a zilliz_serverless_cluster named "test" with extra lines in its body.
func clusterBlock(name, projectID, extra string) string {
	return fmt.Sprintf(`
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

// errorText matches an error output that contains each part in order. Terraform wraps long
// diagnostic lines, so the spaces in a part match any white space.
func errorText(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, part := range parts {
		quoted[i] = strings.ReplaceAll(regexp.QuoteMeta(part), " ", `\s+`)
	}
	return regexp.MustCompile(strings.Join(quoted, `[\s\S]*`))
}

// attributePath is shorthand for a top-level attribute path in state checks.
func attributePath(name string) tfjsonpath.Path {
	return tfjsonpath.New(name)
}

// diagnosticRecorder collects the warnings that the provider returns from ApplyResourceChange,
// because terraform-plugin-testing passes only errors on to a test.
type diagnosticRecorder struct {
	mu       sync.Mutex
	warnings []string // the summaries, in the order they arrived
}

// providerFactories serves the provider as testProviderFactories does, through a wrapper that
// records the warnings of every apply.
func (r *diagnosticRecorder) providerFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		TypeName: func() (tfprotov6.ProviderServer, error) {
			server, err := testProviderFactories[TypeName]()
			if err != nil {
				return nil, err
			}
			return recordingProviderServer{ProviderServer: server, recorder: r}, nil
		},
	}
}

// countWarnings returns how many recorded warnings have the summary.
func (r *diagnosticRecorder) countWarnings(summary string) int {
	r.mu.Lock()
	defer r.mu.Unlock()

	count := 0
	for _, warning := range r.warnings {
		if warning == summary {
			count++
		}
	}
	return count
}

func (r *diagnosticRecorder) record(diagnostics []*tfprotov6.Diagnostic) {
	r.mu.Lock()
	defer r.mu.Unlock()

	for _, diagnostic := range diagnostics {
		if diagnostic != nil && diagnostic.Severity == tfprotov6.DiagnosticSeverityWarning {
			r.warnings = append(r.warnings, diagnostic.Summary)
		}
	}
}

// recordingProviderServer passes every call on to the provider and records the diagnostics of
// ApplyResourceChange.
type recordingProviderServer struct {
	tfprotov6.ProviderServer
	recorder *diagnosticRecorder
}

func (s recordingProviderServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := s.ProviderServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		s.recorder.record(resp.Diagnostics)
	}
	return resp, err
}
