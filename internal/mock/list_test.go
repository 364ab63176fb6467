package mock

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

func (ts *testServer) listPage(query string) clusterPage {
	ts.t.Helper()
	resp := ts.call(http.MethodGet, "/v1/clusters"+query, "")
	if resp.code != CodeSuccess {
		ts.t.Fatalf("list %s: code = %d (%s)", query, resp.code, resp.message)
	}
	return decodeData[clusterPage](ts.t, resp)
}

func (ts *testServer) createNumbered(count int) []string {
	ts.t.Helper()
	ids := make([]string, count)
	for i := range ids {
		ids[i] = ts.create(fmt.Sprintf("cluster-%02d", i)).ClusterID
	}
	return ids
}

func TestListDefaults(t *testing.T) {
	ts := newTestServer(t, Options{})
	ids := ts.createNumbered(12)

	page := ts.listPage("")

	if page.Count != 12 {
		t.Errorf("count = %d, want 12", page.Count)
	}
	if page.CurrentPage != 1 {
		t.Errorf("currentPage = %d, want 1", page.CurrentPage)
	}
	if page.PageSize != 10 {
		t.Errorf("pageSize = %d, want 10", page.PageSize)
	}
	if len(page.Clusters) != 10 {
		t.Fatalf("%d clusters, want 10", len(page.Clusters))
	}
	for i, cluster := range page.Clusters {
		if cluster.ClusterID != ids[i] {
			t.Errorf("clusters[%d] = %s, want %s in order of creation", i, cluster.ClusterID, ids[i])
		}
	}
}

func TestListSecondPage(t *testing.T) {
	ts := newTestServer(t, Options{})
	ids := ts.createNumbered(12)

	page := ts.listPage("?pageSize=5&current=3")

	if page.Count != 12 {
		t.Errorf("count = %d, want 12", page.Count)
	}
	if page.CurrentPage != 3 {
		t.Errorf("currentPage = %d, want 3", page.CurrentPage)
	}
	if len(page.Clusters) != 2 {
		t.Fatalf("%d clusters, want 2", len(page.Clusters))
	}
	if page.Clusters[0].ClusterID != ids[10] {
		t.Errorf("first cluster = %s, want %s", page.Clusters[0].ClusterID, ids[10])
	}
}

func TestListBeyondLastPage(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.createNumbered(3)

	resp := ts.call(http.MethodGet, "/v1/clusters?pageSize=5&current=2", "")
	page := decodeData[clusterPage](t, resp)

	if page.Count != 3 {
		t.Errorf("count = %d, want 3", page.Count)
	}
	if page.Clusters == nil || len(page.Clusters) != 0 {
		t.Errorf("clusters = %#v in %s, want an empty JSON list", page.Clusters, resp.data)
	}
}

func TestListHugePageNumber(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.createNumbered(1)

	page := ts.listPage("?pageSize=100&current=2147483647")

	if len(page.Clusters) != 0 {
		t.Errorf("%d clusters, want 0", len(page.Clusters))
	}
}

func TestListEmptyAccount(t *testing.T) {
	ts := newTestServer(t, Options{})

	resp := ts.call(http.MethodGet, "/v1/clusters", "")

	if want := `{"count":0,"currentPage":1,"pageSize":10,"clusters":[]}`; string(resp.data) != want {
		t.Errorf("data = %s, want %s", resp.data, want)
	}
}

func TestListParameterLimits(t *testing.T) {
	cases := []struct {
		query string
		want  int
	}{
		{"?pageSize=5", CodeSuccess},
		{"?pageSize=100", CodeSuccess},
		{"?pageSize=", CodeSuccess},
		{"?current=1", CodeSuccess},
		{"?pageSize=4", CodeInvalidParameter},
		{"?pageSize=101", CodeInvalidParameter},
		{"?pageSize=0", CodeInvalidParameter},
		{"?pageSize=ten", CodeInvalidParameter},
		{"?pageSize=10.5", CodeInvalidParameter},
		{"?current=0", CodeInvalidParameter},
		{"?current=-1", CodeInvalidParameter},
		{"?current=x", CodeInvalidParameter},
		{"?current=99999999999999999999", CodeInvalidParameter},
	}
	ts := newTestServer(t, Options{})
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			resp := ts.call(http.MethodGet, "/v1/clusters"+tc.query, "")
			if resp.status != http.StatusOK {
				t.Errorf("HTTP status = %d, want 200", resp.status)
			}
			if resp.code != tc.want {
				t.Errorf("code = %d (%s), want %d", resp.code, resp.message, tc.want)
			}
		})
	}
}

func TestListExcludesDeleted(t *testing.T) {
	ts := newTestServer(t, Options{DeleteDelay: time.Minute})
	ids := ts.createNumbered(3)
	ts.drop(ids[0])
	ts.DropOutOfBand(ids[1])

	page := ts.listPage("")

	if page.Count != 2 {
		t.Errorf("count = %d, want 2 (the DELETING one and the RUNNING one)", page.Count)
	}
	statuses := make(map[string]string)
	for _, cluster := range page.Clusters {
		statuses[cluster.ClusterID] = cluster.Status
	}
	if statuses[ids[0]] != StatusDeleting {
		t.Errorf("dropped cluster: status %q, want DELETING in the list", statuses[ids[0]])
	}
	if _, listed := statuses[ids[1]]; listed {
		t.Error("DELETED cluster is listed")
	}
}

func TestListExcludesOtherRegion(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.AddCluster(ClusterSpec{Name: "elsewhere", RegionID: "gcp-us-east4"})
	local := ts.AddCluster(ClusterSpec{Name: "here"})

	page := ts.listPage("")

	if page.Count != 1 || len(page.Clusters) != 1 || page.Clusters[0].ClusterID != local {
		t.Errorf("list = %+v, want only %s", page, local)
	}
}
