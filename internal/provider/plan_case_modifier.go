package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// keepStateSpellingIgnoringCase plans the state's value when the configured value differs from
// it only in letter case, so that `plan = "free"` and a stored "Free" give no diff and no
// replacement. It must come before RequiresReplace in the list of plan modifiers.
func keepStateSpellingIgnoringCase() planmodifier.String {
	return caseInsensitiveModifier{}
}

type caseInsensitiveModifier struct{}

func (m caseInsensitiveModifier) Description(_ context.Context) string {
	return "Keeps the stored value when the configured value differs from it only in letter case."
}

func (m caseInsensitiveModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (m caseInsensitiveModifier) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.StateValue.IsUnknown() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}

	if strings.EqualFold(req.StateValue.ValueString(), req.PlanValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}

// canonicalPlan returns the service's spelling of a plan name that validation has accepted.
func canonicalPlan(plan string) string {
	if strings.EqualFold(plan, planFree) {
		return planFree
	}
	return planServerless
}
