resource "aws_ecs_task_definition" "batch" { # want ORG005
  family = "batch"
  container_definitions = jsonencode([
    {
      name   = "batch"
      image  = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/batch:1.0"
      memory = 256
    },
    {
      name  = "proxy"
      image = "public.ecr.aws/nginx/nginx:1.27" # want ORG001
      memoryReservation = 64
    },
  ])
}

resource "aws_ecs_service" "checkout" {
  name            = "checkout"
  cluster         = "payments"
  task_definition = aws_ecs_task_definition.batch.arn
  network_configuration {
    subnets          = ["subnet-0abc"]
    assign_public_ip = false
  }
}
