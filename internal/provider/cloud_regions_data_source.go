package provider

import (
	"context"
	"fmt"
	"strings"

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
	_ datasource.DataSource              = (*cloudRegionsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*cloudRegionsDataSource)(nil)
)

const readCloudRegionsSummary = "Read Cloud Regions Failed"

// cloudRegionsDataSource is the zilliz_cloud_regions data source, which lists the regions that
// Zilliz Cloud offers.
type cloudRegionsDataSource struct {
	baseDataSource
}

// cloudRegionsDataSourceModel is the configuration and state of zilliz_cloud_regions.
type cloudRegionsDataSourceModel struct {
	CloudID types.String       `tfsdk:"cloud_id"`
	Regions []cloudRegionModel `tfsdk:"regions"`
}

// cloudRegionModel is one element of the regions list.
type cloudRegionModel struct {
	CloudID    types.String `tfsdk:"cloud_id"`
	RegionID   types.String `tfsdk:"region_id"`
	APIBaseURL types.String `tfsdk:"api_base_url"`
}

func newCloudRegionsDataSource() datasource.DataSource {
	return &cloudRegionsDataSource{}
}

func (d *cloudRegionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cloud_regions"
}

func (d *cloudRegionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Lists the cloud regions that Zilliz Cloud offers, optionally of one cloud provider.",
		Attributes: map[string]schema.Attribute{
			"cloud_id": schema.StringAttribute{
				Description: "The ID of a cloud provider, such as `gcp`, to list only its regions. An ID that " +
					"the `zilliz_cloud_providers` data source does not list is an error. Omit it to list the " +
					"regions of every cloud provider.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"regions": schema.ListNestedAttribute{
				Description: "The regions, in the order Zilliz Cloud returns them.",
				Computed:    true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"cloud_id": readOnlyString("The ID of the cloud provider of the region, such as `gcp`."),
						"region_id": readOnlyString("The region ID, such as `gcp-us-west1`, for the provider's " +
							"`cloud_region` attribute."),
						"api_base_url": readOnlyString("The base URL of the region's control-plane API, such as " +
							"`https://controller.api.gcp-us-west1.zillizcloud.com`."),
					},
				},
			},
		},
	}
}

func (d *cloudRegionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx = d.data.logContext(ctx)
	var state cloudRegionsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	apiClient := d.data.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	cloudID := state.CloudID.ValueString()
	regions, err := apiClient.ListCloudRegions(ctx, cloudID)
	if err != nil {
		resp.Diagnostics.Append(readFailedDiagnostic(readCloudRegionsSummary, "the list of cloud regions", err))
		return
	}

	// The service returns no regions for an unknown cloud ID, so an empty result may hide a typo.
	if cloudID != "" && len(regions) == 0 {
		resp.Diagnostics.Append(checkCloudProviderExists(ctx, apiClient, cloudID)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}

	// The slice is not nil, so that an empty response gives an empty list and not null.
	state.Regions = make([]cloudRegionModel, 0, len(regions))
	for _, region := range regions {
		state.Regions = append(state.Regions, cloudRegionModel{
			CloudID:    types.StringValue(region.CloudID),
			RegionID:   types.StringValue(region.RegionID),
			APIBaseURL: types.StringValue(region.APIBaseURL),
		})
	}
	tflog.Debug(ctx, "Read cloud regions", map[string]any{"cloud_id": cloudID, "count": len(state.Regions)})
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// checkCloudProviderExists returns an error on cloud_id, naming the valid IDs, when Zilliz Cloud
// lists no cloud provider with that ID.
func checkCloudProviderExists(ctx context.Context, apiClient *client.Client, cloudID string) diag.Diagnostics {
	var diags diag.Diagnostics

	providers, err := apiClient.ListCloudProviders(ctx)
	if err != nil {
		diags.Append(readFailedDiagnostic(readCloudRegionsSummary,
			"the cloud providers, which the provider reads to check cloud_id", err))
		return diags
	}

	known := make([]string, 0, len(providers))
	for _, cloud := range providers {
		if cloud.CloudID == cloudID {
			return diags
		}
		known = append(known, cloud.CloudID)
	}

	advice := "Zilliz Cloud lists no cloud providers at all, so remove cloud_id."
	if len(known) > 0 {
		advice = "Set cloud_id to one of: " + strings.Join(known, ", ") + "."
	}
	diags.AddAttributeError(path.Root("cloud_id"), readCloudRegionsSummary,
		fmt.Sprintf("Zilliz Cloud has no cloud provider %q. %s", cloudID, advice))
	return diags
}
