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

// TestRulesNoteWhatTheyCannotJudge: a value a rule needs that is not known
// offline is neither a finding nor a pass: the rule says so in a note, at
// the value (ECS000's Fargate size and awslogs options, ECS014's tag).
func TestRulesNoteWhatTheyCannotJudge(t *testing.T) {
	t.Chdir("../..")
	res, err := lint.Run(testConfig(), []string{
		"fixtures/cloudformation/ecs000_ok_fargate_size.yaml", "fixtures/terraform/ecs000_ok_fargate_size",
		"fixtures/terraform/ecs014_ok_partly_known_image"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, n := range res.Notes {
		got[n.Range.String()] = n.Message
	}
	for at, want := range map[string]string{
		"fixtures/cloudformation/ecs000_ok_fargate_size.yaml:33:7":      "ECS000: task cpu of \"Unknown\" is not known offline",
		"fixtures/cloudformation/ecs000_ok_fargate_size.yaml:42:13":     "ECS000: the awslogs options of container \"app\" are not all known offline",
		"fixtures/terraform/ecs000_ok_fargate_size/main.tf:37:3":        "ECS000: task cpu of \"aws_ecs_task_definition.unknown\"",
		"fixtures/terraform/ecs000_ok_fargate_size/main.tf:46:7":        "ECS000: the awslogs options of container \"app\"",
		"fixtures/terraform/ecs014_ok_partly_known_image/main.tf:12:21": "ECS014: the tag of the image \"${var.repository_url}:${var.image_tag}\" of container \"tag\"",
	} {
		if !strings.HasPrefix(got[at], want) {
			t.Errorf("note at %s = %q, want one starting %q", at, got[at], want)
		}
	}
}
