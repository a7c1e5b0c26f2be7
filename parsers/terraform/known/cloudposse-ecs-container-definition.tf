# ecslint's model of cloudposse/ecs-container-definition/aws: its snake_case
# inputs with the module's defaults and the declared types of those that
# decide findings (note readonly_root_filesystem = false,
# unlike terraform-aws-modules), the container definition it assembles for
# the keys ecslint's rules read, and its JSON outputs.

variable "container_name" {
  type = string
  default = null
}
variable "container_image" {
  type = string
  default = null
}
variable "essential" {
  type = bool
  default = true
}
variable "privileged" {
  type = bool
  default = null
}
variable "readonly_root_filesystem" {
  type = bool
  default = false
}
variable "user" {
  type = string
  default = null
}
variable "environment" {
  type = list(object({ name = string, value = string }))
  default = null
}
variable "map_environment" {
  type = map(string)
  default = null
}
variable "secrets" {
  type = list(object({ name = string, valueFrom = string }))
  default = null
}
variable "map_secrets" {
  type = map(string)
  default = null
}
variable "environment_files" {
  type = list(object({ value = string, type = string }))
  default = null
}
variable "log_configuration" {
  default = null
}
variable "linux_parameters" {
  default = null
}
variable "firelens_configuration" {
  default = null
}
variable "mount_points" {
  default = null
}
variable "port_mappings" {
  default = null
}
variable "repository_credentials" {
  default = null
}
variable "container_definition" {
  default = {}
}

locals {
  # map_environment and map_secrets replace the list forms.
  environment = var.map_environment != null ? [for k, v in var.map_environment : { name = k, value = v }] : var.environment
  secrets     = var.map_secrets != null ? [for k, v in var.map_secrets : { name = k, valueFrom = v }] : var.secrets

  definition = {
    name                   = var.container_name
    image                  = var.container_image
    essential              = var.essential
    privileged             = var.privileged
    readonlyRootFilesystem = var.readonly_root_filesystem
    # A FireLens log router runs as root whatever user is given.
    user                  = var.firelens_configuration != null ? "0" : var.user
    environment           = local.environment
    secrets               = local.secrets
    environmentFiles      = var.environment_files
    logConfiguration      = var.log_configuration == null ? null : { for k, v in var.log_configuration : k => v if v != null }
    linuxParameters       = var.linux_parameters
    firelensConfiguration = var.firelens_configuration
    mountPoints           = var.mount_points
    portMappings          = var.port_mappings
    repositoryCredentials = var.repository_credentials
  }
  final = merge({ for k, v in local.definition : k => v if v != null }, var.container_definition)
}

output "json_map_object" {
  value = local.final
}
output "json_map_encoded" {
  value = jsonencode(local.final)
}
output "json_map_encoded_list" {
  value = jsonencode([local.final])
}
output "sensitive_json_map_object" {
  value = local.final
}
output "sensitive_json_map_encoded" {
  value = jsonencode(local.final)
}
output "sensitive_json_map_encoded_list" {
  value = jsonencode([local.final])
}
