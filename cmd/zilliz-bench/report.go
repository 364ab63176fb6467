package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// renderReport returns the results as Markdown: the environment, a table of scenarios, the
// start-up time and binary size, a PASS or FAIL line per target, the single-create runs and the
// end of the output of every failed command.
func renderReport(results benchResults) string {
	var b strings.Builder
	b.WriteString("## Results\n\n")
	fmt.Fprintf(&b, "Recorded on %s by `%s`, which took %.1f minutes.\n\n",
		results.started.UTC().Format("2006-01-02 15:04 MST"), results.command, results.duration.Minutes())
	writeEnvironment(&b, results)

	b.WriteString("### Scenarios\n\n")
	writeScenarioTable(&b, results)
	startup := results.startup
	fmt.Fprintf(&b, "\nProvider start-up: %s, the median of %d `terraform providers schema -json` runs, "+
		"against %s for `terraform version`, which starts no provider.\n",
		formatSeconds(median(startup.schemaFetches)), len(startup.schemaFetches),
		formatSeconds(median(startup.versionRuns)))
	fmt.Fprintf(&b, "Provider binary: %s (%d bytes), built by plain `go build` with symbols and debug "+
		"information.\n\n", formatMiB(results.binarySize), results.binarySize)

	b.WriteString("### Targets\n\n")
	for _, target := range results.targets {
		verdict := "FAIL"
		if target.pass {
			verdict = "PASS"
		}
		fmt.Fprintf(&b, "- %s: %s. Measured: %s.\n", verdict, target.target, target.measured)
	}

	b.WriteString("\n### Single-create runs\n\n")
	writeRunTable(&b, results.creates)
	writeFailures(&b, results)
	return b.String()
}

// writeRow writes one row of a Markdown table.
func writeRow(b *strings.Builder, cells ...string) {
	b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

func writeEnvironment(b *strings.Builder, results benchResults) {
	writeRow(b, "Setting", "Value")
	writeRow(b, "---", "---")
	m := results.machine
	writeRow(b, "Machine", fmt.Sprintf("%d CPUs (%s), %.1f GiB memory",
		m.cpus, m.cpuModel, float64(m.memory)/(1<<30)))
	if len(results.loads) > 0 {
		samples := make([]string, len(results.loads))
		for i, sample := range results.loads {
			samples[i] = fmt.Sprintf("%.2f %s", sample.value, sample.when)
		}
		writeRow(b, "Load average (1 min)", strings.Join(samples, ", "))
	}
	writeRow(b, "Go", results.goVersion)
	writeRow(b, "Terraform", results.terraformVersion)
	b.WriteString("\n")

	var busy []string
	for _, sample := range results.loads {
		if sample.value > quietLoad {
			busy = append(busy, sample.when)
		}
	}
	if len(busy) > 0 {
		fmt.Fprintf(b, "The load average was above %.1f %s, so other processes competed for the CPU "+
			"and the times around those points are noisier than on a quiet machine.\n\n",
			quietLoad, strings.Join(busy, ", "))
	}
}

func writeScenarioTable(b *strings.Builder, results benchResults) {
	writeRow(b, "Scenario", "Wall time", "Service time", "Overhead", "Describe calls per cluster",
		"429s: sent by the mock / commands printing one", "Peak provider RSS")
	writeRow(b, "---", "---:", "---:", "---:", "---:", "---:", "---:")

	for _, scenario := range results.creates {
		var applies []measurement
		var walls, services []time.Duration
		for _, run := range scenario.runs {
			applies = append(applies, run.apply)
			walls = append(walls, run.apply.wall)
			services = append(services, run.service)
		}
		overheads, _ := scenario.overheads()
		writeRow(b, fmt.Sprintf("%s: apply, median of %d", scenario.name(), len(scenario.runs)),
			formatSeconds(median(walls)), formatSeconds(median(services)), formatSeconds(median(overheads)),
			describeSummary(scenario.describeCounts()), tooManySummary(applies...), peakSummary(applies...))
	}

	fleet := results.fleet
	waves := fleet.waves()
	wavesTime := time.Duration(waves) * fleetServiceTime
	overWaves := fmt.Sprintf("%s over %d x %s", formatSeconds(fleet.apply.wall-wavesTime), waves,
		formatSetting(fleetServiceTime))
	writeRow(b, fmt.Sprintf("%d clusters, apply", fleet.clusters), formatSeconds(fleet.apply.wall),
		formatSetting(fleetServiceTime)+" each", overWaves,
		describeSummary(fleet.describesPerCluster(fleet.apply)), tooManySummary(fleet.apply),
		peakSummary(fleet.apply))

	accepted, _ := fleet.acceptedRefreshDescribes()
	lowest, highest := fleet.refreshDescribeRange()
	refreshName := fmt.Sprintf("%d clusters, plan -refresh-only%s", fleet.clusters,
		refreshChanges(fleet.refresh))
	writeRow(b, refreshName, formatSeconds(fleet.refresh.wall), "-", "-",
		fmt.Sprintf("%d served for %d clusters; %d to %d with retries", accepted,
			len(fleet.apply.traffic.newClusters), lowest, highest),
		tooManySummary(fleet.refresh), peakSummary(fleet.refresh))

	writeRow(b, fmt.Sprintf("%d clusters, destroy", fleet.clusters), formatSeconds(fleet.destroy.wall),
		"-", "-", describeSummary(fleet.describesPerCluster(fleet.destroy)), tooManySummary(fleet.destroy),
		peakSummary(fleet.destroy))

	fmt.Fprintf(b, "\nDescribe calls include those that the mock rejected with 429. The %d-cluster scenario "+
		"runs with -parallelism=%d against a mock limited to %g requests/s, and its apply sent %d requests, "+
		"of which the mock served %d.\n", fleet.clusters, fleetParallelism, fleetRateLimit,
		fleet.apply.traffic.total(), fleet.apply.traffic.accepted())
}

func writeRunTable(b *strings.Builder, creates []createScenario) {
	writeRow(b, "Service time", "Run", "Apply", "Time to RUNNING", "Overhead", "Describe calls", "Destroy")
	writeRow(b, "---:", "---:", "---:", "---:", "---:", "---:", "---:")
	for _, scenario := range creates {
		for i, run := range scenario.runs {
			overhead := "-"
			if value, ok := run.overhead(); ok {
				overhead = formatSeconds(value)
			}
			writeRow(b, formatSetting(scenario.serviceTime), strconv.Itoa(i+1),
				formatSeconds(run.apply.wall)+exitNote(run.apply), formatSeconds(run.service), overhead,
				strconv.Itoa(run.describes), formatSeconds(run.destroy.wall)+exitNote(run.destroy))
		}
	}
}

// writeFailures shows the end of the output of each command that failed.
func writeFailures(b *strings.Builder, results benchResults) {
	var failed []measurement
	for _, m := range results.allMeasurements() {
		if !m.succeeded(refreshChangesExitCode) || m.userSaw429() {
			failed = append(failed, m)
		}
	}
	if len(failed) == 0 {
		return
	}

	b.WriteString("\n### Failed commands\n")
	for _, m := range failed {
		fmt.Fprintf(b, "\n`terraform %s` exited with %d", strings.Join(m.args, " "), m.exitCode)
		if m.runErr != nil {
			fmt.Fprintf(b, " (%v)", m.runErr)
		}
		fmt.Fprintf(b, " after %s. The end of its output:\n\n```\n%s\n```\n", formatSeconds(m.wall),
			lastLines(m.output, failureLines))
	}
}

// describeSummary returns the median and range of describe calls per cluster.
func describeSummary(counts []int) string {
	if len(counts) == 0 {
		return "-"
	}
	lowest, highest := slices.Min(counts), slices.Max(counts)
	if lowest == highest {
		return fmt.Sprint(lowest)
	}
	return fmt.Sprintf("%d (%d to %d)", median(counts), lowest, highest)
}

// tooManySummary returns the 429 responses that the mock sent during the commands and the
// number of commands whose output mentions a 429.
func tooManySummary(measurements ...measurement) string {
	sent, printed := 0, 0
	for _, m := range measurements {
		sent += m.traffic.tooManyRequests
		if m.userSaw429() {
			printed++
		}
	}
	return fmt.Sprintf("%d / %d", sent, printed)
}

// peakSummary returns the highest provider VmHWM seen during the commands.
func peakSummary(measurements ...measurement) string {
	var peak rssPeak
	for _, m := range measurements {
		peak.bytes = max(peak.bytes, m.rss.bytes)
		peak.processes += m.rss.processes
	}
	if peak.processes == 0 {
		return "-"
	}
	return formatMiB(peak.bytes)
}

// exitNote marks a failed command in a table cell.
func exitNote(m measurement) string {
	if m.succeeded() {
		return ""
	}
	return fmt.Sprintf(" (exit %d)", m.exitCode)
}

// refreshChanges notes a refresh that found changes, which the provider's Read should not cause
// right after an apply.
func refreshChanges(m measurement) string {
	if m.exitCode == refreshChangesExitCode {
		return " (found changes)"
	}
	return ""
}
