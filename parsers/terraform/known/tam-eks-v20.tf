# ecslint's model of terraform-aws-modules/eks/aws v19 and v20: the EKS
# cluster the module creates, reduced to the settings ecslint's rules read,
# with the module's defaults. These inputs and defaults are the same from
# v19.0.0 to v20.37.2 (variables.tf and main.tf of each): the public
# endpoint is off, its CIDRs default to 0.0.0.0/0, the audit, api and
# authenticator logs are on, and secrets are encrypted with a KMS key the
# module creates unless cluster_encryption_config is set to {}.

variable "create" {
  default = true
}
variable "putin_khuylo" {
  default = true
}
variable "cluster_name" {
  default = ""
}
variable "cluster_version" {
  default = null
}
variable "cluster_enabled_log_types" {
  default = ["audit", "api", "authenticator"]
}
variable "cluster_endpoint_private_access" {
  default = true
}
variable "cluster_endpoint_public_access" {
  default = false
}
variable "cluster_endpoint_public_access_cidrs" {
  default = ["0.0.0.0/0"]
}
variable "cluster_encryption_config" {
  default = {
    resources = ["secrets"]
  }
}
variable "outpost_config" {
  default = {}
}

locals {
  create                           = var.create && var.putin_khuylo
  create_outposts_local_cluster    = length(var.outpost_config) > 0
  enable_cluster_encryption_config = length(var.cluster_encryption_config) > 0 && !local.create_outposts_local_cluster
}

resource "aws_eks_cluster" "this" {
  count = local.create ? 1 : 0

  name                      = var.cluster_name
  version                   = var.cluster_version
  enabled_cluster_log_types = var.cluster_enabled_log_types

  vpc_config {
    endpoint_private_access = var.cluster_endpoint_private_access
    endpoint_public_access  = var.cluster_endpoint_public_access
    public_access_cidrs     = var.cluster_endpoint_public_access_cidrs
  }

  dynamic "encryption_config" {
    for_each = local.enable_cluster_encryption_config ? [var.cluster_encryption_config] : []
    content {
      resources = encryption_config.value.resources
    }
  }
}
