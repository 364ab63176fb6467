package mock

import (
	"net/http"
	"regexp"
	"testing"
	"time"
)

func TestProjectsDefault(t *testing.T) {
	ts := newTestServer(t, Options{DeleteDelay: time.Minute})
	ts.create("p1")
	ts.create("p2")
	dropped := ts.create("p3").ClusterID
	ts.drop(dropped)
	deletedID := ts.create("p4").ClusterID
	ts.DropOutOfBand(deletedID)
	ts.AddCluster(ClusterSpec{Name: "p5", ProjectID: analyticsProjectID, RegionID: "aws-us-east-1"})

	resp := ts.call(http.MethodGet, "/v1/projects", "")
	projects := decodeData[[]projectData](t, resp)

	want := []projectData{
		{ProjectID: defaultProjectID, ProjectName: "Default Project", InstanceCount: 3,
			CreateTime: "2024-01-15T08:00:00Z"},
		{ProjectID: analyticsProjectID, ProjectName: "Analytics", InstanceCount: 1,
			CreateTime: "2024-03-04T14:30:00Z"},
	}
	if len(projects) != len(want) {
		t.Fatalf("projects = %+v, want %+v", projects, want)
	}
	for i := range want {
		if projects[i] != want[i] {
			t.Errorf("projects[%d] = %+v, want %+v", i, projects[i], want[i])
		}
	}
}

func TestProjectsCustomAndEmpty(t *testing.T) {
	custom := newTestServer(t, Options{Projects: []ProjectSpec{{ID: "proj-x1", Name: "X"}}})
	empty := newTestServer(t, Options{Projects: []ProjectSpec{}})

	customProjects := decodeData[[]projectData](t, custom.call(http.MethodGet, "/v1/projects", ""))
	emptyResp := empty.call(http.MethodGet, "/v1/projects", "")

	if len(customProjects) != 1 || customProjects[0].ProjectID != "proj-x1" {
		t.Errorf("custom projects = %+v, want only proj-x1", customProjects)
	}
	if customProjects[0].CreateTime != "2025-03-01T10:00:00Z" {
		t.Errorf("createTime = %q, want the clock's time at New", customProjects[0].CreateTime)
	}
	if string(emptyResp.data) != "[]" {
		t.Errorf("empty account data = %s, want []", emptyResp.data)
	}
}

func TestClouds(t *testing.T) {
	ts := newTestServer(t, Options{})

	clouds := decodeData[[]cloudProviderData](t, ts.call(http.MethodGet, "/v1/clouds", ""))

	ids := make(map[string]string)
	for _, cloud := range clouds {
		ids[cloud.CloudID] = cloud.Description
	}
	for _, want := range []string{"aws", "gcp", "azure"} {
		if ids[want] == "" {
			t.Errorf("cloud %s missing or without description in %+v", want, clouds)
		}
	}
	if len(clouds) != 3 {
		t.Errorf("%d clouds, want 3", len(clouds))
	}
}

func TestRegionsFilter(t *testing.T) {
	ts := newTestServer(t, Options{})
	baseURL := regexp.MustCompile(`^https://controller\.api\.[a-z0-9-]+\.zillizcloud\.com$`)

	all := decodeData[[]cloudRegionData](t, ts.call(http.MethodGet, "/v1/regions", ""))
	gcp := decodeData[[]cloudRegionData](t, ts.call(http.MethodGet, "/v1/regions?cloudId=gcp", ""))
	unknown := ts.call(http.MethodGet, "/v1/regions?cloudId=oracle", "")

	perCloud := make(map[string]int)
	for _, region := range all {
		perCloud[region.CloudID]++
		if want := "https://controller.api." + region.RegionID + ".zillizcloud.com"; region.APIBaseURL != want {
			t.Errorf("%s: apiBaseUrl = %q, want %q", region.RegionID, region.APIBaseURL, want)
		}
		if !baseURL.MatchString(region.APIBaseURL) {
			t.Errorf("%s: apiBaseUrl %q has an unexpected shape", region.RegionID, region.APIBaseURL)
		}
	}
	for _, cloud := range []string{"aws", "gcp", "azure"} {
		if perCloud[cloud] < 2 {
			t.Errorf("cloud %s has %d regions, want at least 2", cloud, perCloud[cloud])
		}
	}
	for _, region := range gcp {
		if region.CloudID != "gcp" {
			t.Errorf("filtered list contains %+v", region)
		}
	}
	if len(gcp) != perCloud["gcp"] {
		t.Errorf("filtered list has %d regions, want %d", len(gcp), perCloud["gcp"])
	}
	if unknown.code != CodeSuccess || string(unknown.data) != "[]" {
		t.Errorf("unknown cloud: code %d, data %s, want 200 and []", unknown.code, unknown.data)
	}
}

func TestRegionsIncludeDefaultRegion(t *testing.T) {
	found := false
	for _, region := range cloudRegions("") {
		found = found || region.RegionID == DefaultRegionID
	}
	if !found {
		t.Errorf("region list lacks the default region %s", DefaultRegionID)
	}
}
