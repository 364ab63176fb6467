package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

// The many-cluster scenario's settings, for which its targets are defined.
const (
	defaultFleetSize   = 100
	fleetServiceTime   = 5 * time.Second
	fleetRateLimit     = 20.0 // requests per second across all endpoints
	fleetParallelism   = defaultParallelism
	fleetAllowedExcess = 15 // percentage by which the apply may exceed its ideal wall time
)

// fleetScenario is an apply, a refresh-only plan and a destroy of many clusters against one
// rate-limited mock.
type fleetScenario struct {
	clusters int
	apply    measurement
	refresh  measurement
	destroy  measurement
}

func (s fleetScenario) name() string {
	return fmt.Sprintf("%d clusters, -parallelism=%d, %s service time, %g requests/s",
		s.clusters, fleetParallelism, formatSetting(fleetServiceTime), fleetRateLimit)
}

func (s fleetScenario) measurements() []measurement {
	return []measurement{s.apply, s.refresh, s.destroy}
}

// idealApply returns the ideal wall time of the apply: the waves that the parallelism allows,
// each one service time long, plus the time that the rate limit needs for the requests that the
// mock accepted. Rejected requests are left out because they take no token from the limit.
func (s fleetScenario) idealApply() time.Duration {
	return time.Duration(s.waves())*fleetServiceTime + s.rateLimitFloor()
}

// waves returns ceil(clusters / parallelism): how many service times the apply takes at least.
func (s fleetScenario) waves() int {
	return (s.clusters + fleetParallelism - 1) / fleetParallelism
}

// rateLimitFloor returns the time the rate limit needs for the requests the apply got accepted.
func (s fleetScenario) rateLimitFloor() time.Duration {
	return time.Duration(float64(s.apply.traffic.accepted()) / fleetRateLimit * float64(time.Second))
}

// running returns how many clusters the apply left RUNNING.
func (s fleetScenario) running() int {
	count := 0
	for _, cluster := range s.apply.after.Clusters {
		if cluster.Status == mock.StatusRunning {
			count++
		}
	}
	return count
}

// describesPerCluster returns the describe calls that m made for each cluster that the apply
// created, in the order of creation.
func (s fleetScenario) describesPerCluster(m measurement) []int {
	counts := make([]int, 0, len(s.apply.traffic.newClusters))
	for _, cluster := range s.apply.traffic.newClusters {
		counts = append(counts, m.traffic.describes[cluster.ClusterID])
	}
	return counts
}

// refreshDescribeRange returns the fewest and most describe calls, retries included, that the
// refresh made for one cluster.
func (s fleetScenario) refreshDescribeRange() (int, int) {
	counts := s.describesPerCluster(s.refresh)
	if len(counts) == 0 {
		return 0, 0
	}
	return slices.Min(counts), slices.Max(counts)
}

// acceptedRefreshDescribes returns the describe requests of the refresh that the mock served,
// and whether describe was the only endpoint called. Every 429 of a refresh is then a rejected
// describe.
func (s fleetScenario) acceptedRefreshDescribes() (int, bool) {
	t := s.refresh.traffic
	describes := t.requests[mock.EndpointDescribe]
	return describes - t.tooManyRequests, describes == t.total()
}

// runFleetScenario starts a mock with the fleet's service time and rate limit, then runs apply,
// plan -refresh-only and destroy of a configuration with the given number of clusters.
func runFleetScenario(ctx context.Context, env *benchEnv, clusters int) (fleetScenario, error) {
	scenario := fleetScenario{clusters: clusters}
	dir := filepath.Join(env.tempDir, "fleet")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return scenario, fmt.Errorf("creating the working directory failed: %w", err)
	}

	server, err := startMock(ctx, env.built.mock, filepath.Join(dir, "mock.log"),
		mockSettings{createDelay: fleetServiceTime, rateLimit: fleetRateLimit})
	if err != nil {
		return scenario, err
	}
	defer env.stopMock(server)
	if err := writeConfiguration(dir, "bench-fleet", clusters); err != nil {
		return scenario, err
	}

	steps := []struct {
		name   string
		args   []string
		result *measurement
	}{
		{"apply", applyArgs(fleetParallelism), &scenario.apply},
		{"plan -refresh-only", refreshOnlyArgs(fleetParallelism), &scenario.refresh},
		{"destroy", destroyArgs(fleetParallelism), &scenario.destroy},
	}
	for _, step := range steps {
		*step.result, err = measure(ctx, env.cli, dir, server, step.args...)
		if err != nil {
			return scenario, err
		}
		env.logger.Printf("%s: %s %s (exit %d), %d requests, %d rejected with 429",
			scenario.name(), step.name, formatSeconds(step.result.wall), step.result.exitCode,
			step.result.traffic.total(), step.result.traffic.tooManyRequests)
	}
	return scenario, nil
}
