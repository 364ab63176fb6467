package provider

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var (
	_ resource.Resource                = (*serverlessClusterResource)(nil)
	_ resource.ResourceWithConfigure   = (*serverlessClusterResource)(nil)
	_ resource.ResourceWithImportState = (*serverlessClusterResource)(nil)
)

const (
	defaultCreateTimeout = 20 * time.Minute
	defaultDeleteTimeout = 10 * time.Minute

	planServerless = "Serverless"
	planFree       = "Free"

	// maxClusterNameLength is the service's limit on clusterName, in characters.
	maxClusterNameLength = 32
)

var (
	clusterNamePattern = regexp.MustCompile(`^[A-Za-z0-9-]+$`)
	projectIDPattern   = regexp.MustCompile(`^proj-[A-Za-z0-9]+$`)
)

// serverlessClusterResource manages a zilliz_serverless_cluster.
type serverlessClusterResource struct {
	data *providerData
}

func newServerlessClusterResource() resource.Resource {
	return &serverlessClusterResource{}
}

func (r *serverlessClusterResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_serverless_cluster"
}

func (r *serverlessClusterResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}

	resp.Schema = schema.Schema{
		Description: "A Zilliz Cloud serverless cluster. Changing `cluster_name`, `project_id` or `plan` " +
			"replaces the cluster, which deletes its data.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("The cluster ID, the same as `cluster_id`."),
			"cluster_id": computedString("The cluster ID assigned by Zilliz Cloud, such as " +
				"`inxx-0123456789abcde`."),
			"cluster_name": schema.StringAttribute{
				Description: fmt.Sprintf("The cluster name: 1 to %d ASCII letters, digits and hyphens, unique "+
					"among the account's live clusters.", maxClusterNameLength),
				Required:      true,
				PlanModifiers: replace,
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, maxClusterNameLength),
					stringvalidator.RegexMatches(clusterNamePattern,
						"must contain only ASCII letters, digits and hyphens"),
				},
			},
			"project_id": schema.StringAttribute{
				Description:   "The ID of the project that contains the cluster, such as `proj-4d2a9c61f0b7e83a5c1d92`.",
				Required:      true,
				PlanModifiers: replace,
				Validators: []validator.String{
					stringvalidator.RegexMatches(projectIDPattern,
						"must be a project ID: proj- followed by letters and digits"),
				},
			},
			"plan": schema.StringAttribute{
				Description: "The subscription plan, `Serverless` (the default) or `Free`, in any letter case.",
				Optional:    true,
				Computed:    true,
				Default:     stringdefault.StaticString(planServerless),
				PlanModifiers: []planmodifier.String{
					keepStateSpellingIgnoringCase(),
					stringplanmodifier.RequiresReplace(),
				},
				Validators: []validator.String{
					stringvalidator.OneOfCaseInsensitive(planServerless, planFree),
				},
			},
			"username": computedString("The name of the database user that Zilliz Cloud creates with the " +
				"cluster. Null after `terraform import`, because the API returns it only when it creates the cluster."),
			"password": schema.StringAttribute{
				Description: "The generated password of `username`. Zilliz Cloud returns it only when it creates " +
					"the cluster, so it is null after `terraform import` and after a create whose response was " +
					"lost; reset it in the Zilliz Cloud console in those cases.",
				Computed:      true,
				Sensitive:     true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"status": computedString("The cluster status, such as `RUNNING` or `SUSPENDED`."),
			"connect_address": computedString("The public endpoint of the cluster, for SDK and REST " +
				"clients of the vector database."),
			"private_link_address": computedString("The private link endpoint of the cluster; empty " +
				"when none is set up."),
			"region_id":   computedString("The cloud region of the cluster, such as `gcp-us-west1`."),
			"create_time": computedString("The time the cluster was created, as Zilliz Cloud reports it."),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Delete: true}),
		},
	}
}

// computedString is a read-only string attribute that keeps its state value in plans, because
// only create and describe ever change it.
func computedString(description string) schema.StringAttribute {
	return schema.StringAttribute{
		Description:   description,
		Computed:      true,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

func (r *serverlessClusterResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if data := providerDataFrom(req.ProviderData, &resp.Diagnostics); data != nil {
		r.data = data
	}
}

func (r *serverlessClusterResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !clusterIDPattern.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("The import ID %q is not a cluster ID. Import a serverless cluster by its cluster ID, not "+
				"by its name, such as terraform import zilliz_serverless_cluster.example inxx-0123456789abcde.", req.ID))
		return
	}

	// Read fills in the rest. The username and password stay null, because the API returns
	// them only when it creates the cluster.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("cluster_id"), req.ID)...)
}
