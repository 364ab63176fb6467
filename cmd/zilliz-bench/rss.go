package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// rssSampleInterval is the time between two scans of /proc. VmHWM is the peak since the
// process started, so a sample misses only growth in a process's last interval.
const rssSampleInterval = 50 * time.Millisecond

// commNameLength is the length to which Linux truncates a process name in /proc/PID/comm.
const commNameLength = 15

// rssPeak is the result of an rssSampler.
type rssPeak struct {
	// bytes is the highest VmHWM of any process seen, 0 when none was seen.
	bytes int64

	// processes is the number of distinct processes seen. A process that exits within one
	// interval of its start can be missed.
	processes int
}

// rssSampler tracks the peak resident set size (VmHWM in /proc/PID/status) of every process
// that runs a given executable, scanning /proc until it is stopped. It reads only Linux's
// /proc, so elsewhere it finds no process.
type rssSampler struct {
	executable string
	comm       string
	stopping   chan struct{}
	result     chan rssPeak
}

// startRSSSampler starts sampling processes whose executable is the file at executable.
func startRSSSampler(executable string) *rssSampler {
	if resolved, err := filepath.EvalSymlinks(executable); err == nil {
		executable = resolved
	}
	comm := filepath.Base(executable)
	if len(comm) > commNameLength {
		comm = comm[:commNameLength]
	}

	s := &rssSampler{
		executable: executable,
		comm:       comm,
		stopping:   make(chan struct{}),
		result:     make(chan rssPeak, 1),
	}
	go s.run()
	return s
}

// stop takes a last sample and returns the peak.
func (s *rssSampler) stop() rssPeak {
	close(s.stopping)
	return <-s.result
}

func (s *rssSampler) run() {
	// tracked maps the PID of each matching live process to its start time, so that a PID that
	// the kernel reuses for another program is not mistaken for the same process.
	tracked := make(map[int]string)
	seen := make(map[string]bool)
	var peak int64
	sample := func() {
		for pid, identity := range s.scan(tracked) {
			seen[identity] = true
			if hwm, ok := readVmHWM(pid); ok {
				peak = max(peak, hwm)
			}
		}
	}

	ticker := time.NewTicker(rssSampleInterval)
	defer ticker.Stop()
	sample()
	for {
		select {
		case <-s.stopping:
			sample()
			s.result <- rssPeak{bytes: peak, processes: len(seen)}
			return
		case <-ticker.C:
			sample()
		}
	}
}

// scan updates tracked with the live processes that run the executable and returns it.
func (s *rssSampler) scan(tracked map[int]string) map[int]string {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return tracked
	}

	live := make(map[int]bool, len(tracked))
	for _, entry := range entries {
		pid, err := strconv.Atoi(entry.Name())
		if err != nil {
			continue
		}
		if _, ok := tracked[pid]; ok {
			live[pid] = true
			continue
		}
		if identity, ok := s.match(pid); ok {
			tracked[pid] = identity
			live[pid] = true
		}
	}

	for pid := range tracked {
		if !live[pid] {
			delete(tracked, pid)
		}
	}
	return tracked
}

// match reports whether the process runs the executable, and returns an identity made of its
// PID and start time. It reads comm first because that is cheaper than resolving exe.
func (s *rssSampler) match(pid int) (string, bool) {
	dir := "/proc/" + strconv.Itoa(pid)
	comm, err := os.ReadFile(dir + "/comm")
	if err != nil || strings.TrimSpace(string(comm)) != s.comm {
		return "", false
	}
	exe, err := os.Readlink(dir + "/exe")
	if err != nil || exe != s.executable {
		return "", false
	}

	stat, err := os.ReadFile(dir + "/stat")
	if err != nil {
		return "", false
	}
	return strconv.Itoa(pid) + "@" + processStartTime(string(stat)), true
}

// processStartTime returns field 22 (starttime) of /proc/PID/stat, or "" when the line is
// malformed. Fields are counted after the command name, which is in parentheses and may contain
// spaces.
func processStartTime(stat string) string {
	end := strings.LastIndexByte(stat, ')')
	if end < 0 {
		return ""
	}
	fields := strings.Fields(stat[end+1:])

	// fields[0] is field 3 (state), so field 22 is fields[19].
	const startTimeIndex = 22 - 3
	if len(fields) <= startTimeIndex {
		return ""
	}
	return fields[startTimeIndex]
}

// readVmHWM returns the VmHWM of a process in bytes.
func readVmHWM(pid int) (int64, bool) {
	file, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, false
	}
	defer file.Close()

	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		if value, ok := parseVmHWM(scanner.Text()); ok {
			return value, true
		}
	}
	return 0, false
}

// parseVmHWM parses a "VmHWM:     1234 kB" line of /proc/PID/status into bytes.
func parseVmHWM(line string) (int64, bool) {
	rest, ok := strings.CutPrefix(line, "VmHWM:")
	if !ok {
		return 0, false
	}
	fields := strings.Fields(rest)
	if len(fields) != 2 || fields[1] != "kB" {
		return 0, false
	}
	kibibytes, err := strconv.ParseInt(fields[0], 10, 64)
	if err != nil || kibibytes < 0 {
		return 0, false
	}
	return kibibytes * 1024, true
}
