package main

import (
	"os"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// TestInlineSuppressionsPerFormat checks each fixture with suppressions
// twice: as written, and with --no-inline-suppressions, which must bring
// every suppressed finding back.
func TestInlineSuppressionsPerFormat(t *testing.T) {
	t.Chdir("../..")
	cases := []struct {
		path string
		// suppressed are findings (file:line:col: ... [RULE) hidden by a
		// comment or Metadata entry.
		suppressed []string
	}{
		{"fixtures/cloudformation/suppressions.yaml", []string{
			"suppressions.yaml:13:13: high: volume \"journal\"",
			"suppressions.yaml:21:11: high: container \"shipper\" runs privileged",
			"suppressions.yaml:38:7: high: task definition \"Legacy\"",
		}},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			_, with, _ := run(t, "", "--color", "never", "--format", "text", c.path)
			_, without, _ := run(t, "", "--color", "never", "--format", "text", "--no-inline-suppressions", c.path)
			for _, s := range c.suppressed {
				if strings.Contains(with, s) {
					t.Errorf("suppressed finding reported: %s\n%s", s, with)
				}
				if !strings.Contains(without, s) {
					t.Errorf("--no-inline-suppressions does not restore: %s\n%s", s, without)
				}
			}
			if !strings.Contains(with, "SUP001") || strings.Contains(without, "SUP001") {
				t.Errorf("suppression problems: reported with suppressions on, never with them off")
			}
		})
	}
}

// TestSuppressionTextInsideStrings: a line that reads like a suppression
// but is text (a shell script in a YAML block scalar, a line of an HCL
// heredoc) is no comment: it hides nothing, and is not reported as an
// unused suppression either. A real comment beside it still works.
func TestSuppressionTextInsideStrings(t *testing.T) {
	cases := []struct{ name, src string }{
		{"template.yaml", `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: app
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
          EntryPoint: [sh, -c]
          Command:
            - |
              echo start
              # ecslint:ignore ECS001 -- a line of the script, not a comment
          Privileged: true
          # ecslint:ignore ECS009 -- a real comment
          User: root
`},
		{"main.tf", `resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = <<-EOT
    [
      {
        "name": "app", "image": "nginx:1.27",
        %{~ if false ~}
        # ecslint:ignore ECS001 -- template text, not a comment %{~ endif ~}
        "privileged": true
      }
    ]
  EOT
  /* ecslint:ignore ECS003 -- a real comment, in a block comment */
  network_mode = "host"
}

resource "aws_launch_template" "node" {
  user_data = <<-EOT
    #!/bin/sh
    # ecslint:ignore ECS002 -- a line of the script, not a comment
  EOT
}
`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			if err := os.WriteFile(c.name, []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := lint.Run(testConfig(), []string{c.name})
			if err != nil {
				t.Fatal(err)
			}
			got := compact(res)
			if !strings.Contains(got, "[ECS001 ") {
				t.Errorf("ECS001 hidden by text that is not a comment:\n%s", got)
			}
			if strings.Contains(got, "[SUP001 ") {
				t.Errorf("text that is not a comment reported as a suppression:\n%s", got)
			}
			if len(res.Suppressed) != 1 {
				t.Errorf("the real comment must suppress one finding, suppressed %d:\n%s", len(res.Suppressed), got)
			}
		})
	}
}
