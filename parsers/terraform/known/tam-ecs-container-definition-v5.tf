# ecslint's model of terraform-aws-modules/ecs/aws//modules/container-definition
# before v6 (snake_case inputs). It keeps the inputs that reach a container's
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
variable "readonly_root_filesystem" {
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
  default = []
}
variable "secrets" {
  type = list(object({ name = string, valueFrom = string }))
  default = []
}
variable "environment_files" {
  type = list(object({ value = string, type = string }))
  default = []
}
variable "linux_parameters" {
  default  = {}
  nullable = false
}
variable "log_configuration" {
  default  = {}
  nullable = false
}
variable "firelens_configuration" {
  default = {}
}
variable "mount_points" {
  default = []
}
variable "port_mappings" {
  default = []
}
variable "repository_credentials" {
  type = map(string)
  default = {}
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
  # Before v6 the awslogs configuration follows enable_cloudwatch_logging;
  # the caller's logConfiguration wins key by key.
  awslogs = var.enable_cloudwatch_logging ? {
    logDriver = "awslogs"
    options = {
      awslogs-region        = data.aws_region.current.name
      awslogs-group         = coalesce(var.cloudwatch_log_group_name, "/aws/ecs")
      awslogs-stream-prefix = "ecs"
    }
  } : {}
  log_configuration = merge(local.awslogs, { for k, v in var.log_configuration : k => v if v != null })

  definition = {
    name                   = var.name
    image                  = var.image
    essential              = var.essential
    privileged             = local.linux ? var.privileged : null
    readonlyRootFilesystem = local.linux ? var.readonly_root_filesystem : null
    user                   = local.linux ? var.user : null
    environment            = var.environment
    secrets                = length(var.secrets) > 0 ? var.secrets : null
    environmentFiles       = length(var.environment_files) > 0 ? var.environment_files : null
    linuxParameters        = local.linux ? var.linux_parameters : null
    logConfiguration       = length(local.log_configuration) > 0 ? local.log_configuration : null
    firelensConfiguration  = length(var.firelens_configuration) > 0 ? var.firelens_configuration : null
    mountPoints            = var.mount_points
    portMappings           = var.port_mappings
    repositoryCredentials  = length(var.repository_credentials) > 0 ? var.repository_credentials : null
  }
  container_definition = { for k, v in local.definition : k => v if v != null }
}

output "container_definition" {
  value = local.container_definition
}
