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
