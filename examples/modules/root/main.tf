# Calls the serverless-cluster module twice: one cluster for an application's search index and
# one Free cluster for experiments, both in the same project.
#
# The provider reads its settings from the environment, so that no credential is written here:
# ZILLIZ_API_KEY, and ZILLIZ_CLOUD_REGION (such as gcp-us-west1) or ZILLIZ_ENDPOINT.

terraform {
  required_version = ">= 1.5"

  required_providers {
    zilliz = {
      source = "vectorops/zilliz"
    }
  }
}

provider "zilliz" {}

module "search" {
  source = "../serverless-cluster"

  name       = "${var.environment}-search"
  project_id = var.project_id
}

module "sandbox" {
  source = "../serverless-cluster"

  name       = "${var.environment}-sandbox"
  project_id = var.project_id
  plan       = "Free"
}
