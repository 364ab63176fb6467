// Command zilliz-bench benchmarks the provider with the real Terraform CLI against the standalone
// mock (cmd/zilliz-mock) on 127.0.0.1. It builds both and times the provider's start-up. Then it
// runs single creates with service times of 2 s, 10 s and 30 s, and an apply, a refresh-only plan
// and a destroy of 100 clusters against a rate-limited mock. It prints a Markdown report with a
// PASS or FAIL line per target to standard output and its progress to standard error. With -out
// it also rewrites the results section of a file such as BENCHMARKS.md.
//
// Exit status: 0 when every target passes, 1 when one fails (0 with -no-fail), 2 for invalid
// flags and 3 when the benchmark could not run.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	exitTargetFailed = 1
	exitUsage        = 2
	exitCannotRun    = 3
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// benchEnv is the state that the scenarios share: the binaries, the Terraform CLI and the log.
type benchEnv struct {
	tempDir string
	built   binaries
	cli     *terraformCLI
	logger  *log.Logger

	// loads are the load averages taken at the start, before each scenario and at the end.
	loads []loadSample
}

// stopMock stops a scenario's mock and logs a failure, which does not change the results.
func (e *benchEnv) stopMock(server *mockServer) {
	if err := server.stop(); err != nil {
		e.logger.Printf("warning: %v", err)
	}
}

// sampleLoad records the load average and warns when the machine is busy.
func (e *benchEnv) sampleLoad(when string) {
	load := loadAverage()
	e.loads = append(e.loads, loadSample{when: when, value: load})
	if load > quietLoad {
		e.logger.Printf("warning: the load average is %.2f %s, above %.1f, so times are noisy",
			load, when, quietLoad)
	}
}

// benchResults is the data that the report shows.
type benchResults struct {
	command          string
	started          time.Time
	duration         time.Duration
	machine          machine
	loads            []loadSample
	goVersion        string
	terraformVersion string
	binarySize       int64

	startup startupResult
	creates []createScenario
	fleet   fleetScenario
	targets []targetResult
}

// allMeasurements returns every Terraform command that ran against a mock.
func (r benchResults) allMeasurements() []measurement {
	var all []measurement
	for _, scenario := range r.creates {
		all = append(all, scenario.measurements()...)
	}
	return append(all, r.fleet.measurements()...)
}

func run(args []string, stdout, stderr io.Writer) int {
	logger := log.New(stderr, "zilliz-bench: ", log.Ltime)

	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		logger.Print(err)
		return exitUsage
	}

	ctx, stopSignals := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stopSignals()
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	defer cancel()

	results, err := runBenchmark(ctx, cfg, logger)
	if err != nil {
		logger.Print(err)
		return exitCannotRun
	}
	results.command = commandLine(args)

	report := renderReport(results)
	fmt.Fprint(stdout, report)
	if cfg.out != "" {
		if err := writeResults(cfg.out, report); err != nil {
			logger.Print(err)
			return exitCannotRun
		}
		logger.Printf("rewrote the results section of %s", cfg.out)
	}

	passed := 0
	for _, target := range results.targets {
		if target.pass {
			passed++
		}
	}
	logger.Printf("%d of %d targets passed in %.1f minutes", passed, len(results.targets),
		results.duration.Minutes())
	if passed < len(results.targets) && !cfg.noFail {
		return exitTargetFailed
	}
	return 0
}

// runBenchmark builds the binaries and runs every scenario in a temporary directory.
func runBenchmark(ctx context.Context, cfg config, logger *log.Logger) (benchResults, error) {
	results := benchResults{started: time.Now(), machine: describeMachine()}

	tempDir, err := os.MkdirTemp("", "zilliz-bench-")
	if err != nil {
		return results, fmt.Errorf("creating a temporary directory failed: %w", err)
	}
	if cfg.keepTemp {
		logger.Printf("keeping the temporary directory %s", tempDir)
	} else {
		defer os.RemoveAll(tempDir)
	}
	env := &benchEnv{tempDir: tempDir, logger: logger}
	env.sampleLoad("at the start")

	logger.Print("building the provider and the mock")
	env.built, err = buildBinaries(ctx, tempDir)
	if err != nil {
		return results, err
	}
	results.goVersion, results.binarySize = env.built.goVersion, env.built.providerSize

	env.cli, err = newTerraformCLI(cfg.terraform, tempDir, env.built)
	if err != nil {
		return results, err
	}
	results.terraformVersion, err = env.cli.version(ctx)
	if err != nil {
		return results, err
	}

	if err := runScenarios(ctx, cfg, env, &results); err != nil {
		return results, err
	}

	env.sampleLoad("at the end")
	results.loads = env.loads
	results.duration = time.Since(results.started)
	results.targets = evaluateTargets(results)
	return results, nil
}

func runScenarios(ctx context.Context, cfg config, env *benchEnv, results *benchResults) error {
	var err error
	results.startup, err = runStartup(ctx, env, cfg.startupRuns)
	if err != nil {
		return err
	}

	for _, serviceTime := range serviceTimes {
		runs := cfg.shortRuns
		if serviceTime == longServiceTime {
			runs = cfg.longRuns
		}
		env.sampleLoad("before the " + formatSetting(serviceTime) + " creates")
		scenario, err := runCreateScenario(ctx, env, serviceTime, runs)
		if err != nil {
			return err
		}
		results.creates = append(results.creates, scenario)
	}

	env.sampleLoad("before the many-cluster scenario")
	results.fleet, err = runFleetScenario(ctx, env, cfg.clusters)
	return err
}

// commandLine returns the command as a shell would type it, for the report.
func commandLine(args []string) string {
	words := []string{"zilliz-bench"}
	for _, arg := range args {
		if arg == "" || strings.ContainsAny(arg, " \t'\"$\\") {
			arg = strconv.Quote(arg)
		}
		words = append(words, arg)
	}
	return strings.Join(words, " ")
}
