package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

var (
	_ datasource.DataSource              = (*cloudProvidersDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*cloudProvidersDataSource)(nil)
)

// cloudProvidersDataSource is the zilliz_cloud_providers data source, which lists the cloud
// providers that Zilliz Cloud runs on.
type cloudProvidersDataSource struct {
	baseDataSource
}

// cloudProvidersDataSourceModel is the state of zilliz_cloud_providers.
type cloudProvidersDataSourceModel struct {
	CloudProviders []cloudProviderModel `tfsdk:"cloud_providers"`
}

// cloudProviderModel is one element of the cloud_providers list.
type cloudProviderModel struct {
	CloudID     types.String `tfsdk:"cloud_id"`
	Description types.String `tfsdk:"description"`
}

func newCloudProvidersDataSource() datasource.DataSource {
	return &cloudProvidersDataSource{}
}

func (d *cloudProvidersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cloud_providers"
}

func (d *cloudProvidersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Lists the cloud providers that Zilliz Cloud runs clusters on.",
		Attributes: map[string]schema.Attribute{
			"cloud_providers": schema.ListNestedAttribute{
				Description: "The cloud providers, in the order Zilliz Cloud returns them.",
				Computed:    true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"cloud_id": readOnlyString("The cloud provider ID, such as `aws` or `gcp`, for the " +
							"`cloud_id` argument of the `zilliz_cloud_regions` data source."),
						"description": readOnlyString("The name of the cloud provider, such as " +
							"`Google Cloud Platform`."),
					},
				},
			},
		},
	}
}

func (d *cloudProvidersDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx = d.data.logContext(ctx)
	apiClient := d.data.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	providers, err := apiClient.ListCloudProviders(ctx)
	if err != nil {
		resp.Diagnostics.Append(readFailedDiagnostic("Read Cloud Providers Failed",
			"the list of cloud providers", err))
		return
	}

	// The slice is not nil, so that an empty response gives an empty list and not null.
	state := cloudProvidersDataSourceModel{CloudProviders: make([]cloudProviderModel, 0, len(providers))}
	for _, cloud := range providers {
		state.CloudProviders = append(state.CloudProviders, cloudProviderModel{
			CloudID:     types.StringValue(cloud.CloudID),
			Description: types.StringValue(cloud.Description),
		})
	}
	tflog.Debug(ctx, "Read cloud providers", map[string]any{"count": len(state.CloudProviders)})
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
