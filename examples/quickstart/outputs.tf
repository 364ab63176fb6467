output "cluster_id" {
  description = "ID of the new cluster, such as inxx-0123456789abcde."
  value       = zilliz_serverless_cluster.quickstart.cluster_id
}

output "status" {
  description = "Cluster status when Terraform last read it; RUNNING once creation has finished."
  value       = zilliz_serverless_cluster.quickstart.status
}

output "connect_address" {
  description = "Public endpoint of the cluster for SDK and REST clients of the vector database."
  value       = zilliz_serverless_cluster.quickstart.connect_address
}

output "username" {
  description = "Name of the database user that the service created with the cluster."
  value       = zilliz_serverless_cluster.quickstart.username
}

output "password" {
  description = "Generated password of that user. Zilliz Cloud returns it only at creation, so Terraform state is its only copy. Read it with `terraform output -raw password`."
  value       = zilliz_serverless_cluster.quickstart.password
  sensitive   = true
}
