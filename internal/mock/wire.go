package mock

// Cluster is a cluster as GET /v1/clusters/{clusterId} returns it, with the API's JSON names.
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

// Cluster status values of the API.
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

// Plan values of createServerless, in the canonical case the server stores.
const (
	PlanFree       = "Free"
	PlanServerless = "Serverless"
)

// Body codes the server returns. Business errors arrive with HTTP 200 and one of these codes.
const (
	CodeSuccess              = 200
	CodeInvalidParameter     = 80000
	CodeInvalidToken         = 80001
	CodeMalformedToken       = 80002
	CodeInvalidClusterName   = 80009
	CodeDuplicateClusterName = 80010
	CodeInvalidProjectID     = 80014
	CodeProjectNotFound      = 80015
	CodeClusterNotFound      = 80020
	CodeServerlessNotOffered = 80025
	CodeClusterNotInRegion   = 90102
)

// createServerlessRequest is the body of POST /v1/clusters/createServerless.
type createServerlessRequest struct {
	Plan        string `json:"plan"`
	ClusterName string `json:"clusterName"`
	ProjectID   string `json:"projectId"`
}

// createServerlessData is the data of a successful createServerless call.
type createServerlessData struct {
	ClusterID string `json:"clusterId"`
	Username  string `json:"username"`
	Password  string `json:"password"`
	Prompt    string `json:"prompt"`
}

// dropClusterData is the data of DELETE /v1/clusters/{clusterId}/drop.
type dropClusterData struct {
	ClusterID string `json:"clusterId"`
	Prompt    string `json:"prompt"`
}

// clusterPage is the data of GET /v1/clusters.
type clusterPage struct {
	Count       int64     `json:"count"`
	CurrentPage int64     `json:"currentPage"`
	PageSize    int64     `json:"pageSize"`
	Clusters    []Cluster `json:"clusters"`
}

// projectData is one element of GET /v1/projects.
type projectData struct {
	ProjectID     string `json:"projectId"`
	ProjectName   string `json:"projectName"`
	InstanceCount int64  `json:"instanceCount"`
	CreateTime    string `json:"createTime"`
}

// cloudProviderData is one element of GET /v1/clouds.
type cloudProviderData struct {
	CloudID     string `json:"cloudId"`
	Description string `json:"description"`
}

// cloudRegionData is one element of GET /v1/regions.
type cloudRegionData struct {
	CloudID    string `json:"cloudId"`
	RegionID   string `json:"regionId"`
	APIBaseURL string `json:"apiBaseUrl"`
}

// timeLayout is the API's createTime format. Times are always written in UTC.
const timeLayout = "2006-01-02T15:04:05Z"
