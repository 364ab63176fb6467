package mock

import (
	"math/rand/v2"
	"slices"
	"time"
)

// clusterRecord is a stored cluster. Its status and createProgress are not stored but computed
// from the clock by stateAt, so a cluster advances without a goroutine of its own.
type clusterRecord struct {
	id        string
	name      string
	projectID string
	plan      string
	regionID  string
	password  string
	createdAt time.Time

	// createDuration is the time from creation to RUNNING, and initializing is its final part
	// that reports INITIALIZING.
	createDuration time.Duration
	initializing   time.Duration

	// progressSteps are the jumps of uneven createProgress. Nil means linear progress.
	progressSteps []progressStep

	// fixedStatus is a status that never changes, set by AddCluster. Empty means the cluster
	// follows the creation lifecycle.
	fixedStatus string

	// dropped is set by a drop. The cluster is DELETING until droppedAt + deleteDuration and
	// DELETED from then on.
	dropped        bool
	droppedAt      time.Time
	deleteDuration time.Duration

	describeCount int
}

// progressStep is a jump of createProgress: from fraction at of the creation time on, the
// progress is value until the next step.
type progressStep struct {
	at    float64
	value int64
}

// clusterState is the lifecycle of a cluster at one moment.
type clusterState struct {
	status   string
	progress int64

	// reachedRunning is whether the cluster has ever been RUNNING, which sets connectAddress.
	reachedRunning bool
}

// newUnevenProgress draws 3 to 6 jumps between 5% and 95% of the creation time, each to a
// progress from 1 to 99. Both lists are sorted, so progress stalls between jumps, never
// decreases and reaches 100 only when the cluster is RUNNING.
func newUnevenProgress(rng *rand.Rand) []progressStep {
	count := 3 + rng.IntN(4)
	times := make([]float64, count)
	values := make([]int64, count)
	for i := range count {
		times[i] = 0.05 + 0.9*rng.Float64()
		values[i] = 1 + rng.Int64N(99)
	}
	slices.Sort(times)
	slices.Sort(values)

	steps := make([]progressStep, count)
	for i := range count {
		steps[i] = progressStep{at: times[i], value: values[i]}
	}
	return steps
}

// progressAt returns createProgress after elapsed time since creation.
func (c *clusterRecord) progressAt(elapsed time.Duration) int64 {
	if elapsed >= c.createDuration {
		return 100
	}
	if elapsed <= 0 {
		return 0
	}
	fraction := float64(elapsed) / float64(c.createDuration)

	if c.progressSteps == nil {
		return min(99, int64(fraction*100))
	}
	var progress int64
	for _, step := range c.progressSteps {
		if fraction < step.at {
			break
		}
		progress = step.value
	}
	return progress
}

// creationStateAt returns the state at t as if the cluster had never been dropped.
func (c *clusterRecord) creationStateAt(t time.Time) clusterState {
	if c.fixedStatus != "" {
		return clusterState{status: c.fixedStatus, progress: 100, reachedRunning: true}
	}

	elapsed := t.Sub(c.createdAt)
	if elapsed >= c.createDuration {
		return clusterState{status: StatusRunning, progress: 100, reachedRunning: true}
	}

	status := StatusCreating
	if elapsed >= c.createDuration-c.initializing {
		status = StatusInitializing
	}
	return clusterState{status: status, progress: c.progressAt(elapsed)}
}

// stateAt returns the state at now. A dropped cluster keeps the progress and connectAddress
// it had when it was dropped.
func (c *clusterRecord) stateAt(now time.Time) clusterState {
	if !c.dropped {
		return c.creationStateAt(now)
	}

	state := c.creationStateAt(c.droppedAt)
	state.status = StatusDeleted
	if now.Before(c.deletedAt()) {
		state.status = StatusDeleting
	}
	return state
}

func (c *clusterRecord) deletedAt() time.Time {
	return c.droppedAt.Add(c.deleteDuration)
}

// isLive reports whether the cluster is in any status but DELETED at now.
func (c *clusterRecord) isLive(now time.Time) bool {
	return !c.dropped || now.Before(c.deletedAt())
}

// isVisible reports whether the API still describes the cluster at now: it is live, or it has
// been DELETED for less than retention.
func (c *clusterRecord) isVisible(now time.Time, retention time.Duration) bool {
	return !c.dropped || now.Before(c.deletedAt().Add(retention))
}

// drop starts the deletion at now, unless one has already started.
func (c *clusterRecord) drop(now time.Time, deleteDuration time.Duration) {
	if c.dropped {
		return
	}
	c.dropped = true
	c.droppedAt = now
	c.deleteDuration = deleteDuration
}

// snapshot returns the cluster as the describe call shows it at now.
func (c *clusterRecord) snapshot(now time.Time) Cluster {
	state := c.stateAt(now)

	connectAddress := ""
	if state.reachedRunning {
		connectAddress = "https://" + c.id + ".serverless." + c.regionID + ".cloud.zilliz.com"
	}

	return Cluster{
		ClusterID:      c.id,
		ClusterName:    c.name,
		RegionID:       c.regionID,
		ClusterType:    "Serverless",
		Plan:           c.plan,
		Status:         state.status,
		ConnectAddress: connectAddress,
		CreateTime:     c.createdAt.UTC().Format(timeLayout),
		CreateProgress: state.progress,
		ProjectID:      c.projectID,
	}
}
