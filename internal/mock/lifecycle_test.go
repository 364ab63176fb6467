package mock

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

func TestLifecycleLinearProgress(t *testing.T) {
	ts := newTestServer(t, Options{CreateDelay: 100 * time.Second})
	id := ts.create("linear").ClusterID

	steps := []struct {
		after    time.Duration
		status   string
		progress int64
	}{
		{0, StatusCreating, 0},
		{25 * time.Second, StatusCreating, 25},
		{50 * time.Second, StatusCreating, 50},
		{99*time.Second + 999*time.Millisecond, StatusCreating, 99},
		{100 * time.Second, StatusRunning, 100},
		{time.Hour, StatusRunning, 100},
	}
	var elapsed time.Duration
	for _, step := range steps {
		ts.clock.Advance(step.after - elapsed)
		elapsed = step.after

		cluster := ts.describe(id)
		if cluster.Status != step.status {
			t.Errorf("after %s: status = %s, want %s", step.after, cluster.Status, step.status)
		}
		if cluster.CreateProgress != step.progress {
			t.Errorf("after %s: createProgress = %d, want %d", step.after, cluster.CreateProgress, step.progress)
		}
	}
}

func TestLifecycleConnectAddressOnceRunning(t *testing.T) {
	ts := newTestServer(t, Options{CreateDelay: time.Minute})
	id := ts.create("address").ClusterID

	if got := ts.describe(id).ConnectAddress; got != "" {
		t.Errorf("connectAddress while CREATING = %q, want empty", got)
	}
	ts.clock.Advance(time.Minute)
	want := "https://" + id + ".serverless.gcp-us-west1.cloud.zilliz.com"
	if got := ts.describe(id).ConnectAddress; got != want {
		t.Errorf("connectAddress when RUNNING = %q, want %q", got, want)
	}
}

func TestLifecycleZeroDelayRunningAtOnce(t *testing.T) {
	ts := newTestServer(t, Options{})

	cluster := ts.describe(ts.create("instant").ClusterID)

	if cluster.Status != StatusRunning {
		t.Errorf("status = %s, want RUNNING", cluster.Status)
	}
	if cluster.CreateProgress != 100 {
		t.Errorf("createProgress = %d, want 100", cluster.CreateProgress)
	}
}

func TestLifecycleRandomDelayWithinBounds(t *testing.T) {
	ts := newTestServer(t, Options{CreateDelay: 10 * time.Second, CreateDelayMax: 20 * time.Second})
	const count = 40
	for i := range count {
		ts.create("random-" + string(rune('a'+i%26)) + string(rune('a'+i/26)))
	}

	ts.clock.Advance(10*time.Second - time.Nanosecond)
	for _, c := range ts.Stats().Clusters {
		if c.SecondsToRunning != nil {
			t.Errorf("%s is RUNNING before the minimum delay", c.ClusterID)
		}
	}

	ts.clock.Advance(10*time.Second + time.Nanosecond)
	distinct := make(map[float64]bool)
	for _, c := range ts.Stats().Clusters {
		if c.SecondsToRunning == nil {
			t.Fatalf("%s is not RUNNING after the maximum delay", c.ClusterID)
		}
		seconds := *c.SecondsToRunning
		if seconds < 10 || seconds > 20 {
			t.Errorf("%s took %gs to RUNNING, want 10 to 20", c.ClusterID, seconds)
		}
		distinct[seconds] = true
	}
	if len(distinct) < count/2 {
		t.Errorf("%d distinct delays among %d clusters, want them drawn at random", len(distinct), count)
	}
}

func TestLifecycleUnevenProgress(t *testing.T) {
	ts := newTestServer(t, Options{CreateDelay: 100 * time.Second, UnevenProgress: true})
	var ids []string
	for _, name := range []string{"u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8"} {
		ids = append(ids, ts.create(name).ClusterID)
	}

	previous := make(map[string]int64)
	stalls, bigJumps := 0, 0
	for second := 1; second <= 100; second++ {
		ts.clock.Advance(time.Second)
		for _, id := range ids {
			cluster := ts.describe(id)
			progress := cluster.CreateProgress

			if progress < previous[id] {
				t.Fatalf("%s at %ds: createProgress fell from %d to %d", id, second, previous[id], progress)
			}
			if second < 100 && (progress >= 100 || cluster.Status != StatusCreating) {
				t.Fatalf("%s at %ds: status %s, createProgress %d before completion",
					id, second, cluster.Status, progress)
			}
			if second == 100 && (progress != 100 || cluster.Status != StatusRunning) {
				t.Fatalf("%s at completion: status %s, createProgress %d", id, cluster.Status, progress)
			}
			if progress == previous[id] {
				stalls++
			}
			if progress-previous[id] > 5 {
				bigJumps++
			}
			previous[id] = progress
		}
	}

	if stalls == 0 {
		t.Error("createProgress never stalled")
	}
	if bigJumps == 0 {
		t.Error("createProgress never jumped by more than 5")
	}
}

func TestLifecycleInitializing(t *testing.T) {
	ts := newTestServer(t, Options{CreateDelay: 100 * time.Second, InitializingFraction: 0.2})
	id := ts.create("init").ClusterID

	ts.clock.Advance(80*time.Second - time.Nanosecond)
	if got := ts.describe(id).Status; got != StatusCreating {
		t.Errorf("before the final fifth: status = %s, want CREATING", got)
	}
	ts.clock.Advance(time.Nanosecond)
	initializing := ts.describe(id)
	if initializing.Status != StatusInitializing {
		t.Errorf("in the final fifth: status = %s, want INITIALIZING", initializing.Status)
	}
	if initializing.CreateProgress != 80 {
		t.Errorf("in the final fifth: createProgress = %d, want 80", initializing.CreateProgress)
	}
	ts.clock.Advance(20 * time.Second)
	if got := ts.describe(id).Status; got != StatusRunning {
		t.Errorf("at completion: status = %s, want RUNNING", got)
	}
}

func TestLifecycleInitializingOffByDefault(t *testing.T) {
	ts := newTestServer(t, Options{CreateDelay: 100 * time.Second})
	id := ts.create("no-init").ClusterID

	ts.clock.Advance(99 * time.Second)

	if got := ts.describe(id).Status; got != StatusCreating {
		t.Errorf("status = %s, want CREATING", got)
	}
}

func TestDropLifecycle(t *testing.T) {
	ts := newTestServer(t, Options{DeleteDelay: 30 * time.Second})
	id := ts.create("to-drop").ClusterID

	resp := ts.drop(id)
	if resp.code != CodeSuccess {
		t.Fatalf("drop: code = %d (%s)", resp.code, resp.message)
	}
	data := decodeData[dropClusterData](t, resp)
	if data.ClusterID != id {
		t.Errorf("drop clusterId = %q, want %q", data.ClusterID, id)
	}
	if data.Prompt == "" {
		t.Error("drop prompt is empty")
	}

	steps := []struct {
		after  time.Duration
		status string
	}{
		{0, StatusDeleting},
		{30*time.Second - time.Nanosecond, StatusDeleting},
		{30 * time.Second, StatusDeleted},
		{90*time.Second - time.Nanosecond, StatusDeleted},
	}
	var elapsed time.Duration
	for _, step := range steps {
		ts.clock.Advance(step.after - elapsed)
		elapsed = step.after
		if got := ts.describe(id).Status; got != step.status {
			t.Errorf("after %s: status = %s, want %s", step.after, got, step.status)
		}
	}

	ts.clock.Advance(time.Nanosecond)
	afterRetention := ts.call(http.MethodGet, "/v1/clusters/"+id, "")
	if afterRetention.code != CodeClusterNotFound {
		t.Errorf("after retention: code = %d, want %d", afterRetention.code, CodeClusterNotFound)
	}
}

func TestDropDeletedCluster(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.create("dropped-once").ClusterID
	ts.drop(id)

	resp := ts.drop(id)

	if resp.code != CodeClusterNotFound {
		t.Errorf("code = %d (%s), want %d", resp.code, resp.message, CodeClusterNotFound)
	}
}

func TestDropWhileDeletingKeepsDeletionTime(t *testing.T) {
	ts := newTestServer(t, Options{DeleteDelay: 30 * time.Second})
	id := ts.create("dropped-twice").ClusterID
	ts.drop(id)
	ts.clock.Advance(20 * time.Second)

	again := ts.drop(id)
	ts.clock.Advance(10 * time.Second)

	if again.code != CodeSuccess {
		t.Errorf("second drop: code = %d (%s), want 200", again.code, again.message)
	}
	if got := ts.describe(id).Status; got != StatusDeleted {
		t.Errorf("30s after the first drop: status = %s, want DELETED", got)
	}
}

func TestDropCreatingClusterFreezesProgress(t *testing.T) {
	ts := newTestServer(t, Options{CreateDelay: 100 * time.Second, DeleteDelay: time.Minute})
	id := ts.create("half-built").ClusterID
	ts.clock.Advance(40 * time.Second)
	ts.drop(id)

	ts.clock.Advance(100 * time.Second)
	cluster := ts.describe(id)

	if cluster.Status != StatusDeleted {
		t.Errorf("status = %s, want DELETED", cluster.Status)
	}
	if cluster.CreateProgress != 40 {
		t.Errorf("createProgress = %d, want 40 as at the drop", cluster.CreateProgress)
	}
	if cluster.ConnectAddress != "" {
		t.Errorf("connectAddress = %q, want empty for a cluster that never ran", cluster.ConnectAddress)
	}
}

func TestDropUnknownCluster(t *testing.T) {
	ts := newTestServer(t, Options{})

	if got := ts.drop("inxx-000000000000000").code; got != CodeClusterNotFound {
		t.Errorf("drop code = %d, want %d", got, CodeClusterNotFound)
	}
	if got := ts.call(http.MethodGet, "/v1/clusters/inxx-000000000000000", "").code; got != CodeClusterNotFound {
		t.Errorf("describe code = %d, want %d", got, CodeClusterNotFound)
	}
}

func TestDeletedRetentionSettings(t *testing.T) {
	cases := []struct {
		name      string
		retention time.Duration
		visibleAt time.Duration
		goneAt    time.Duration
	}{
		{"default one minute", 0, time.Minute - time.Nanosecond, time.Minute},
		{"custom", 5 * time.Second, 5*time.Second - time.Nanosecond, 5 * time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, Options{DeletedRetention: tc.retention})
			id := ts.create("retained").ClusterID
			ts.drop(id)

			ts.clock.Advance(tc.visibleAt)
			if got := ts.call(http.MethodGet, "/v1/clusters/"+id, "").code; got != CodeSuccess {
				t.Errorf("after %s: code = %d, want 200", tc.visibleAt, got)
			}
			ts.clock.Advance(tc.goneAt - tc.visibleAt)
			if got := ts.call(http.MethodGet, "/v1/clusters/"+id, "").code; got != CodeClusterNotFound {
				t.Errorf("after %s: code = %d, want %d", tc.goneAt, got, CodeClusterNotFound)
			}
		})
	}
}

func TestDeletedRetentionNegativeMeansNone(t *testing.T) {
	ts := newTestServer(t, Options{DeletedRetention: -1})
	id := ts.create("no-retention").ClusterID
	ts.drop(id)

	if got := ts.call(http.MethodGet, "/v1/clusters/"+id, "").code; got != CodeClusterNotFound {
		t.Errorf("code = %d, want %d", got, CodeClusterNotFound)
	}
}

func TestClusterInOtherRegion(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.AddCluster(ClusterSpec{Name: "elsewhere", RegionID: "aws-us-west-2"})

	if got := ts.call(http.MethodGet, "/v1/clusters/"+id, "").code; got != CodeClusterNotInRegion {
		t.Errorf("describe code = %d, want %d", got, CodeClusterNotInRegion)
	}
	if got := ts.drop(id).code; got != CodeClusterNotInRegion {
		t.Errorf("drop code = %d, want %d", got, CodeClusterNotInRegion)
	}
	if cluster, _ := ts.Cluster(id); cluster.Status != StatusRunning {
		t.Errorf("status after rejected drop = %s, want RUNNING", cluster.Status)
	}
}

func TestDescribeAllFields(t *testing.T) {
	ts := newTestServer(t, Options{RegionID: "aws-us-east-1"})
	id := ts.create("fields").ClusterID

	resp := ts.call(http.MethodGet, "/v1/clusters/"+id, "")
	var fields map[string]any
	if err := json.Unmarshal(resp.data, &fields); err != nil {
		t.Fatalf("decoding %s: %v", resp.data, err)
	}

	want := map[string]any{
		"clusterId":          id,
		"clusterName":        "fields",
		"description":        "",
		"regionId":           "aws-us-east-1",
		"clusterType":        "Serverless",
		"plan":               "Serverless",
		"cuSize":             float64(0),
		"status":             StatusRunning,
		"connectAddress":     "https://" + id + ".serverless.aws-us-east-1.cloud.zilliz.com",
		"privateLinkAddress": "",
		"createTime":         "2025-03-01T10:00:00Z",
		"storageSize":        float64(0),
		"snapshotNumber":     float64(0),
		"createProgress":     float64(100),
		"projectId":          defaultProjectID,
	}
	for key, value := range want {
		got, present := fields[key]
		if !present {
			t.Errorf("field %s is missing", key)
			continue
		}
		if got != value {
			t.Errorf("%s = %#v, want %#v", key, got, value)
		}
	}
	if len(fields) != len(want) {
		t.Errorf("data has %d fields, want %d: %s", len(fields), len(want), resp.data)
	}
}

func TestDescribeCreateTimeInUTC(t *testing.T) {
	east := time.FixedZone("UTC+9", 9*60*60)
	ts := newTestServer(t, Options{Now: func() time.Time {
		return time.Date(2025, time.June, 2, 3, 4, 5, 600, east)
	}})

	cluster := ts.describe(ts.create("zoned").ClusterID)

	if cluster.CreateTime != "2025-06-01T18:04:05Z" {
		t.Errorf("createTime = %q, want 2025-06-01T18:04:05Z", cluster.CreateTime)
	}
}
