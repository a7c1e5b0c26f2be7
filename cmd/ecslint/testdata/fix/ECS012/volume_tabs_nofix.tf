resource "aws_ecs_task_definition" "web" {
	family                = "web"
	container_definitions = jsonencode([{ name = "app", image = "nginx:1.27" }])

	volume {
		name = "data"
		efs_volume_configuration {
			file_system_id = "fs-0123" # the shared cache
		}
	}
}
