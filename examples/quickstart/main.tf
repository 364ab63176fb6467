# Quickstart: one Zilliz Cloud serverless cluster.
#
# The provider reads its settings from the environment: ZILLIZ_API_KEY, and either
# ZILLIZ_CLOUD_REGION (such as gcp-us-west1) or ZILLIZ_ENDPOINT (a base URL that replaces the
# regional one, as `make demo` sets for its local mock).

terraform {
  required_version = ">= 1.0"

  required_providers {
    zilliz = {
      source = "vectorops/zilliz"
    }
  }
}

provider "zilliz" {}

variable "project_id" {
  description = "ID of the Zilliz Cloud project that owns the cluster. The default is the project that the local mock (cmd/zilliz-mock) seeds; use your own project ID with a real account."
  type        = string
  default     = "proj-4d2a9c61f0b7e83a5c1d92"
}

variable "cluster_name" {
  description = "Cluster name: ASCII letters, digits and hyphens, at most 32 characters, unique among the account's live clusters."
  type        = string
  default     = "quickstart"
}

resource "zilliz_serverless_cluster" "quickstart" {
  cluster_name = var.cluster_name
  project_id   = var.project_id
  plan         = "Serverless"

  timeouts {
    create = "15m"
    delete = "10m"
  }
}
