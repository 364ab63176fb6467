package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestCreateServerlessCluster(t *testing.T) {
	server, c := serve(t, respond(http.StatusOK, createdJSON))
	req := CreateServerlessRequest{Plan: "Serverless", ClusterName: "alpha", ProjectID: "proj-1"}

	created, err := c.CreateServerlessCluster(t.Context(), req)
	if err != nil {
		t.Fatalf("CreateServerlessCluster: %v", err)
	}

	want := CreateServerlessResponse{ClusterID: "inxx-new", Username: "db_admin", Password: testPassword, Prompt: "Successfully submitted."}
	if *created != want {
		t.Errorf("response = %+v, want %+v", *created, want)
	}
	got := server.recorded()[0]
	if got.Method != http.MethodPost {
		t.Errorf("method = %s, want POST", got.Method)
	}
	if got.Path != "/v1/clusters/createServerless" {
		t.Errorf("path = %s, want /v1/clusters/createServerless", got.Path)
	}
	var body map[string]any
	if err := json.Unmarshal(got.Body, &body); err != nil {
		t.Fatalf("request body %q is not JSON: %v", got.Body, err)
	}
	wantBody := map[string]any{"plan": "Serverless", "clusterName": "alpha", "projectId": "proj-1"}
	if fmt.Sprint(body) != fmt.Sprint(wantBody) {
		t.Errorf("request body = %v, want %v", body, wantBody)
	}
}

func TestCreateWithoutClusterIDIsOutcomeUnknown(t *testing.T) {
	_, c := serve(t, respond(http.StatusOK, `{"code":200,"data":{"username":"db_admin"}}`))

	_, err := c.CreateServerlessCluster(t.Context(), CreateServerlessRequest{ClusterName: "alpha"})

	if !IsOutcomeUnknown(err) {
		t.Errorf("IsOutcomeUnknown(%v) = false", err)
	}
	var responseErr *ResponseError
	if !errors.As(err, &responseErr) {
		t.Fatalf("error %v does not wrap a ResponseError", err)
	}
	if !strings.Contains(responseErr.Error(), "no clusterId") {
		t.Errorf("error %q does not name the missing clusterId", responseErr)
	}
}

func TestDescribeCluster(t *testing.T) {
	server, c := serve(t, respond(http.StatusOK, `{"code":200,"data":`+clusterJSON+`}`))

	cluster, err := c.DescribeCluster(t.Context(), "inxx-1")
	if err != nil {
		t.Fatalf("DescribeCluster: %v", err)
	}

	want := Cluster{
		ClusterID: "inxx-1", ClusterName: "alpha", Description: "first", RegionID: "gcp-us-west1",
		ClusterType: "Serverless", Plan: "Serverless", Status: StatusRunning,
		ConnectAddress: "https://inxx-1.serverless.gcp-us-west1.cloud.zilliz.com",
		CreateTime:     "2026-01-02T03:04:05Z", StorageSize: 12, SnapshotNumber: 1, CreateProgress: 100,
		ProjectID: "proj-1",
	}
	if *cluster != want {
		t.Errorf("cluster = %+v, want %+v", *cluster, want)
	}
	got := server.recorded()[0]
	if got.Method != http.MethodGet || got.Path != "/v1/clusters/inxx-1" {
		t.Errorf("request = %s %s, want GET /v1/clusters/inxx-1", got.Method, got.Path)
	}
}

func TestDescribeClusterRequiresIDAndStatus(t *testing.T) {
	tests := map[string]struct {
		data   string
		reason string
	}{
		"no cluster id":         {data: `{"clusterName":"alpha","status":"RUNNING"}`, reason: "the response data has no clusterId"},
		"empty cluster id":      {data: `{"clusterId":"","status":"RUNNING"}`, reason: "the response data has no clusterId"},
		"no status":             {data: `{"clusterId":"inxx-1","clusterName":"alpha"}`, reason: "the response data has no status"},
		"null status":           {data: `{"clusterId":"inxx-1","status":null}`, reason: "the response data has no status"},
		"neither id nor status": {data: `{"clusterName":"alpha"}`, reason: "the response data has no clusterId and status"},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			_, c := serve(t, respond(http.StatusOK, `{"code":200,"data":`+test.data+`}`))

			cluster, err := c.DescribeCluster(t.Context(), "inxx-1")

			if cluster != nil {
				t.Errorf("DescribeCluster returned cluster %+v with the error", *cluster)
			}
			var responseErr *ResponseError
			if !errors.As(err, &responseErr) {
				t.Fatalf("error %v is not a ResponseError", err)
			}
			if got := responseErr.Err.Error(); got != test.reason {
				t.Errorf("reason = %q, want %q", got, test.reason)
			}
			if responseErr.HTTPStatus != http.StatusOK {
				t.Errorf("HTTP status = %d, want 200", responseErr.HTTPStatus)
			}
			if IsNotFound(err) {
				t.Errorf("IsNotFound(%v) = true for an incomplete response", err)
			}
		})
	}
}

func TestDescribeClusterEscapesID(t *testing.T) {
	server, c := serve(t, respond(http.StatusOK, `{"code":200,"data":`+clusterJSON+`}`))

	if _, err := c.DescribeCluster(t.Context(), "a/b?c"); err != nil {
		t.Fatalf("DescribeCluster: %v", err)
	}

	if got := server.recorded()[0].Path; got != "/v1/clusters/a%2Fb%3Fc" {
		t.Errorf("path = %q, want /v1/clusters/a%%2Fb%%3Fc", got)
	}
}

func TestClusterIDValidation(t *testing.T) {
	server, c := serve(t, respond(http.StatusOK, `{"code":200,"data":{}}`))

	for _, id := range []string{"", ".", ".."} {
		if _, err := c.DescribeCluster(t.Context(), id); err == nil {
			t.Errorf("DescribeCluster(%q) returned no error", id)
		}
		if _, err := c.DropCluster(t.Context(), id); err == nil {
			t.Errorf("DropCluster(%q) returned no error", id)
		}
	}
	if server.count() != 0 {
		t.Errorf("the server received %d requests for invalid IDs, want 0", server.count())
	}
}

func TestDropCluster(t *testing.T) {
	server, c := serve(t, respond(http.StatusOK, `{"code":200,"data":{"clusterId":"inxx-1","prompt":"dropped"}}`))

	dropped, err := c.DropCluster(t.Context(), "inxx-1")
	if err != nil {
		t.Fatalf("DropCluster: %v", err)
	}

	if *dropped != (DropClusterResponse{ClusterID: "inxx-1", Prompt: "dropped"}) {
		t.Errorf("response = %+v", *dropped)
	}
	got := server.recorded()[0]
	if got.Method != http.MethodDelete || got.Path != "/v1/clusters/inxx-1/drop" {
		t.Errorf("request = %s %s, want DELETE /v1/clusters/inxx-1/drop", got.Method, got.Path)
	}
}

func TestDropRetriedAfterEffectIsNotFound(t *testing.T) {
	server, c := serve(t, sequence(
		respond(http.StatusBadGateway, "<html>bad gateway</html>"),
		respond(http.StatusOK, `{"code":80020,"message":"cluster not found"}`),
	))

	_, err := c.DropCluster(t.Context(), "inxx-1")

	if !IsNotFound(err) {
		t.Errorf("IsNotFound(%v) = false", err)
	}
	if server.count() != 2 {
		t.Errorf("server received %d requests, want 2", server.count())
	}
}

func TestListClusters(t *testing.T) {
	server, c := serve(t, respond(http.StatusOK,
		`{"code":200,"data":{"count":7,"currentPage":2,"pageSize":5,"clusters":[`+clusterJSON+`]}}`))

	page, err := c.ListClusters(t.Context(), 5, 2)
	if err != nil {
		t.Fatalf("ListClusters: %v", err)
	}

	if page.Count != 7 || page.CurrentPage != 2 || page.PageSize != 5 {
		t.Errorf("page = count %d, current %d, size %d; want 7, 2, 5", page.Count, page.CurrentPage, page.PageSize)
	}
	if len(page.Clusters) != 1 || page.Clusters[0].ClusterID != "inxx-1" {
		t.Errorf("clusters = %+v, want inxx-1", page.Clusters)
	}
	got := server.recorded()[0]
	if got.Method != http.MethodGet || got.Path != "/v1/clusters" {
		t.Errorf("request = %s %s, want GET /v1/clusters", got.Method, got.Path)
	}
	if got.RawQuery != "current=2&pageSize=5" {
		t.Errorf("query = %q, want current=2&pageSize=5", got.RawQuery)
	}
}

func TestListClustersRejectsInvalidPage(t *testing.T) {
	server, c := serve(t, respond(http.StatusOK, `{"code":200,"data":{}}`))

	cases := []struct{ pageSize, current int }{{4, 1}, {101, 1}, {10, 0}}
	for _, tc := range cases {
		if _, err := c.ListClusters(t.Context(), tc.pageSize, tc.current); err == nil {
			t.Errorf("ListClusters(%d, %d) returned no error", tc.pageSize, tc.current)
		}
	}
	if server.count() != 0 {
		t.Errorf("the server received %d requests, want 0", server.count())
	}
}

// pagedClusters returns a handler that serves clusters in pages as GET /v1/clusters does.
func pagedClusters(t *testing.T, clusters []Cluster) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		pageSize, _ := strconv.Atoi(r.URL.Query().Get("pageSize"))
		current, _ := strconv.Atoi(r.URL.Query().Get("current"))
		start := min((current-1)*pageSize, len(clusters))
		end := min(start+pageSize, len(clusters))

		data, err := json.Marshal(ClusterPage{
			Count: int64(len(clusters)), CurrentPage: int64(current), PageSize: int64(pageSize),
			Clusters: clusters[start:end],
		})
		if err != nil {
			t.Errorf("encoding a page: %v", err)
		}
		writeBody(w, http.StatusOK, `{"code":200,"data":`+string(data)+`}`)
	}
}

func makeClusters(count int) []Cluster {
	clusters := make([]Cluster, count)
	for i := range clusters {
		clusters[i] = Cluster{
			ClusterID:   fmt.Sprintf("inxx-%03d", i),
			ClusterName: fmt.Sprintf("cluster-%03d", i),
			Status:      StatusRunning,
			ProjectID:   "proj-1",
		}
	}
	return clusters
}

func TestListAllClustersReadsEveryPage(t *testing.T) {
	server, c := serve(t, pagedClusters(t, makeClusters(250)))

	clusters, err := c.ListAllClusters(t.Context())
	if err != nil {
		t.Fatalf("ListAllClusters: %v", err)
	}

	if len(clusters) != 250 {
		t.Errorf("got %d clusters, want 250", len(clusters))
	}
	if len(clusters) > 0 && clusters[249].ClusterID != "inxx-249" {
		t.Errorf("last cluster = %s, want inxx-249", clusters[249].ClusterID)
	}
	requests := server.recorded()
	if len(requests) != 3 {
		t.Fatalf("server received %d requests, want 3", len(requests))
	}
	for i, req := range requests {
		want := fmt.Sprintf("current=%d&pageSize=100", i+1)
		if req.RawQuery != want {
			t.Errorf("request %d query = %q, want %q", i+1, req.RawQuery, want)
		}
	}
}

func TestListAllClustersExactPages(t *testing.T) {
	server, c := serve(t, pagedClusters(t, makeClusters(200)))

	clusters, err := c.ListAllClusters(t.Context())
	if err != nil {
		t.Fatalf("ListAllClusters: %v", err)
	}

	if len(clusters) != 200 {
		t.Errorf("got %d clusters, want 200", len(clusters))
	}
	if server.count() != 2 {
		t.Errorf("server received %d requests, want 2", server.count())
	}
}

func TestListAllClustersEmpty(t *testing.T) {
	_, c := serve(t, pagedClusters(t, nil))

	clusters, err := c.ListAllClusters(t.Context())
	if err != nil {
		t.Fatalf("ListAllClusters: %v", err)
	}

	if len(clusters) != 0 {
		t.Errorf("got %d clusters, want none", len(clusters))
	}
}

func TestListAllClustersSkipsRepeats(t *testing.T) {
	// A service that ignores the page number returns the same page again and again.
	page := makeClusters(100)
	data, err := json.Marshal(ClusterPage{Count: 150, Clusters: page})
	if err != nil {
		t.Fatal(err)
	}
	server, c := serve(t, respond(http.StatusOK, `{"code":200,"data":`+string(data)+`}`))

	clusters, err := c.ListAllClusters(t.Context())
	if err != nil {
		t.Fatalf("ListAllClusters: %v", err)
	}

	if len(clusters) != 100 {
		t.Errorf("got %d clusters, want 100 distinct ones", len(clusters))
	}
	if server.count() != 2 {
		t.Errorf("server received %d requests, want 2", server.count())
	}
}

func TestListAllClustersWithoutCount(t *testing.T) {
	// Without a count, a page that is not full is the last one.
	all := makeClusters(130)
	_, c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		current, _ := strconv.Atoi(r.URL.Query().Get("current"))
		start := min((current-1)*100, len(all))
		data, _ := json.Marshal(map[string]any{"clusters": all[start:min(start+100, len(all))]})
		writeBody(w, http.StatusOK, `{"code":200,"data":`+string(data)+`}`)
	})

	clusters, err := c.ListAllClusters(t.Context())
	if err != nil {
		t.Fatalf("ListAllClusters: %v", err)
	}

	if len(clusters) != 130 {
		t.Errorf("got %d clusters, want 130", len(clusters))
	}
}

func TestListAllClustersStopsOnError(t *testing.T) {
	_, c := serve(t, sequence(
		pagedClusters(t, makeClusters(250)),
		respond(http.StatusOK, `{"code":80001,"message":"invalid token"}`),
	))

	clusters, err := c.ListAllClusters(t.Context())

	if !HasCode(err, 80001) {
		t.Errorf("error = %v, want code 80001", err)
	}
	if clusters != nil {
		t.Errorf("got %d clusters with the error, want none", len(clusters))
	}
}

func TestFindLiveClusterByName(t *testing.T) {
	clusters := []Cluster{
		{ClusterID: "inxx-gone", ClusterName: "alpha", Status: StatusDeleted, ProjectID: "proj-1"},
		{ClusterID: "inxx-going", ClusterName: "alpha", Status: StatusDeleting, ProjectID: "proj-1"},
		{ClusterID: "inxx-other-project", ClusterName: "beta", Status: StatusRunning, ProjectID: "proj-2"},
		{ClusterID: "inxx-live", ClusterName: "alpha", Status: StatusCreating, ProjectID: "proj-1"},
		{ClusterID: "inxx-case", ClusterName: "Alpha", Status: StatusRunning, ProjectID: "proj-1"},
	}
	_, c := serve(t, pagedClusters(t, clusters))

	cases := []struct {
		name, projectID, clusterName, want string
	}{
		{"live cluster", "proj-1", "alpha", "inxx-live"},
		{"any project", "", "alpha", "inxx-live"},
		{"other project", "proj-1", "beta", ""},
		{"no such name", "proj-1", "gamma", ""},
		{"exact case", "proj-1", "Alpha", "inxx-case"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			found, err := c.FindLiveClusterByName(t.Context(), tc.projectID, tc.clusterName)
			if err != nil {
				t.Fatalf("FindLiveClusterByName: %v", err)
			}

			got := ""
			if found != nil {
				got = found.ClusterID
			}
			if got != tc.want {
				t.Errorf("found %q, want %q", got, tc.want)
			}
		})
	}
}

func TestFindLiveClusterByNameAmbiguous(t *testing.T) {
	_, c := serve(t, pagedClusters(t, []Cluster{
		{ClusterID: "inxx-a", ClusterName: "alpha", Status: StatusRunning, ProjectID: "proj-1"},
		{ClusterID: "inxx-b", ClusterName: "alpha", Status: StatusRunning},
	}))

	found, err := c.FindLiveClusterByName(t.Context(), "proj-1", "alpha")

	if err == nil {
		t.Fatalf("found %+v and no error, want an error", found)
	}
	if !strings.Contains(err.Error(), "inxx-a") || !strings.Contains(err.Error(), "inxx-b") {
		t.Errorf("error %q does not name both clusters", err)
	}
}
