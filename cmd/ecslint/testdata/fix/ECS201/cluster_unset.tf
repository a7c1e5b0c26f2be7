resource "aws_ecs_cluster" "prod" {
  name = "prod"

  configuration {
    execute_command_configuration {
      logging = "DEFAULT"
    }
  }
}

resource "aws_ecs_cluster" "empty" {
}
