package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
)

// serverlessClusterModel is the state and plan of a zilliz_serverless_cluster.
type serverlessClusterModel struct {
	ID                 types.String   `tfsdk:"id"`
	ClusterID          types.String   `tfsdk:"cluster_id"`
	ClusterName        types.String   `tfsdk:"cluster_name"`
	ProjectID          types.String   `tfsdk:"project_id"`
	Plan               types.String   `tfsdk:"plan"`
	Username           types.String   `tfsdk:"username"`
	Password           types.String   `tfsdk:"password"`
	Status             types.String   `tfsdk:"status"`
	ConnectAddress     types.String   `tfsdk:"connect_address"`
	PrivateLinkAddress types.String   `tfsdk:"private_link_address"`
	RegionID           types.String   `tfsdk:"region_id"`
	CreateTime         types.String   `tfsdk:"create_time"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

// setCreated records a create response. The attributes that only describe returns are set to
// null, not left unknown, so that the state is valid if the wait for RUNNING fails.
func (m *serverlessClusterModel) setCreated(created *client.CreateServerlessResponse) {
	m.ID = types.StringValue(created.ClusterID)
	m.ClusterID = types.StringValue(created.ClusterID)
	m.Username = types.StringValue(created.Username)
	m.Password = types.StringValue(created.Password)
	m.Status = types.StringValue(client.StatusCreating)
	m.ConnectAddress = types.StringNull()
	m.PrivateLinkAddress = types.StringNull()
	m.RegionID = types.StringNull()
	m.CreateTime = types.StringNull()
}

// setAdopted records a cluster found by name after a create whose outcome was unknown. Its
// one-time credentials were never received, so they are null.
func (m *serverlessClusterModel) setAdopted(cluster *client.Cluster) {
	m.setCreated(&client.CreateServerlessResponse{ClusterID: cluster.ClusterID})
	m.Username = types.StringNull()
	m.Password = types.StringNull()
	m.setDescribed(cluster)
}

// setDescribed copies a describe response into the model. The ID, username and password are
// left as they are, because describe cannot change the ID and does not return credentials. A
// name or project that the response leaves empty keeps its stored value, so that an incomplete
// response does not plan a replacement. A plan that differs from the stored one only in letter
// case keeps the stored spelling, so that the configuration's spelling stays.
func (m *serverlessClusterModel) setDescribed(cluster *client.Cluster) {
	if m.ID.IsNull() || m.ID.IsUnknown() || m.ID.ValueString() == "" {
		m.ID = types.StringValue(cluster.ClusterID)
	}
	m.ClusterID = m.ID
	m.ClusterName = keepIfEmpty(m.ClusterName, cluster.ClusterName)
	m.ProjectID = keepIfEmpty(m.ProjectID, cluster.ProjectID)
	if m.Plan.IsNull() || m.Plan.IsUnknown() || !strings.EqualFold(m.Plan.ValueString(), cluster.Plan) {
		m.Plan = types.StringValue(cluster.Plan)
	}
	m.Status = types.StringValue(cluster.Status)
	m.ConnectAddress = types.StringValue(cluster.ConnectAddress)
	m.PrivateLinkAddress = types.StringValue(cluster.PrivateLinkAddress)
	m.RegionID = types.StringValue(cluster.RegionID)
	m.CreateTime = types.StringValue(cluster.CreateTime)

	if m.Username.IsUnknown() {
		m.Username = types.StringNull()
	}
	if m.Password.IsUnknown() {
		m.Password = types.StringNull()
	}
}

// keepIfEmpty returns described as a value, or stored when described is empty and stored is set.
func keepIfEmpty(stored types.String, described string) types.String {
	if described == "" && !stored.IsNull() && !stored.IsUnknown() {
		return stored
	}
	return types.StringValue(described)
}
