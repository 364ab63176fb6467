# The regions of Google Cloud. Each region_id is a value for the provider's cloud_region.
data "zilliz_cloud_regions" "gcp" {
  cloud_id = "gcp"
}

output "gcp_region_ids" {
  value = data.zilliz_cloud_regions.gcp.regions[*].region_id
}
