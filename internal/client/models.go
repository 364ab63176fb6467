package client

// CreateServerlessRequest is the body of POST /v1/clusters/createServerless.
type CreateServerlessRequest struct {
	Plan        string `json:"plan"`
	ClusterName string `json:"clusterName"`
	ProjectID   string `json:"projectId"`
}

// CreateServerlessResponse is the data of a successful createServerless call. The service
// returns Password only in this response and never again.
type CreateServerlessResponse struct {
	ClusterID string `json:"clusterId"`
	Username  string `json:"username"`
	Password  string `json:"password"`
	Prompt    string `json:"prompt"`
}

// Cluster is the data of GET /v1/clusters/{clusterId} and one element of a cluster list.
type Cluster struct {
	ClusterID          string `json:"clusterId"`
	ClusterName        string `json:"clusterName"`
	Description        string `json:"description"`
	RegionID           string `json:"regionId"`
	ClusterType        string `json:"clusterType"`
	Plan               string `json:"plan"`
	CUSize             int64  `json:"cuSize"`
	Status             string `json:"status"`
	ConnectAddress     string `json:"connectAddress"`
	PrivateLinkAddress string `json:"privateLinkAddress"`
	CreateTime         string `json:"createTime"`
	StorageSize        int64  `json:"storageSize"`
	SnapshotNumber     int64  `json:"snapshotNumber"`
	CreateProgress     int64  `json:"createProgress"`
	ProjectID          string `json:"projectId"`
}

// Cluster status values reported by the describe call.
const (
	StatusCreating     = "CREATING"
	StatusInitializing = "INITIALIZING"
	StatusRunning      = "RUNNING"
	StatusSuspending   = "SUSPENDING"
	StatusSuspended    = "SUSPENDED"
	StatusResuming     = "RESUMING"
	StatusDeleting     = "DELETING"
	StatusDeleted      = "DELETED"
)

// ClusterPage is the data of one page of GET /v1/clusters.
type ClusterPage struct {
	Count       int64     `json:"count"`
	CurrentPage int64     `json:"currentPage"`
	PageSize    int64     `json:"pageSize"`
	Clusters    []Cluster `json:"clusters"`
}

// DropClusterResponse is the data of DELETE /v1/clusters/{clusterId}/drop.
type DropClusterResponse struct {
	ClusterID string `json:"clusterId"`
	Prompt    string `json:"prompt"`
}

// Project is one element of GET /v1/projects.
type Project struct {
	ProjectID     string `json:"projectId"`
	ProjectName   string `json:"projectName"`
	InstanceCount int64  `json:"instanceCount"`
	CreateTime    string `json:"createTime"`
}

// CloudProvider is one element of GET /v1/clouds.
type CloudProvider struct {
	CloudID     string `json:"cloudId"`
	Description string `json:"description"`
}

// CloudRegion is one element of GET /v1/regions.
type CloudRegion struct {
	CloudID    string `json:"cloudId"`
	RegionID   string `json:"regionId"`
	APIBaseURL string `json:"apiBaseUrl"`
}
