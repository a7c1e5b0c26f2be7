resource "aws_ecs_task_definition" "web" {
  family                = "web"
  container_definitions = jsonencode([{ name = "app", image = "nginx:1.27" }])

  dynamic "volume" {
    for_each = ["data", "logs"]
    content {
      name = volume.value
      efs_volume_configuration {
        file_system_id = "fs-0123"
      }
    }
  }
}
