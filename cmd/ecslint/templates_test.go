package main

import (
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// TestTemplateHolesAreNeverSilent checks the notes that the goldens do not
// show: JSON that breaks right after an unknown interpolation is a note at
// that place, and a template with more unknown %{ if } conditions than are
// read says so, at the first one left unread.
func TestTemplateHolesAreNeverSilent(t *testing.T) {
	t.Chdir("../..")
	res, err := lint.Run(testConfig(), []string{"fixtures/terraform/heredoc_holes_invalid_json"})
	if err != nil {
		t.Fatal(err)
	}
	want := "fixtures/terraform/heredoc_holes_invalid_json/main.tf:19:90"
	found := false
	for _, n := range res.Notes {
		if n.Range.String() == want && strings.Contains(n.Message, "around an interpolation whose value is unknown") {
			found = true
		}
	}
	if !found {
		t.Errorf("no note at %s: %+v", want, res.Notes)
	}

	var src strings.Builder
	src.WriteString("variable \"c\" {}\nresource \"aws_ecs_task_definition\" \"t\" {\n  container_definitions = <<EOT\n[{\"name\": \"a\", \"image\": \"a:1\"")
	for i := range 6 {
		src.WriteString(",\n%{ if var.c }\"k")
		src.WriteByte(byte('0' + i))
		src.WriteString("\": 1%{ else }\"privileged\": true%{ endif }")
	}
	src.WriteString("}]\nEOT\n}\n")
	cfg := testConfig()
	cfg.Stdin, cfg.StdinName = []byte(src.String()), "main.tf"
	res, err = lint.Run(cfg, []string{"-"})
	if err != nil {
		t.Fatal(err)
	}
	found = false
	for _, n := range res.Notes {
		// 16 readings take four conditions; the fifth, on line 9, is a hole.
		if n.Range.String() == "main.tf:9:1" && strings.Contains(n.Message, "more than 16 combinations") {
			found = true
		}
	}
	if !found {
		t.Errorf("no note about the variant cap at main.tf:9:1: %+v", res.Notes)
	}
	if len(res.Errors) != 0 {
		t.Errorf("errors: %+v", res.Errors)
	}
}
