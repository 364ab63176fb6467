package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
)

// providerData is the data that the provider passes to its resources and data sources. client is nil
// when the provider configuration had unknown values, and unknownAttribute then names one.
type providerData struct {
	client           *client.Client
	apiKey           string
	unknownAttribute string
}

// providerDataFrom converts the ProviderData of a Configure request. It returns nil without a
// diagnostic when the provider is not configured yet, as during validation.
func providerDataFrom(value any, diags *diag.Diagnostics) *providerData {
	if value == nil {
		return nil
	}

	data, ok := value.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			"The provider passed configuration data of an unexpected kind to a resource or data source. "+
				"This is a bug in the provider; please report it.")
		return nil
	}
	return data
}

// apiClient returns the configured client, or adds a diagnostic and returns nil when the
// provider could not create one.
func (d *providerData) apiClient(diags *diag.Diagnostics) *client.Client {
	switch {
	case d == nil:
		diags.AddError("Provider Not Configured",
			"The provider was not configured before a resource or data source needed the Zilliz Cloud API. "+
				"This is a bug in the provider or in Terraform; please report it.")
		return nil
	case d.client == nil:
		diags.AddError("Provider Configuration Unknown",
			fmt.Sprintf("The provider attribute %s depends on a value that is not known yet, so the provider "+
				"cannot call the Zilliz Cloud API. Apply the resources it depends on first "+
				"(terraform apply -target=...), or set the attribute to a known value.", d.unknownAttribute))
		return nil
	}
	return d.client
}

// logContext returns ctx with the API key and the secret field keys masked in the provider's
// own logs. It is safe to call on a nil providerData.
func (d *providerData) logContext(ctx context.Context) context.Context {
	if d == nil {
		return client.MaskSecrets(ctx)
	}
	return client.MaskSecrets(ctx, d.apiKey)
}
