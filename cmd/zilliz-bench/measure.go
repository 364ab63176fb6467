package main

import (
	"context"
	"regexp"
	"strconv"

	"github.com/vectorops/terraform-provider-zilliz/internal/mock"
)

// userVisible429 matches a rate-limit error in Terraform's output: the status code as a word,
// or the phrase that the mock and net/http use for it.
var userVisible429 = regexp.MustCompile(`(?i)\b429\b|too many requests`)

// traffic is the mock's traffic during one command, from two /_mock/stats snapshots.
type traffic struct {
	// requests counts API requests per endpoint name, including those rejected with HTTP 429.
	requests map[string]int

	tooManyRequests int

	// describes counts describe requests per cluster ID, including rejected ones.
	describes map[string]int

	// newClusters are the clusters first stored during the command, as they were at its end.
	newClusters []mock.ClusterStats
}

// total returns the number of API requests to every endpoint.
func (t traffic) total() int {
	sum := 0
	for _, count := range t.requests {
		sum += count
	}
	return sum
}

// accepted returns the number of API requests that the mock did not reject with HTTP 429.
func (t traffic) accepted() int {
	return t.total() - t.tooManyRequests
}

// diffStats returns the traffic between two snapshots of the same mock.
func diffStats(before, after mock.Stats) traffic {
	delta := traffic{
		requests:        make(map[string]int, len(after.Requests)),
		tooManyRequests: after.TooManyRequests - before.TooManyRequests,
		describes:       make(map[string]int, len(after.Clusters)),
	}
	for endpoint, count := range after.Requests {
		delta.requests[endpoint] = count - before.Requests[endpoint]
	}

	earlier := make(map[string]int, len(before.Clusters))
	for _, cluster := range before.Clusters {
		earlier[cluster.ClusterID] = cluster.DescribeCount
	}
	for _, cluster := range after.Clusters {
		previous, existed := earlier[cluster.ClusterID]
		delta.describes[cluster.ClusterID] = cluster.DescribeCount - previous
		if !existed {
			delta.newClusters = append(delta.newClusters, cluster)
		}
	}
	return delta
}

// measurement is a Terraform command together with the mock's traffic during it.
type measurement struct {
	commandResult
	traffic traffic

	// after is the mock's state once the command had finished.
	after mock.Stats
}

// userSaw429 reports whether Terraform's output mentions a rate-limit error.
func (m measurement) userSaw429() bool {
	return userVisible429.Match(m.output)
}

// measure runs one Terraform command against server and records the traffic it caused. An error
// means that the mock's stats could not be read. A failed command is not an error but a result.
func measure(ctx context.Context, cli *terraformCLI, dir string, server *mockServer, args ...string) (
	measurement, error,
) {
	before, err := server.stats(ctx)
	if err != nil {
		return measurement{}, err
	}

	result := cli.run(ctx, dir, server, args...)

	after, err := server.stats(ctx)
	if err != nil {
		return measurement{}, err
	}
	return measurement{commandResult: result, traffic: diffStats(before, after), after: after}, nil
}

// Terraform command lines. -compact-warnings shortens the dev_overrides warning that every
// command repeats.
func applyArgs(parallelism int) []string {
	return []string{"apply", "-auto-approve", "-input=false", "-no-color", "-compact-warnings",
		parallelismFlag(parallelism)}
}

func destroyArgs(parallelism int) []string {
	return []string{"destroy", "-auto-approve", "-input=false", "-no-color", "-compact-warnings",
		parallelismFlag(parallelism)}
}

// refreshOnlyArgs uses -detailed-exitcode, which exits with 2 when the refresh found changes.
func refreshOnlyArgs(parallelism int) []string {
	return []string{"plan", "-refresh-only", "-detailed-exitcode", "-input=false", "-no-color",
		"-compact-warnings", parallelismFlag(parallelism)}
}

func parallelismFlag(parallelism int) string {
	return "-parallelism=" + strconv.Itoa(parallelism)
}

// refreshChangesExitCode is the exit status of a plan with -detailed-exitcode that has changes.
const refreshChangesExitCode = 2
