# Import an existing serverless cluster by its cluster ID, such as inxx-0123456789abcde, which the
# Zilliz Cloud console shows on the cluster's page.
terraform import zilliz_serverless_cluster.search inxx-0123456789abcde
