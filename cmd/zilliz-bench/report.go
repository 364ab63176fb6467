package main

import (
	"fmt"
	"math"
	"slices"
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
	fmt.Fprintf(&b, "\nProvider start-up: %s, the median of %d `terraform providers schema -json` runs, against "+
		"%s for `terraform version`, which starts no provider.\n", formatSeconds(median(results.startup.schemaFetches)),
		len(results.startup.schemaFetches), formatSeconds(median(results.startup.versionRuns)))
	fmt.Fprintf(&b, "Provider binary: %s (%d bytes), built by plain `go build` with symbols and debug information.\n\n",
		formatMiB(results.binarySize), results.binarySize)

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

func writeEnvironment(b *strings.Builder, results benchResults) {
	b.WriteString("| Setting | Value |\n|---|---|\n")
	fmt.Fprintf(b, "| Machine | %d CPUs (%s), %.1f GiB memory |\n", results.machine.cpus, results.machine.cpuModel,
		float64(results.machine.memory)/(1<<30))
	if len(results.loads) > 0 {
		fmt.Fprintf(b, "| Load average (1 min) | %.2f at the start, %.2f at most before a scenario, %.2f at the end |\n",
			results.loads[0], slices.Max(results.loads), results.loads[len(results.loads)-1])
	}
	fmt.Fprintf(b, "| Go | %s |\n", results.goVersion)
	fmt.Fprintf(b, "| Terraform | %s |\n\n", results.terraformVersion)
}

func writeScenarioTable(b *strings.Builder, results benchResults) {
	b.WriteString("| Scenario | Wall time | Service time | Overhead | Describe calls per cluster | " +
		"429s: sent by the mock / commands printing one | Peak provider RSS |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|\n")

	for _, scenario := range results.creates {
		var applies []measurement
		var walls, services []time.Duration
		for _, run := range scenario.runs {
			applies = append(applies, run.apply)
			walls = append(walls, run.apply.wall)
			services = append(services, run.service)
		}
		overheads, _ := scenario.overheads()
		fmt.Fprintf(b, "| %s: apply, median of %d | %s | %s | %s | %s | %s | %s |\n",
			scenario.name(), len(scenario.runs), formatSeconds(median(walls)), formatSeconds(median(services)),
			formatSeconds(median(overheads)), describeSummary(scenario.describeCounts()),
			tooManySummary(applies...), peakSummary(applies...))
	}

	fleet := results.fleet
	waves := time.Duration(math.Ceil(float64(fleet.clusters) / float64(fleetParallelism)))
	fmt.Fprintf(b, "| %d clusters, apply | %s | %s each | %s over %d x %s | %s | %s | %s |\n",
		fleet.clusters, formatSeconds(fleet.apply.wall), formatSetting(fleetServiceTime),
		formatSeconds(fleet.apply.wall-waves*fleetServiceTime), waves, formatSetting(fleetServiceTime),
		describeSummary(fleet.describesPerCluster(fleet.apply)), tooManySummary(fleet.apply), peakSummary(fleet.apply))

	accepted, _ := fleet.acceptedRefreshDescribes()
	lowest, highest := fleet.refreshDescribeRange()
	fmt.Fprintf(b, "| %d clusters, plan -refresh-only%s | %s | - | - | %d served for %d clusters; %d to %d "+
		"with retries | %s | %s |\n", fleet.clusters, refreshChanges(fleet.refresh), formatSeconds(fleet.refresh.wall),
		accepted, len(fleet.apply.traffic.newClusters), lowest, highest, tooManySummary(fleet.refresh),
		peakSummary(fleet.refresh))

	fmt.Fprintf(b, "| %d clusters, destroy | %s | - | - | %s | %s | %s |\n", fleet.clusters,
		formatSeconds(fleet.destroy.wall), describeSummary(fleet.describesPerCluster(fleet.destroy)),
		tooManySummary(fleet.destroy), peakSummary(fleet.destroy))

	fmt.Fprintf(b, "\nThe %d-cluster scenario runs with -parallelism=%d against a mock limited to %g requests/s; "+
		"its apply sent %d requests, of which the mock served %d.\n", fleet.clusters, fleetParallelism,
		fleetRateLimit, fleet.apply.traffic.total(), fleet.apply.traffic.accepted())
}

func writeRunTable(b *strings.Builder, creates []createScenario) {
	b.WriteString("| Service time | Run | Apply | Time to RUNNING | Overhead | Describe calls | Destroy |\n")
	b.WriteString("|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, scenario := range creates {
		for i, run := range scenario.runs {
			overhead := "-"
			if value, ok := run.overhead(); ok {
				overhead = formatSeconds(value)
			}
			fmt.Fprintf(b, "| %s | %d | %s%s | %s | %s | %d | %s%s |\n", formatSetting(scenario.serviceTime), i+1,
				formatSeconds(run.apply.wall), exitNote(run.apply), formatSeconds(run.service), overhead,
				run.describes, formatSeconds(run.destroy.wall), exitNote(run.destroy))
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
