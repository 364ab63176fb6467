# Read a cluster that another configuration or the console manages.
data "zilliz_cluster" "shared" {
  cluster_id = "inxx-0123456789abcde"
}

output "shared_cluster" {
  value = {
    name            = data.zilliz_cluster.shared.cluster_name
    status          = data.zilliz_cluster.shared.status
    connect_address = data.zilliz_cluster.shared.connect_address
  }
}
