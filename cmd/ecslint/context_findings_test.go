package main

import (
	"strings"
	"testing"
)

// TestFindingsOfANamedFileInItsContext: naming only main.tf, whose task
// definition reads its containers with file(), reports the privileged
// container at the key in c.json; a finding about a resource of a file
// that was not named stays unreported, as pre-commit expects.
func TestFindingsOfANamedFileInItsContext(t *testing.T) {
	repo(t, map[string]string{
		"main.tf": `resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = file("${path.module}/c.json")
}
`,
		"other.tf": `resource "aws_ecs_task_definition" "other" {
  family                = "other"
  container_definitions = file("${path.module}/c.json")
}
`,
		"c.json": `[{"name": "app", "image": "nginx:1.27", "privileged": true, "user": "1000", "readonlyRootFilesystem": true,
  "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "eu-west-1"}}}]
`,
	})
	code, stdout, stderr := run(t, "", "--format", "compact", "--only", "ECS001", "main.tf")
	want := "c.json:1:41: high ECS001 container \"app\" runs privileged\n"
	if code != ExitFindings || stdout != want {
		t.Errorf("main.tf: exit %d, stdout %q, want %q; stderr %s", code, stdout, want, stderr)
	}
	if strings.Contains(stdout, "other") {
		t.Errorf("a finding about other.tf's resource was reported: %s", stdout)
	}
}

// TestFailedCallNotesQuoteNoValue: a Terraform function that fails on its
// argument is noted, but its error (which quotes the argument, here a
// variable's default) is not: notes are printed as they are.
func TestFailedCallNotesQuoteNoValue(t *testing.T) {
	repo(t, map[string]string{"main.tf": `variable "db_password" {
  default = "hunter2-secret"
}
resource "aws_ecs_task_definition" "t" {
  family                = "x"
  container_definitions = jsonencode([{ name = "a", image = "a:1", cpu = parseint(var.db_password, 10) }])
}
`})
	_, stdout, _ := run(t, "", "--format", "json", "--verbose", ".")
	if strings.Contains(stdout, "hunter2") {
		t.Errorf("a note quotes the argument's value: %s", stdout)
	}
	if !strings.Contains(stdout, `"message": "parseint() not evaluated: Terraform would reject these arguments; its value is unknown"`) {
		t.Errorf("no note for the failed call: %.800s", stdout)
	}
}
