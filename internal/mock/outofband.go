package mock

import (
	"fmt"
	"time"
)

// ClusterSpec is a cluster that AddCluster stores without going through the API.
type ClusterSpec struct {
	// Name is stored as given, without validation or a uniqueness check.
	Name string

	// ProjectID defaults to the first project's ID. It need not name a known project.
	ProjectID string

	// Plan defaults to PlanServerless.
	Plan string

	// Status sets the cluster's lifecycle. Empty or StatusRunning means RUNNING at once.
	// StatusCreating starts the creation lifecycle from Options, as the API does.
	// StatusDeleting drops the cluster now with Options.DeleteDelay, and StatusDeleted marks
	// it DELETED now. Any other value, including one the API does not define, stays the
	// cluster's status until the cluster is dropped.
	Status string

	// RegionID defaults to the server's region. Another region makes describe and drop return
	// 90102 and keeps the cluster out of the list.
	RegionID string
}

// AddCluster stores a cluster as if it had been created in the console, and returns its ID. It
// skips every check of createServerless, so tests can build states that the API rejects, such
// as two live clusters with one name.
func (s *Server) AddCluster(spec ClusterSpec) string {
	s.mu.Lock()
	defer s.mu.Unlock()

	if spec.ProjectID == "" && len(s.opts.Projects) > 0 {
		spec.ProjectID = s.opts.Projects[0].ID
	}
	if spec.Plan == "" {
		spec.Plan = PlanServerless
	}
	if spec.RegionID == "" {
		spec.RegionID = s.opts.RegionID
	}

	now := s.opts.Now()
	record := s.storeCluster(spec.Name, spec.ProjectID, spec.Plan, spec.RegionID, now)

	switch spec.Status {
	case "", StatusRunning:
	case StatusCreating:
		s.startCreation(record)
	case StatusDeleting:
		record.drop(now, s.opts.DeleteDelay)
	case StatusDeleted:
		record.drop(now, 0)
	default:
		record.fixedStatus = spec.Status
	}
	return record.id
}

// DropOutOfBand marks a cluster DELETED at once, as if it had been dropped in the console, in
// whatever region it is. It returns false when the cluster is unknown or already DELETED.
func (s *Server) DropOutOfBand(clusterID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()

	now := s.opts.Now()
	record := s.clusters[clusterID]
	if record == nil || !record.isLive(now) {
		return false
	}

	if record.dropped {
		// The cluster is DELETING, so its deletion ends now and keeps the time it was dropped.
		record.deleteDuration = now.Sub(record.droppedAt)
		return true
	}
	record.drop(now, 0)
	return true
}

// Cluster returns a cluster as describe would show it now, and whether the server has ever
// stored it. It ignores the region and the retention after deletion, which the API applies.
func (s *Server) Cluster(clusterID string) (Cluster, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()

	record := s.clusters[clusterID]
	if record == nil {
		return Cluster{}, false
	}
	return record.snapshot(s.opts.Now()), true
}

// LiveClusters returns every cluster that is not DELETED, in any region, in order of creation.
func (s *Server) LiveClusters() []Cluster {
	s.mu.Lock()
	defer s.mu.Unlock()

	now := s.opts.Now()
	live := []Cluster{}
	for _, record := range s.clusterOrder {
		if record.isLive(now) {
			live = append(live, record.snapshot(now))
		}
	}
	return live
}

// Password returns the password generated for a cluster, or "" for an unknown cluster. Tests
// use it to compare the stored password byte for byte.
func (s *Server) Password(clusterID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()

	if record := s.clusters[clusterID]; record != nil {
		return record.password
	}
	return ""
}

// SetCreateDelay sets a fixed time from creation to RUNNING for clusters created from now on,
// in place of Options.CreateDelay and Options.CreateDelayMax. Clusters that exist keep their
// own times. It panics on a negative delay, because that is a bug in the calling test.
func (s *Server) SetCreateDelay(delay time.Duration) {
	if delay < 0 {
		panic(fmt.Sprintf("mock.SetCreateDelay: invalid delay %s: must not be negative", delay))
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.createDelay = delay
	s.createDelayMax = 0
}

// SetRegionServerless sets whether createServerless is offered. When it is not, every
// otherwise valid create fails with 80025.
func (s *Server) SetRegionServerless(offered bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.serverlessOffered = offered
}
