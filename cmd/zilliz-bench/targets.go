package main

import (
	"fmt"
	"slices"
	"time"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

// Targets, checked from the benchmark's own measurements.
const (
	maxCreateOverhead     = time.Second
	longServiceTime       = 30 * time.Second
	maxLongCreateDescribe = 8
	maxProviderRSS        = 80 << 20 // bytes
)

// serviceTimes are the single-create scenarios' times from creation to RUNNING.
var serviceTimes = []time.Duration{2 * time.Second, 10 * time.Second, longServiceTime}

// targetResult is one target and whether the measurements meet it.
type targetResult struct {
	target string
	pass   bool

	// measured states the values that decided the result.
	measured string
}

// evaluateTargets checks every target against the results.
func evaluateTargets(results benchResults) []targetResult {
	var targets []targetResult
	for _, scenario := range results.creates {
		targets = append(targets, createOverheadTarget(scenario))
		if scenario.serviceTime == longServiceTime {
			targets = append(targets, describeCountTarget(scenario))
		}
	}
	return append(targets,
		fleetApplyTarget(results.fleet),
		refreshTarget(results.fleet),
		noUserVisible429Target(results.allMeasurements()),
		fleetMemoryTarget(results.fleet),
	)
}

func createOverheadTarget(scenario createScenario) targetResult {
	result := targetResult{target: fmt.Sprintf("median overhead of a single create with %s service time "+
		"is at most %s", formatSetting(scenario.serviceTime), formatSetting(maxCreateOverhead))}

	overheads, failed := scenario.overheads()
	if failed > 0 || len(overheads) == 0 {
		result.measured = failedRuns(failed, len(scenario.runs))
		return result
	}
	overhead := median(overheads)
	result.pass = overhead <= maxCreateOverhead
	result.measured = fmt.Sprintf("median %s of %d runs (range %s to %s)", formatSeconds(overhead),
		len(overheads), formatSeconds(slices.Min(overheads)), formatSeconds(slices.Max(overheads)))
	return result
}

func describeCountTarget(scenario createScenario) targetResult {
	result := targetResult{target: fmt.Sprintf("a %s create makes at most %d describe calls",
		formatSetting(scenario.serviceTime), maxLongCreateDescribe)}

	_, failed := scenario.overheads()
	counts := scenario.describeCounts()
	if failed > 0 || len(counts) == 0 {
		result.measured = failedRuns(failed, len(scenario.runs))
		return result
	}
	worst := slices.Max(counts)
	result.pass = worst <= maxLongCreateDescribe
	result.measured = fmt.Sprintf("at most %d in %d runs (%s)", worst, len(counts), joinInts(counts))
	return result
}

func fleetApplyTarget(fleet fleetScenario) targetResult {
	ideal := fleet.idealApply()
	limit := ideal + ideal*fleetAllowedExcess/100
	result := targetResult{target: fmt.Sprintf("the %d-cluster apply takes at most %d%% more than the ideal "+
		"ceil(%d/%d) x %s plus accepted requests / %g per s", fleet.clusters, fleetAllowedExcess,
		fleet.clusters, fleetParallelism, formatSetting(fleetServiceTime), fleetRateLimit)}

	if !fleet.apply.succeeded() || fleet.running() != fleet.clusters {
		result.measured = fmt.Sprintf("the apply exited with %d and left %d of %d clusters RUNNING",
			fleet.apply.exitCode, fleet.running(), fleet.clusters)
		return result
	}
	result.pass = fleet.apply.wall <= limit
	floor := fleet.rateLimitFloor()
	result.measured = fmt.Sprintf("%s against an ideal of %s (%s of waves + %s for %d accepted requests), "+
		"limit %s", formatSeconds(fleet.apply.wall), formatSeconds(ideal), formatSeconds(ideal-floor),
		formatSeconds(floor), fleet.apply.traffic.accepted(), formatSeconds(limit))
	return result
}

func refreshTarget(fleet fleetScenario) targetResult {
	result := targetResult{target: fmt.Sprintf("a refresh-only plan of %d clusters makes one describe call "+
		"per cluster", fleet.clusters)}

	if !fleet.refresh.succeeded(refreshChangesExitCode) {
		result.measured = fmt.Sprintf("the plan exited with %d", fleet.refresh.exitCode)
		return result
	}
	accepted, onlyDescribe := fleet.acceptedRefreshDescribes()
	lowest, highest := fleet.refreshDescribeRange()
	traffic := fleet.refresh.traffic
	result.measured = fmt.Sprintf("%d served describe calls for %d clusters, and %d calls rejected with 429 "+
		"were retried, so a cluster got %d to %d calls", accepted, fleet.clusters, traffic.tooManyRequests,
		lowest, highest)
	if !onlyDescribe {
		result.measured += fmt.Sprintf(", plus %d requests to other endpoints",
			traffic.total()-traffic.requests[mock.EndpointDescribe])
	}

	// Each cluster needs at least one served describe for the refresh to succeed, so a total
	// equal to the number of clusters in state means exactly one each.
	inState := len(fleet.apply.traffic.newClusters)
	result.pass = onlyDescribe && inState == fleet.clusters && lowest >= 1 && accepted == inState
	return result
}

func noUserVisible429Target(measurements []measurement) targetResult {
	result := targetResult{
		target: "no HTTP 429 reaches the user: no Terraform command fails and none prints a 429",
	}

	failed, printed, seen := 0, 0, 0
	for _, m := range measurements {
		if !m.succeeded(refreshChangesExitCode) {
			failed++
		}
		if m.userSaw429() {
			printed++
		}
		seen += m.traffic.tooManyRequests
	}
	result.pass = failed == 0 && printed == 0
	result.measured = fmt.Sprintf("%d of %d commands failed and %d printed a 429, while the mock sent %d "+
		"responses with 429", failed, len(measurements), printed, seen)
	return result
}

func fleetMemoryTarget(fleet fleetScenario) targetResult {
	result := targetResult{target: fmt.Sprintf("the provider's peak RSS during the %d-cluster apply is "+
		"under %s", fleet.clusters, formatMiB(maxProviderRSS))}

	peak := fleet.apply.rss
	if peak.processes == 0 {
		result.measured = "no provider process was seen"
		return result
	}
	result.pass = peak.bytes < maxProviderRSS
	result.measured = fmt.Sprintf("%s, the highest VmHWM of the %d provider processes that the sampling saw",
		formatMiB(peak.bytes), peak.processes)
	return result
}

func failedRuns(failed, runs int) string {
	return fmt.Sprintf("%d of %d runs failed or created no RUNNING cluster", failed, runs)
}
