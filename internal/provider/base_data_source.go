package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"

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

// readFailedDiagnostic explains a failed API call of a data source. summary names the operation,
// such as "Read Projects Failed", and subject names what was requested, such as "the projects".
func readFailedDiagnostic(summary, subject string, err error) diag.Diagnostic {
	switch {
	case isAuthenticationError(err):
		return invalidAPIKeyDiagnostic(summary, err)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return diag.NewErrorDiagnostic(summary,
			fmt.Sprintf("The request for %s was stopped before it completed. Run the command again.\n\n%s",
				subject, err))
	default:
		return diag.NewErrorDiagnostic(summary,
			fmt.Sprintf("Zilliz Cloud did not return %s. Check the provider's endpoint or cloud_region, "+
				"fix the cause below and run the command again.\n\n%s", subject, err))
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
