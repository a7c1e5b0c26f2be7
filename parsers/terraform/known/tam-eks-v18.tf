# ecslint's model of terraform-aws-modules/eks/aws v18: the EKS cluster the
# module creates, reduced to the settings ecslint's rules read, with the
# module's defaults (variables.tf and main.tf of v18.0.0 and v18.31.2). In
# v18 the public endpoint is on and open to 0.0.0.0/0 by default, and
# secrets are encrypted only when cluster_encryption_config lists an entry.

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
  default = false
}
variable "cluster_endpoint_public_access" {
  default = true
}
variable "cluster_endpoint_public_access_cidrs" {
  default = ["0.0.0.0/0"]
}
variable "cluster_encryption_config" {
  default = []
}

locals {
  create = var.create && var.putin_khuylo
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
    for_each = toset(var.cluster_encryption_config)
    content {
      resources = encryption_config.value["resources"]
    }
  }
}
