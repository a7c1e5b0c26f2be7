# ecslint's model of the root terraform-aws-modules/ecs/aws module from v6 on:
# each entry of its services map becomes a service module, its attributes
# forwarded under the same names (the service model holds the defaults).

variable "cluster_name" {
  default = null
}
variable "services" {
  default = null
}

module "service" {
  source   = "./tam-ecs-service-v6"
  for_each = var.services == null ? {} : var.services

  name                         = try(coalesce(each.value.name, each.key), each.key)
  container_definitions        = try(each.value.container_definitions, null)
  network_mode                 = try(each.value.network_mode, null)
  pid_mode                     = try(each.value.pid_mode, null)
  ipc_mode                     = try(each.value.ipc_mode, null)
  volume                       = try(each.value.volume, null)
  requires_compatibilities     = try(each.value.requires_compatibilities, null)
  runtime_platform             = try(each.value.runtime_platform, null)
  assign_public_ip             = try(each.value.assign_public_ip, null)
  launch_type                  = try(each.value.launch_type, null)
  platform_version             = try(each.value.platform_version, null)
  capacity_provider_strategy   = try(each.value.capacity_provider_strategy, null)
  security_group_ids           = try(each.value.security_group_ids, null)
  create_security_group        = try(each.value.create_security_group, null)
  security_group_ingress_rules = try(each.value.security_group_ingress_rules, null)
  enable_execute_command       = try(each.value.enable_execute_command, null)
  create_tasks_iam_role        = try(each.value.create_tasks_iam_role, null)
  tasks_iam_role_arn           = try(each.value.tasks_iam_role_arn, null)
  tasks_iam_role_policies      = try(each.value.tasks_iam_role_policies, null)
  tasks_iam_role_statements    = try(each.value.tasks_iam_role_statements, null)
}
