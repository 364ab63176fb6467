package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
)

// providerData is the data that the provider passes to its resources and data sources. client is nil
// when the provider configuration had unknown values, and unknownAttribute then names one.
type providerData struct {
	client           *client.Client
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
			fmt.Sprintf("The provider passed configuration data of an unexpected kind (%T). "+
				"This is a bug in the provider; please report it.", value))
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
