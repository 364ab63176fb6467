package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

const (
	// minPageSize and maxPageSize are the page sizes that GET /v1/clusters accepts.
	minPageSize = 5
	maxPageSize = 100

	// maxClusterPages bounds ListAllClusters, so that a service that ignores the page number
	// cannot keep it busy forever. At 100 clusters a page it allows 100,000 clusters.
	maxClusterPages = 1000
)

// CreateServerlessCluster sends POST /v1/clusters/createServerless. The request is not
// idempotent, so it is retried only after 429, 503 or a connection that failed before the request
// was written. When the service may have created the cluster although no success response was
// decoded, the error wraps an *OutcomeUnknownError. The response contains the generated
// password, which the service returns only this once.
func (c *Client) CreateServerlessCluster(ctx context.Context, req CreateServerlessRequest) (*CreateServerlessResponse, error) {
	ctx = c.logContext(ctx)

	var created CreateServerlessResponse
	createRequest := request{method: http.MethodPost, path: "/v1/clusters/createServerless", body: req}
	if err := c.do(ctx, createRequest, &created); err != nil {
		return nil, err
	}

	ctx = maskSecret(ctx, created.Password)
	tflog.SubsystemDebug(ctx, logSubsystem, "Created serverless cluster", map[string]any{
		"cluster_id":   created.ClusterID,
		"cluster_name": req.ClusterName,
		"project_id":   req.ProjectID,
		"username":     created.Username,
	})
	return &created, nil
}

// checkRequired rejects a create response without a cluster ID, because the caller could not
// manage the cluster that the service then probably created.
func (r *CreateServerlessResponse) checkRequired() error {
	if r.ClusterID == "" {
		return errors.New("the response data has no clusterId")
	}
	return nil
}

// secrets returns the generated password, so that the logged response body is redacted of it.
func (r *CreateServerlessResponse) secrets() []string {
	return []string{r.Password}
}

// DescribeCluster sends GET /v1/clusters/{clusterId}. A cluster that does not exist gives an
// error for which IsNotFound is true, and a response without clusterId or status is a
// *ResponseError. A dropped cluster may still be described for a while, with status DELETED.
func (c *Client) DescribeCluster(ctx context.Context, clusterID string) (*Cluster, error) {
	path, err := clusterPath(clusterID, "")
	if err != nil {
		return nil, err
	}

	var cluster Cluster
	if err := c.do(ctx, request{method: http.MethodGet, path: path}, &cluster); err != nil {
		return nil, err
	}
	return &cluster, nil
}

// checkRequired rejects a describe response without a cluster ID or status. Without them the
// caller could record a cluster under an empty ID, or wait for a status that never shows.
func (c *Cluster) checkRequired() error {
	var missing []string
	if c.ClusterID == "" {
		missing = append(missing, "clusterId")
	}
	if c.Status == "" {
		missing = append(missing, "status")
	}
	if len(missing) > 0 {
		return fmt.Errorf("the response data has no %s", strings.Join(missing, " and "))
	}
	return nil
}

// DropCluster sends DELETE /v1/clusters/{clusterId}/drop. A drop that fails with code 80020
// gives an error for which IsNotFound is true.
//
// NOTE: What the real service returns for a drop that is sent again, as after a retry, once an
// earlier drop took effect is not known. The mock in internal/mock accepts it again while the
// cluster is DELETING and returns 80020 once the cluster is DELETED, so callers should treat
// both results as a cluster that is being deleted or gone.
func (c *Client) DropCluster(ctx context.Context, clusterID string) (*DropClusterResponse, error) {
	path, err := clusterPath(clusterID, "/drop")
	if err != nil {
		return nil, err
	}

	var dropped DropClusterResponse
	if err := c.do(ctx, request{method: http.MethodDelete, path: path}, &dropped); err != nil {
		return nil, err
	}
	return &dropped, nil
}

// ListClusters sends GET /v1/clusters for one page. pageSize must be from 5 to 100, and current
// is the page number, starting at 1.
func (c *Client) ListClusters(ctx context.Context, pageSize, current int) (*ClusterPage, error) {
	if pageSize < minPageSize || pageSize > maxPageSize {
		return nil, fmt.Errorf("listing clusters: invalid page size %d: it must be from %d to %d",
			pageSize, minPageSize, maxPageSize)
	}
	if current < 1 {
		return nil, fmt.Errorf("listing clusters: invalid page number %d: pages start at 1", current)
	}

	query := url.Values{}
	query.Set("pageSize", strconv.Itoa(pageSize))
	query.Set("current", strconv.Itoa(current))

	var page ClusterPage
	err := c.do(ctx, request{method: http.MethodGet, path: "/v1/clusters", query: query}, &page)
	if err != nil {
		return nil, err
	}
	return &page, nil
}

// ListAllClusters returns the clusters of every page of GET /v1/clusters, 100 a page, in the
// order of the pages and without repeating a cluster ID.
//
// NOTE: The pages are read one after another, so a cluster created or dropped meanwhile can move
// another cluster across a page boundary and out of the result. The API has no snapshot or
// cursor to prevent that.
func (c *Client) ListAllClusters(ctx context.Context) ([]Cluster, error) {
	ctx = c.logContext(ctx)

	var clusters []Cluster
	seen := map[string]bool{}
	fetched := 0

	for current := 1; current <= maxClusterPages; current++ {
		page, err := c.ListClusters(ctx, maxPageSize, current)
		if err != nil {
			return nil, err
		}

		for _, cluster := range page.Clusters {
			if !seen[cluster.ClusterID] {
				seen[cluster.ClusterID] = true
				clusters = append(clusters, cluster)
			}
		}
		fetched += len(page.Clusters)

		if isLastPage(page, fetched) {
			return clusters, nil
		}
	}

	return nil, fmt.Errorf("listing clusters: stopped after %d pages of %d clusters, because the "+
		"service kept returning full pages", maxClusterPages, maxPageSize)
}

// isLastPage reports whether page ends the list: it is empty, or the clusters fetched so far
// reach the reported count, or, when the service reports no count, it is not full.
func isLastPage(page *ClusterPage, fetched int) bool {
	switch {
	case len(page.Clusters) == 0:
		return true
	case page.Count > 0:
		return int64(fetched) >= page.Count
	}
	return len(page.Clusters) < maxPageSize
}

// FindLiveClusterByName returns the cluster named clusterName in project projectID whose status
// is not DELETING or DELETED, or nil and no error when there is none. A cluster listed without a
// project ID matches any project, and an empty projectID matches every project. Names are
// compared exactly. Because the service keeps names unique among live clusters, more than one
// match is an error.
func (c *Client) FindLiveClusterByName(ctx context.Context, projectID, clusterName string) (*Cluster, error) {
	clusters, err := c.ListAllClusters(ctx)
	if err != nil {
		return nil, err
	}

	var found *Cluster
	for i := range clusters {
		cluster := &clusters[i]
		if !isLiveMatch(cluster, projectID, clusterName) {
			continue
		}
		if found != nil {
			return nil, fmt.Errorf("looking up the cluster named %q: more than one live cluster has that "+
				"name (%s and %s)", clusterName, found.ClusterID, cluster.ClusterID)
		}
		found = cluster
	}
	return found, nil
}

func isLiveMatch(cluster *Cluster, projectID, clusterName string) bool {
	switch {
	case cluster.ClusterName != clusterName:
		return false
	case cluster.Status == StatusDeleting || cluster.Status == StatusDeleted:
		return false
	case projectID != "" && cluster.ProjectID != "" && cluster.ProjectID != projectID:
		return false
	}
	return true
}

// clusterPath returns /v1/clusters/{clusterID}{suffix} with the ID escaped. It rejects IDs that
// would change which resource the path names.
func clusterPath(clusterID, suffix string) (string, error) {
	if clusterID == "" {
		return "", errors.New("invalid cluster ID: the ID is empty")
	}
	if clusterID == "." || clusterID == ".." {
		return "", fmt.Errorf("invalid cluster ID %q", clusterID)
	}
	return "/v1/clusters/" + url.PathEscape(clusterID) + suffix, nil
}
