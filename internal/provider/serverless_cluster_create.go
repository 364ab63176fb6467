package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
	"github.com/vectorops/terraform-provider-zilliz/internal/wait"
)

const (
	// maxCreateAttempts bounds how often Create sends createServerless after responses that were
	// lost, when no cluster with the name turned up each time.
	maxCreateAttempts = 3

	// lookupGracePeriod bounds the lookup by name after a create that was interrupted once its
	// request was sent, so that an interrupted apply still records a cluster the request made.
	lookupGracePeriod = 3 * time.Second

	// maxLookupAttempts bounds the lookups by name after a lost create response, each of which
	// the client may already have retried for rate limits and unavailable services.
	maxLookupAttempts = 3

	// adoptionClockSkew is how much older than the create request a cluster found by name may be
	// and still count as the one the lost request created, allowing for the service's clock.
	// NOTE: after a lost response, a cluster of the same name that someone else made within this
	// window before the apply would be adopted, because the API returns no request ID to compare.
	adoptionClockSkew = 2 * time.Minute
)

// lookupSchedule spaces the lookups by name after a failed one.
var lookupSchedule = wait.Schedule{MinWait: time.Second, MaxWait: 4 * time.Second, Multiplier: 2}

// createOutcome is a cluster that Create made: created, with its one-time credentials, or
// adopted, found by name after a create whose response was lost.
type createOutcome struct {
	created *client.CreateServerlessResponse
	adopted *client.Cluster
}

// createOrAdopt calls createServerless, which is not idempotent. The client retries it only when
// the service provably did not act on it. When the outcome is unknown, createOrAdopt looks the
// cluster up by name in the project before anything else: a cluster found there is adopted, and
// otherwise the create is sent again. So one resource never makes two clusters, and a cluster
// that was made is always returned for the state.
func createOrAdopt(ctx context.Context, apiClient *client.Client, request client.CreateServerlessRequest) (createOutcome, error) {
	startedAt := time.Now()
	var lostResponse error

	for attempt := 1; attempt <= maxCreateAttempts; attempt++ {
		created, err := apiClient.CreateServerlessCluster(ctx, request)
		if err == nil {
			return createOutcome{created: created}, nil
		}

		// After a lost response, every later failure may hide the cluster that the lost request
		// made, such as a duplicate name that the lookup before it did not see yet.
		if !client.IsOutcomeUnknown(err) && lostResponse == nil {
			return createOutcome{}, err
		}
		tflog.Warn(ctx, "Outcome of createServerless is unknown; looking the cluster up by name", map[string]any{
			"cluster_name": request.ClusterName,
			"project_id":   request.ProjectID,
			"attempt":      attempt,
			"error":        err.Error(),
		})

		outcome, found, lookupErr := adoptAfterLostResponse(ctx, apiClient, request, startedAt)
		switch {
		case lookupErr != nil:
			return createOutcome{}, fmt.Errorf("%w; then looking the cluster up by name failed: %w", err, lookupErr)
		case found:
			return outcome, nil
		case !client.IsOutcomeUnknown(err) || ctx.Err() != nil:
			return createOutcome{}, err
		}
		lostResponse = err
	}

	return createOutcome{}, lostResponse
}

// preexistingClusterError reports a cluster found by name after a lost create response that is
// too old to be the one the lost request made.
type preexistingClusterError struct {
	clusterID  string
	createTime string
}

func (e *preexistingClusterError) Error() string {
	return fmt.Sprintf("a cluster with this name, %s, already existed before this apply (created %s), so it was "+
		"not adopted", e.clusterID, e.createTime)
}

// adoptAfterLostResponse looks the cluster up by name and returns it for adoption when it is
// not older than the apply, allowing for adoptionClockSkew.
func adoptAfterLostResponse(ctx context.Context, apiClient *client.Client, request client.CreateServerlessRequest,
	startedAt time.Time,
) (createOutcome, bool, error) {
	existing, err := findAfterLostResponse(ctx, apiClient, request)
	if err != nil || existing == nil {
		return createOutcome{}, false, err
	}
	if existing.ClusterID == "" {
		return createOutcome{}, false, fmt.Errorf("the cluster list returned the cluster %q without a cluster ID",
			request.ClusterName)
	}

	if createdBefore(existing, startedAt.Add(-adoptionClockSkew)) {
		return createOutcome{}, false, &preexistingClusterError{clusterID: existing.ClusterID, createTime: existing.CreateTime}
	}
	tflog.Warn(ctx, "Found the cluster that the lost create request made", map[string]any{
		"cluster_id": existing.ClusterID,
	})
	return createOutcome{adopted: existing}, true, nil
}

// findAfterLostResponse looks the cluster up by name, trying again after a failed lookup, because
// giving up would orphan a cluster that the lost request made. When ctx has ended, as after
// Ctrl-C, the lookup runs on a context of its own, bounded by lookupGracePeriod.
func findAfterLostResponse(ctx context.Context, apiClient *client.Client, request client.CreateServerlessRequest) (*client.Cluster, error) {
	if ctx.Err() != nil {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), lookupGracePeriod)
		defer cancel()
	}

	var found *client.Cluster
	failures := 0
	err := wait.Until(ctx, lookupSchedule, func(ctx context.Context) (wait.Observation, error) {
		cluster, err := apiClient.FindLiveClusterByName(ctx, request.ProjectID, request.ClusterName)
		if err != nil && failures+1 < maxLookupAttempts && ctx.Err() == nil {
			failures++
			tflog.Warn(ctx, "Looking the cluster up by name failed; trying again", map[string]any{
				"cluster_name": request.ClusterName,
				"attempt":      failures,
				"error":        err.Error(),
			})
			return wait.Observation{Progress: -1}, nil
		}

		found = cluster
		return wait.Observation{Done: true}, err
	})
	return found, err
}

// createdBefore reports whether the cluster's createTime is known and earlier than limit.
func createdBefore(cluster *client.Cluster, limit time.Time) bool {
	created, err := time.Parse(time.RFC3339, cluster.CreateTime)
	return err == nil && created.Before(limit)
}
