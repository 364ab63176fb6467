package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ resource.ResourceWithValidateConfig = (*serverlessClusterResource)(nil)

// ValidateConfig rejects timeouts that are zero or negative at plan time. The timeouts block
// checks only that each value parses as a duration, and a value such as "-1m" would otherwise
// fail the apply before any request is sent.
func (r *serverlessClusterResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var configured timeouts.Value
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("timeouts"), &configured)...)
	if resp.Diagnostics.HasError() || configured.IsNull() || configured.IsUnknown() {
		return
	}

	operations := []struct {
		name  string
		parse func(context.Context, time.Duration) (time.Duration, diag.Diagnostics)
	}{
		{"create", configured.Create},
		{"delete", configured.Delete},
	}
	for _, operation := range operations {
		// A positive default distinguishes a missing value from a configured zero.
		timeout, diags := operation.parse(ctx, time.Nanosecond)
		if diags.HasError() {
			continue
		}
		if timeout <= 0 {
			resp.Diagnostics.AddAttributeError(path.Root("timeouts").AtName(operation.name), "Invalid Timeout",
				fmt.Sprintf("The %s timeout is %s, but it must be a positive duration, such as \"30m\".",
					operation.name, timeout))
		}
	}
}
