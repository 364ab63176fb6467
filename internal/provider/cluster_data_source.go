package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
)

var (
	_ datasource.DataSource              = (*clusterDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*clusterDataSource)(nil)
)

const (
	readClusterSummary     = "Read Cluster Failed"
	clusterNotFoundSummary = "Cluster Not Found"
)

// clusterIDPattern matches the cluster IDs that Zilliz Cloud assigns, such as
// inxx-0123456789abcde. It also keeps an ID from changing the API path it is sent in.
var clusterIDPattern = regexp.MustCompile(`^[A-Za-z0-9-]+$`)

// clusterDataSource is the zilliz_cluster data source, which reads one cluster by its ID.
type clusterDataSource struct {
	baseDataSource
}

func newClusterDataSource() datasource.DataSource {
	return &clusterDataSource{}
}

func (d *clusterDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster"
}

func (d *clusterDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := clusterAttributes()
	attributes["cluster_id"] = schema.StringAttribute{
		Description: "The ID of the cluster to read, such as `inxx-0123456789abcde`. The cluster must be " +
			"in the provider's cloud region.",
		Required: true,
		Validators: []validator.String{
			stringvalidator.RegexMatches(clusterIDPattern,
				"must be a cluster ID: ASCII letters, digits and hyphens, such as inxx-0123456789abcde"),
		},
	}

	resp.Schema = schema.Schema{
		Description: "Reads a Zilliz Cloud cluster by its ID, without its credentials, which Zilliz Cloud " +
			"returns only when it creates a cluster. A cluster that does not exist or has been deleted " +
			"is an error.",
		Attributes: attributes,
	}
}

func (d *clusterDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx = d.data.logContext(ctx)
	var config clusterModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	apiClient := d.data.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	clusterID := config.ClusterID.ValueString()
	cluster, err := apiClient.DescribeCluster(ctx, clusterID)
	if client.IsNotFound(err) {
		resp.Diagnostics.Append(clusterNotFoundDiagnostic(clusterID, err))
		return
	}
	if err != nil {
		resp.Diagnostics.Append(readFailedDiagnostic(readClusterSummary, "the cluster "+clusterID, err))
		return
	}

	switch cluster.Status {
	case client.StatusDeleted:
		resp.Diagnostics.AddAttributeError(path.Root("cluster_id"), clusterNotFoundSummary,
			fmt.Sprintf("The cluster %s (%s) has been deleted, and Zilliz Cloud reports the status %s. "+
				"Set cluster_id to a cluster that exists, or remove the data source.", clusterID,
				cluster.ClusterName, client.StatusDeleted))
		return
	case client.StatusDeleting:
		resp.Diagnostics.AddWarning("Cluster Is Being Deleted",
			fmt.Sprintf("The cluster %s (%s) is being deleted. Once it is gone, reading it fails.",
				clusterID, cluster.ClusterName))
	}

	// The state keeps the configured ID, so that the argument matches the configuration even
	// when the response spells the ID differently or leaves it out.
	state := newClusterModel(cluster)
	state.ID = config.ClusterID
	state.ClusterID = config.ClusterID
	tflog.Debug(ctx, "Read cluster", map[string]any{"cluster_id": clusterID, "status": cluster.Status})
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// clusterNotFoundDiagnostic explains a describe call that found no cluster with the ID.
func clusterNotFoundDiagnostic(clusterID string, err error) diag.Diagnostic {
	reason := fmt.Sprintf("Zilliz Cloud has no cluster %s that this API key may read.", clusterID)
	if client.HasCode(err, codeClusterNotInRegion) {
		reason = fmt.Sprintf("The cluster %s is not in the provider's cloud region.", clusterID)
	}

	return diag.NewAttributeErrorDiagnostic(path.Root("cluster_id"), clusterNotFoundSummary,
		fmt.Sprintf("%s Check the cluster ID in the Zilliz Cloud console, that the provider's cloud_region "+
			"is the cluster's region, and that the API key may access the cluster's project.\n\n%s",
			reason, err))
}
