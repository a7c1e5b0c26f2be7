resource "aws_ecs_task_definition" "web" {
  family                = "web"
  container_definitions = <<-EOT
    [
      {"name": "app", "image": "nginx:1.27", "Privileged": true}
    ]
  EOT
}
