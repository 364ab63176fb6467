package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
	"github.com/vectorops/terraform-provider-zilliz/internal/wait"
)

// maxNotFoundWhileCreating is how many describe calls in a row may report a new cluster as not
// found, while the service has not yet made it visible, before the wait fails.
const maxNotFoundWhileCreating = 3

// runningSchedule starts with short polls and then aims at the completion time that the
// cluster's createProgress predicts.
var runningSchedule = wait.Schedule{
	FirstWait:        500 * time.Millisecond,
	MinWait:          200 * time.Millisecond,
	MaxWait:          10 * time.Second,
	Multiplier:       1.5,
	Jitter:           0.1,
	ProgressFromZero: true,
}

// deletedSchedule is a plain backoff, because describe reports no progress for a drop.
var deletedSchedule = wait.Schedule{
	FirstWait:  500 * time.Millisecond,
	MinWait:    500 * time.Millisecond,
	MaxWait:    5 * time.Second,
	Multiplier: 1.5,
	Jitter:     0.1,
}

// unexpectedStatusError reports a cluster that entered a status from which the awaited status
// cannot follow.
type unexpectedStatusError struct {
	clusterID string
	status    string
	expected  string
}

func (e *unexpectedStatusError) Error() string {
	return fmt.Sprintf("cluster %s entered status %q while the provider waited for %s", e.clusterID, e.status, e.expected)
}

// waitForRunning polls the cluster until it is RUNNING and returns its last description.
func waitForRunning(ctx context.Context, apiClient *client.Client, clusterID string) (*client.Cluster, error) {
	ctx = tflog.SetField(ctx, "cluster_id", clusterID)
	var last *client.Cluster
	notFound := 0

	err := wait.Until(ctx, runningSchedule, func(ctx context.Context) (wait.Observation, error) {
		cluster, err := apiClient.DescribeCluster(ctx, clusterID)
		if client.IsNotFound(err) && notFound < maxNotFoundWhileCreating {
			notFound++
			return wait.Observation{Progress: -1, Status: "not found"}, nil
		}
		if err != nil {
			return wait.Observation{}, err
		}
		notFound = 0
		last = cluster

		switch cluster.Status {
		case client.StatusRunning:
			return wait.Observation{Done: true, Progress: cluster.CreateProgress, Status: cluster.Status}, nil
		case client.StatusCreating, client.StatusInitializing, client.StatusResuming:
			return wait.Observation{Progress: cluster.CreateProgress, Status: cluster.Status}, nil
		default:
			return wait.Observation{}, &unexpectedStatusError{clusterID: clusterID, status: cluster.Status, expected: client.StatusRunning}
		}
	})

	return last, err
}

// waitForDeleted polls the cluster until describe reports it DELETED or not found.
func waitForDeleted(ctx context.Context, apiClient *client.Client, clusterID string) error {
	ctx = tflog.SetField(ctx, "cluster_id", clusterID)
	return wait.Until(ctx, deletedSchedule, func(ctx context.Context) (wait.Observation, error) {
		cluster, err := apiClient.DescribeCluster(ctx, clusterID)
		if client.IsNotFound(err) {
			return wait.Observation{Done: true, Progress: -1, Status: "not found"}, nil
		}
		if err != nil {
			return wait.Observation{}, err
		}

		return wait.Observation{Done: cluster.Status == client.StatusDeleted, Progress: -1, Status: cluster.Status}, nil
	})
}
