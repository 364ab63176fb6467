package mock

import (
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"time"
)

const (
	// maxRequestBody is the maximum size of a request body, in bytes.
	maxRequestBody = 1 << 20

	maxClusterNameLength = 32

	createPrompt = "Cluster creation has been submitted. Describe the cluster to follow its " +
		"status and createProgress. It accepts connections with the returned username and " +
		"password once its status is RUNNING."
)

var clusterNamePattern = regexp.MustCompile(`^[A-Za-z0-9-]+$`)

// createCluster serves POST /v1/clusters/createServerless. It checks the request in the order
// the API does: body, plan, clusterName, projectId format, project existence, name
// uniqueness and whether the region offers serverless clusters.
func (s *Server) createCluster(body []byte, bodyErr error) reply {
	if bodyErr != nil {
		return errorReply(bodyErr)
	}
	req, err := decodeCreateRequest(body)
	if err != nil {
		return errorReply(err)
	}

	plan, err := canonicalPlan(req.Plan)
	if err != nil {
		return errorReply(err)
	}
	if err := validateClusterName(req.ClusterName); err != nil {
		return errorReply(err)
	}
	if err := validateProjectID(req.ProjectID); err != nil {
		return errorReply(err)
	}

	s.mu.Lock()
	defer s.mu.Unlock()

	now := s.opts.Now()
	if err := s.checkCreateAllowed(req, now); err != nil {
		return errorReply(err)
	}

	record := s.storeCluster(req.ClusterName, req.ProjectID, plan, s.opts.RegionID, now)
	s.startCreation(record)

	return success(createServerlessData{
		ClusterID: record.id,
		Username:  "db_" + strings.TrimPrefix(record.id, clusterIDPrefix),
		Password:  record.password,
		Prompt:    createPrompt,
	})
}

// readRequestBody reads a request body of at most maxRequestBody bytes.
func readRequestBody(body io.Reader) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(body, maxRequestBody+1))
	if err != nil {
		return nil, businessError(CodeInvalidParameter, "invalid parameter: reading the request body failed")
	}
	if len(raw) > maxRequestBody {
		return nil, businessError(CodeInvalidParameter,
			"invalid parameter: the request body is larger than %d bytes", maxRequestBody)
	}
	return raw, nil
}

func decodeCreateRequest(raw []byte) (createServerlessRequest, error) {
	var req createServerlessRequest
	if err := json.Unmarshal(raw, &req); err != nil {
		return req, businessError(CodeInvalidParameter,
			"invalid parameter: the request body is not a valid JSON object: %v", err)
	}
	return req, nil
}

// canonicalPlan accepts a plan in any letter case and returns its canonical spelling.
func canonicalPlan(plan string) (string, error) {
	for _, known := range []string{PlanFree, PlanServerless} {
		if strings.EqualFold(plan, known) {
			return known, nil
		}
	}
	return "", businessError(CodeInvalidParameter,
		"invalid parameter: plan %s is not supported: use Free or Serverless", quoteValue(plan))
}

func validateClusterName(name string) error {
	switch {
	case name == "":
		return businessError(CodeInvalidClusterName, "invalid clusterName: the name is missing")
	case !clusterNamePattern.MatchString(name):
		return businessError(CodeInvalidClusterName,
			"invalid clusterName %s: use only ASCII letters, digits and hyphens", quoteValue(name))
	case len(name) > maxClusterNameLength:
		return businessError(CodeInvalidClusterName,
			"invalid clusterName %s: the name has %d characters, more than the maximum of %d",
			quoteValue(name), len(name), maxClusterNameLength)
	}
	return nil
}

func validateProjectID(projectID string) error {
	if projectID == "" {
		return businessError(CodeInvalidProjectID, "invalid projectId: the project ID is missing")
	}
	if !projectIDPattern.MatchString(projectID) {
		return businessError(CodeInvalidProjectID,
			"invalid projectId %s: expected proj- followed by letters and digits", quoteValue(projectID))
	}
	return nil
}

// checkCreateAllowed applies the checks that need the server's state. The caller holds s.mu.
func (s *Server) checkCreateAllowed(req createServerlessRequest, now time.Time) error {
	if !s.hasProject(req.ProjectID) {
		return businessError(CodeProjectNotFound, "project %s not found", quoteValue(req.ProjectID))
	}

	// NOTE: names are compared case-sensitively. The API documentation does not say whether
	// the service treats "Demo" and "demo" as the same name.
	for _, record := range s.clusterOrder {
		if record.name == req.ClusterName && record.isLive(now) {
			return businessError(CodeDuplicateClusterName,
				"duplicate clusterName %s: the live cluster %s in this account already uses it",
				quoteValue(req.ClusterName), record.id)
		}
	}

	if !s.serverlessOffered {
		return businessError(CodeServerlessNotOffered,
			"serverless clusters are not offered in region %s", s.opts.RegionID)
	}
	return nil
}

func (s *Server) hasProject(projectID string) bool {
	for _, p := range s.opts.Projects {
		if p.ID == projectID {
			return true
		}
	}
	return false
}

// storeCluster stores a new cluster that is RUNNING at once, with a fresh ID and password.
// The caller holds s.mu.
func (s *Server) storeCluster(name, projectID, plan, regionID string, now time.Time) *clusterRecord {
	id := clusterIDPrefix + randomString(s.rng, lowercaseAlphanumeric, clusterIDTailLength)
	for s.clusters[id] != nil {
		id = clusterIDPrefix + randomString(s.rng, lowercaseAlphanumeric, clusterIDTailLength)
	}

	record := &clusterRecord{
		id:        id,
		name:      name,
		projectID: projectID,
		plan:      plan,
		regionID:  regionID,
		password:  newPassword(s.rng),
		createdAt: now,
	}
	s.clusters[id] = record
	s.clusterOrder = append(s.clusterOrder, record)
	return record
}

// startCreation gives a cluster its creation time and progress curve from the options. The
// caller holds s.mu.
func (s *Server) startCreation(record *clusterRecord) {
	duration := s.createDelay
	if spread := s.createDelayMax - s.createDelay; spread > 0 {
		duration += time.Duration(s.rng.Int64N(int64(spread) + 1))
	}

	record.createDuration = duration
	record.initializing = time.Duration(float64(duration) * s.opts.InitializingFraction)
	if s.opts.UnevenProgress {
		record.progressSteps = newUnevenProgress(s.rng)
	}
}
