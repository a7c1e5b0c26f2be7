package terraform

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// FuzzParse feeds arbitrary bytes through parsing and evaluation as a
// module's only file: nothing may panic or hang, and every position must
// lie inside the input.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../fixtures/terraform/*/*.tf")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("locals {\n  a = [for i in range(1000000) : [for j in range(1000000) : j]]\n}\nresource \"aws_ecs_task_definition\" \"t\" { family = local.a }\n"))
	f.Add([]byte("resource \"aws_ecs_task_definition\" \"t\" {\n  container_definitions = <<EOT\n[{\"name\": \"${x}\"\nEOT\n}\n"))
	f.Add([]byte("module \"m\" { source = \"./\" }\nresource \"aws_iam_role\" \"r\" { inline_policy { policy = jsondecode(\"{\") } }\n"))
	// Template directives and interpolations standing for JSON values,
	// elements and members; the last reads its own file as a template.
	f.Add([]byte("variable \"c\" {}\nresource \"aws_ecs_task_definition\" \"t\" {\n  container_definitions = <<-EOT\n    [%{~ for x in [1, 2] ~}\n    {\"name\": \"${x}\", \"cpu\": ${var.c}, %{ if var.c }\"privileged\": true,%{ else }${var.c},%{ endif ~} \"image\": \"a\"},\n    %{~ endfor ~}\n    ${var.c}]\n  EOT\n}\n"))
	f.Add([]byte("resource \"aws_ecs_task_definition\" \"t\" {\n  container_definitions = \"[{\\\"environment\\\": [${join(\",\", var.e)}], ${var.m}}]\"\n}\n"))
	f.Add([]byte("resource \"aws_ecs_task_definition\" \"t\" {\n  container_definitions = templatefile(\"${path.module}/main.tf\", { a = [\"x\"] })\n}\n%{ for k, v in a }{\"${k}\": ${v}}%{ endfor }\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys, err := lint.NewFS([]string{dir}, 0)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "main.tf")
		fsys.Overlay(path, src)
		ctx := lint.NewContext(fsys, lint.ParseOptions{})
		units, _ := Parser{}.Parse(ctx, []string{path})
		lines := bytes.Count(src, []byte("\n")) + 1
		inside := func(r lint.Range) {
			if r.IsZero() || !strings.HasSuffix(r.File, "main.tf") {
				return
			}
			if r.Start.Line < 1 || int(r.Start.Line) > lines || r.End.Before(r.Start) {
				t.Fatalf("range %v-%v outside %d lines", r.Start, r.End, lines)
			}
		}
		for _, e := range ctx.Errors() {
			inside(e.Range)
		}
		for _, u := range units {
			for _, td := range u.TaskDefinitions {
				inside(td.Range)
				inside(td.NetworkMode.Range)
				for _, c := range td.Containers {
					inside(c.Range)
					inside(c.Privileged.Range)
					for _, e := range c.Environment {
						inside(e.Value.ValueRange)
					}
				}
			}
		}
	})
}

// BenchmarkParseModule measures parsing and evaluating a module of n task
// definitions written in each container-definitions form.
func BenchmarkParseModule(b *testing.B) {
	dir := b.TempDir()
	var src strings.Builder
	for i := range 200 {
		fmt.Fprintf(&src, `resource "aws_ecs_task_definition" "j%d" {
  family       = "j%d"
  network_mode = var.mode
  container_definitions = jsonencode([{
    name  = "web"
    image = "nginx:1.%d"
    environment = [{ name = "A", value = "b" }]
    logConfiguration = { logDriver = "awslogs", options = { awslogs-group = "g" } }
  }])
}

resource "aws_ecs_task_definition" "h%d" {
  family                = "h%d"
  container_definitions = <<EOT
[{"name": "web", "image": "nginx:${var.tag}", "privileged": false}]
EOT
}
`, i, i, i, i, i)
	}
	src.WriteString("variable \"mode\" { default = \"awsvpc\" }\nvariable \"tag\" {}\n")
	path := filepath.Join(dir, "main.tf")
	if err := os.WriteFile(path, []byte(src.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	fsys, _ := lint.NewFS([]string{dir}, 0)
	b.SetBytes(int64(src.Len()))
	b.ReportAllocs()
	for b.Loop() {
		ctx := lint.NewContext(fsys, lint.ParseOptions{})
		units, _ := Parser{}.Parse(ctx, []string{path})
		if len(units) != 1 || len(units[0].TaskDefinitions) != 400 {
			b.Fatal("unexpected result")
		}
	}
}
