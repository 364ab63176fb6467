variable "project_id" {
  description = "ID of the Zilliz Cloud project that contains both clusters, such as proj-4d2a9c61f0b7e83a5c1d92."
  type        = string
}

variable "environment" {
  description = "Prefix of both cluster names, such as staging or prod. Cluster names are unique per account, so two environments in one account need different prefixes."
  type        = string
  default     = "staging"
}
