variable "settings" {
  type    = list(object({ name = string, value = string }))
  default = []
}

resource "aws_ecs_cluster" "prod" {
  name = "prod"
  dynamic "setting" {
    for_each = var.settings
    content {
      name  = setting.value.name
      value = setting.value.value
    }
  }
}
