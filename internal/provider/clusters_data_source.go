package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
)

var (
	_ datasource.DataSource              = (*clustersDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*clustersDataSource)(nil)
)

const (
	readClustersSummary = "Read Clusters Failed"

	// allClustersID is the id of a zilliz_clusters data source without a project filter.
	allClustersID = "clusters"
)

// clustersDataSource is the zilliz_clusters data source, which lists the clusters of the
// provider's region.
type clustersDataSource struct {
	baseDataSource
}

// clustersDataSourceModel is the configuration and state of zilliz_clusters.
type clustersDataSourceModel struct {
	ID        types.String   `tfsdk:"id"`
	ProjectID types.String   `tfsdk:"project_id"`
	Clusters  []clusterModel `tfsdk:"clusters"`
}

func newClustersDataSource() datasource.DataSource {
	return &clustersDataSource{}
}

func (d *clustersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_clusters"
}

func (d *clustersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Lists the clusters in the provider's cloud region that are not deleted, in the " +
			"order Zilliz Cloud returns them, reading every page of the list.",
		Attributes: map[string]schema.Attribute{
			"id": readOnlyString("`" + allClustersID + "` without a project filter, or the value of " +
				"`project_id`."),
			"project_id": schema.StringAttribute{
				Description: "The ID of a project, such as `proj-4d2a9c61f0b7e83a5c1d92`, to list only its " +
					"clusters. A project that the API key may not use is an error. Omit it to list the " +
					"clusters of every project.",
				Optional: true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(projectIDPattern,
						"must be a project ID: proj- followed by letters and digits"),
				},
			},
			"clusters": schema.ListNestedAttribute{
				Description: "The clusters, with the same attributes as the `zilliz_cluster` data source.",
				Computed:    true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: clusterAttributes(),
				},
			},
		},
	}
}

func (d *clustersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx = d.data.logContext(ctx)
	var state clustersDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	apiClient := d.data.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	projectID := state.ProjectID.ValueString()
	clusters, err := apiClient.ListAllClusters(ctx)
	if err != nil {
		resp.Diagnostics.Append(readFailedDiagnostic(readClustersSummary, "the list of clusters", err))
		return
	}
	selected := selectClusters(clusters, projectID)

	// An empty result may come from a mistyped project ID, which the list call does not check.
	if projectID != "" && len(selected) == 0 {
		resp.Diagnostics.Append(checkProjectExists(ctx, apiClient, projectID)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}

	state.ID = types.StringValue(allClustersID)
	if projectID != "" {
		state.ID = types.StringValue(projectID)
	}
	state.Clusters = selected
	tflog.Debug(ctx, "Read clusters", map[string]any{
		"project_id": projectID,
		"listed":     len(clusters),
		"selected":   len(selected),
	})
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// selectClusters returns the clusters of the project projectID, or of every project when
// projectID is empty. It leaves out DELETED clusters, and clusters without a project ID when it
// filters. The result is never nil, so that the state has an empty list and not null.
func selectClusters(clusters []client.Cluster, projectID string) []clusterModel {
	selected := []clusterModel{}
	for i := range clusters {
		cluster := &clusters[i]
		if cluster.Status == client.StatusDeleted {
			continue
		}
		if projectID != "" && cluster.ProjectID != projectID {
			continue
		}
		selected = append(selected, newClusterModel(cluster))
	}
	return selected
}

// checkProjectExists returns an error on project_id when the API key may use no project with
// that ID.
func checkProjectExists(ctx context.Context, apiClient *client.Client, projectID string) diag.Diagnostics {
	var diags diag.Diagnostics

	projects, err := apiClient.ListProjects(ctx)
	if err != nil {
		diags.Append(readFailedDiagnostic(readClustersSummary,
			"the projects, which the provider reads to check project_id", err))
		return diags
	}

	for _, project := range projects {
		if project.ProjectID == projectID {
			return diags
		}
	}
	diags.AddAttributeError(path.Root("project_id"), readClustersSummary,
		fmt.Sprintf("Zilliz Cloud found no project %q that this API key may use. Check the ID in the "+
			"console, or look it up by name with the zilliz_projects data source.", projectID))
	return diags
}
