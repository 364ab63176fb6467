// Command zilliz-mock serves the in-memory Zilliz Cloud API mock on a loopback port, for the
// demo, the benchmark and scripts. On start it prints shell export lines for ZILLIZ_ENDPOINT and
// ZILLIZ_API_KEY to stdout. The key is the mock's own test key. The command stops cleanly on SIGINT or
// SIGTERM and then exits with status 0.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

const (
	// shutdownTimeout is how long a stop waits for requests in progress.
	shutdownTimeout = 10 * time.Second

	// readHeaderTimeout bounds how long a client may take to send its request headers.
	readHeaderTimeout = 10 * time.Second
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errReported marks an error that the flag package has already printed with the usage.
var errReported = errors.New("invalid command line")

// config is the parsed command line.
type config struct {
	listen  string
	envFile string
	verbose bool
	options mock.Options
	faults  faultFlag
}

// faultFlag collects repeated -fault flags.
type faultFlag []mock.Fault

func (f *faultFlag) String() string {
	specs := make([]string, len(*f))
	for i, fault := range *f {
		specs[i] = fault.Endpoint + "=" + string(fault.Kind)
	}
	return strings.Join(specs, ",")
}

func (f *faultFlag) Set(spec string) error {
	fault, err := mock.ParseFault(spec)
	if err != nil {
		return err
	}
	*f = append(*f, fault)
	return nil
}

func parseFlags(args []string, output io.Writer) (config, error) {
	var cfg config
	var deletedRetention time.Duration

	flags := flag.NewFlagSet("zilliz-mock", flag.ContinueOnError)
	flags.SetOutput(output)
	flags.StringVar(&cfg.listen, "listen", "127.0.0.1:0",
		"TCP `address` to listen on; the host must be a loopback address, and port 0 picks a free port")
	flags.StringVar(&cfg.options.APIKey, "api-key", "",
		"API `key` that requests must send as a bearer token (default: a random key)")
	flags.DurationVar(&cfg.options.CreateDelay, "create-delay", 0,
		"time from creation to RUNNING")
	flags.DurationVar(&cfg.options.CreateDelayMax, "create-delay-max", 0,
		"when greater than -create-delay, each cluster's time to RUNNING is random between the two")
	flags.BoolVar(&cfg.options.UnevenProgress, "uneven-progress", false,
		"make createProgress stall and jump instead of rising linearly")
	flags.Float64Var(&cfg.options.InitializingFraction, "initializing-fraction", 0,
		"final `fraction` of the creation time, from 0 to 1, that reports INITIALIZING")
	flags.DurationVar(&cfg.options.DeleteDelay, "delete-delay", 0,
		"time a dropped cluster stays DELETING")
	flags.DurationVar(&deletedRetention, "deleted-retention", mock.DefaultDeletedRetention,
		"time a DELETED cluster can still be described; 0 or less means none")
	flags.Float64Var(&cfg.options.RateLimit, "rate-limit", 0,
		"`requests` per second accepted across all endpoints; 0 means no limit")
	flags.StringVar(&cfg.options.RegionID, "region", mock.DefaultRegionID,
		"region `ID` the mock is the controller of")
	flags.BoolVar(&cfg.options.ServerlessNotOffered, "no-serverless", false,
		"reject createServerless with code 80025, as a region without serverless clusters does")
	flags.Var(&cfg.faults, "fault",
		"inject a fault into the next requests to an endpoint, as `endpoint=kind[:times[:value]]`, e.g. "+
			"create=429:2:1 or describe=slow:1:3s; a kind ending in -after, e.g. 502-after, acts on "+
			"the request first; repeatable")
	flags.StringVar(&cfg.envFile, "env-file", "",
		"also write the ZILLIZ_ENDPOINT and ZILLIZ_API_KEY lines to this `file`, with mode 0600")
	flags.BoolVar(&cfg.verbose, "verbose", false,
		"log one line per request to stderr (never headers or bodies)")

	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return config{}, err
		}
		return config{}, fmt.Errorf("%w: %w", errReported, err)
	}
	if flags.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments %q: every setting is a flag", flags.Args())
	}

	cfg.options.DeletedRetention = deletedRetention
	if deletedRetention <= 0 {
		// The mock reads a negative value as no retention, because its zero value selects the
		// default.
		cfg.options.DeletedRetention = -1
	}
	if err := cfg.options.Validate(); err != nil {
		return config{}, err
	}
	return cfg, nil
}

// run runs the command and returns its exit status: 0 after a clean stop, 1 when serving
// fails, 2 for invalid flags.
func run(args []string, stdout, stderr io.Writer) int {
	logger := log.New(stderr, "zilliz-mock: ", log.LstdFlags)

	cfg, err := parseFlags(args, stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errReported):
		return 2
	case err != nil:
		logger.Print(err)
		return 2
	}

	if cfg.verbose {
		cfg.options.Logf = logger.Printf
	}
	server := mock.New(cfg.options)
	for _, fault := range cfg.faults {
		server.InjectFault(fault)
	}

	listener, err := mock.ListenLoopback(context.Background(), cfg.listen)
	if err != nil {
		logger.Print(err)
		return 1
	}
	endpoint := "http://" + listener.Addr().String()

	if cfg.envFile != "" {
		if err := mock.WriteEnvFile(cfg.envFile, endpoint, server.APIKey()); err != nil {
			_ = listener.Close()
			logger.Print(err)
			return 1
		}
	}
	// The lines are shell export commands, so that pasting them into a shell sets both variables.
	fmt.Fprintf(stdout, "export ZILLIZ_ENDPOINT=%s\nexport ZILLIZ_API_KEY=%s\n", endpoint, server.APIKey())

	return serve(listener, server, logger)
}

// serve serves handler on listener until SIGINT or SIGTERM, then shuts down.
func serve(listener net.Listener, handler http.Handler, logger *log.Logger) int {
	signals, stopSignals := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stopSignals()

	// Canceling requestContext ends the waits of slow faults, so a stop need not outlast them.
	requestContext, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()

	httpServer := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: readHeaderTimeout,
		BaseContext:       func(net.Listener) context.Context { return requestContext },
		ErrorLog:          logger,
	}
	served := make(chan error, 1)
	go func() { served <- httpServer.Serve(listener) }()
	logger.Printf("serving on %s", listener.Addr())

	select {
	case <-signals.Done():
	case err := <-served:
		logger.Printf("serving on %s failed: %v", listener.Addr(), err)
		return 1
	}

	// A second signal now ends the process at once, as it would without a handler.
	stopSignals()
	logger.Print("signal received, shutting down")
	cancelRequests()

	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := httpServer.Shutdown(ctx); err != nil {
		logger.Printf("shutdown failed: %v", err)
		return 1
	}
	logger.Print("stopped")
	return 0
}
