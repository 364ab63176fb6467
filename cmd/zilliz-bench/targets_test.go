package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

const ms = time.Millisecond

// testRun returns a successful single-create run with the given apply wall time, 2 s service
// time and describe count.
func testRun(wall time.Duration, describes int) createRun {
	return createRun{
		apply:     measurement{commandResult: commandResult{wall: wall}},
		clusterID: "inxx-test",
		service:   2 * time.Second,
		describes: describes,
	}
}

func TestCreateOverheadTarget(t *testing.T) {
	cases := []struct {
		name  string
		walls []time.Duration
		want  bool
	}{
		{"median under limit", []time.Duration{2600 * ms, 3500 * ms, 2700 * ms}, true},
		{"median at limit", []time.Duration{3 * time.Second}, true},
		{"median over limit", []time.Duration{3100 * ms, 3200 * ms, 2100 * ms}, false},
	}
	for _, c := range cases {
		scenario := createScenario{serviceTime: 2 * time.Second}
		for _, wall := range c.walls {
			scenario.runs = append(scenario.runs, testRun(wall, 2))
		}
		if got := createOverheadTarget(scenario); got.pass != c.want {
			t.Errorf("%s: pass = %t, want %t (%s)", c.name, got.pass, c.want, got.measured)
		}
	}
}

func TestCreateOverheadTargetFailsOnFailedRun(t *testing.T) {
	failed := testRun(2100*time.Millisecond, 1)
	failed.apply.exitCode = 1
	scenario := createScenario{serviceTime: 2 * time.Second, runs: []createRun{testRun(2100*ms, 2), failed}}

	if got := createOverheadTarget(scenario); got.pass {
		t.Errorf("pass = true with a failed run (%s)", got.measured)
	}
}

func TestDescribeCountTarget(t *testing.T) {
	for _, c := range []struct {
		worst int
		want  bool
	}{{maxLongCreateDescribe, true}, {maxLongCreateDescribe + 1, false}} {
		scenario := createScenario{serviceTime: longServiceTime,
			runs: []createRun{testRun(31*time.Second, 4), testRun(31*time.Second, c.worst)}}
		if got := describeCountTarget(scenario); got.pass != c.want {
			t.Errorf("worst %d: pass = %t, want %t (%s)", c.worst, got.pass, c.want, got.measured)
		}
	}
}

// testFleet returns a fleet whose apply created the given number of clusters, all RUNNING, with
// 3 describe calls each, and whose refresh described each once.
func testFleet(clusters int) fleetScenario {
	fleet := fleetScenario{clusters: clusters}
	apply := &fleet.apply.traffic
	refresh := &fleet.refresh.traffic
	apply.describes, refresh.describes = map[string]int{}, map[string]int{}
	for i := range clusters {
		cluster := mock.ClusterStats{ClusterID: fmt.Sprintf("inxx-%d", i), Status: mock.StatusRunning}
		apply.newClusters = append(apply.newClusters, cluster)
		fleet.apply.after.Clusters = append(fleet.apply.after.Clusters, cluster)
		apply.describes[cluster.ClusterID] = 3
		refresh.describes[cluster.ClusterID] = 1
	}
	apply.requests = map[string]int{mock.EndpointCreate: clusters, mock.EndpointDescribe: 3 * clusters}
	refresh.requests = map[string]int{mock.EndpointDescribe: clusters}
	return fleet
}

func TestFleetIdealApply(t *testing.T) {
	fleet := testFleet(100)

	// 10 waves of 5 s, plus 400 accepted requests at 20 per second.
	if got, want := fleet.idealApply(), 70*time.Second; got != want {
		t.Errorf("idealApply = %s, want %s", got, want)
	}
}

func TestFleetApplyTarget(t *testing.T) {
	cases := []struct {
		wall time.Duration
		want bool
	}{{80 * time.Second, true}, {80500 * time.Millisecond, true}, {81 * time.Second, false}}
	for _, c := range cases {
		fleet := testFleet(100)
		fleet.apply.wall = c.wall
		if got := fleetApplyTarget(fleet); got.pass != c.want {
			t.Errorf("wall %s: pass = %t, want %t (%s)", c.wall, got.pass, c.want, got.measured)
		}
	}
}

func TestFleetApplyTargetNeedsEveryClusterRunning(t *testing.T) {
	fleet := testFleet(100)
	fleet.apply.after.Clusters[7].Status = mock.StatusCreating

	if got := fleetApplyTarget(fleet); got.pass {
		t.Errorf("pass = true with a cluster still CREATING (%s)", got.measured)
	}
}

func TestRefreshTargetAllowsRetriesAfter429(t *testing.T) {
	fleet := testFleet(100)
	fleet.refresh.traffic.describes["inxx-3"] = 2
	fleet.refresh.traffic.requests[mock.EndpointDescribe]++
	fleet.refresh.traffic.tooManyRequests = 1

	if got := refreshTarget(fleet); !got.pass {
		t.Errorf("pass = false, want true (%s)", got.measured)
	}
}

func TestRefreshTargetRejectsSecondServedDescribe(t *testing.T) {
	fleet := testFleet(100)
	fleet.refresh.traffic.describes["inxx-3"] = 2
	fleet.refresh.traffic.requests[mock.EndpointDescribe]++

	if got := refreshTarget(fleet); got.pass {
		t.Errorf("pass = true with 101 served describes (%s)", got.measured)
	}
}

func TestRefreshTargetRejectsOtherEndpoints(t *testing.T) {
	fleet := testFleet(100)
	fleet.refresh.traffic.requests[mock.EndpointList] = 1

	got := refreshTarget(fleet)
	if got.pass {
		t.Errorf("pass = true with a list request (%s)", got.measured)
	}
	if !strings.Contains(got.measured, "1 requests to other endpoints") {
		t.Errorf("measured = %q, want it to name the other request", got.measured)
	}
}

func TestNoUserVisible429Target(t *testing.T) {
	clean := measurement{commandResult: commandResult{output: []byte("Apply complete!")}}
	clean.traffic.tooManyRequests = 12
	drift := measurement{commandResult: commandResult{exitCode: refreshChangesExitCode}}
	printed := measurement{commandResult: commandResult{output: []byte("Error: ... HTTP 429")}}
	failed := measurement{commandResult: commandResult{exitCode: 1}}

	cases := []struct {
		name         string
		measurements []measurement
		want         bool
	}{
		{"429s retried silently", []measurement{clean, drift}, true},
		{"429 printed", []measurement{clean, printed}, false},
		{"command failed", []measurement{clean, failed}, false},
	}
	for _, c := range cases {
		if got := noUserVisible429Target(c.measurements); got.pass != c.want {
			t.Errorf("%s: pass = %t, want %t (%s)", c.name, got.pass, c.want, got.measured)
		}
	}
}

func TestFleetMemoryTarget(t *testing.T) {
	cases := []struct {
		name string
		peak rssPeak
		want bool
	}{
		{"under limit", rssPeak{bytes: maxProviderRSS - 1, processes: 4}, true},
		{"at limit", rssPeak{bytes: maxProviderRSS, processes: 4}, false},
		{"no process seen", rssPeak{}, false},
	}
	for _, c := range cases {
		fleet := testFleet(10)
		fleet.apply.rss = c.peak
		if got := fleetMemoryTarget(fleet); got.pass != c.want {
			t.Errorf("%s: pass = %t, want %t (%s)", c.name, got.pass, c.want, got.measured)
		}
	}
}
