package corpus

import (
	"fmt"
	"strings"
)

// terraform writes one root module directory: main.tf with a task
// definition (container definitions as jsonencode, a heredoc or file()),
// unrelated S3 and VPC resources, variables.tf, a call to a local module,
// and the module itself.
func (g *gen) terraform(i int) {
	dir := fmt.Sprintf("terraform/env-%d", i)
	app := g.pick(apps...)
	cs := g.containers(i)
	var defs string
	switch g.r.IntN(3) {
	case 0:
		defs = "jsonencode(" + hclContainers(cs) + ")"
	case 1:
		defs = "<<EOF\n" + containerJSON(cs, "") + "\nEOF"
	default:
		defs = "file(\"${path.module}/containers.json\")"
		g.write(&g.stats.Terraform, dir+"/containers.json", containerJSON(cs, "")+"\n")
	}
	network := g.pick("awsvpc", "awsvpc", "awsvpc", "host")
	main := fmt.Sprintf(`terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

provider "aws" {
  region = var.region
}

locals {
  name = "${var.env}-%[1]s"
  tags = { Environment = var.env, Service = "%[1]s" }
}

resource "aws_vpc" "main" {
  cidr_block           = "10.%[2]d.0.0/16"
  enable_dns_hostnames = true
  tags                 = local.tags
}

resource "aws_subnet" "private" {
  count      = 2
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
}

resource "aws_s3_bucket" "artifacts" {
  bucket = "${local.name}-artifacts"
  tags   = local.tags
}

resource "aws_ecs_cluster" "main" {
  name = local.name
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_task_definition" "app" {
  family                   = local.name
  network_mode             = "%[3]s"
  requires_compatibilities = ["FARGATE"]
  cpu                      = var.cpu
  memory                   = 1024
  execution_role_arn       = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
  container_definitions    = %[4]s
}

resource "aws_ecs_service" "app" {
  name            = local.name
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = 2
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = aws_subnet.private[*].id
    assign_public_ip = false
  }
}

module "worker" {
  source = "./modules/worker"
  name   = "${local.name}-worker"
  image  = var.worker_image
}
`, app, i%250, network, defs)
	g.write(&g.stats.Terraform, dir+"/main.tf", main)
	g.write(&g.stats.Terraform, dir+"/variables.tf", `variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "env" {
  type    = string
  default = "prod"
}

variable "cpu" {
  type    = number
  default = 512
}

variable "worker_image" {
  type        = string
  description = "set by the pipeline"
}
`)
	privileged := "false"
	if g.chance(5) {
		privileged = "true"
	}
	g.write(&g.stats.Terraform, dir+"/modules/worker/main.tf", fmt.Sprintf(`variable "name" { type = string }
variable "image" { type = string }

resource "aws_ecs_task_definition" "worker" {
  family       = var.name
  network_mode = "awsvpc"
  container_definitions = jsonencode([{
    name       = "worker"
    image      = var.image
    essential  = true
    privileged = %s
    logConfiguration = {
      logDriver = "awslogs"
      options   = { "awslogs-group" = "/ecs/${var.name}", "awslogs-region" = "eu-west-1" }
    }
  }])
}
`, privileged))
	if g.chance(50) {
		g.write(&g.stats.Terraform, dir+"/outputs.tf", "output \"cluster\" {\n  value = aws_ecs_cluster.main.arn\n}\n\noutput \"bucket\" {\n  value = aws_s3_bucket.artifacts.bucket\n}\n")
	}
}

// hclContainers writes container definitions as an HCL list of objects,
// as jsonencode() takes them.
func hclContainers(cs []container) string {
	var b strings.Builder
	b.WriteString("[\n")
	for _, c := range cs {
		fmt.Fprintf(&b, "    {\n      name      = %q\n      image     = %q\n      essential = true\n", c.name, c.image)
		fmt.Fprintf(&b, "      portMappings = [{ containerPort = %d, protocol = \"tcp\" }]\n", c.port)
		if c.privileged {
			b.WriteString("      privileged = true\n")
		}
		b.WriteString("      environment = [\n")
		for _, kv := range c.env {
			fmt.Fprintf(&b, "        { name = %q, value = %q },\n", kv[0], kv[1])
		}
		b.WriteString("        { name = \"ENV\", value = var.env },\n      ]\n")
		if !c.noLogs {
			fmt.Fprintf(&b, "      logConfiguration = {\n        logDriver = \"awslogs\"\n        options = {\n          \"awslogs-group\"  = \"/ecs/%s\"\n          \"awslogs-region\" = var.region\n        }\n      }\n", c.name)
		}
		b.WriteString("    },\n")
	}
	b.WriteString("  ]")
	return b.String()
}
