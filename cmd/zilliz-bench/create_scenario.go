package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// defaultParallelism is Terraform's default -parallelism, passed to every command so that the
// recorded command lines state it.
const defaultParallelism = 10

// createScenario is the single creates at one service time, each an apply followed by a
// destroy, against one mock.
type createScenario struct {
	// serviceTime is the mock's -create-delay.
	serviceTime time.Duration
	runs        []createRun
}

// createRun is one apply and destroy of a configuration with one cluster.
type createRun struct {
	apply   measurement
	destroy measurement

	// clusterID is the cluster that the apply created, or "" when it created none or several.
	clusterID string

	// service is the mock's time from creation to RUNNING, or 0 when the cluster never reached
	// RUNNING.
	service time.Duration

	// describes is the number of describe requests for the cluster during the apply.
	describes int
}

// overhead returns the apply's wall time minus the service time, with false when the apply
// failed or its cluster never reached RUNNING.
func (r createRun) overhead() (time.Duration, bool) {
	if !r.apply.succeeded() || r.clusterID == "" || r.service == 0 {
		return 0, false
	}
	return r.apply.wall - r.service, true
}

func (s createScenario) name() string {
	return "Single create, " + formatSetting(s.serviceTime) + " service time"
}

// overheads returns the overhead of each run that has one, and the number of runs that failed
// or whose cluster never reached RUNNING.
func (s createScenario) overheads() ([]time.Duration, int) {
	var overheads []time.Duration
	failed := 0
	for _, run := range s.runs {
		if overhead, ok := run.overhead(); ok {
			overheads = append(overheads, overhead)
		} else {
			failed++
		}
	}
	return overheads, failed
}

// describeCounts returns each run's describe calls during the apply, for runs that created a
// cluster.
func (s createScenario) describeCounts() []int {
	var counts []int
	for _, run := range s.runs {
		if run.clusterID != "" {
			counts = append(counts, run.describes)
		}
	}
	return counts
}

// measurements returns every command of the scenario.
func (s createScenario) measurements() []measurement {
	var all []measurement
	for _, run := range s.runs {
		all = append(all, run.apply, run.destroy)
	}
	return all
}

// runCreateScenario starts a mock whose clusters take serviceTime to reach RUNNING, then
// applies and destroys a one-cluster configuration runs times, with a new cluster name each
// time.
func runCreateScenario(ctx context.Context, env *benchEnv, serviceTime time.Duration, runs int) (
	createScenario, error,
) {
	scenario := createScenario{serviceTime: serviceTime}
	label := fmt.Sprintf("%gs", serviceTime.Seconds())
	dir := filepath.Join(env.tempDir, "create-"+label)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return scenario, fmt.Errorf("creating the working directory failed: %w", err)
	}

	server, err := startMock(ctx, env.built.mock, filepath.Join(dir, "mock.log"),
		mockSettings{createDelay: serviceTime})
	if err != nil {
		return scenario, err
	}
	defer env.stopMock(server)

	for i := 1; i <= runs; i++ {
		run, err := runSingleCreate(ctx, env, server, dir, fmt.Sprintf("bench-%s-r%d", label, i))
		if err != nil {
			return scenario, err
		}
		scenario.runs = append(scenario.runs, run)

		overhead, _ := run.overhead()
		env.logger.Printf("%s, run %d of %d: apply %s (exit %d), service %s, overhead %s, "+
			"%d describes; destroy %s (exit %d)", scenario.name(), i, runs,
			formatSeconds(run.apply.wall), run.apply.exitCode, formatSeconds(run.service),
			formatSeconds(overhead), run.describes, formatSeconds(run.destroy.wall), run.destroy.exitCode)
	}
	return scenario, nil
}

// runSingleCreate applies a one-cluster configuration named after namePrefix, then destroys it.
func runSingleCreate(ctx context.Context, env *benchEnv, server *mockServer, dir, namePrefix string) (
	createRun, error,
) {
	if err := writeConfiguration(dir, namePrefix, 1); err != nil {
		return createRun{}, err
	}

	apply, err := measure(ctx, env.cli, dir, server, applyArgs(defaultParallelism)...)
	if err != nil {
		return createRun{}, err
	}
	run := createRun{apply: apply}
	if created := apply.traffic.newClusters; len(created) == 1 {
		run.clusterID = created[0].ClusterID
		run.describes = apply.traffic.describes[run.clusterID]
		if created[0].SecondsToRunning != nil {
			run.service = time.Duration(*created[0].SecondsToRunning * float64(time.Second))
		}
	}

	run.destroy, err = measure(ctx, env.cli, dir, server, destroyArgs(defaultParallelism)...)
	if err != nil {
		return createRun{}, err
	}
	return run, nil
}
