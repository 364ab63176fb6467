# A Zilliz Cloud serverless cluster with its connection details as outputs.
#
# The module configures no provider: the caller passes one in (or lets Terraform use its default
# zilliz provider), so that credentials and region stay in the root module.

resource "zilliz_serverless_cluster" "this" {
  cluster_name = var.name
  project_id   = var.project_id
  plan         = var.plan
}
