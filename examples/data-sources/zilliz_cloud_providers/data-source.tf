data "zilliz_cloud_providers" "all" {}

output "cloud_ids" {
  value = data.zilliz_cloud_providers.all.cloud_providers[*].cloud_id
}
