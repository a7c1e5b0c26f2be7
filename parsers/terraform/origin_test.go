package terraform

import (
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// originsText lists a value's origins as "expr type attr sensitive".
func originsText(v lint.String) string {
	var parts []string
	for o := v.Origin(); o != nil; o = o.Next {
		words := []string{o.Expr, o.Type, o.Attr}
		if o.Sensitive {
			words = append(words, "sensitive")
		}
		parts = append(parts, strings.Join(strings.Fields(strings.Join(words, " ")), " "))
	}
	return strings.Join(parts, "; ")
}

func TestUnknownValuesKeepTheirOrigin(t *testing.T) {
	files := map[string]string{"main.tf": `
variable "token" {
  type      = string
  sensitive = true
}
variable "region" {
  type = string
}
locals {
  via_local = var.token
}
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name  = "web"
    image = "nginx:1"
    environment = [
      { name = "A", value = random_password.db.result },
      { name = "B", value = random_password.db[0].result },
      { name = "C", value = data.aws_ssm_parameter.p.value },
      { name = "D", value = local.via_local },
      { name = "E", value = "u:${random_password.db.result}@${var.token}:${var.region}" },
      { name = "F", value = [for p in random_password.many : p.result][0] },
      { name = "G", value = (random_password.many[*].result)[0] },
      { name = "H", value = jsondecode(aws_secretsmanager_secret_version.s.secret_string)["password"] },
      { name = "I", value = sha256(random_password.db.result) },
      { name = "J", value = var.region },
      { name = "K", value = aws_secretsmanager_secret.s.arn },
    ]
  }])
}
`}
	u, _ := parseTree(t, files, ".", lint.ParseOptions{})
	env := u.TaskDefinitions[0].Containers[0].Environment
	want := []string{
		"random_password.db.result random_password result",
		"random_password.db[0].result random_password result",
		"data.aws_ssm_parameter.p.value data.aws_ssm_parameter value",
		"var.token sensitive",
		"random_password.db.result random_password result; var.token sensitive",
		"random_password.many.result random_password result",
		"random_password.many.result random_password result",
		"aws_secretsmanager_secret_version.s.secret_string aws_secretsmanager_secret_version secret_string",
		"",
		"",
		"aws_secretsmanager_secret.s.arn aws_secretsmanager_secret arn",
	}
	if len(env) != len(want) {
		t.Fatalf("%d environment entries, want %d", len(env), len(want))
	}
	for i, e := range env {
		if got := originsText(e.Value); got != want[i] {
			t.Errorf("%s: origin %q, want %q", e.Name.V, got, want[i])
		}
		if e.Value.Known() {
			t.Errorf("%s: value is known", e.Name.V)
		}
	}
	// Ref still names the linked resource.
	if env[0].Value.Ref() != "random_password.db" {
		t.Errorf("Ref = %q, want the resource", env[0].Value.Ref())
	}
}

func TestSensitiveVariablesMarkWhatTheyHold(t *testing.T) {
	files := map[string]string{"main.tf": `
variable "creds" {
  sensitive = true
  default   = { user = "app", password = "hunter2" }
}
module "m" {
  source = "./m"
  key    = "abc"
}
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name  = "web"
    image = "nginx:1"
    environment = [for k, v in var.creds : { name = k, value = v }]
  }])
}
`, "m/main.tf": `
variable "key" {
  sensitive = true
}
resource "aws_ecs_task_definition" "m" {
  family = "m"
  container_definitions = jsonencode([{ name = "w", image = "nginx:1", environment = [{ name = "K", value = var.key }] }])
}
`}
	u, _ := parseTree(t, files, ".", lint.ParseOptions{})
	var got []string
	for _, td := range u.TaskDefinitions {
		for _, e := range td.Containers[0].Environment {
			got = append(got, e.Name.V+"="+e.Value.V+" "+originsText(e.Value))
		}
	}
	want := "password=hunter2 var.creds sensitive|user=app var.creds sensitive|K=abc module.m.var.key sensitive"
	if strings.Join(got, "|") != want {
		t.Errorf("got %q\nwant %q", strings.Join(got, "|"), want)
	}
}
