package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
)

// clusterModel is a cluster as the zilliz_cluster data source and each element of the
// zilliz_clusters list show it. It has no credentials, because only createServerless returns
// them.
type clusterModel struct {
	ID                 types.String `tfsdk:"id"`
	ClusterID          types.String `tfsdk:"cluster_id"`
	ClusterName        types.String `tfsdk:"cluster_name"`
	Description        types.String `tfsdk:"description"`
	ProjectID          types.String `tfsdk:"project_id"`
	RegionID           types.String `tfsdk:"region_id"`
	ClusterType        types.String `tfsdk:"cluster_type"`
	Plan               types.String `tfsdk:"plan"`
	CUSize             types.Int64  `tfsdk:"cu_size"`
	Status             types.String `tfsdk:"status"`
	ConnectAddress     types.String `tfsdk:"connect_address"`
	PrivateLinkAddress types.String `tfsdk:"private_link_address"`
	CreateTime         types.String `tfsdk:"create_time"`
	StorageSize        types.Int64  `tfsdk:"storage_size"`
	SnapshotNumber     types.Int64  `tfsdk:"snapshot_number"`
	CreateProgress     types.Int64  `tfsdk:"create_progress"`
}

// newClusterModel copies a describe response or a list element into a clusterModel.
func newClusterModel(cluster *client.Cluster) clusterModel {
	return clusterModel{
		ID:                 types.StringValue(cluster.ClusterID),
		ClusterID:          types.StringValue(cluster.ClusterID),
		ClusterName:        types.StringValue(cluster.ClusterName),
		Description:        types.StringValue(cluster.Description),
		ProjectID:          types.StringValue(cluster.ProjectID),
		RegionID:           types.StringValue(cluster.RegionID),
		ClusterType:        types.StringValue(cluster.ClusterType),
		Plan:               types.StringValue(cluster.Plan),
		CUSize:             types.Int64Value(cluster.CUSize),
		Status:             types.StringValue(cluster.Status),
		ConnectAddress:     types.StringValue(cluster.ConnectAddress),
		PrivateLinkAddress: types.StringValue(cluster.PrivateLinkAddress),
		CreateTime:         types.StringValue(cluster.CreateTime),
		StorageSize:        types.Int64Value(cluster.StorageSize),
		SnapshotNumber:     types.Int64Value(cluster.SnapshotNumber),
		CreateProgress:     types.Int64Value(cluster.CreateProgress),
	}
}

// clusterAttributes returns the schema of clusterModel with every attribute computed. The
// zilliz_cluster data source replaces cluster_id with its required argument, so that one
// cluster and an element of zilliz_clusters have the same attributes.
func clusterAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": readOnlyString("The cluster ID, the same as `cluster_id`."),
		"cluster_id": readOnlyString("The cluster ID assigned by Zilliz Cloud, such as " +
			"`inxx-0123456789abcde`."),
		"cluster_name": readOnlyString("The cluster name."),
		"description":  readOnlyString("The cluster description; empty when none is set."),
		"project_id":   readOnlyString("The ID of the project that contains the cluster."),
		"region_id":    readOnlyString("The cloud region of the cluster, such as `gcp-us-west1`."),
		"cluster_type": readOnlyString("The cluster type, such as `Serverless`."),
		"plan":         readOnlyString("The subscription plan, such as `Serverless` or `Free`."),
		"cu_size":      readOnlyInt64("The size of the cluster in compute units (CUs), as Zilliz Cloud reports it."),
		"status": readOnlyString("The cluster status: `CREATING`, `INITIALIZING`, `RUNNING`, " +
			"`SUSPENDING`, `SUSPENDED`, `RESUMING` or `DELETING`."),
		"connect_address": readOnlyString("The public endpoint of the cluster, for SDK and REST " +
			"clients of the vector database; empty until the cluster is first `RUNNING`."),
		"private_link_address": readOnlyString("The private link endpoint of the cluster; empty " +
			"when none is set up."),
		"create_time": readOnlyString("The time the cluster was created, as Zilliz Cloud reports it, " +
			"such as `2024-01-15T08:00:00Z`."),
		// NOTE: the API reference does not give the unit of storageSize, so the description
		// names none.
		"storage_size":    readOnlyInt64("The storage size of the cluster, as Zilliz Cloud reports it."),
		"snapshot_number": readOnlyInt64("The number of snapshots of the cluster."),
		"create_progress": readOnlyInt64("The progress of the cluster's creation in percent, from 0 " +
			"to 100. It is 100 once the cluster has been created."),
	}
}

func readOnlyString(description string) schema.StringAttribute {
	return schema.StringAttribute{Description: description, Computed: true}
}

func readOnlyInt64(description string) schema.Int64Attribute {
	return schema.Int64Attribute{Description: description, Computed: true}
}
