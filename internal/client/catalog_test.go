package client

import (
	"net/http"
	"testing"
)

func TestListProjects(t *testing.T) {
	server, c := serve(t, respond(http.StatusOK, `{"code":200,"data":[`+
		`{"projectId":"proj-1","projectName":"Default Project","instanceCount":2,"createTime":"2026-01-01T00:00:00Z"}]}`))

	projects, err := c.ListProjects(t.Context())
	if err != nil {
		t.Fatalf("ListProjects: %v", err)
	}

	want := Project{ProjectID: "proj-1", ProjectName: "Default Project", InstanceCount: 2, CreateTime: "2026-01-01T00:00:00Z"}
	if len(projects) != 1 || projects[0] != want {
		t.Errorf("projects = %+v, want [%+v]", projects, want)
	}
	got := server.recorded()[0]
	if got.Method != http.MethodGet || got.Path != "/v1/projects" || got.RawQuery != "" {
		t.Errorf("request = %s %s?%s, want GET /v1/projects", got.Method, got.Path, got.RawQuery)
	}
}

func TestListCloudProviders(t *testing.T) {
	server, c := serve(t, respond(http.StatusOK, `{"code":0,"data":[`+
		`{"cloudId":"aws","description":"Amazon Web Services"},{"cloudId":"gcp","description":"Google Cloud"}]}`))

	providers, err := c.ListCloudProviders(t.Context())
	if err != nil {
		t.Fatalf("ListCloudProviders: %v", err)
	}

	if len(providers) != 2 || providers[1] != (CloudProvider{CloudID: "gcp", Description: "Google Cloud"}) {
		t.Errorf("providers = %+v", providers)
	}
	got := server.recorded()[0]
	if got.Method != http.MethodGet || got.Path != "/v1/clouds" {
		t.Errorf("request = %s %s, want GET /v1/clouds", got.Method, got.Path)
	}
}

func TestListCloudRegions(t *testing.T) {
	const regions = `{"code":200,"data":[{"cloudId":"gcp","regionId":"gcp-us-west1",` +
		`"apiBaseUrl":"https://api.gcp-us-west1.zillizcloud.com"}]}`

	cases := []struct {
		name, cloudID, wantQuery string
	}{
		{"one provider", "gcp", "cloudId=gcp"},
		{"every provider", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			server, c := serve(t, respond(http.StatusOK, regions))

			got, err := c.ListCloudRegions(t.Context(), tc.cloudID)
			if err != nil {
				t.Fatalf("ListCloudRegions: %v", err)
			}

			want := CloudRegion{CloudID: "gcp", RegionID: "gcp-us-west1", APIBaseURL: "https://api.gcp-us-west1.zillizcloud.com"}
			if len(got) != 1 || got[0] != want {
				t.Errorf("regions = %+v, want [%+v]", got, want)
			}
			req := server.recorded()[0]
			if req.Path != "/v1/regions" {
				t.Errorf("path = %s, want /v1/regions", req.Path)
			}
			if req.RawQuery != tc.wantQuery {
				t.Errorf("query = %q, want %q", req.RawQuery, tc.wantQuery)
			}
		})
	}
}

func TestListProjectsEmptyList(t *testing.T) {
	_, c := serve(t, respond(http.StatusOK, `{"code":200,"data":[]}`))

	projects, err := c.ListProjects(t.Context())
	if err != nil {
		t.Fatalf("ListProjects: %v", err)
	}

	if len(projects) != 0 {
		t.Errorf("projects = %+v, want none", projects)
	}
}
