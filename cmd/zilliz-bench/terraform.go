package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

const (
	// commandTimeout bounds one Terraform command. The longest, the 100-cluster apply, needs at
	// least 50 s: ten waves of 5 s creates.
	commandTimeout = 10 * time.Minute

	// providerSource is the provider address in configurations and in dev_overrides.
	providerSource = "vectorops/zilliz"
)

// terraformCLI runs the Terraform CLI with an environment of its own: a CLI configuration whose
// dev_overrides point at the provider just built, no update check, and none of the caller's
// TF_ or ZILLIZ_ variables.
type terraformCLI struct {
	binary    string
	cliConfig string
	provider  string
	env       []string
	commands  int
}

// commandResult is one finished Terraform command.
type commandResult struct {
	args []string
	wall time.Duration

	// exitCode is the exit status, or -1 when runErr is set.
	exitCode int

	// runErr is set when the command could not start, was killed or timed out.
	runErr error

	// output is standard output and standard error, interleaved.
	output  []byte
	logPath string
	rss     rssPeak
}

// succeeded reports whether the command ran and exited with 0 or one of okCodes.
func (r commandResult) succeeded(okCodes ...int) bool {
	if r.runErr != nil {
		return false
	}
	return r.exitCode == 0 || slices.Contains(okCodes, r.exitCode)
}

// newTerraformCLI writes the CLI configuration into tempDir.
func newTerraformCLI(binary, tempDir string, built binaries) (*terraformCLI, error) {
	cliConfig := filepath.Join(tempDir, "terraformrc")
	content := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		providerSource, built.pluginDir)
	if err := os.WriteFile(cliConfig, []byte(content), 0o600); err != nil {
		return nil, fmt.Errorf("writing the Terraform CLI configuration failed: %w", err)
	}

	return &terraformCLI{
		binary:    binary,
		cliConfig: cliConfig,
		provider:  built.provider,
		env:       cleanEnvironment(os.Environ(), cliConfig),
	}, nil
}

// cleanEnvironment returns environ without the variables that would change what Terraform or the
// provider does (TF_*, ZILLIZ_*, CHECKPOINT_*), plus the benchmark's own settings.
func cleanEnvironment(environ []string, cliConfig string) []string {
	env := make([]string, 0, len(environ)+4)
	for _, variable := range environ {
		name, _, _ := strings.Cut(variable, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "ZILLIZ_") ||
			strings.HasPrefix(name, "CHECKPOINT_") {
			continue
		}
		env = append(env, variable)
	}
	return append(env,
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"TF_CLI_CONFIG_FILE="+cliConfig,
	)
}

// run executes terraform with -chdir=dir, pointing the provider at server when it is not nil, and
// samples the provider processes' peak RSS while it runs. The output is also written to a log
// file in dir.
func (t *terraformCLI) run(ctx context.Context, dir string, server *mockServer, args ...string) commandResult {
	ctx, cancel := context.WithTimeout(ctx, commandTimeout)
	defer cancel()

	t.commands++
	result := commandResult{
		args:     args,
		exitCode: -1,
		logPath:  filepath.Join(dir, fmt.Sprintf("%02d-%s.log", t.commands, args[0])),
	}

	var output bytes.Buffer
	cmd := exec.CommandContext(ctx, t.binary, append([]string{"-chdir=" + dir}, args...)...)
	cmd.Env = t.env
	if server != nil {
		mockEnv := []string{"ZILLIZ_ENDPOINT=" + server.endpoint, "ZILLIZ_API_KEY=" + server.apiKey}
		cmd.Env = slices.Concat(t.env, mockEnv)
	}
	cmd.Stdout = &output
	cmd.Stderr = &output

	// Terraform runs the provider as a child process, so a timeout or Ctrl-C ends the whole
	// process group that Setpgid gives the command.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second

	started := time.Now()
	if err := cmd.Start(); err != nil {
		result.runErr = fmt.Errorf("starting terraform failed: %w", err)
		return result
	}
	sampler := startRSSSampler(t.provider)
	err := cmd.Wait()
	result.wall = time.Since(started)
	result.rss = sampler.stop()
	result.output = output.Bytes()
	if server != nil {
		// The provider must never print the key. Should it do so, the key is replaced here so that
		// it stays out of the report.
		result.output = bytes.ReplaceAll(result.output, []byte(server.apiKey), []byte("<api key>"))
	}

	var exitErr *exec.ExitError
	switch {
	case ctx.Err() != nil:
		result.runErr = fmt.Errorf("terraform %s was stopped: %w", args[0], context.Cause(ctx))
	case errors.As(err, &exitErr) && exitErr.Exited():
		result.exitCode = exitErr.ExitCode()
	case err != nil:
		result.runErr = fmt.Errorf("terraform %s failed: %w", args[0], err)
	default:
		result.exitCode = 0
	}

	_ = os.WriteFile(result.logPath, result.output, 0o600)
	return result
}

// version returns the CLI's version, such as 1.11.4.
func (t *terraformCLI) version(ctx context.Context) (string, error) {
	cmd := exec.CommandContext(ctx, t.binary, "version", "-json")
	cmd.Env = t.env
	output, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("terraform version failed: %w", err)
	}

	var parsed struct {
		TerraformVersion string `json:"terraform_version"`
	}
	if err := json.Unmarshal(output, &parsed); err != nil || parsed.TerraformVersion == "" {
		return "", fmt.Errorf("terraform version -json printed no terraform_version: %q", output)
	}
	return parsed.TerraformVersion, nil
}

// configurationFormat is the benchmark's Terraform configuration. Its arguments are the provider
// source, the number of clusters, the cluster name prefix and the project ID.
const configurationFormat = `terraform {
  required_providers {
    zilliz = {
      source = %q
    }
  }
}

provider "zilliz" {}

resource "zilliz_serverless_cluster" "bench" {
  count        = %d
  cluster_name = "%s-${count.index}"
  project_id   = %q
}
`

// writeConfiguration writes a configuration of count serverless clusters named
// namePrefix-0, namePrefix-1 and so on, in the first project that the mock seeds, into dir.
func writeConfiguration(dir, namePrefix string, count int) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating the working directory failed: %w", err)
	}

	projectID := mock.DefaultProjects()[0].ID
	config := fmt.Sprintf(configurationFormat, providerSource, count, namePrefix, projectID)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		return fmt.Errorf("writing the Terraform configuration failed: %w", err)
	}
	return nil
}

// failureLines is how many lines of a failed command's output the benchmark shows.
const failureLines = 15

// lastLines returns the last count lines of output, without trailing blank lines.
func lastLines(output []byte, count int) string {
	lines := strings.Split(strings.TrimRight(string(output), "\n "), "\n")
	if len(lines) > count {
		lines = lines[len(lines)-count:]
	}
	return strings.Join(lines, "\n")
}
