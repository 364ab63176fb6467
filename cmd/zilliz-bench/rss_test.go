package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseVmHWM(t *testing.T) {
	cases := []struct {
		line  string
		want  int64
		found bool
	}{
		{"VmHWM:\t   24816 kB", 24816 * 1024, true},
		{"VmHWM: 0 kB", 0, true},
		{"VmRSS:\t   24816 kB", 0, false},
		{"VmHWM:\t   24816 MB", 0, false},
		{"VmHWM:\t   -5 kB", 0, false},
		{"VmHWM:", 0, false},
	}
	for _, c := range cases {
		got, found := parseVmHWM(c.line)
		if got != c.want || found != c.found {
			t.Errorf("parseVmHWM(%q) = %d, %t; want %d, %t", c.line, got, found, c.want, c.found)
		}
	}
}

func TestProcessStartTimeSkipsCommandName(t *testing.T) {
	// Fields 3 to 21 are placeholders; field 22, the start time, is 98765.
	fields := make([]string, 0, 20)
	for i := 3; i <= 21; i++ {
		fields = append(fields, "0")
	}
	stat := "4242 (odd ) name) S " + strings.Join(fields[1:], " ") + " 98765 1 2 3"

	if got := processStartTime(stat); got != "98765" {
		t.Errorf("processStartTime = %q, want 98765", got)
	}
}

func TestProcessStartTimeMalformed(t *testing.T) {
	for _, stat := range []string{"", "4242 no parentheses", "4242 (short) S 1 2"} {
		if got := processStartTime(stat); got != "" {
			t.Errorf("processStartTime(%q) = %q, want empty", stat, got)
		}
	}
}

func TestRSSSamplerSeesRunningProcess(t *testing.T) {
	sleepPath, err := exec.LookPath("sleep")
	if err != nil {
		t.Fatalf("the test needs the sleep command: %v", err)
	}
	sleepPath, err = filepath.EvalSymlinks(sleepPath)
	if err != nil {
		t.Fatal(err)
	}
	sleep := exec.Command(sleepPath, "60")
	if err := sleep.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = sleep.Process.Kill()
		_ = sleep.Wait()
	}()

	peak := startRSSSampler(sleepPath).stop()

	if peak.processes < 1 {
		t.Errorf("processes = %d, want at least 1", peak.processes)
	}
	if peak.bytes <= 0 {
		t.Errorf("peak = %d bytes, want more than 0", peak.bytes)
	}
}

func TestRSSSamplerWithoutProcess(t *testing.T) {
	peak := startRSSSampler(filepath.Join(t.TempDir(), "terraform-provider-absent")).stop()

	if peak.processes != 0 || peak.bytes != 0 {
		t.Errorf("peak = %+v, want no process and 0 bytes", peak)
	}
}
