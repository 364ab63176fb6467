package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const (
	modulePath = "github.com/vectorops/terraform-provider-zilliz"

	// providerBinaryName is the file name that Terraform's dev_overrides look for in the plugin
	// directory.
	providerBinaryName = "terraform-provider-zilliz"
)

// binaries are the programs that the benchmark builds into its temporary directory.
type binaries struct {
	// provider is the provider binary, inside pluginDir.
	provider  string
	pluginDir string
	mock      string

	// providerSize is the provider binary's size in bytes, built by plain `go build`.
	providerSize int64
	goVersion    string
}

// buildBinaries builds the provider and cmd/zilliz-mock from the module in the working
// directory, which must be this repository's root.
func buildBinaries(ctx context.Context, tempDir string) (binaries, error) {
	module, err := runGo(ctx, "list", "-m")
	if err != nil {
		return binaries{}, err
	}
	if module != modulePath {
		return binaries{}, fmt.Errorf("the working directory belongs to module %q, not %s: run "+
			"zilliz-bench from the repository root", module, modulePath)
	}

	built := binaries{
		pluginDir: filepath.Join(tempDir, "plugins"),
		mock:      filepath.Join(tempDir, "zilliz-mock"),
	}
	built.provider = filepath.Join(built.pluginDir, providerBinaryName)
	if _, err := runGo(ctx, "build", "-o", built.provider, "."); err != nil {
		return binaries{}, err
	}
	if _, err := runGo(ctx, "build", "-o", built.mock, "./cmd/zilliz-mock"); err != nil {
		return binaries{}, err
	}

	info, err := os.Stat(built.provider)
	if err != nil {
		return binaries{}, fmt.Errorf("reading the size of the provider binary failed: %w", err)
	}
	built.providerSize = info.Size()

	built.goVersion, err = runGo(ctx, "env", "GOVERSION")
	if err != nil {
		return binaries{}, err
	}
	return built, nil
}

// runGo runs the go command in the working directory and returns its trimmed standard output.
// An error includes what the command wrote to standard error.
func runGo(ctx context.Context, args ...string) (string, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr

	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go %s failed: %w\n%s", strings.Join(args, " "), err,
			strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(stdout.String()), nil
}
