variable "pw" {}
variable "defs" {}

module "private" {
  source = "git::https://deploy:ghp_ModuleSourceTokenabcdefghijklmnopqr4@git.example.com/infra/ecs.git?ref=v1&token=module-query-token-secret-4"
}

resource "aws_ecs_task_definition" "t" {
  family                = "f"
  container_definitions = jsonencode(concat(var.defs, [{ name = "b", image = "b:1", environment = [{ name = "AWS_ACCESS_KEY_ID", value = var.pw }] }]))
}
