package mock

import (
	"net/http"
	"testing"
	"time"
)

func TestDropOutOfBand(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.create("console-drop").ClusterID

	dropped := ts.DropOutOfBand(id)

	if !dropped {
		t.Error("DropOutOfBand = false, want true for a live cluster")
	}
	if got := ts.describe(id).Status; got != StatusDeleted {
		t.Errorf("status = %s, want DELETED at once", got)
	}
	if ts.DropOutOfBand(id) {
		t.Error("second DropOutOfBand = true, want false for a DELETED cluster")
	}
	if ts.DropOutOfBand("inxx-000000000000000") {
		t.Error("DropOutOfBand of an unknown ID = true, want false")
	}
}

func TestDropOutOfBandEndsDeleting(t *testing.T) {
	ts := newTestServer(t, Options{DeleteDelay: time.Hour})
	id := ts.create("slow-delete").ClusterID
	ts.drop(id)
	ts.clock.Advance(time.Minute)

	if !ts.DropOutOfBand(id) {
		t.Fatal("DropOutOfBand = false for a DELETING cluster, want true")
	}
	if got := ts.describe(id).Status; got != StatusDeleted {
		t.Errorf("status = %s, want DELETED", got)
	}
}

func TestAddClusterDefaults(t *testing.T) {
	ts := newTestServer(t, Options{})

	id := ts.AddCluster(ClusterSpec{Name: "imported"})
	cluster := ts.describe(id)

	if cluster.Status != StatusRunning {
		t.Errorf("status = %s, want RUNNING", cluster.Status)
	}
	if cluster.ProjectID != defaultProjectID {
		t.Errorf("projectId = %s, want the first project", cluster.ProjectID)
	}
	if cluster.Plan != PlanServerless {
		t.Errorf("plan = %s, want Serverless", cluster.Plan)
	}
	if cluster.RegionID != DefaultRegionID {
		t.Errorf("regionId = %s, want %s", cluster.RegionID, DefaultRegionID)
	}
	if cluster.ConnectAddress == "" {
		t.Error("connectAddress is empty for a RUNNING cluster")
	}
	if ts.Password(id) == "" {
		t.Error("no password generated")
	}
}

func TestAddClusterStatuses(t *testing.T) {
	cases := []struct {
		status      string
		wantNow     string
		wantInAWeek string
	}{
		{StatusRunning, StatusRunning, StatusRunning},
		{StatusCreating, StatusCreating, StatusRunning},
		{StatusDeleting, StatusDeleting, StatusDeleted},
		{StatusSuspended, StatusSuspended, StatusSuspended},
		{StatusResuming, StatusResuming, StatusResuming},
		{"UPGRADING", "UPGRADING", "UPGRADING"},
	}
	for _, tc := range cases {
		t.Run(tc.status, func(t *testing.T) {
			ts := newTestServer(t, Options{CreateDelay: time.Hour, DeleteDelay: time.Hour,
				DeletedRetention: 30 * 24 * time.Hour})
			id := ts.AddCluster(ClusterSpec{Name: "status-" + tc.status, Status: tc.status})

			if got := ts.describe(id).Status; got != tc.wantNow {
				t.Errorf("status now = %s, want %s", got, tc.wantNow)
			}
			ts.clock.Advance(7 * 24 * time.Hour)
			if got := ts.describe(id).Status; got != tc.wantInAWeek {
				t.Errorf("status in a week = %s, want %s", got, tc.wantInAWeek)
			}
		})
	}
}

func TestAddClusterDeleted(t *testing.T) {
	ts := newTestServer(t, Options{})

	id := ts.AddCluster(ClusterSpec{Name: "gone", Status: StatusDeleted})

	if got := ts.describe(id).Status; got != StatusDeleted {
		t.Errorf("status = %s, want DELETED", got)
	}
	if got := len(ts.LiveClusters()); got != 0 {
		t.Errorf("%d live clusters, want 0", got)
	}
}

func TestAddClusterFixedStatusCanBeDropped(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.AddCluster(ClusterSpec{Name: "suspended", Status: StatusSuspended})

	resp := ts.drop(id)

	if resp.code != CodeSuccess {
		t.Errorf("drop code = %d (%s), want 200", resp.code, resp.message)
	}
	if got := ts.describe(id).Status; got != StatusDeleted {
		t.Errorf("status = %s, want DELETED", got)
	}
}

func TestAddClusterSkipsValidation(t *testing.T) {
	ts := newTestServer(t, Options{})

	first := ts.AddCluster(ClusterSpec{Name: "twin"})
	second := ts.AddCluster(ClusterSpec{Name: "twin", ProjectID: "proj-elsewhere", Plan: PlanFree})

	if first == second {
		t.Fatal("both clusters got the same ID")
	}
	live := ts.LiveClusters()
	if len(live) != 2 {
		t.Fatalf("%d live clusters, want 2 with one name", len(live))
	}
	if live[1].ProjectID != "proj-elsewhere" || live[1].Plan != PlanFree {
		t.Errorf("second cluster = %+v, want the given project and plan", live[1])
	}
}

func TestClusterSnapshot(t *testing.T) {
	ts := newTestServer(t, Options{DeletedRetention: time.Second})
	id := ts.create("snapshot").ClusterID
	ts.drop(id)
	ts.clock.Advance(time.Hour)

	cluster, found := ts.Cluster(id)
	_, unknownFound := ts.Cluster("inxx-000000000000000")

	if !found || cluster.Status != StatusDeleted {
		t.Errorf("Cluster = %+v, %t; want the DELETED cluster past its retention", cluster, found)
	}
	if unknownFound {
		t.Error("Cluster of an unknown ID reported found")
	}
	if got := ts.call(http.MethodGet, "/v1/clusters/"+id, "").code; got != CodeClusterNotFound {
		t.Errorf("describe code = %d, want %d while Cluster still shows it", got, CodeClusterNotFound)
	}
}

func TestLiveClustersAllRegionsInOrder(t *testing.T) {
	ts := newTestServer(t, Options{})
	a := ts.create("a").ClusterID
	b := ts.AddCluster(ClusterSpec{Name: "b", RegionID: "aws-us-east-1"})
	c := ts.create("c").ClusterID
	ts.DropOutOfBand(c)
	d := ts.create("d").ClusterID

	live := ts.LiveClusters()

	want := []string{a, b, d}
	if len(live) != len(want) {
		t.Fatalf("%d live clusters, want %d", len(live), len(want))
	}
	for i := range want {
		if live[i].ClusterID != want[i] {
			t.Errorf("live[%d] = %s, want %s", i, live[i].ClusterID, want[i])
		}
	}
}

func TestSetCreateDelay(t *testing.T) {
	ts := newTestServer(t, Options{CreateDelay: time.Hour, CreateDelayMax: 2 * time.Hour})
	before := ts.create("before-change").ClusterID

	ts.SetCreateDelay(time.Minute)
	after := ts.create("after-change").ClusterID
	ts.clock.Advance(time.Minute)

	if got := ts.describe(after).Status; got != StatusRunning {
		t.Errorf("cluster created after the change: status = %s, want RUNNING after 1m", got)
	}
	if got := ts.describe(before).Status; got != StatusCreating {
		t.Errorf("cluster created before the change: status = %s, want CREATING", got)
	}
}

func TestSetCreateDelayNegativePanics(t *testing.T) {
	srv := New(Options{})
	defer func() {
		if recover() == nil {
			t.Error("SetCreateDelay did not panic")
		}
	}()
	srv.SetCreateDelay(-time.Second)
}

func TestSetRegionServerless(t *testing.T) {
	ts := newTestServer(t, Options{})

	ts.SetRegionServerless(false)
	off := ts.call(http.MethodPost, createPath, createBody("Free", "toggle", defaultProjectID))
	ts.SetRegionServerless(true)
	on := ts.call(http.MethodPost, createPath, createBody("Free", "toggle", defaultProjectID))

	if off.code != CodeServerlessNotOffered {
		t.Errorf("not offered: code = %d, want %d", off.code, CodeServerlessNotOffered)
	}
	if on.code != CodeSuccess {
		t.Errorf("offered again: code = %d (%s), want 200", on.code, on.message)
	}
}
