package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
)

// baseDataSource is embedded in every data source of the provider. It stores the provider data
// that Configure receives, so that Read can take the API client from it.
type baseDataSource struct {
	data *providerData
}

func (d *baseDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data := providerDataFrom(req.ProviderData, &resp.Diagnostics); data != nil {
		d.data = data
	}
}
