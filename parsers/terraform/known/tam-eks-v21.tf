# ecslint's model of terraform-aws-modules/eks/aws from v21 on, which renamed
# the cluster inputs (cluster_name is name, cluster_version is
# kubernetes_version, cluster_endpoint_* are endpoint_*,
# cluster_enabled_log_types is enabled_log_types, cluster_encryption_config
# is encryption_config): the EKS cluster the module creates, reduced to the
# settings ecslint's rules read, with the module's defaults (variables.tf and
# main.tf of v21.0.0 and v21.19.0). encryption_config is an object whose
# resources default to ["secrets"]; only null turns encryption off.

variable "create" {
  default = true
}
variable "putin_khuylo" {
  default = true
}
variable "name" {
  default = ""
}
variable "kubernetes_version" {
  default = null
}
variable "enabled_log_types" {
  default = ["audit", "api", "authenticator"]
}
variable "endpoint_private_access" {
  default = true
}
variable "endpoint_public_access" {
  default = false
}
variable "endpoint_public_access_cidrs" {
  default = ["0.0.0.0/0"]
}
variable "encryption_config" {
  default = {}
}
variable "outpost_config" {
  default = null
}

locals {
  create                        = var.create && var.putin_khuylo
  create_outposts_local_cluster = var.outpost_config != null
  enable_encryption_config      = var.encryption_config != null && !local.create_outposts_local_cluster
}

resource "aws_eks_cluster" "this" {
  count = local.create ? 1 : 0

  name                      = var.name
  version                   = var.kubernetes_version
  enabled_cluster_log_types = var.enabled_log_types

  vpc_config {
    endpoint_private_access = var.endpoint_private_access
    endpoint_public_access  = var.endpoint_public_access
    public_access_cidrs     = var.endpoint_public_access_cidrs
  }

  dynamic "encryption_config" {
    for_each = local.enable_encryption_config ? [var.encryption_config] : []
    content {
      # An optional attribute's default applies when it is absent or null.
      resources = try(encryption_config.value.resources, null) != null ? encryption_config.value.resources : ["secrets"]
    }
  }
}
