package main

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// quietLoad is the highest one-minute load average at which the benchmark treats the machine as
// quiet. Above it, other processes compete for the CPU and the times are noisy.
const quietLoad = 1.5

// machine describes the computer that ran the benchmark.
type machine struct {
	// cpus is the number of CPUs the process may use.
	cpus     int
	cpuModel string

	// memory is the total memory in bytes, or 0 when /proc/meminfo is unreadable.
	memory int64
}

// describeMachine reads the machine's CPU model and memory from /proc.
func describeMachine() machine {
	m := machine{cpus: runtime.NumCPU(), cpuModel: "unknown CPU"}
	if model, ok := procField("/proc/cpuinfo", "model name"); ok {
		m.cpuModel = model
	}
	if total, ok := procField("/proc/meminfo", "MemTotal"); ok {
		if kibibytes, err := strconv.ParseInt(strings.TrimSuffix(total, " kB"), 10, 64); err == nil {
			m.memory = kibibytes * 1024
		}
	}
	return m
}

// procField returns the value of the first "name: value" line of a /proc file.
func procField(path, name string) (string, bool) {
	file, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer file.Close()

	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		key, value, ok := strings.Cut(scanner.Text(), ":")
		if ok && strings.TrimSpace(key) == name {
			return strings.TrimSpace(value), true
		}
	}
	return "", false
}

// loadSample is a one-minute load average and when it was read, such as "at the start".
type loadSample struct {
	when  string
	value float64
}

// loadAverage returns the one-minute load average from /proc/loadavg, or -1 when it is
// unreadable.
func loadAverage() float64 {
	content, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	fields := strings.Fields(string(content))
	if len(fields) == 0 {
		return -1
	}
	load, err := strconv.ParseFloat(fields[0], 64)
	if err != nil {
		return -1
	}
	return load
}
