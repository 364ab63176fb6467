terraform {
  required_version = ">= 1.5"

  required_providers {
    zilliz = {
      source = "vectorops/zilliz"
    }
  }
}

# The provider reads ZILLIZ_API_KEY and ZILLIZ_CLOUD_REGION from the environment.
provider "zilliz" {}

variable "project_name" {
  description = "Name of the Zilliz Cloud project for the cluster, as the console shows it."
  type        = string
  default     = "Default Project"
}

data "zilliz_projects" "all" {}

locals {
  matching_project_ids = [
    for project in data.zilliz_projects.all.projects : project.project_id
    if project.project_name == var.project_name
  ]
}

resource "zilliz_serverless_cluster" "first" {
  cluster_name = "getting-started"
  project_id   = one(local.matching_project_ids)

  lifecycle {
    precondition {
      condition     = length(local.matching_project_ids) == 1
      error_message = "Exactly one project must be named ${var.project_name}. Check the name in the Zilliz Cloud console."
    }
  }
}

output "cluster_id" {
  value = zilliz_serverless_cluster.first.cluster_id
}

output "connect_address" {
  value = zilliz_serverless_cluster.first.connect_address
}

output "username" {
  value = zilliz_serverless_cluster.first.username
}

output "password" {
  value     = zilliz_serverless_cluster.first.password
  sensitive = true
}
