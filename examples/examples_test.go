// Package examples holds no Go code, only tests of the Terraform configurations that the registry
// docs embed. The tests check that the configurations are formatted and that each directory
// validates, and they run the module, getting-started and data source examples against the
// in-process mock.
package examples

import (
	"encoding/json"
	"io/fs"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
	"github.com/vectorops/terraform-provider-zilliz/internal/testcli"
)

func TestMain(m *testing.M) { testcli.Main(m) }

// Projects that the mock seeds (mock.DefaultProjects), which the examples name.
const (
	defaultProjectID   = "proj-4d2a9c61f0b7e83a5c1d92"
	defaultProjectName = "Default Project"
	analyticsProjectID = "proj-8f3e1b7a26c94d0e5b7a13"
)

func TestAccExamplesFormatted(t *testing.T) {
	examplesDir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	workspace := testcli.New(t, nil)

	result := workspace.Run("fmt", "-check", "-recursive", "-diff", "-no-color", examplesDir)
	if err := result.Err(); err != nil {
		t.Errorf("examples/ is not formatted (run terraform fmt -recursive examples): %v", err)
	}
}

func TestAccExamplesValidate(t *testing.T) {
	directories := exampleDirectories(t)
	for _, expected := range []string{"provider", "modules/root", "modules/serverless-cluster",
		"resources/zilliz_serverless_cluster", "getting-started"} {
		if !slices.Contains(directories, expected) {
			t.Errorf("example directory %s was not found among %v", expected, directories)
		}
	}

	for _, dir := range directories {
		t.Run(dir, func(t *testing.T) {
			workspace := testcli.New(t, nil)
			copyExamples(t, workspace)
			files := readConfiguration(t, dir)

			// Resource and data source examples leave out the terraform block, as the registry
			// docs show them, so Terraform would look for hashicorp/zilliz. The copy names the
			// provider's real source instead, which the workspace's dev_overrides serve.
			if !strings.Contains(files, "required_providers") {
				workspace.WriteFile(path.Join(dir, "provider_source.tf"), testcli.RequiredProviders)
			}

			// A local module must be installed before validate. terraform get installs only the
			// modules. terraform init would also try to install the provider and fail, because
			// this CLI configuration has no installation method besides dev_overrides.
			if strings.Contains(files, "module \"") {
				requireSuccess(t, workspace.Run("-chdir="+dir, "get", "-no-color"))
			}

			requireSuccess(t, workspace.Run("-chdir="+dir, "validate", "-no-color"))
		})
	}
}

// TestAccExamplesModuleRoot applies the root module that calls modules/serverless-cluster twice,
// checks both clusters and the outputs against the mock, plans again and destroys.
func TestAccExamplesModuleRoot(t *testing.T) {
	server, workspace := startMockWorkspace(t)
	copyExamples(t, workspace)
	const dir = "-chdir=modules/root"
	projectVariable := "project_id=" + defaultProjectID

	requireSuccess(t, workspace.Run(dir, "get", "-no-color"))
	apply := workspace.Run(dir, "apply", "-auto-approve", "-input=false", "-no-color", "-var", projectVariable)
	requireSuccess(t, apply)

	outputs := readOutputs(t, workspace, dir)
	clusterIDs := outputValue[map[string]string](t, outputs, "cluster_ids")
	addresses := outputValue[map[string]string](t, outputs, "connect_addresses")
	expectedClusters := map[string]struct{ name, plan string }{
		"search":  {"staging-search", mock.PlanServerless},
		"sandbox": {"staging-sandbox", mock.PlanFree},
	}
	for key, expected := range expectedClusters {
		cluster, found := server.Cluster(clusterIDs[key])
		if !found {
			t.Errorf("cluster_ids[%q] = %q, which the mock never created", key, clusterIDs[key])
			continue
		}
		if cluster.ClusterName != expected.name {
			t.Errorf("cluster %s is named %q, expected %q", key, cluster.ClusterName, expected.name)
		}
		if cluster.Plan != expected.plan {
			t.Errorf("cluster %s has plan %q, expected %q", key, cluster.Plan, expected.plan)
		}
		if cluster.ProjectID != defaultProjectID {
			t.Errorf("cluster %s is in project %q, expected %q", key, cluster.ProjectID, defaultProjectID)
		}
		if cluster.Status != mock.StatusRunning {
			t.Errorf("cluster %s is %s after apply, expected %s", key, cluster.Status, mock.StatusRunning)
		}
		if addresses[key] != cluster.ConnectAddress {
			t.Errorf("connect_addresses[%q] = %q, expected the mock's %q", key, addresses[key], cluster.ConnectAddress)
		}
	}

	// The credentials are sensitive outputs, hidden in the apply output and readable with -raw.
	for _, name := range []string{"search_username", "search_password"} {
		if !outputs[name].Sensitive {
			t.Errorf("output %s is not marked sensitive", name)
		}
	}
	password := server.Password(clusterIDs["search"])
	if password == "" {
		t.Fatalf("the mock has no password for the search cluster %s", clusterIDs["search"])
	}
	if strings.Contains(apply.Output(), password) {
		t.Error("terraform apply printed the search cluster's password")
	}
	raw := workspace.Run(dir, "output", "-raw", "-no-color", "search_password")
	requireSuccess(t, raw)
	if raw.Stdout != password {
		// The mock's password is a test value, but a mismatch is reported without it all the same.
		t.Errorf("terraform output -raw search_password printed %d bytes, not the %d-byte password of the cluster",
			len(raw.Stdout), len(password))
	}
	if username := outputValue[string](t, outputs, "search_username"); !strings.HasPrefix(username, "db_") {
		t.Errorf("search_username = %q, expected the generated db_ user", username)
	}

	expectCleanPlan(t, workspace, dir, "-var", projectVariable)
	if created := server.CountRequests(mock.EndpointCreate); created != 2 {
		t.Errorf("createServerless was called %d times, expected 2", created)
	}

	requireSuccess(t, workspace.Run(dir, "destroy", "-auto-approve", "-input=false", "-no-color", "-var", projectVariable))
	for _, cluster := range server.LiveClusters() {
		t.Errorf("cluster %s (%s) is still live after destroy", cluster.ClusterID, cluster.ClusterName)
	}
}

// TestAccExamplesGettingStarted runs the configuration of the getting-started guide as the guide
// does: apply, a clean second plan, the outputs, and destroy.
func TestAccExamplesGettingStarted(t *testing.T) {
	server, workspace := startMockWorkspace(t)
	copyExamples(t, workspace)
	const dir = "-chdir=getting-started"

	apply := workspace.Run(dir, "apply", "-auto-approve", "-input=false", "-no-color")
	requireSuccess(t, apply)

	outputs := readOutputs(t, workspace, dir)
	clusterID := outputValue[string](t, outputs, "cluster_id")
	cluster, found := server.Cluster(clusterID)
	if !found {
		t.Fatalf("output cluster_id = %q, which the mock never created", clusterID)
	}
	if cluster.ProjectID != defaultProjectID {
		t.Errorf("the cluster is in project %q, expected %s (%s)", cluster.ProjectID, defaultProjectID, defaultProjectName)
	}
	if cluster.ClusterName != "getting-started" {
		t.Errorf("the cluster is named %q, expected getting-started", cluster.ClusterName)
	}
	if address := outputValue[string](t, outputs, "connect_address"); address != cluster.ConnectAddress {
		t.Errorf("output connect_address = %q, expected the mock's %q", address, cluster.ConnectAddress)
	}
	if !outputs["password"].Sensitive {
		t.Error("output password is not marked sensitive")
	}
	if strings.Contains(apply.Output(), server.Password(clusterID)) {
		t.Error("terraform apply printed the cluster's password")
	}

	expectCleanPlan(t, workspace, dir)
	requireSuccess(t, workspace.Run(dir, "destroy", "-auto-approve", "-input=false", "-no-color"))
	if live := server.LiveClusters(); len(live) != 0 {
		t.Errorf("%d clusters are still live after destroy", len(live))
	}
}

// TestAccExamplesGettingStartedUnknownProject checks that the guide's precondition, and not a
// less helpful error about project_id, reports a project name that matches no project.
func TestAccExamplesGettingStartedUnknownProject(t *testing.T) {
	server, workspace := startMockWorkspace(t)
	copyExamples(t, workspace)

	plan := workspace.Run("-chdir=getting-started", "plan", "-input=false", "-no-color", "-var", "project_name=No Such Project")
	if plan.ExitCode == 0 {
		t.Fatalf("plan with an unknown project name succeeded:\n%s", plan.Output())
	}
	if !strings.Contains(plan.Output(), "Exactly one project must be named No Such Project") {
		t.Errorf("plan failed without the precondition's message:\n%s", plan.Output())
	}
	if created := server.CountRequests(mock.EndpointCreate); created != 0 {
		t.Errorf("createServerless was called %d times by a failed plan", created)
	}
}

// TestAccExamplesDataSources applies the data source examples that need no existing cluster and
// checks one output of each.
func TestAccExamplesDataSources(t *testing.T) {
	tests := []struct {
		dir    string
		output string
		check  func(t *testing.T, value json.RawMessage)
	}{
		{
			dir:    "data-sources/zilliz_projects",
			output: "default_project_id",
			check: func(t *testing.T, value json.RawMessage) {
				expectJSON(t, value, defaultProjectID)
			},
		},
		{
			dir:    "data-sources/zilliz_cloud_providers",
			output: "cloud_ids",
			check: func(t *testing.T, value json.RawMessage) {
				expectJSON(t, value, []string{"aws", "gcp", "azure"})
			},
		},
		{
			dir:    "data-sources/zilliz_cloud_regions",
			output: "gcp_region_ids",
			check: func(t *testing.T, value json.RawMessage) {
				expectJSON(t, value, []string{"gcp-us-west1", "gcp-us-east4", "gcp-europe-west3"})
			},
		},
		{
			dir:    "data-sources/zilliz_clusters",
			output: "running_cluster_addresses",
			check: func(t *testing.T, value json.RawMessage) {
				var addresses map[string]string
				decodeJSON(t, value, &addresses)
				if _, found := addresses["events"]; !found || len(addresses) != 1 {
					t.Errorf("running_cluster_addresses = %v, expected only the RUNNING cluster events", addresses)
				}
			},
		},
	}

	for _, test := range tests {
		t.Run(path.Base(test.dir), func(t *testing.T) {
			server, workspace := startMockWorkspace(t)
			copyExamples(t, workspace)
			workspace.WriteFile(path.Join(test.dir, "provider_source.tf"), testcli.RequiredProviders)

			// zilliz_clusters lists the analytics project: one RUNNING cluster, one SUSPENDED,
			// which the example's condition leaves out, and one in another project, which the
			// data source's filter leaves out.
			server.AddCluster(mock.ClusterSpec{Name: "events", ProjectID: analyticsProjectID})
			server.AddCluster(mock.ClusterSpec{Name: "events-old", ProjectID: analyticsProjectID, Status: mock.StatusSuspended})
			server.AddCluster(mock.ClusterSpec{Name: "search", ProjectID: defaultProjectID})

			dir := "-chdir=" + test.dir
			requireSuccess(t, workspace.Run(dir, "apply", "-auto-approve", "-input=false", "-no-color"))
			outputs := readOutputs(t, workspace, dir)
			output, found := outputs[test.output]
			if !found {
				t.Fatalf("the example has no output %s", test.output)
			}
			test.check(t, output.Value)
		})
	}
}

// startMockWorkspace starts the mock on a loopback port and returns it with a workspace whose
// provider is configured from the environment to use it. Clusters become RUNNING after a second.
func startMockWorkspace(t *testing.T) (*mock.Server, *testcli.Workspace) {
	t.Helper()

	server := mock.New(mock.Options{CreateDelay: time.Second, DeleteDelay: 300 * time.Millisecond})
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)

	workspace := testcli.New(t, map[string]string{
		"ZILLIZ_ENDPOINT":    httpServer.URL,
		"ZILLIZ_API_KEY":     server.APIKey(),
		"ZILLIZ_MAX_RETRIES": "2",
	})
	return server, workspace
}

// exampleDirectories returns every directory under examples/ that contains a .tf file, as a
// slash-separated path relative to examples/, in lexical order.
func exampleDirectories(t *testing.T) []string {
	t.Helper()

	var directories []string
	err := fs.WalkDir(os.DirFS("."), ".", func(name string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if entry.IsDir() && strings.HasPrefix(entry.Name(), ".") && name != "." {
			return fs.SkipDir
		}
		if !entry.IsDir() && strings.HasSuffix(name, ".tf") {
			dir := path.Dir(name)
			if !slices.Contains(directories, dir) {
				directories = append(directories, dir)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("listing the example directories failed: %v", err)
	}

	slices.Sort(directories)
	return directories
}

// copyExamples copies the Terraform files of examples/ into the workspace, keeping their
// relative paths, so that module sources such as ../serverless-cluster resolve. Hidden
// directories, such as a .terraform left by a manual run, are left out.
func copyExamples(t *testing.T, workspace *testcli.Workspace) {
	t.Helper()

	examples := os.DirFS(".")
	err := fs.WalkDir(examples, ".", func(name string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if entry.IsDir() && strings.HasPrefix(entry.Name(), ".") && name != "." {
			return fs.SkipDir
		}
		if entry.IsDir() || !strings.HasSuffix(name, ".tf") {
			return nil
		}

		content, err := fs.ReadFile(examples, name)
		if err != nil {
			return err
		}
		workspace.WriteFile(name, string(content))
		return nil
	})
	if err != nil {
		t.Fatalf("copying the examples failed: %v", err)
	}
}

// readConfiguration returns the contents of the .tf files directly in dir, joined.
func readConfiguration(t *testing.T, dir string) string {
	t.Helper()

	names, err := filepath.Glob(filepath.Join(filepath.FromSlash(dir), "*.tf"))
	if err != nil {
		t.Fatal(err)
	}

	var contents strings.Builder
	for _, name := range names {
		content, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		contents.Write(content)
		contents.WriteString("\n")
	}
	return contents.String()
}

func requireSuccess(t *testing.T, result testcli.Result) {
	t.Helper()

	if err := result.Err(); err != nil {
		t.Fatal(err)
	}
}

// expectCleanPlan fails the test unless terraform plan reports no changes. With
// -detailed-exitcode, plan exits with 0 for no changes, 1 for an error and 2 for changes.
func expectCleanPlan(t *testing.T, workspace *testcli.Workspace, dir string, args ...string) {
	t.Helper()

	plan := workspace.Run(append([]string{dir, "plan", "-detailed-exitcode", "-input=false", "-no-color"}, args...)...)
	if plan.ExitCode != 0 {
		t.Errorf("the plan after apply is not empty (exit status %d):\n%s", plan.ExitCode, plan.Output())
	}
}

// output is one entry of terraform output -json.
type output struct {
	Sensitive bool            `json:"sensitive"`
	Value     json.RawMessage `json:"value"`
}

func readOutputs(t *testing.T, workspace *testcli.Workspace, dir string) map[string]output {
	t.Helper()

	result := workspace.Run(dir, "output", "-json", "-no-color")
	requireSuccess(t, result)

	var outputs map[string]output
	decodeJSON(t, json.RawMessage(result.Stdout), &outputs)
	return outputs
}

// outputValue decodes the value of the output name into a T.
func outputValue[T any](t *testing.T, outputs map[string]output, name string) T {
	t.Helper()

	var value T
	entry, found := outputs[name]
	if !found {
		t.Fatalf("terraform output has no %s", name)
	}
	decodeJSON(t, entry.Value, &value)
	return value
}

// decodeJSON decodes data into value. Its failure message leaves data out, because the outputs
// of terraform output -json contain the clusters' passwords.
func decodeJSON(t *testing.T, data json.RawMessage, value any) {
	t.Helper()

	if err := json.Unmarshal(data, value); err != nil {
		t.Fatalf("decoding %d bytes of JSON into %T failed: %v", len(data), value, err)
	}
}

// expectJSON fails the test unless value is the JSON encoding of expected.
func expectJSON(t *testing.T, value json.RawMessage, expected any) {
	t.Helper()

	encoded, err := json.Marshal(expected)
	if err != nil {
		t.Fatal(err)
	}
	var normalized any
	decodeJSON(t, value, &normalized)
	actual, err := json.Marshal(normalized)
	if err != nil {
		t.Fatal(err)
	}
	if string(actual) != string(encoded) {
		t.Errorf("output = %s, expected %s", actual, encoded)
	}
}
