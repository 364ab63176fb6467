package mock

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

const (
	defaultProjectID   = "proj-4d2a9c61f0b7e83a5c1d92"
	analyticsProjectID = "proj-8f3e1b7a26c94d0e5b7a13"
	createPath         = "/v1/clusters/createServerless"
)

func TestCreateSuccessShape(t *testing.T) {
	ts := newTestServer(t, Options{})

	resp := ts.call(http.MethodPost, createPath, createBody("Serverless", "demo-1", defaultProjectID))

	if resp.status != http.StatusOK {
		t.Errorf("HTTP status = %d, want 200", resp.status)
	}
	if resp.code != CodeSuccess {
		t.Fatalf("code = %d (%s), want 200", resp.code, resp.message)
	}
	data := decodeData[createServerlessData](t, resp)
	if !regexp.MustCompile(`^inxx-[a-z0-9]{15}$`).MatchString(data.ClusterID) {
		t.Errorf("clusterId = %q, want inxx- and 15 lowercase letters or digits", data.ClusterID)
	}
	if want := "db_" + strings.TrimPrefix(data.ClusterID, "inxx-"); data.Username != want {
		t.Errorf("username = %q, want %q", data.Username, want)
	}
	if len(data.Password) < 24 {
		t.Errorf("password has %d characters, want at least 24", len(data.Password))
	}
	if data.Prompt == "" {
		t.Error("prompt is empty")
	}
	if got := resp.header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", got)
	}
}

func TestCreatePlanCanonicalCase(t *testing.T) {
	cases := map[string]string{
		"Serverless": PlanServerless,
		"serverless": PlanServerless,
		"SERVERLESS": PlanServerless,
		"free":       PlanFree,
		"FrEe":       PlanFree,
	}
	for input, want := range cases {
		t.Run(input, func(t *testing.T) {
			ts := newTestServer(t, Options{})
			resp := ts.call(http.MethodPost, createPath, createBody(input, "plan-case", defaultProjectID))
			if resp.code != CodeSuccess {
				t.Fatalf("code = %d (%s), want 200", resp.code, resp.message)
			}

			cluster := ts.describe(decodeData[createServerlessData](t, resp).ClusterID)
			if cluster.Plan != want {
				t.Errorf("plan = %q, want %q", cluster.Plan, want)
			}
		})
	}
}

func TestCreateValidationCodes(t *testing.T) {
	cases := []struct {
		name string
		body string
		want int
	}{
		{"body not JSON", `plan=Serverless`, CodeInvalidParameter},
		{"body empty", ``, CodeInvalidParameter},
		{"body array", `[]`, CodeInvalidParameter},
		{"body trailing data", createBody("Serverless", "ok", defaultProjectID) + "{}", CodeInvalidParameter},
		{"field of wrong type", `{"plan":"Serverless","clusterName":7,"projectId":"` + defaultProjectID + `"}`,
			CodeInvalidParameter},
		{"plan missing", createBody("", "ok", defaultProjectID), CodeInvalidParameter},
		{"plan unknown", createBody("Dedicated", "ok", defaultProjectID), CodeInvalidParameter},
		{"name empty", createBody("Serverless", "", defaultProjectID), CodeInvalidClusterName},
		{"name 33 characters", createBody("Serverless", strings.Repeat("a", 33), defaultProjectID),
			CodeInvalidClusterName},
		{"name underscore", createBody("Serverless", "bad_name", defaultProjectID), CodeInvalidClusterName},
		{"name space", createBody("Serverless", "bad name", defaultProjectID), CodeInvalidClusterName},
		{"name non-ASCII", createBody("Serverless", "naïve", defaultProjectID), CodeInvalidClusterName},
		{"name dot", createBody("Serverless", "a.b", defaultProjectID), CodeInvalidClusterName},
		{"project empty", createBody("Serverless", "ok", ""), CodeInvalidProjectID},
		{"project prefix only", createBody("Serverless", "ok", "proj-"), CodeInvalidProjectID},
		{"project wrong prefix", createBody("Serverless", "ok", "project-1"), CodeInvalidProjectID},
		{"project underscore", createBody("Serverless", "ok", "proj-abc_def"), CodeInvalidProjectID},
		{"project unknown", createBody("Serverless", "ok", "proj-0000000000"), CodeProjectNotFound},
		{"plan before name", createBody("Dedicated", "bad_name", defaultProjectID), CodeInvalidParameter},
		{"name before project", createBody("Serverless", "bad_name", "bad"), CodeInvalidClusterName},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, Options{})

			resp := ts.call(http.MethodPost, createPath, tc.body)

			if resp.status != http.StatusOK {
				t.Errorf("HTTP status = %d, want 200", resp.status)
			}
			if resp.code != tc.want {
				t.Errorf("code = %d (%s), want %d", resp.code, resp.message, tc.want)
			}
			if resp.message == "" {
				t.Error("message is empty")
			}
			if got := len(ts.LiveClusters()); got != 0 {
				t.Errorf("%d clusters stored, want 0", got)
			}
		})
	}
}

func TestCreateNameLimits(t *testing.T) {
	for _, name := range []string{"a", "-", "A-9", strings.Repeat("z", 32)} {
		t.Run(name, func(t *testing.T) {
			ts := newTestServer(t, Options{})
			resp := ts.call(http.MethodPost, createPath, createBody("Free", name, defaultProjectID))
			if resp.code != CodeSuccess {
				t.Errorf("code = %d (%s), want 200", resp.code, resp.message)
			}
		})
	}
}

func TestCreateBodyTooLarge(t *testing.T) {
	ts := newTestServer(t, Options{})
	body := `{"plan":"Serverless","clusterName":"big","projectId":"` + defaultProjectID +
		`","padding":"` + strings.Repeat("x", maxRequestBody) + `"}`

	resp := ts.call(http.MethodPost, createPath, body)

	if resp.code != CodeInvalidParameter {
		t.Errorf("code = %d (%s), want %d", resp.code, resp.message, CodeInvalidParameter)
	}
}

func TestCreateLongNameMessageShort(t *testing.T) {
	ts := newTestServer(t, Options{})
	resp := ts.call(http.MethodPost, createPath, createBody("Serverless", strings.Repeat("n", 5000),
		defaultProjectID))

	if resp.code != CodeInvalidClusterName {
		t.Fatalf("code = %d, want %d", resp.code, CodeInvalidClusterName)
	}
	if len(resp.message) > 300 {
		t.Errorf("message has %d bytes, want a short excerpt of the name", len(resp.message))
	}
}

func TestCreateDuplicateName(t *testing.T) {
	ts := newTestServer(t, Options{DeleteDelay: 10 * time.Second})
	first := ts.create("shared-name")

	t.Run("same project", func(t *testing.T) {
		resp := ts.call(http.MethodPost, createPath, createBody("Serverless", "shared-name", defaultProjectID))
		if resp.code != CodeDuplicateClusterName {
			t.Errorf("code = %d (%s), want %d", resp.code, resp.message, CodeDuplicateClusterName)
		}
	})
	t.Run("other project", func(t *testing.T) {
		resp := ts.call(http.MethodPost, createPath, createBody("Free", "shared-name", analyticsProjectID))
		if resp.code != CodeDuplicateClusterName {
			t.Errorf("code = %d (%s), want %d", resp.code, resp.message, CodeDuplicateClusterName)
		}
	})
	t.Run("other letter case", func(t *testing.T) {
		resp := ts.call(http.MethodPost, createPath, createBody("Free", "Shared-Name", defaultProjectID))
		if resp.code != CodeSuccess {
			t.Errorf("code = %d (%s), want 200", resp.code, resp.message)
		}
	})
	t.Run("while deleting", func(t *testing.T) {
		if resp := ts.drop(first.ClusterID); resp.code != CodeSuccess {
			t.Fatalf("drop code = %d (%s)", resp.code, resp.message)
		}
		resp := ts.call(http.MethodPost, createPath, createBody("Serverless", "shared-name", defaultProjectID))
		if resp.code != CodeDuplicateClusterName {
			t.Errorf("code = %d (%s), want %d", resp.code, resp.message, CodeDuplicateClusterName)
		}
	})
	t.Run("after deleted", func(t *testing.T) {
		ts.clock.Advance(10 * time.Second)
		resp := ts.call(http.MethodPost, createPath, createBody("Serverless", "shared-name", defaultProjectID))
		if resp.code != CodeSuccess {
			t.Errorf("code = %d (%s), want 200", resp.code, resp.message)
		}
	})
}

func TestCreateDuplicateNameInOtherRegion(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.AddCluster(ClusterSpec{Name: "far-away", RegionID: "aws-us-west-2"})

	resp := ts.call(http.MethodPost, createPath, createBody("Serverless", "far-away", defaultProjectID))

	if resp.code != CodeDuplicateClusterName {
		t.Errorf("code = %d (%s), want %d", resp.code, resp.message, CodeDuplicateClusterName)
	}
}

func TestCreateServerlessNotOffered(t *testing.T) {
	ts := newTestServer(t, Options{ServerlessNotOffered: true})

	resp := ts.call(http.MethodPost, createPath, createBody("Serverless", "nowhere", defaultProjectID))

	if resp.code != CodeServerlessNotOffered {
		t.Errorf("code = %d (%s), want %d", resp.code, resp.message, CodeServerlessNotOffered)
	}
}

func TestCreateCheckOrderAfterFormat(t *testing.T) {
	ts := newTestServer(t, Options{ServerlessNotOffered: true})
	ts.AddCluster(ClusterSpec{Name: "taken"})

	cases := []struct {
		name string
		body string
		want int
	}{
		{"unknown project before duplicate", createBody("Serverless", "taken", "proj-unknown1"),
			CodeProjectNotFound},
		{"invalid project before duplicate", createBody("Serverless", "taken", "bad"), CodeInvalidProjectID},
		{"duplicate before region", createBody("Serverless", "taken", defaultProjectID),
			CodeDuplicateClusterName},
		{"region last", createBody("Serverless", "fresh", defaultProjectID), CodeServerlessNotOffered},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := ts.call(http.MethodPost, createPath, tc.body)
			if resp.code != tc.want {
				t.Errorf("code = %d (%s), want %d", resp.code, resp.message, tc.want)
			}
		})
	}
}

func TestCreateCustomProjects(t *testing.T) {
	ts := newTestServer(t, Options{Projects: []ProjectSpec{{ID: "proj-custom1", Name: "Custom"}}})

	known := ts.call(http.MethodPost, createPath, createBody("Free", "in-custom", "proj-custom1"))
	defaultGone := ts.call(http.MethodPost, createPath, createBody("Free", "in-default", defaultProjectID))

	if known.code != CodeSuccess {
		t.Errorf("custom project: code = %d (%s), want 200", known.code, known.message)
	}
	if defaultGone.code != CodeProjectNotFound {
		t.Errorf("default project: code = %d, want %d", defaultGone.code, CodeProjectNotFound)
	}
}
