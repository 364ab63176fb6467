output "cluster_ids" {
  description = "IDs of the two clusters."
  value = {
    search  = module.search.cluster_id
    sandbox = module.sandbox.cluster_id
  }
}

output "connect_addresses" {
  description = "Public endpoints of the two clusters."
  value = {
    search  = module.search.connect_address
    sandbox = module.sandbox.connect_address
  }
}

output "search_username" {
  description = "Database user of the search cluster."
  value       = module.search.username
  sensitive   = true
}

# Read it with: terraform output -raw search_password
output "search_password" {
  description = "Generated password of the search cluster's database user. Terraform state is its only copy."
  value       = module.search.password
  sensitive   = true
}
