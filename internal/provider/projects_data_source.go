package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

var (
	_ datasource.DataSource              = (*projectsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*projectsDataSource)(nil)
)

// projectsDataSource is the zilliz_projects data source, which lists the projects that the API
// key may use.
type projectsDataSource struct {
	baseDataSource
}

// projectsDataSourceModel is the state of zilliz_projects.
type projectsDataSourceModel struct {
	Projects []projectModel `tfsdk:"projects"`
}

// projectModel is one element of the projects list.
type projectModel struct {
	ProjectID     types.String `tfsdk:"project_id"`
	ProjectName   types.String `tfsdk:"project_name"`
	InstanceCount types.Int64  `tfsdk:"instance_count"`
	CreateTime    types.String `tfsdk:"create_time"`
}

func newProjectsDataSource() datasource.DataSource {
	return &projectsDataSource{}
}

func (d *projectsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_projects"
}

func (d *projectsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Lists the Zilliz Cloud projects that the API key may use, for example to find a " +
			"project ID by its name.",
		Attributes: map[string]schema.Attribute{
			"projects": schema.ListNestedAttribute{
				Description: "The projects, in the order Zilliz Cloud returns them.",
				Computed:    true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"project_id": readOnlyString("The project ID, such as `proj-4d2a9c61f0b7e83a5c1d92`, " +
							"for the `project_id` arguments of this provider."),
						"project_name": readOnlyString("The project name shown in the Zilliz Cloud console."),
						"instance_count": readOnlyInt64("The number of clusters in the project, in every " +
							"region, as Zilliz Cloud counts them."),
						"create_time": readOnlyString("The time the project was created, as Zilliz Cloud " +
							"reports it."),
					},
				},
			},
		},
	}
}

func (d *projectsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx = d.data.logContext(ctx)
	apiClient := d.data.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	projects, err := apiClient.ListProjects(ctx)
	if err != nil {
		resp.Diagnostics.Append(readFailedDiagnostic("Read Projects Failed", "the list of projects", err))
		return
	}

	// The slice is not nil, so that an account without projects has an empty list and not null.
	state := projectsDataSourceModel{Projects: make([]projectModel, 0, len(projects))}
	for _, project := range projects {
		state.Projects = append(state.Projects, projectModel{
			ProjectID:     types.StringValue(project.ProjectID),
			ProjectName:   types.StringValue(project.ProjectName),
			InstanceCount: types.Int64Value(project.InstanceCount),
			CreateTime:    types.StringValue(project.CreateTime),
		})
	}
	tflog.Debug(ctx, "Read projects", map[string]any{"count": len(state.Projects)})
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
