package mock

import (
	"net/http"
)

// statsPath serves Stats as JSON without authentication.
const statsPath = mockPathPrefix + "stats"

// Stats is a summary of the server's traffic since New, for benchmarks.
type Stats struct {
	// Requests is the number of requests per endpoint name that reached the endpoint with the
	// right method, whatever their outcome. Every endpoint is present, with 0 if unused.
	Requests map[string]int `json:"requests"`

	// TooManyRequests is the number of HTTP 429 responses, from the rate limit and from faults.
	TooManyRequests int `json:"tooManyRequests"`

	// Clusters lists every cluster ever stored, in order of creation.
	Clusters []ClusterStats `json:"clusters"`
}

// ClusterStats is the traffic and lifecycle summary of one cluster.
type ClusterStats struct {
	ClusterID   string `json:"clusterId"`
	ClusterName string `json:"clusterName"`
	Status      string `json:"status"`

	// DescribeCount is the number of describe requests for the cluster, including rejected
	// and faulted ones.
	DescribeCount int `json:"describeCount"`

	// SecondsToRunning is the time from creation to RUNNING, in seconds. It is nil while the
	// cluster has not reached RUNNING, and for clusters dropped before they did.
	SecondsToRunning *float64 `json:"secondsToRunning"`
}

// countRequest counts a request for Stats once its path and method matched an endpoint.
func (s *Server) countRequest(rt route) {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.endpointCounts[rt.endpoint]++
	if rt.endpoint != EndpointDescribe {
		return
	}
	if record := s.clusters[rt.clusterID]; record != nil {
		record.describeCount++
	}
}

// Stats returns the server's traffic summary.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()

	stats := Stats{
		Requests:        make(map[string]int),
		TooManyRequests: s.tooManyRequests,
		Clusters:        make([]ClusterStats, 0, len(s.clusterOrder)),
	}
	for _, endpoint := range Endpoints() {
		stats.Requests[endpoint] = s.endpointCounts[endpoint]
	}

	now := s.opts.Now()
	for _, record := range s.clusterOrder {
		state := record.stateAt(now)
		entry := ClusterStats{
			ClusterID:     record.id,
			ClusterName:   record.name,
			Status:        state.status,
			DescribeCount: record.describeCount,
		}
		if state.reachedRunning {
			seconds := record.createDuration.Seconds()
			entry.SecondsToRunning = &seconds
		}
		stats.Clusters = append(stats.Clusters, entry)
	}
	return stats
}

// serveMockPath serves the paths under /_mock/.
func (s *Server) serveMockPath(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != statsPath {
		writeResponse(w, errorReply(notFoundError(r)).render())
		return
	}
	if r.Method != http.MethodGet {
		writeResponse(w, methodNotAllowed(r, http.MethodGet).render())
		return
	}

	writeResponse(w, response{
		httpStatus:  http.StatusOK,
		contentType: "application/json",
		body:        encodeJSON(s.Stats()),
	})
}
