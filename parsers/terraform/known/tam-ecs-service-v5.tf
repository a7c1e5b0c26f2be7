# ecslint's model of terraform-aws-modules/ecs/aws//modules/service before v6:
# the task definition, service, security group and tasks role the module
# creates, reduced to the settings ecslint's rules read, with the module's
# defaults. Each container goes through the container-definition model, as
# the module sends it through its container-definition submodule.

variable "name" {
  default = null
}
variable "container_definitions" {
  default  = {}
  nullable = false
}
variable "network_mode" {
  default  = "awsvpc"
  nullable = false
}
variable "pid_mode" {
  default = null
}
variable "ipc_mode" {
  default = null
}
variable "volume" {
  default = null
}
variable "cpu" {
  default  = 1024
  nullable = false
}
variable "memory" {
  default  = 2048
  nullable = false
}
variable "requires_compatibilities" {
  default  = ["FARGATE"]
  nullable = false
}
variable "runtime_platform" {
  default = {
    cpu_architecture        = "X86_64"
    operating_system_family = "LINUX"
  }
  nullable = false
}
variable "assign_public_ip" {
  default  = false
  nullable = false
}
variable "launch_type" {
  default  = "FARGATE"
  nullable = false
}
variable "platform_version" {
  default = null
}
variable "capacity_provider_strategy" {
  default = null
}
variable "cluster_arn" {
  default = null
}
variable "security_group_ids" {
  default  = []
  nullable = false
}
variable "create_security_group" {
  default  = true
  nullable = false
}
variable "security_group_rules" {
  default  = {}
  nullable = false
}
variable "container_definition_defaults" {
  default  = {}
  nullable = false
}
variable "enable_execute_command" {
  default  = false
  nullable = false
}
variable "create_tasks_iam_role" {
  default  = true
  nullable = false
}
variable "tasks_iam_role_arn" {
  default = null
}
variable "tasks_iam_role_policies" {
  default  = {}
  nullable = false
}
variable "tasks_iam_role_statements" {
  default  = {}
  nullable = false
}

locals {
  security_group = var.create_security_group && var.network_mode == "awsvpc"
}

# Before v6 each container input is looked up in the entry, then in
# container_definition_defaults, then falls back to the module's default;
# the user falls back to "0", root (Terraform converts the number to a string).
module "container_definition" {
  source   = "./tam-ecs-container-definition-v5"
  for_each = var.container_definitions

  name                        = try(each.value.name, each.key)
  image                       = try(each.value.image, var.container_definition_defaults.image, null)
  essential                   = try(each.value.essential, var.container_definition_defaults.essential, null)
  privileged                  = try(each.value.privileged, var.container_definition_defaults.privileged, false)
  readonly_root_filesystem    = try(each.value.readonly_root_filesystem, var.container_definition_defaults.readonly_root_filesystem, true)
  user                        = try(each.value.user, var.container_definition_defaults.user, "0")
  environment                 = try(each.value.environment, var.container_definition_defaults.environment, [])
  secrets                     = try(each.value.secrets, var.container_definition_defaults.secrets, [])
  environment_files           = try(each.value.environment_files, var.container_definition_defaults.environment_files, [])
  linux_parameters            = try(each.value.linux_parameters, var.container_definition_defaults.linux_parameters, {})
  log_configuration           = try(each.value.log_configuration, var.container_definition_defaults.log_configuration, {})
  firelens_configuration      = try(each.value.firelens_configuration, var.container_definition_defaults.firelens_configuration, {})
  mount_points                = try(each.value.mount_points, var.container_definition_defaults.mount_points, [])
  port_mappings               = try(each.value.port_mappings, var.container_definition_defaults.port_mappings, [])
  repository_credentials      = try(each.value.repository_credentials, var.container_definition_defaults.repository_credentials, {})
  enable_cloudwatch_logging   = try(each.value.enable_cloudwatch_logging, var.container_definition_defaults.enable_cloudwatch_logging, true)
  create_cloudwatch_log_group = try(each.value.create_cloudwatch_log_group, var.container_definition_defaults.create_cloudwatch_log_group, true)
  cloudwatch_log_group_name   = try(each.value.cloudwatch_log_group_name, var.container_definition_defaults.cloudwatch_log_group_name, null)
  operating_system_family     = try(var.runtime_platform.operating_system_family, "LINUX")
  service                     = var.name
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  network_mode             = var.network_mode
  pid_mode                 = var.pid_mode
  ipc_mode                 = var.ipc_mode
  requires_compatibilities = var.requires_compatibilities
  cpu                      = var.cpu
  memory                   = var.memory
  task_role_arn            = var.create_tasks_iam_role ? aws_iam_role.tasks.arn : var.tasks_iam_role_arn

  runtime_platform {
    operating_system_family = var.runtime_platform.operating_system_family
  }

  dynamic "volume" {
    for_each = var.volume == null ? {} : var.volume
    content {
      name      = try(coalesce(volume.value.name, volume.key), volume.key)
      host_path = try(volume.value.host_path, null)
      dynamic "efs_volume_configuration" {
        for_each = try(volume.value.efs_volume_configuration, null) == null ? [] : [volume.value.efs_volume_configuration]
        content {
          file_system_id     = try(efs_volume_configuration.value.file_system_id, null)
          transit_encryption = try(efs_volume_configuration.value.transit_encryption, null)
        }
      }
    }
  }

  container_definitions = jsonencode([for k, v in module.container_definition : v.container_definition])
}

resource "aws_ecs_service" "this" {
  name             = var.name
  cluster          = var.cluster_arn
  task_definition  = aws_ecs_task_definition.this.arn
  launch_type      = var.capacity_provider_strategy == null ? var.launch_type : null
  platform_version = var.platform_version

  dynamic "capacity_provider_strategy" {
    for_each = var.capacity_provider_strategy == null ? {} : var.capacity_provider_strategy
    content {
      capacity_provider = try(capacity_provider_strategy.value.capacity_provider, null)
    }
  }

  dynamic "network_configuration" {
    for_each = var.network_mode == "awsvpc" ? [1] : []
    content {
      assign_public_ip = var.assign_public_ip
      security_groups  = local.security_group ? concat(var.security_group_ids, [aws_security_group.this.id]) : var.security_group_ids
    }
  }
}

resource "aws_security_group" "this" {
  count = local.security_group ? 1 : 0
}

resource "aws_security_group_rule" "this" {
  for_each = local.security_group ? var.security_group_rules : {}

  security_group_id = aws_security_group.this.id
  type              = try(each.value.type, null)
  protocol          = try(each.value.protocol, null)
  from_port         = try(each.value.from_port, null)
  to_port           = try(each.value.to_port, null)
  cidr_blocks       = try(each.value.cidr_blocks, null)
  ipv6_cidr_blocks  = try(each.value.ipv6_cidr_blocks, null)
}

resource "aws_iam_role" "tasks" {
  count = var.create_tasks_iam_role ? 1 : 0
}

resource "aws_iam_role_policy_attachment" "tasks" {
  for_each = var.create_tasks_iam_role ? var.tasks_iam_role_policies : {}

  role       = aws_iam_role.tasks.name
  policy_arn = each.value
}

data "aws_iam_policy_document" "tasks" {
  dynamic "statement" {
    for_each = var.tasks_iam_role_statements == null ? {} : var.tasks_iam_role_statements
    content {
      effect    = try(statement.value.effect, "Allow")
      actions   = try(statement.value.actions, null)
      resources = try(statement.value.resources, null)
    }
  }
}

resource "aws_iam_role_policy" "tasks" {
  count = var.create_tasks_iam_role && length(var.tasks_iam_role_statements) > 0 ? 1 : 0

  role   = aws_iam_role.tasks.id
  policy = data.aws_iam_policy_document.tasks.json
}
