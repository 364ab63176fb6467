// Package provider implements the Zilliz Cloud Terraform provider on terraform-plugin-framework.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

var _ provider.Provider = (*zillizProvider)(nil)

// zillizProvider is the provider's framework implementation. version is the release version, or
// "dev" for local builds and "test" in acceptance tests.
type zillizProvider struct {
	version string
}

// providerModel is the provider block of a configuration.
type providerModel struct {
	APIKey      types.String `tfsdk:"api_key"`
	CloudRegion types.String `tfsdk:"cloud_region"`
	Endpoint    types.String `tfsdk:"endpoint"`
	MaxRetries  types.Int64  `tfsdk:"max_retries"`
}

// New returns a function that creates the provider for the given release version, in the form
// that providerserver.Serve and the acceptance test factories take.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &zillizProvider{version: version}
	}
}

func (p *zillizProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = TypeName
	resp.Version = p.version
}

func (p *zillizProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Manages Zilliz Cloud resources through the Zilliz Cloud control-plane API (REST v1).",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				Description: "Zilliz Cloud API key, sent as a bearer token. " +
					"Can also be set with the " + envAPIKey + " environment variable.",
				Optional:  true,
				Sensitive: true,
			},
			"cloud_region": schema.StringAttribute{
				Description: "Cloud region of the control plane, such as `gcp-us-west1`; the provider calls " +
					"`https://controller.api.<cloud_region>.zillizcloud.com`. " +
					"Can also be set with the " + envCloudRegion + " environment variable.",
				Optional: true,
			},
			"endpoint": schema.StringAttribute{
				Description: "Base URL of the control-plane API, replacing the regional URL that `cloud_region` " +
					"selects, for private endpoints and test servers. Plain `http://` is accepted only for " +
					"loopback hosts. Can also be set with the " + envEndpoint + " environment variable.",
				Optional: true,
			},
			"max_retries": schema.Int64Attribute{
				Description: "Maximum number of retries of one API request after a rate limit (HTTP 429), " +
					"an unavailable service (HTTP 502, 503, 504) or a connection error. " +
					"Defaults to 8; 0 disables retries. Can also be set with the " + envMaxRetries +
					" environment variable.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, maxRetriesLimit)},
			},
		},
	}
}

func (p *zillizProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	settings, unknown, diags := resolveSettings(config, osEnvironment)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if unknown != "" {
		// Terraform configures the provider with unknown values while it plans resources that
		// depend on values not yet known. Resources then report an error only if they need the API.
		tflog.Debug(ctx, "Provider configuration has unknown values; the API client is not created", map[string]any{
			"attribute": unknown,
		})
		data := &providerData{unknownAttribute: unknown}
		resp.ResourceData = data
		resp.DataSourceData = data
		return
	}

	apiClient, err := newAPIClient(settings, p.version)
	if err != nil {
		// resolveSettings has checked every setting that client.New checks, so this is a bug.
		resp.Diagnostics.AddError("Provider Configuration Failed",
			"The provider could not create its API client for the endpoint "+redactEndpoint(settings.endpoint)+
				". This is a bug in the provider; please report it.\n\n"+err.Error())
		return
	}

	tflog.Debug(ctx, "Configured Zilliz Cloud API client", map[string]any{
		"endpoint":    redactEndpoint(settings.endpoint),
		"max_retries": settings.maxRetries,
	})
	data := &providerData{client: apiClient, apiKey: settings.apiKey}
	resp.ResourceData = data
	resp.DataSourceData = data
}

func (p *zillizProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		newServerlessClusterResource,
	}
}

func (p *zillizProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newClusterDataSource,
		newClustersDataSource,
		newProjectsDataSource,
		newCloudProvidersDataSource,
		newCloudRegionsDataSource,
	}
}
