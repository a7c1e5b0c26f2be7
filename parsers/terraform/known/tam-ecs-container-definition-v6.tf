# ecslint's model of terraform-aws-modules/ecs/aws//modules/container-definition
# from v6 on (camelCase inputs). It keeps the inputs that reach a container's
# security settings, with the module's defaults and declared types (Terraform
# converts a caller's 1000 to "1000" for user, "true" to true for a bool),
# and builds the container definition the way the module does for those
# keys. Findings from values written here are reported at the module call.

variable "name" {
  type = string
  default = null
}
variable "image" {
  type = string
  default = null
}
variable "essential" {
  type = bool
  default = null
}
variable "privileged" {
  type = bool
  default  = false
  nullable = false
}
variable "readonlyRootFilesystem" {
  type = bool
  default  = true
  nullable = false
}
variable "user" {
  type = string
  default = null
}
variable "environment" {
  type = list(object({ name = string, value = string }))
  default = null
}
variable "secrets" {
  type = list(object({ name = string, valueFrom = string }))
  default = null
}
variable "environmentFiles" {
  type = list(object({ value = string, type = string }))
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
  type = list(object({ containerPath = optional(string), readOnly = optional(bool), sourceVolume = optional(string) }))
  default = null
}
variable "portMappings" {
  default = null
}
variable "repositoryCredentials" {
  type = object({ credentialsParameter = optional(string) })
  default = null
}
variable "operating_system_family" {
  type = string
  default  = "LINUX"
  nullable = false
}
variable "enable_cloudwatch_logging" {
  type = bool
  default  = true
  nullable = false
}
variable "create_cloudwatch_log_group" {
  type = bool
  default  = true
  nullable = false
}
variable "cloudwatch_log_group_name" {
  type = string
  default = null
}
variable "service" {
  type = string
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
