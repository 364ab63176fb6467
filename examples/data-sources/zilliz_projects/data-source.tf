data "zilliz_projects" "all" {}

locals {
  # The ID of the project named "Default Project": null when no project has that name, and an
  # error from one() when more than one has it.
  default_project_id = one([
    for project in data.zilliz_projects.all.projects : project.project_id
    if project.project_name == "Default Project"
  ])
}

output "default_project_id" {
  value = local.default_project_id
}
