package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// startupResult is the time Terraform takes to start the provider and read its schema, with
// the time of a Terraform command that starts no provider for comparison.
type startupResult struct {
	schemaFetches []time.Duration
	versionRuns   []time.Duration
}

// runStartup times `terraform providers schema -json`, which starts the provider and fetches its
// schema, and `terraform version`, which starts no provider, each of them runs times. One schema fetch
// before them is not timed, so the binaries are in the page cache for every timed run.
func runStartup(ctx context.Context, env *benchEnv, runs int) (startupResult, error) {
	var result startupResult
	dir := filepath.Join(env.tempDir, "startup")
	if err := writeConfiguration(dir, "bench-startup", 1); err != nil {
		return result, err
	}

	schemaArgs := []string{"providers", "schema", "-json"}
	if err := timedRun(ctx, env, dir, schemaArgs, nil); err != nil {
		return result, err
	}
	for range runs {
		if err := timedRun(ctx, env, dir, schemaArgs, &result.schemaFetches); err != nil {
			return result, err
		}
		if err := timedRun(ctx, env, dir, []string{"version"}, &result.versionRuns); err != nil {
			return result, err
		}
	}

	env.logger.Printf("start-up: schema fetch median %s, terraform version median %s",
		formatSeconds(median(result.schemaFetches)), formatSeconds(median(result.versionRuns)))
	return result, nil
}

// timedRun runs one command and appends its wall time to times, when times is not nil. A failed
// command is an error, because start-up time is meaningless without a working provider.
func timedRun(ctx context.Context, env *benchEnv, dir string, args []string, times *[]time.Duration) error {
	result := env.cli.run(ctx, dir, nil, args...)
	if result.runErr != nil {
		return result.runErr
	}
	if !result.succeeded() {
		return fmt.Errorf("terraform %s exited with %d; the end of its output:\n%s",
			strings.Join(args, " "), result.exitCode, lastLines(result.output, failureLines))
	}
	if times != nil {
		*times = append(*times, result.wall)
	}
	return nil
}
