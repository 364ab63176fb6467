package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

const (
	// mockStartTimeout bounds the wait for the mock's ZILLIZ_ENDPOINT and ZILLIZ_API_KEY lines.
	mockStartTimeout = 10 * time.Second

	// mockStopTimeout is how long a stopped mock may take to exit after SIGINT before it is
	// killed.
	mockStopTimeout = 10 * time.Second

	statsTimeout = 10 * time.Second
)

// mockSettings are the zilliz-mock flags that a scenario sets.
type mockSettings struct {
	createDelay time.Duration

	// rateLimit is in requests per second; 0 means no limit.
	rateLimit float64
}

// mockServer is a zilliz-mock process started for one scenario.
type mockServer struct {
	cmd      *exec.Cmd
	endpoint string
	apiKey   string
	logPath  string
	client   *http.Client

	// exited is closed once the process has exited, and waitErr is then its exit error.
	exited  chan struct{}
	waitErr error
}

// startMock starts the mock on a free port of 127.0.0.1, with its standard error going to
// logPath, and returns once it has printed its endpoint and API key.
func startMock(ctx context.Context, binary, logPath string, settings mockSettings) (*mockServer, error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("creating the mock's log file failed: %w", err)
	}
	defer logFile.Close()

	args := []string{"-listen", "127.0.0.1:0", "-create-delay", settings.createDelay.String()}
	if settings.rateLimit > 0 {
		args = append(args, "-rate-limit", strconv.FormatFloat(settings.rateLimit, 'g', -1, 64))
	}
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Stderr = logFile
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("starting the mock failed: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the mock failed: %w", err)
	}

	server := &mockServer{
		cmd:     cmd,
		logPath: logPath,
		client:  &http.Client{Timeout: statsTimeout},
		exited:  make(chan struct{}),
	}
	announced := make(chan map[string]string, 1)
	go server.readStdout(stdout, announced)

	select {
	case values := <-announced:
		server.endpoint, server.apiKey = values["ZILLIZ_ENDPOINT"], values["ZILLIZ_API_KEY"]
	case <-time.After(mockStartTimeout):
		_ = server.stop()
		return nil, fmt.Errorf("the mock printed no endpoint within %s; see %s", mockStartTimeout, logPath)
	}

	if !strings.HasPrefix(server.endpoint, "http://127.0.0.1:") || server.apiKey == "" {
		_ = server.stop()
		return nil, fmt.Errorf("the mock announced the endpoint %q and an API key of %d characters, "+
			"expected http://127.0.0.1:PORT and a key; see %s", server.endpoint, len(server.apiKey), logPath)
	}
	return server, nil
}

// readStdout sends the mock's "export KEY=VALUE" lines once both announced variables are there
// or standard output ends, then drains it and waits for the process to exit.
func (m *mockServer) readStdout(stdout io.Reader, announced chan<- map[string]string) {
	values := make(map[string]string)
	sent := false
	scanner := bufio.NewScanner(stdout)
	for scanner.Scan() {
		if sent {
			continue
		}
		line := strings.TrimPrefix(scanner.Text(), "export ")
		if name, value, ok := strings.Cut(line, "="); ok {
			values[name] = value
		}
		if values["ZILLIZ_ENDPOINT"] != "" && values["ZILLIZ_API_KEY"] != "" {
			announced <- values
			sent = true
		}
	}
	if !sent {
		announced <- values
	}

	m.waitErr = m.cmd.Wait()
	close(m.exited)
}

// stats returns the mock's traffic summary from /_mock/stats.
func (m *mockServer) stats(ctx context.Context) (mock.Stats, error) {
	request, err := http.NewRequestWithContext(ctx, http.MethodGet, m.endpoint+"/_mock/stats", nil)
	if err != nil {
		return mock.Stats{}, fmt.Errorf("building the stats request failed: %w", err)
	}

	response, err := m.client.Do(request)
	if err != nil {
		return mock.Stats{}, fmt.Errorf("reading the mock's stats failed: %w", err)
	}
	defer response.Body.Close()
	if response.StatusCode != http.StatusOK {
		return mock.Stats{}, fmt.Errorf("reading the mock's stats failed: HTTP %d", response.StatusCode)
	}

	var stats mock.Stats
	if err := json.NewDecoder(response.Body).Decode(&stats); err != nil {
		return mock.Stats{}, fmt.Errorf("decoding the mock's stats failed: %w", err)
	}
	return stats, nil
}

// stop sends SIGINT and waits for the mock to exit, killing it after mockStopTimeout. It
// returns an error when the mock did not exit cleanly.
func (m *mockServer) stop() error {
	select {
	case <-m.exited:
		return m.exitError()
	default:
	}

	if err := m.cmd.Process.Signal(syscall.SIGINT); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("stopping the mock failed: %w", err)
	}
	select {
	case <-m.exited:
		return m.exitError()
	case <-time.After(mockStopTimeout):
	}

	_ = m.cmd.Process.Kill()
	<-m.exited
	return fmt.Errorf("the mock did not exit within %s of SIGINT and was killed; see %s",
		mockStopTimeout, m.logPath)
}

func (m *mockServer) exitError() error {
	if m.waitErr != nil {
		return fmt.Errorf("the mock exited with an error: %w; see %s", m.waitErr, m.logPath)
	}
	return nil
}
