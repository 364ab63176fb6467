variable "name" {
  description = "Cluster name: 1 to 32 ASCII letters, digits and hyphens, unique among the live clusters of the Zilliz Cloud account (not only of the project). Changing it replaces the cluster and deletes its data."
  type        = string
  nullable    = false

  validation {
    condition     = length(var.name) <= 32 && can(regex("^[A-Za-z0-9-]+$", var.name))
    error_message = "The name must be 1 to 32 ASCII letters, digits and hyphens."
  }
}

variable "project_id" {
  description = "ID of the Zilliz Cloud project that contains the cluster, such as proj-4d2a9c61f0b7e83a5c1d92. Changing it replaces the cluster."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^proj-[A-Za-z0-9]+$", var.project_id))
    error_message = "The project ID must be proj- followed by letters and digits."
  }
}

variable "plan" {
  description = "Subscription plan: Serverless or Free, in any letter case. Changing it to another plan replaces the cluster."
  type        = string
  default     = "Serverless"
  nullable    = false

  validation {
    condition     = contains(["serverless", "free"], lower(var.plan))
    error_message = "The plan must be Serverless or Free."
  }
}
