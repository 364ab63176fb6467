output "cluster_id" {
  description = "ID of the cluster, such as inxx-0123456789abcde."
  value       = zilliz_serverless_cluster.this.cluster_id
}

output "connect_address" {
  description = "Public endpoint of the cluster for SDK and REST clients of the vector database."
  value       = zilliz_serverless_cluster.this.connect_address
}

output "username" {
  description = "Database user that Zilliz Cloud created with the cluster. Null when the cluster was imported."
  value       = zilliz_serverless_cluster.this.username
  sensitive   = true
}

output "password" {
  description = "Generated password of that user. Zilliz Cloud returns it only at creation, so Terraform state is its only copy. Null when the cluster was imported."
  value       = zilliz_serverless_cluster.this.password
  sensitive   = true
}
