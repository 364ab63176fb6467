package mock

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestOptionsValidateAcceptsZero(t *testing.T) {
	if err := (Options{}).Validate(); err != nil {
		t.Errorf("Validate() = %v, want nil for the zero Options", err)
	}
}

func TestOptionsValidateRejects(t *testing.T) {
	cases := map[string]Options{
		"API key with space":        {APIKey: "two words"},
		"API key with quote":        {APIKey: `key"`},
		"region with capitals":      {RegionID: "GCP-US-WEST1"},
		"negative create delay":     {CreateDelay: -time.Second},
		"negative create delay max": {CreateDelayMax: -time.Second},
		"negative delete delay":     {DeleteDelay: -time.Second},
		"fraction above 1":          {InitializingFraction: 1.5},
		"negative fraction":         {InitializingFraction: -0.1},
		"fraction NaN":              {InitializingFraction: math.NaN()},
		"negative rate limit":       {RateLimit: -1},
		"infinite rate limit":       {RateLimit: math.Inf(1)},
		"project ID pattern":        {Projects: []ProjectSpec{{ID: "project-1"}}},
		"duplicate project ID":      {Projects: []ProjectSpec{{ID: "proj-a"}, {ID: "proj-a"}}},
	}
	for name, opts := range cases {
		t.Run(name, func(t *testing.T) {
			if err := opts.Validate(); err == nil {
				t.Error("Validate() = nil, want an error")
			}
		})
	}
}

func TestOptionsValidateHidesAPIKey(t *testing.T) {
	err := Options{APIKey: "secret with space"}.Validate()

	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("Validate() = %v, want an error without the key", err)
	}
}

func TestOptionsValidateReportsEveryProblem(t *testing.T) {
	err := Options{CreateDelay: -1, RateLimit: -1}.Validate()

	if err == nil || !strings.Contains(err.Error(), "CreateDelay") || !strings.Contains(err.Error(), "RateLimit") {
		t.Errorf("Validate() = %v, want both fields named", err)
	}
}

func TestNewPanicsOnInvalidOptions(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("New did not panic")
		}
	}()
	New(Options{RateLimit: -1})
}

func TestNewDefaults(t *testing.T) {
	srv := New(Options{})

	if srv.RegionID() != DefaultRegionID {
		t.Errorf("RegionID() = %q, want %q", srv.RegionID(), DefaultRegionID)
	}
	if srv.opts.DeletedRetention != DefaultDeletedRetention {
		t.Errorf("DeletedRetention = %s, want %s", srv.opts.DeletedRetention, DefaultDeletedRetention)
	}
	if len(srv.opts.Projects) != 2 {
		t.Errorf("%d projects, want the 2 defaults", len(srv.opts.Projects))
	}
	if srv.limiter != nil {
		t.Error("rate limiter is on by default")
	}
}

func TestNewCopiesProjects(t *testing.T) {
	projects := []ProjectSpec{{ID: "proj-a1", Name: "A"}}
	srv := New(Options{Projects: projects})

	projects[0].ID = "proj-changed"

	if !srv.hasProject("proj-a1") {
		t.Error("changing the caller's slice changed the server's projects")
	}
}
