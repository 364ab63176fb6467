package testcli

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

// providerSource is the provider's address in configurations and dev_overrides.
const providerSource = "vectorops/zilliz"

// RequiredProviders is a terraform block that requires the provider by its source address.
// Every module of a configuration that uses the provider needs one, because Terraform would
// otherwise look for hashicorp/zilliz, which dev_overrides does not cover.
const RequiredProviders = `terraform {
  required_providers {
    zilliz = {
      source = "` + providerSource + `"
    }
  }
}
`

// Workspace is a Terraform working directory for one test, with a CLI configuration whose
// dev_overrides point "vectorops/zilliz" at the provider binary that this package built. Run,
// Plan, Apply, Destroy and Start fail the test only when a command cannot be started, and a
// command that exits with a non-zero status is a Result for the test to check. ShowState and
// StatePull fail the test when their command fails. A Workspace is not safe for concurrent use.
type Workspace struct {
	// Dir is the working directory, a t.TempDir. Terraform keeps its state there, in
	// terraform.tfstate.
	Dir string

	t         testing.TB
	terraform string
	outputDir string // the directory of the files that receive each command's output
	env       map[string]string
	commands  int
}

// New creates a workspace with the given extra environment variables, such as ZILLIZ_ENDPOINT,
// ZILLIZ_API_KEY or TF_LOG. Commands inherit the test process's environment except every TF_*
// and ZILLIZ_* variable, so that settings of the shell never reach the test. On top of that they
// get CHECKPOINT_DISABLE=1, TF_IN_AUTOMATION=1, TF_INPUT=0, TF_CLI_CONFIG_FILE and then env.
//
// New skips the test unless TF_ACC is set, as terraform-plugin-testing does for acceptance
// tests. It runs Terraform from TF_ACC_TERRAFORM_PATH, or else the terraform on PATH, and builds
// the provider binary on the first call in the test process.
func New(t testing.TB, env map[string]string) *Workspace {
	t.Helper()

	if os.Getenv("TF_ACC") == "" {
		t.Skip("TF_ACC is not set: tests that run the Terraform CLI run only with TF_ACC=1")
	}
	terraform := terraformPath(t)
	binary := builtProvider(t)

	configDir := t.TempDir()
	cliConfig := filepath.Join(configDir, "terraformrc")
	writeFile(t, cliConfig, cliConfiguration(binary))

	w := &Workspace{
		Dir:       t.TempDir(),
		t:         t,
		terraform: terraform,
		outputDir: configDir,
		env: map[string]string{
			"CHECKPOINT_DISABLE": "1",
			"TF_IN_AUTOMATION":   "1",
			"TF_INPUT":           "0",
			"TF_CLI_CONFIG_FILE": cliConfig,
		},
	}
	for name, value := range env {
		w.env[name] = value
	}
	return w
}

// terraformPath returns TF_ACC_TERRAFORM_PATH, or else the terraform on PATH.
func terraformPath(t testing.TB) string {
	t.Helper()

	if path := os.Getenv("TF_ACC_TERRAFORM_PATH"); path != "" {
		return path
	}
	path, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal("testcli: no Terraform binary: set TF_ACC_TERRAFORM_PATH or put terraform on PATH " +
			"(make terraform installs one)")
	}
	return path
}

// cliConfiguration returns a CLI configuration that runs the built provider through
// dev_overrides and lets terraform init install it from the mirror. It has no other
// installation method, so no command can download a provider.
func cliConfiguration(binary providerBinary) string {
	return fmt.Sprintf(`provider_installation {
  dev_overrides {
    %q = %q
  }
  filesystem_mirror {
    path    = %q
    include = [%q]
  }
}
`, providerSource, binary.dir, binary.mirror, providerSource)
}

// WriteFile writes a file, such as main.tf, into the working directory. name may contain
// slashes, and missing directories are created.
func (w *Workspace) WriteFile(name, content string) {
	w.t.Helper()

	path := filepath.Join(w.Dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		w.t.Fatalf("testcli: creating the directory of %s failed: %v", name, err)
	}
	writeFile(w.t, path, content)
}

// SetEnv sets an environment variable for the commands that start after the call.
func (w *Workspace) SetEnv(name, value string) {
	w.env[name] = value
}

// Run runs terraform with args in the working directory and waits for it to exit.
func (w *Workspace) Run(args ...string) Result {
	w.t.Helper()

	process := w.Start(args...)
	return process.wait()
}

// Plan runs terraform plan without input or color.
func (w *Workspace) Plan(args ...string) Result {
	w.t.Helper()
	return w.Run(append([]string{"plan", "-input=false", "-no-color"}, args...)...)
}

// Apply runs terraform apply -auto-approve without input or color.
func (w *Workspace) Apply(args ...string) Result {
	w.t.Helper()
	return w.Run(append([]string{"apply", "-auto-approve", "-input=false", "-no-color"}, args...)...)
}

// Destroy runs terraform destroy -auto-approve without input or color.
func (w *Workspace) Destroy(args ...string) Result {
	w.t.Helper()
	return w.Run(append([]string{"destroy", "-auto-approve", "-input=false", "-no-color"}, args...)...)
}

// ShowState runs terraform show -json and decodes the state it prints. It fails the test when
// the command fails or prints something else.
func (w *Workspace) ShowState() *tfjson.State {
	w.t.Helper()

	result := w.Run("show", "-json", "-no-color")
	if err := result.Err(); err != nil {
		w.t.Fatalf("testcli: %v", err)
	}

	var state tfjson.State
	if err := json.Unmarshal([]byte(result.Stdout), &state); err != nil {
		w.t.Fatalf("testcli: terraform show -json printed no state: %v", err)
	}
	return &state
}

// StatePull runs terraform state pull and returns the raw state, the JSON document that
// terraform.tfstate contains. It fails the test when the command fails.
func (w *Workspace) StatePull() []byte {
	w.t.Helper()

	result := w.Run("state", "pull")
	if err := result.Err(); err != nil {
		w.t.Fatalf("testcli: %v", err)
	}
	return []byte(result.Stdout)
}

// environment returns a command's environment: the test process's environment without TF_*,
// ZILLIZ_* and CHECKPOINT_DISABLE, followed by the workspace's variables.
func (w *Workspace) environment() []string {
	var env []string
	for _, entry := range os.Environ() {
		name, _, _ := strings.Cut(entry, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "ZILLIZ_") || name == "CHECKPOINT_DISABLE" {
			continue
		}
		env = append(env, entry)
	}
	for name, value := range w.env {
		env = append(env, name+"="+value)
	}
	return env
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()

	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatalf("testcli: writing %s failed: %v", path, err)
	}
}
