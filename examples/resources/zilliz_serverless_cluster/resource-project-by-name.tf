data "zilliz_projects" "all" {}

locals {
  # one() fails the plan when more than one project has the name. When none has it, the result
  # is null and the plan fails on the required project_id.
  analytics_project_id = one([
    for project in data.zilliz_projects.all.projects : project.project_id
    if project.project_name == "Analytics"
  ])
}

resource "zilliz_serverless_cluster" "analytics" {
  cluster_name = "analytics-events"
  project_id   = local.analytics_project_id
  plan         = "Free"
}
