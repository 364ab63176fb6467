package provider

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
)

// Business error codes of the Zilliz Cloud API that get diagnostics of their own.
const (
	codeInvalidToken          = 80001
	codeInvalidTokenFormat    = 80002
	codeInvalidClusterName    = 80009
	codeDuplicateClusterName  = 80010
	codeInvalidProjectID      = 80014
	codeProjectNotFound       = 80015
	codeServerlessUnsupported = 80025
	codeClusterNotInRegion    = 90102
)

// Operations named in the summaries of wait diagnostics.
const (
	operationCreate = "Create"
	operationDelete = "Delete"
)

const createSummary = "Create Serverless Cluster Failed"

// createFailedDiagnostic explains a failed createServerless call, on the attribute it concerns
// when there is one.
func createFailedDiagnostic(request client.CreateServerlessRequest, err error) diag.Diagnostic {
	var preexisting *preexistingClusterError
	switch {
	case errors.As(err, &preexisting):
		return diag.NewAttributeErrorDiagnostic(path.Root("cluster_name"), createSummary,
			fmt.Sprintf("The response to the request to create the cluster %q was lost, and the cluster of that name "+
				"that the provider then found, %s, already existed before this apply (created %s), so it was not "+
				"recorded in state. Import it if this configuration should manage it, or choose another "+
				"cluster_name.\n\n%s", request.ClusterName, preexisting.clusterID, preexisting.createTime, err))
	case client.HasCode(err, codeDuplicateClusterName):
		return diag.NewAttributeErrorDiagnostic(path.Root("cluster_name"), createSummary,
			fmt.Sprintf("A live cluster named %q already exists in this Zilliz Cloud account, and names must be "+
				"unique among live clusters. Choose another cluster_name, or import the existing cluster with "+
				"terraform import.\n\n%s", request.ClusterName, err))
	case client.HasCode(err, codeInvalidClusterName):
		return diag.NewAttributeErrorDiagnostic(path.Root("cluster_name"), createSummary,
			fmt.Sprintf("Zilliz Cloud rejected the cluster name %q. Use 1 to %d ASCII letters, digits and "+
				"hyphens.\n\n%s", request.ClusterName, maxClusterNameLength, err))
	case client.HasCode(err, codeInvalidProjectID), client.HasCode(err, codeProjectNotFound):
		return diag.NewAttributeErrorDiagnostic(path.Root("project_id"), createSummary,
			fmt.Sprintf("Zilliz Cloud found no project %q that this API key may use. Check the ID in the "+
				"console, or look it up by name with the zilliz_projects data source.\n\n%s", request.ProjectID, err))
	case client.HasCode(err, codeServerlessUnsupported):
		return diag.NewErrorDiagnostic(createSummary,
			fmt.Sprintf("Serverless clusters are not offered in the provider's cloud region. Set cloud_region "+
				"to a region that offers them.\n\n%s", err))
	case isAuthenticationError(err):
		return invalidAPIKeyDiagnostic(createSummary, err)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return diag.NewErrorDiagnostic(createSummary,
			fmt.Sprintf("The request to create the cluster %q was stopped before it completed. If a cluster of that "+
				"name now exists in the console, import it; otherwise run terraform apply again.\n\n%s",
				request.ClusterName, err))
	case client.IsOutcomeUnknown(err):
		return diag.NewErrorDiagnostic(createSummary,
			fmt.Sprintf("The provider could not tell whether Zilliz Cloud created the cluster %q: the response to "+
				"the create request was lost, and the lookup by name that followed found no cluster or failed. No "+
				"cluster is recorded in state. Check the Zilliz Cloud console: if a cluster of that name exists in "+
				"project %s, import it; otherwise run terraform apply again.\n\n%s",
				request.ClusterName, request.ProjectID, err))
	default:
		return diag.NewErrorDiagnostic(createSummary,
			fmt.Sprintf("Zilliz Cloud did not create the cluster %q in project %s. Fix the cause below and run "+
				"terraform apply again.\n\n%s", request.ClusterName, request.ProjectID, err))
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

func invalidAPIKeyDiagnostic(summary string, err error) diag.Diagnostic {
	return diag.NewErrorDiagnostic(summary,
		fmt.Sprintf("Zilliz Cloud rejected the API key. Check the api_key attribute or the %s environment "+
			"variable, and that the key belongs to this region's organization.\n\n%s", envAPIKey, err))
}

// adoptedClusterWarning warns that a cluster was recorded without its credentials.
func adoptedClusterWarning(request client.CreateServerlessRequest, clusterID string) diag.Diagnostic {
	return diag.NewWarningDiagnostic("Serverless Cluster Password Not Received",
		fmt.Sprintf("The response to the request that created the cluster %q was lost, so the provider found "+
			"the cluster %s by its name and recorded it in state. Zilliz Cloud returns the generated username and "+
			"password only in that response, so both are null in state. Reset the database user's password in "+
			"the Zilliz Cloud console (the cluster's Users tab) and keep it in a secret store.",
			request.ClusterName, clusterID))
}

// otherRegionDiagnostic explains a cluster that the provider's control plane reports as being in
// another region. The cluster stays in state, because it still exists.
func otherRegionDiagnostic(summary, clusterID string, err error) diag.Diagnostic {
	return diag.NewErrorDiagnostic(summary,
		fmt.Sprintf("Zilliz Cloud reports that the cluster %s is in another region than the provider's control "+
			"plane. The cluster stays in state. Set the provider's cloud_region (or endpoint) to the cluster's "+
			"region, then run the command again.\n\n%s", clusterID, err))
}

// readFailedDiagnostic explains a failed API call of a data source or a refresh, with a hint that
// depends on the kind of failure. summary names the operation, such as "Read Projects Failed",
// and subject names what was requested, such as "the projects".
func readFailedDiagnostic(summary, subject string, err error) diag.Diagnostic {
	var netErr net.Error
	switch {
	case isAuthenticationError(err):
		return invalidAPIKeyDiagnostic(summary, err)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return diag.NewErrorDiagnostic(summary,
			fmt.Sprintf("The request for %s was stopped before it completed. Run the command again.\n\n%s",
				subject, err))
	case errors.As(err, &netErr):
		return diag.NewErrorDiagnostic(summary,
			fmt.Sprintf("Could not reach the Zilliz Cloud API to read %s. Check the provider's endpoint or "+
				"cloud_region and the network path to it, then run the command again.\n\n%s", subject, err))
	default:
		return diag.NewErrorDiagnostic(summary,
			fmt.Sprintf("Zilliz Cloud did not return %s. Check the provider's endpoint or cloud_region, "+
				"fix the cause below and run the command again.\n\n%s", subject, err))
	}
}

// dropFailedDiagnostic explains a drop call that failed.
func dropFailedDiagnostic(clusterID string, err error) diag.Diagnostic {
	const summary = "Delete Serverless Cluster Failed"
	if client.HasCode(err, codeClusterNotInRegion) {
		return otherRegionDiagnostic(summary, clusterID, err)
	}
	return diag.NewErrorDiagnostic(summary,
		fmt.Sprintf("Could not drop the serverless cluster %s. It is still in state. Fix the cause below and run "+
			"terraform destroy again.\n\n%s", clusterID, err))
}

// waitFailedDiagnostic explains a wait for a cluster that ended before the cluster got there.
// operation is operationCreate or operationDelete.
func waitFailedDiagnostic(operation, clusterID string, timeout time.Duration, err error) diag.Diagnostic {
	summary := operation + " Serverless Cluster Failed"
	inState := "The cluster is recorded in state and marked tainted, so the next apply replaces it; run " +
		"terraform untaint to keep it instead."
	target := client.StatusRunning
	raise := "raise timeouts.create in the resource"
	if operation == operationDelete {
		inState = "The cluster is still in state, so the next terraform destroy or apply tries again."
		target = "deleted"
		raise = "raise timeouts.delete in the resource and run terraform apply to store it before destroying again"
	}

	var statusErr *unexpectedStatusError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return diag.NewErrorDiagnostic(operation+" Serverless Cluster Timed Out",
			fmt.Sprintf("The cluster %s was not %s within %s. %s If the service is slow, %s.\n\n%s",
				clusterID, target, timeout, inState, raise, err))
	case errors.Is(err, context.Canceled):
		return diag.NewErrorDiagnostic(operation+" Serverless Cluster Interrupted",
			fmt.Sprintf("The wait for the cluster %s to be %s was interrupted. %s\n\n%s", clusterID, target, inState, err))
	case errors.As(err, &statusErr):
		return diag.NewErrorDiagnostic(summary,
			fmt.Sprintf("The cluster %s entered status %s instead of becoming %s. %s Check the cluster in the "+
				"Zilliz Cloud console.", clusterID, statusErr.status, target, inState))
	default:
		return diag.NewErrorDiagnostic(summary,
			fmt.Sprintf("The provider could not check whether the cluster %s is %s. %s\n\n%s", clusterID, target, inState, err))
	}
}
