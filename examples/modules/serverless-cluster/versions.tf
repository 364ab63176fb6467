terraform {
  # The zilliz provider supports Terraform 1.5 and later, and OpenTofu 1.10.
  required_version = ">= 1.5"

  required_providers {
    zilliz = {
      source = "vectorops/zilliz"
    }
  }
}
