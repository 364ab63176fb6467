package testcli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Result is the outcome of a terraform command that has exited.
type Result struct {
	// Args are the arguments after "terraform".
	Args []string

	Stdout string
	Stderr string

	// ExitCode is the exit status, or -1 when a signal ended the process.
	ExitCode int

	// Duration is the time from the start of the command to its exit.
	Duration time.Duration
}

// Output returns the standard output followed by the standard error.
func (r Result) Output() string {
	return r.Stdout + r.Stderr
}

// Err returns nil when the command exited with status 0, and otherwise an error that names the
// command, its exit status and its output.
func (r Result) Err() error {
	if r.ExitCode == 0 {
		return nil
	}
	return fmt.Errorf("terraform %s exited with status %d after %s:\n%s",
		strings.Join(r.Args, " "), r.ExitCode, r.Duration.Round(time.Millisecond), r.Output())
}

// Process is a terraform command that runs in the background.
type Process struct {
	command *exec.Cmd
	args    []string
	started time.Time

	stdoutPath string
	stderrPath string

	// exited is closed when the command has exited, and result is set before.
	exited chan struct{}
	result Result
}

// Start starts terraform with args in the working directory without waiting for it. The command
// runs in a process group of its own, with the provider processes that Terraform starts. When
// the test ends, the group is killed if the command is still running.
func (w *Workspace) Start(args ...string) *Process {
	w.t.Helper()

	w.commands++
	prefix := filepath.Join(w.outputDir, "command-"+strconv.Itoa(w.commands))
	stdout := createFile(w, prefix+".stdout")
	stderr := createFile(w, prefix+".stderr")
	defer stdout.Close()
	defer stderr.Close()

	// With *os.File outputs, exec.Cmd.Wait waits for the process alone and not for goroutines
	// that copy output, so a provider process that keeps an inherited descriptor open after
	// Terraform exits cannot delay it.
	// The test stops the command through its process group, not through a context, so that
	// the provider processes stop too.
	command := exec.CommandContext(context.Background(), w.terraform, args...)
	command.Dir = w.Dir
	command.Env = w.environment()
	command.Stdout = stdout
	command.Stderr = stderr
	command.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}

	p := &Process{
		command:    command,
		args:       args,
		stdoutPath: stdout.Name(),
		stderrPath: stderr.Name(),
		exited:     make(chan struct{}),
	}
	p.started = time.Now()
	if err := command.Start(); err != nil {
		w.t.Fatalf("testcli: starting terraform %s failed: %v", strings.Join(args, " "), err)
	}

	go p.reap()
	w.t.Cleanup(p.kill)
	return p
}

func createFile(w *Workspace, path string) *os.File {
	w.t.Helper()

	file, err := os.Create(path)
	if err != nil {
		w.t.Fatalf("testcli: creating %s failed: %v", path, err)
	}
	return file
}

// reap waits for the command to exit and records its result.
func (p *Process) reap() {
	err := p.command.Wait()
	duration := time.Since(p.started)

	exitCode := 0
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		exitCode = exitErr.ExitCode()
	case err != nil:
		exitCode = -1
	}

	p.result = Result{
		Args:     p.args,
		Stdout:   readOutput(p.stdoutPath),
		Stderr:   readOutput(p.stderrPath),
		ExitCode: exitCode,
		Duration: duration,
	}
	close(p.exited)
}

func readOutput(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("(testcli: reading %s failed: %v)", path, err)
	}
	return string(data)
}

// Interrupt sends SIGINT to the terraform process only. Terraform then sends StopProvider to its
// providers, which is what a user's Ctrl-C leads to as well, because providers served with
// go-plugin ignore SIGINT themselves.
func (p *Process) Interrupt() error {
	if err := p.command.Process.Signal(os.Interrupt); err != nil {
		return fmt.Errorf("sending SIGINT to terraform %s failed: %w", strings.Join(p.args, " "), err)
	}
	return nil
}

// Wait waits up to timeout for the command to exit and returns its result. When the timeout
// passes first, it kills the command's process group and returns an error with the result,
// whose output is what the command printed until then.
func (p *Process) Wait(timeout time.Duration) (Result, error) {
	timer := time.NewTimer(timeout)
	defer timer.Stop()

	select {
	case <-p.exited:
		return p.result, nil
	case <-timer.C:
	}

	p.kill()
	return p.result, fmt.Errorf("terraform %s was still running after %s, so it was killed",
		strings.Join(p.args, " "), timeout)
}

// wait waits for the command to exit, however long it takes.
func (p *Process) wait() Result {
	<-p.exited
	return p.result
}

// kill sends SIGKILL to the command's process group unless the command has exited, and waits
// until it has.
func (p *Process) kill() {
	select {
	case <-p.exited:
		return
	default:
	}

	// A negative PID names the process group that Setpgid created, whose ID is the PID.
	_ = syscall.Kill(-p.command.Process.Pid, syscall.SIGKILL)
	<-p.exited
}
