resource "zilliz_serverless_cluster" "search" {
  cluster_name = "search-prod"
  project_id   = "proj-4d2a9c61f0b7e83a5c1d92"
  plan         = "Serverless"

  # Optional. The defaults are 20m for create and 10m for delete.
  timeouts {
    create = "30m"
    delete = "15m"
  }
}

output "connect_address" {
  value = zilliz_serverless_cluster.search.connect_address
}

output "username" {
  value = zilliz_serverless_cluster.search.username
}

# Read it with: terraform output -raw password
output "password" {
  value     = zilliz_serverless_cluster.search.password
  sensitive = true
}
