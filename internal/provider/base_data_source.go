package provider

import (
	"context"
	"errors"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
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

// isAuthenticationError reports whether the service rejected the API key: body code 80001 or
// 80002, or HTTP 401 with a JSON error body.
func isAuthenticationError(err error) bool {
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	return apiErr.Code == codeInvalidToken || apiErr.Code == codeInvalidTokenFormat ||
		apiErr.HTTPStatus == http.StatusUnauthorized
}
