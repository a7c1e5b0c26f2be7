variable "insights" {
  default = "disabled"
}

resource "aws_ecs_cluster" "prod" {
  name = "prod"
  setting {
    name  = "containerInsights"
    value = var.insights
  }
}
