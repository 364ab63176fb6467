package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// config is the parsed command line.
type config struct {
	// terraform is the Terraform CLI to benchmark with.
	terraform string

	// shortRuns is the number of runs of the 2 s and 10 s creates, and longRuns of the 30 s
	// create. Each run is an apply followed by a destroy.
	shortRuns int
	longRuns  int

	// startupRuns is the number of schema fetches whose median is the start-up time.
	startupRuns int

	// clusters is the size of the many-cluster scenario.
	clusters int

	// out is the Markdown file whose results section is rewritten, or "" for none.
	out string

	noFail   bool
	keepTemp bool
	timeout  time.Duration
}

const usageText = `Usage: zilliz-bench [flags]
Benchmarks the provider with the Terraform CLI against cmd/zilliz-mock on 127.0.0.1.
Run it from the repository root. Exit status: 0 when every target passes, 1 when one
fails (0 with -no-fail), 2 for invalid flags, 3 when the benchmark could not run.
`

func parseFlags(args []string, output io.Writer) (config, error) {
	var cfg config

	flags := flag.NewFlagSet("zilliz-bench", flag.ContinueOnError)
	flags.SetOutput(output)
	flags.Usage = func() {
		fmt.Fprint(output, usageText)
		flags.PrintDefaults()
	}
	flags.StringVar(&cfg.terraform, "terraform", "",
		"Terraform CLI `binary` (default: $TERRAFORM, then terraform on PATH)")
	flags.IntVar(&cfg.shortRuns, "runs", 3, "runs of the 2 s and 10 s single creates")
	flags.IntVar(&cfg.longRuns, "long-runs", 3, "runs of the 30 s single create")
	flags.IntVar(&cfg.startupRuns, "startup-runs", 7, "schema fetches whose median is the start-up time")
	flags.IntVar(&cfg.clusters, "clusters", defaultFleetSize,
		"clusters in the many-cluster scenario; the targets are defined for 100")
	flags.StringVar(&cfg.out, "out", "",
		"also rewrite the results section of this Markdown `file`, such as BENCHMARKS.md")
	flags.BoolVar(&cfg.noFail, "no-fail", false, "exit with status 0 even when a target fails")
	flags.BoolVar(&cfg.keepTemp, "keep-temp", false,
		"keep the temporary directory with binaries, configurations, state and logs")
	flags.DurationVar(&cfg.timeout, "timeout", 20*time.Minute, "maximum duration of the whole benchmark")

	if err := flags.Parse(args); err != nil {
		return config{}, err
	}
	if flags.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments %q: every setting is a flag", flags.Args())
	}

	if err := cfg.validate(); err != nil {
		return config{}, err
	}
	terraform, err := resolveTerraform(cfg.terraform)
	if err != nil {
		return config{}, err
	}
	cfg.terraform = terraform
	return cfg, nil
}

func (c config) validate() error {
	var problems []error
	counts := []struct {
		flag  string
		value int
	}{
		{"-runs", c.shortRuns},
		{"-long-runs", c.longRuns},
		{"-startup-runs", c.startupRuns},
		{"-clusters", c.clusters},
	}
	for _, count := range counts {
		if count.value < 1 {
			problems = append(problems,
				fmt.Errorf("invalid %s %d: must be at least 1", count.flag, count.value))
		}
	}
	if c.timeout <= 0 {
		problems = append(problems, fmt.Errorf("invalid -timeout %s: must be positive", c.timeout))
	}
	return errors.Join(problems...)
}

// resolveTerraform returns the absolute path of the Terraform CLI: the flag's value, then the
// TERRAFORM environment variable, then terraform on PATH.
func resolveTerraform(fromFlag string) (string, error) {
	name, source := fromFlag, "-terraform"
	if name == "" {
		name, source = os.Getenv("TERRAFORM"), "TERRAFORM"
	}
	if name == "" {
		name, source = "terraform", "PATH"
	}

	path, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("no Terraform CLI found from %s (%q): %w; install Terraform or set "+
			"-terraform", source, name, err)
	}
	return filepath.Abs(path)
}
