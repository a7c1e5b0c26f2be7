variable "token" {}
variable "password" {}
variable "defs" {}

resource "aws_ecs_task_definition" "t" {
  family = "f"
  container_definitions = jsonencode(concat(var.defs, [{ name = "b", image = "b:1", environment = [
    { name = "API_TOKEN", value = format("Bearer %s", var.token) },
    { name = "DB_PASSWORD", value = "pw:${var.password}" },
  ] }]))
}
