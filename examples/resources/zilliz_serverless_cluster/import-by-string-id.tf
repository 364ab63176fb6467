# Import an existing serverless cluster by its cluster ID at the next terraform plan and apply.
import {
  to = zilliz_serverless_cluster.search
  id = "inxx-0123456789abcde"
}
