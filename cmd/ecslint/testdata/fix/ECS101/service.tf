resource "aws_ecs_service" "web" {
  name            = "web"
  cluster         = "prod"
  task_definition = "arn:aws:ecs:eu-west-1:111122223333:task-definition/app:3"
  network_configuration {
    subnets          = ["subnet-0abc"]
    assign_public_ip = true
  }
}
