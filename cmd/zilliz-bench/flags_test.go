package main

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fakeTerraform writes an executable file named terraform and returns its path.
func fakeTerraform(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "terraform")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestParseFlagsDefaults(t *testing.T) {
	terraform := fakeTerraform(t)

	cfg, err := parseFlags([]string{"-terraform", terraform}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.terraform != terraform {
		t.Errorf("terraform = %q, want %q", cfg.terraform, terraform)
	}
	if cfg.shortRuns != 3 || cfg.longRuns != 3 {
		t.Errorf("runs = %d and %d, want 3 and 3", cfg.shortRuns, cfg.longRuns)
	}
	if cfg.clusters != defaultFleetSize {
		t.Errorf("clusters = %d, want %d", cfg.clusters, defaultFleetSize)
	}
}

func TestParseFlagsTerraformFromEnvironment(t *testing.T) {
	terraform := fakeTerraform(t)
	t.Setenv("TERRAFORM", terraform)

	cfg, err := parseFlags(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.terraform != terraform {
		t.Errorf("terraform = %q, want %q from TERRAFORM", cfg.terraform, terraform)
	}
}

func TestParseFlagsRejectsInvalidValues(t *testing.T) {
	terraform := fakeTerraform(t)
	cases := map[string][]string{
		"zero runs":        {"-runs", "0"},
		"negative runs":    {"-long-runs", "-1"},
		"zero clusters":    {"-clusters", "0"},
		"zero timeout":     {"-timeout", "0s"},
		"extra argument":   {"apply"},
		"missing CLI":      {"-terraform", filepath.Join(t.TempDir(), "no-such-terraform")},
		"non-numeric runs": {"-runs", "many"},
	}
	for name, args := range cases {
		if !strings.HasPrefix(name, "missing") {
			args = append([]string{"-terraform", terraform}, args...)
		}
		if _, err := parseFlags(args, io.Discard); err == nil {
			t.Errorf("%s: parseFlags(%q) returned no error", name, args)
		}
	}
}

func TestCommandLineQuotesArguments(t *testing.T) {
	got := commandLine([]string{"-out", "BENCHMARKS.md", "-terraform", "/opt/my tools/terraform", ""})

	want := `zilliz-bench -out BENCHMARKS.md -terraform "/opt/my tools/terraform" ""`
	if got != want {
		t.Errorf("commandLine = %s, want %s", got, want)
	}
}

func TestCleanEnvironmentDropsCallerSettings(t *testing.T) {
	environ := []string{
		"PATH=/usr/bin", "TF_LOG=DEBUG", "ZILLIZ_API_KEY=real-key", "CHECKPOINT_DISABLE=", "HOME=/root",
	}

	env := cleanEnvironment(environ, "/tmp/terraformrc")

	for _, removed := range []string{"TF_LOG=DEBUG", "ZILLIZ_API_KEY=real-key", "CHECKPOINT_DISABLE="} {
		if slices.Contains(env, removed) {
			t.Errorf("environment keeps %q: %q", removed, env)
		}
	}
	added := []string{"CHECKPOINT_DISABLE=1", "TF_CLI_CONFIG_FILE=/tmp/terraformrc"}
	for _, expected := range append([]string{"PATH=/usr/bin", "HOME=/root"}, added...) {
		if !slices.Contains(env, expected) {
			t.Errorf("environment lacks %q: %q", expected, env)
		}
	}
}
