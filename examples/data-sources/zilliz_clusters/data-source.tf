# List the clusters of one project in the provider's region. Without project_id, the list has
# the clusters of every project.
data "zilliz_clusters" "analytics" {
  project_id = "proj-8f3e1b7a26c94d0e5b7a13"
}

output "running_cluster_addresses" {
  value = {
    for cluster in data.zilliz_clusters.analytics.clusters :
    cluster.cluster_name => cluster.connect_address
    if cluster.status == "RUNNING"
  }
}
