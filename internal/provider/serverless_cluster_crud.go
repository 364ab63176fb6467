package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vectorops/terraform-provider-zilliz/internal/client"
)

func (r *serverlessClusterResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx = r.data.logContext(ctx)
	var plan serverlessClusterModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}

	createTimeout, diags := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	apiClient := r.data.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, createTimeout)
	defer cancel()

	request := client.CreateServerlessRequest{
		Plan:        canonicalPlan(plan.Plan.ValueString()),
		ClusterName: plan.ClusterName.ValueString(),
		ProjectID:   plan.ProjectID.ValueString(),
	}
	outcome, err := createOrAdopt(ctx, apiClient, request)
	if err != nil {
		resp.Diagnostics.Append(createFailedDiagnostic(request, err))
		return
	}

	// Record the cluster before waiting, so that a failed or interrupted wait leaves it in state,
	// where Terraform marks it tainted instead of forgetting it.
	if outcome.adopted != nil {
		plan.setAdopted(outcome.adopted)
		resp.Diagnostics.Append(adoptedClusterWarning(request, outcome.adopted.ClusterID))
	} else {
		ctx = client.MaskSecrets(ctx, outcome.created.Password)
		plan.setCreated(outcome.created)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clusterID := plan.ID.ValueString()
	tflog.Info(ctx, "Created serverless cluster; waiting for it to be RUNNING", map[string]any{
		"cluster_id": clusterID,
		"timeout":    createTimeout.String(),
	})

	cluster, err := waitForRunning(ctx, apiClient, clusterID)
	if err != nil {
		resp.Diagnostics.Append(waitFailedDiagnostic(operationCreate, clusterID, createTimeout, err))
		return
	}

	plan.setDescribed(cluster)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *serverlessClusterResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	ctx = r.data.logContext(ctx)
	var state serverlessClusterModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	apiClient := r.data.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	clusterID := state.ID.ValueString()
	cluster, err := apiClient.DescribeCluster(ctx, clusterID)
	if client.HasCode(err, codeClusterNotInRegion) {
		resp.Diagnostics.Append(otherRegionDiagnostic("Read Serverless Cluster Failed", clusterID, err))
		return
	}
	if client.IsNotFound(err) || (err == nil && cluster.Status == client.StatusDeleted) {
		tflog.Warn(ctx, "Serverless cluster no longer exists; removing it from state", map[string]any{
			"cluster_id": clusterID,
		})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(readFailedDiagnostic("Read Serverless Cluster Failed", "the serverless cluster "+clusterID, err))
		return
	}

	if cluster.Status == client.StatusDeleting {
		resp.Diagnostics.AddWarning("Serverless Cluster Is Being Deleted",
			fmt.Sprintf("The serverless cluster %s (%s) is being deleted, by an earlier destroy that stopped "+
				"waiting or outside Terraform. Once it is gone, the next plan will create it again.",
				clusterID, cluster.ClusterName))
	}

	state.setDescribed(cluster)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes only the timeouts, because every other argument forces a replacement.
func (r *serverlessClusterResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan serverlessClusterModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *serverlessClusterResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx = r.data.logContext(ctx)
	var state serverlessClusterModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	deleteTimeout, diags := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	apiClient := r.data.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, deleteTimeout)
	defer cancel()

	clusterID := state.ID.ValueString()
	alreadyDeleted, err := dropCluster(ctx, apiClient, clusterID)
	if err != nil {
		resp.Diagnostics.Append(dropFailedDiagnostic(clusterID, err))
		return
	}
	if alreadyDeleted {
		tflog.Info(ctx, "Serverless cluster was already deleted", map[string]any{"cluster_id": clusterID})
		return
	}

	tflog.Info(ctx, "Dropped serverless cluster; waiting for it to be deleted", map[string]any{
		"cluster_id": clusterID,
		"timeout":    deleteTimeout.String(),
	})
	if err := waitForDeleted(ctx, apiClient, clusterID); err != nil {
		resp.Diagnostics.Append(waitFailedDiagnostic(operationDelete, clusterID, deleteTimeout, err))
	}
}

// dropCluster drops the cluster and reports whether it was gone already. A drop that the service
// rejects for a cluster that is already being deleted, as after an interrupted destroy, counts as
// accepted, so that the wait for DELETED can follow.
func dropCluster(ctx context.Context, apiClient *client.Client, clusterID string) (bool, error) {
	_, err := apiClient.DropCluster(ctx, clusterID)
	switch {
	case err == nil:
		return false, nil
	case client.HasCode(err, codeClusterNotInRegion):
		return false, err
	case client.IsNotFound(err):
		return true, nil
	}

	cluster, describeErr := apiClient.DescribeCluster(ctx, clusterID)
	if describeErr == nil && (cluster.Status == client.StatusDeleting || cluster.Status == client.StatusDeleted) {
		tflog.Debug(ctx, "Drop was rejected for a cluster that is already being deleted", map[string]any{
			"cluster_id": clusterID,
			"status":     cluster.Status,
			"error":      err.Error(),
		})
		return false, nil
	}
	return false, err
}
