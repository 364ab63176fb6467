package mock

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"time"
)

// Defaults that New applies to zero fields of Options.
const (
	DefaultRegionID         = "gcp-us-west1"
	DefaultDeletedRetention = time.Minute
)

// Options configures a Server. The zero value is valid: a random API key, region gcp-us-west1,
// the two default projects, clusters RUNNING at once and no rate limit.
type Options struct {
	// APIKey is the bearer key every API request must send. Empty means a random key, which
	// Server.APIKey returns. A key must be an RFC 6750 bearer token: letters, digits and
	// "-._~+/", optionally followed by "=" padding.
	APIKey string

	// RegionID is the region this server is the controller of. Clusters in other regions get
	// 90102 on describe and drop. Default DefaultRegionID.
	RegionID string

	// Projects seeds the account's projects. Nil means the two default projects, and an empty
	// slice means an account without projects.
	Projects []ProjectSpec

	// CreateDelay is the time from creation to RUNNING. When CreateDelayMax is greater, each
	// cluster draws its own time uniformly from [CreateDelay, CreateDelayMax].
	CreateDelay    time.Duration
	CreateDelayMax time.Duration

	// UnevenProgress makes createProgress stall and jump instead of rising linearly with the
	// elapsed time. Either way it never decreases and reaches 100 only at RUNNING.
	UnevenProgress bool

	// InitializingFraction is the final fraction of the creation time, from 0 to 1, during
	// which the status is INITIALIZING instead of CREATING. Zero never reports INITIALIZING.
	InitializingFraction float64

	// DeleteDelay is the time a dropped cluster stays DELETING before it turns DELETED.
	DeleteDelay time.Duration

	// DeletedRetention is how long a DELETED cluster can still be described; after it describe
	// returns 80020. Zero means DefaultDeletedRetention, and a negative value means no time.
	DeletedRetention time.Duration

	// RateLimit is the number of requests per second accepted across all API endpoints, with
	// bursts of up to one second's worth. Zero disables the limit.
	RateLimit float64

	// ServerlessNotOffered makes createServerless fail with 80025, as in a region that offers
	// no serverless clusters. Server.SetRegionServerless changes it later.
	ServerlessNotOffered bool

	// Now is the clock for cluster lifecycles, the rate limit and the request log. Default
	// time.Now. Injected faults that sleep use real time.
	Now func() time.Time

	// Logf receives one line per API request: method, path, endpoint, HTTP status, body code
	// and fault. It never receives a header value or a body. Nil logs nothing.
	Logf func(format string, args ...any)
}

// ProjectSpec is a project that a Server starts with.
type ProjectSpec struct {
	// ID must match ^proj-[A-Za-z0-9]+$, or no cluster can be created in the project.
	ID   string
	Name string

	// CreateTime is the project's createTime. Zero means the time New ran.
	CreateTime time.Time
}

var (
	projectIDPattern   = regexp.MustCompile(`^proj-[A-Za-z0-9]+$`)
	bearerTokenPattern = regexp.MustCompile(`^[A-Za-z0-9._~+/-]+=*$`)
	regionIDPattern    = regexp.MustCompile(`^[a-z0-9-]+$`)
)

// DefaultProjects returns the projects a Server starts with when Options.Projects is nil.
func DefaultProjects() []ProjectSpec {
	return []ProjectSpec{
		{
			ID:         "proj-4d2a9c61f0b7e83a5c1d92",
			Name:       "Default Project",
			CreateTime: time.Date(2024, time.January, 15, 8, 0, 0, 0, time.UTC),
		},
		{
			ID:         "proj-8f3e1b7a26c94d0e5b7a13",
			Name:       "Analytics",
			CreateTime: time.Date(2024, time.March, 4, 14, 30, 0, 0, time.UTC),
		},
	}
}

// Validate reports every invalid field of the options in one joined error. It never includes
// the API key in the message.
func (o Options) Validate() error {
	var problems []error

	if o.APIKey != "" && !bearerTokenPattern.MatchString(o.APIKey) {
		problems = append(problems, errors.New(`invalid APIKey: use letters, digits and "-._~+/", `+
			`optionally followed by "="`))
	}
	if o.RegionID != "" && !regionIDPattern.MatchString(o.RegionID) {
		problems = append(problems, fmt.Errorf("invalid RegionID %q: use lowercase letters, digits "+
			"and hyphens", o.RegionID))
	}

	durations := []struct {
		name  string
		value time.Duration
	}{
		{"CreateDelay", o.CreateDelay},
		{"CreateDelayMax", o.CreateDelayMax},
		{"DeleteDelay", o.DeleteDelay},
	}
	for _, d := range durations {
		if d.value < 0 {
			problems = append(problems, fmt.Errorf("invalid %s %s: must not be negative", d.name, d.value))
		}
	}

	if math.IsNaN(o.InitializingFraction) || o.InitializingFraction < 0 || o.InitializingFraction > 1 {
		problems = append(problems, fmt.Errorf("invalid InitializingFraction %g: must be from 0 to 1",
			o.InitializingFraction))
	}
	if math.IsNaN(o.RateLimit) || math.IsInf(o.RateLimit, 0) || o.RateLimit < 0 {
		problems = append(problems, fmt.Errorf("invalid RateLimit %g: must be a finite number of "+
			"requests per second, 0 or more", o.RateLimit))
	}

	problems = append(problems, validateProjects(o.Projects)...)

	return errors.Join(problems...)
}

func validateProjects(projects []ProjectSpec) []error {
	var problems []error
	seen := make(map[string]bool, len(projects))
	for _, p := range projects {
		if !projectIDPattern.MatchString(p.ID) {
			problems = append(problems, fmt.Errorf("invalid project ID %q: must match %s",
				p.ID, projectIDPattern))
		}
		if seen[p.ID] {
			problems = append(problems, fmt.Errorf("duplicate project ID %q", p.ID))
		}
		seen[p.ID] = true
	}
	return problems
}

// withDefaults returns a copy of o with every zero field that has a default filled in. The API
// key is filled in by New because it needs the server's random source.
func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.RegionID == "" {
		o.RegionID = DefaultRegionID
	}

	if o.Projects == nil {
		o.Projects = DefaultProjects()
	} else {
		o.Projects = append([]ProjectSpec(nil), o.Projects...)
	}
	now := o.Now()
	for i := range o.Projects {
		if o.Projects[i].CreateTime.IsZero() {
			o.Projects[i].CreateTime = now
		}
	}

	switch {
	case o.DeletedRetention == 0:
		o.DeletedRetention = DefaultDeletedRetention
	case o.DeletedRetention < 0:
		o.DeletedRetention = 0
	}
	return o
}
