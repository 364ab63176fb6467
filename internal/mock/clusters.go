package mock

import (
	"math"
	"net/url"
	"strconv"
	"time"
)

const (
	defaultPageSize = 10
	minPageSize     = 5
	maxPageSize     = 100

	dropPrompt = "Cluster deletion has been submitted. The cluster reports DELETING until it " +
		"has been deleted."
)

// findVisibleCluster returns the cluster the API can describe or drop: 80020 when the ID is
// unknown or its retention after deletion has passed, 90102 when it is in another region. The
// caller holds s.mu.
func (s *Server) findVisibleCluster(clusterID string, now time.Time) (*clusterRecord, error) {
	record := s.clusters[clusterID]
	if record == nil || !record.isVisible(now, s.opts.DeletedRetention) {
		return nil, businessError(CodeClusterNotFound, "cluster %s not found or no access",
			quoteValue(clusterID))
	}
	if record.regionID != s.opts.RegionID {
		return nil, businessError(CodeClusterNotInRegion, "cluster %s is not in region %s",
			quoteValue(clusterID), s.opts.RegionID)
	}
	return record, nil
}

// describeCluster serves GET /v1/clusters/{clusterId}.
func (s *Server) describeCluster(clusterID string) reply {
	s.mu.Lock()
	defer s.mu.Unlock()

	now := s.opts.Now()
	record, err := s.findVisibleCluster(clusterID, now)
	if err != nil {
		return errorReply(err)
	}
	return success(record.snapshot(now))
}

// dropCluster serves DELETE /v1/clusters/{clusterId}/drop. Dropping a cluster that is
// already DELETING succeeds again and keeps its original deletion time.
func (s *Server) dropCluster(clusterID string) reply {
	s.mu.Lock()
	defer s.mu.Unlock()

	now := s.opts.Now()
	record, err := s.findVisibleCluster(clusterID, now)
	if err != nil {
		return errorReply(err)
	}
	if !record.isLive(now) {
		return errorReply(businessError(CodeClusterNotFound,
			"cluster %s not found or no access: it has been deleted", quoteValue(clusterID)))
	}

	record.drop(now, s.opts.DeleteDelay)
	return success(dropClusterData{ClusterID: record.id, Prompt: dropPrompt})
}

// listClusters serves GET /v1/clusters: the live clusters of this server's region, in order of
// creation.
//
// NOTE: clusters that AddCluster placed in another region are left out, on the assumption that
// a regional controller lists only its own region. The API documentation does not specify it.
func (s *Server) listClusters(query url.Values) reply {
	pageSize, err := pageParameter(query, "pageSize", defaultPageSize, minPageSize, maxPageSize)
	if err != nil {
		return errorReply(err)
	}
	current, err := pageParameter(query, "current", 1, 1, maxPageNumber)
	if err != nil {
		return errorReply(err)
	}

	s.mu.Lock()
	defer s.mu.Unlock()

	now := s.opts.Now()
	live := []Cluster{}
	for _, record := range s.clusterOrder {
		if record.regionID == s.opts.RegionID && record.isLive(now) {
			live = append(live, record.snapshot(now))
		}
	}

	page := []Cluster{}
	if pageCount := (len(live) + pageSize - 1) / pageSize; current <= pageCount {
		start := (current - 1) * pageSize
		page = live[start:min(start+pageSize, len(live))]
	}
	return success(clusterPage{
		Count:       int64(len(live)),
		CurrentPage: int64(current),
		PageSize:    int64(pageSize),
		Clusters:    page,
	})
}

// maxPageNumber is the largest current page accepted, so that it fits an int everywhere.
const maxPageNumber = math.MaxInt32

// pageParameter reads an integer query parameter in [minimum, maximum]. A missing or empty
// parameter means fallback, and anything else outside the range is code 80000.
func pageParameter(query url.Values, name string, fallback, minimum, maximum int) (int, error) {
	text := query.Get(name)
	if text == "" {
		return fallback, nil
	}

	value, err := strconv.Atoi(text)
	if err != nil || value < minimum || value > maximum {
		return 0, businessError(CodeInvalidParameter, "invalid parameter: %s %s must be an integer "+
			"from %d to %d", name, quoteValue(text), minimum, maximum)
	}
	return value, nil
}

// listProjects serves GET /v1/projects. instanceCount counts the live clusters of each project
// in every region.
func (s *Server) listProjects() reply {
	s.mu.Lock()
	defer s.mu.Unlock()

	now := s.opts.Now()
	projects := make([]projectData, 0, len(s.opts.Projects))
	for _, p := range s.opts.Projects {
		var count int64
		for _, record := range s.clusterOrder {
			if record.projectID == p.ID && record.isLive(now) {
				count++
			}
		}
		projects = append(projects, projectData{
			ProjectID:     p.ID,
			ProjectName:   p.Name,
			InstanceCount: count,
			CreateTime:    p.CreateTime.UTC().Format(timeLayout),
		})
	}
	return success(projects)
}
