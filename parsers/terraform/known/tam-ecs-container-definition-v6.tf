# ecslint's model of terraform-aws-modules/ecs/aws//modules/container-definition
# from v6 on (camelCase inputs). It keeps the inputs that reach a container's
# security settings, with the module's defaults, and builds the container
# definition the way the module does for those keys. Findings from values
# written here are reported at the module call.

variable "name" {
  default = null
}
variable "image" {
  default = null
}
variable "essential" {
  default = null
}
variable "privileged" {
  default  = false
  nullable = false
}
variable "readonlyRootFilesystem" {
  default  = true
  nullable = false
}
variable "user" {
  default = null
}
variable "environment" {
  default = null
}
variable "secrets" {
  default = null
}
variable "environmentFiles" {
  default = null
}
variable "linuxParameters" {
  default  = {}
  nullable = false
}
variable "logConfiguration" {
  default  = {}
  nullable = false
}
variable "firelensConfiguration" {
  default = null
}
variable "mountPoints" {
  default = null
}
variable "portMappings" {
  default = null
}
variable "repositoryCredentials" {
  default = null
}
variable "operating_system_family" {
  default  = "LINUX"
  nullable = false
}
variable "enable_cloudwatch_logging" {
  default  = true
  nullable = false
}
variable "create_cloudwatch_log_group" {
  default  = true
  nullable = false
}
variable "cloudwatch_log_group_name" {
  default = null
}
variable "service" {
  default = null
}

# The region the module sends the logs to: the provider's, unknown here.
data "aws_region" "current" {}

locals {
  linux = var.operating_system_family == "LINUX"
  # From v6 the awslogs configuration follows create_cloudwatch_log_group;
  # the caller's logConfiguration wins key by key.
  awslogs = var.create_cloudwatch_log_group ? {
    logDriver = "awslogs"
    options = {
      awslogs-region        = data.aws_region.current.name
      awslogs-group         = coalesce(var.cloudwatch_log_group_name, "/aws/ecs")
      awslogs-stream-prefix = "ecs"
    }
  } : {}
  log_configuration = merge(local.awslogs, { for k, v in var.logConfiguration : k => v if v != null })

  definition = {
    name                   = var.name
    image                  = var.image
    essential              = var.essential
    privileged             = local.linux ? var.privileged : null
    readonlyRootFilesystem = local.linux ? var.readonlyRootFilesystem : null
    user                   = local.linux ? var.user : null
    environment            = var.environment
    secrets                = var.secrets
    environmentFiles       = var.environmentFiles
    linuxParameters        = local.linux ? var.linuxParameters : null
    logConfiguration       = length(local.log_configuration) > 0 ? local.log_configuration : null
    firelensConfiguration  = var.firelensConfiguration
    mountPoints            = var.mountPoints
    portMappings           = var.portMappings
    repositoryCredentials  = var.repositoryCredentials
  }
  container_definition = { for k, v in local.definition : k => v if v != null }
}

output "container_definition" {
  value = local.container_definition
}

output "container_definition_json" {
  value = jsonencode(local.container_definition)
}
