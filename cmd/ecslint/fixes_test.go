package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// fixFixtures hold ECS000's did-you-mean keys and Terraform case variants
// in every format and way of writing a key: JSON, YAML plain and in a
// Fn::If, HCL attributes, JSON in heredocs and in quoted strings.
var fixFixtures = []string{
	"json/ecs000_case_variants.json",
	"json/ecs000_invalid_keys_types_enums.json",
	"cloudformation/ecs000_case_variants.yaml",
	"cloudformation/ecs000_fn_if_branches.yaml",
	"cloudformation/ecs000_invalid_properties.yaml",
	"terraform/ecs000_typo_key",
	"terraform/ecs000_hole_typo_key",
	"terraform/ecs001_case_variant_heredoc",
	"terraform/ecs001_case_variant_jsonencode",
}

// Applying a finding's fix and linting the result makes the finding go
// away: the edit renames the key, in the file, at the key.
func TestFixesResolveTheirFindings(t *testing.T) {
	fixed := map[string]int{}
	for _, fixture := range fixFixtures {
		src := filepath.Join("..", "..", "fixtures", filepath.FromSlash(fixture))
		res := lintCopy(t, src, nil)
		for _, f := range res.Findings {
			if len(f.Fixes) == 0 {
				if f.RuleID == "ECS000" && strings.HasPrefix(f.Message, "unknown key") && strings.Contains(f.Message, "did you mean") {
					t.Errorf("%s: %s has no fix", f.Range, f.Message)
				}
				continue
			}
			if len(f.Fixes) != 1 || len(f.Fixes[0].Edits) != 1 {
				t.Errorf("%s: fixes %+v, want one edit", f.Range, f.Fixes)
				continue
			}
			e := f.Fixes[0].Edits[0]
			after := lintCopy(t, src, &e)
			for _, g := range after.Findings {
				if g.RuleID == f.RuleID && g.Message == f.Message && g.Range.Start == f.Range.Start {
					t.Errorf("%s: %q is still reported after the fix (%+v)", f.Range, f.Message, e)
				}
			}
			if len(after.Errors) > 0 {
				t.Errorf("%s: the fix broke the file: %v", f.Range, after.Errors)
			}
			fixed[strings.SplitN(fixture, "/", 2)[0]]++
		}
	}
	for _, format := range []string{"json", "cloudformation", "terraform"} {
		if fixed[format] == 0 {
			t.Errorf("no %s finding with a fix", format)
		}
	}
}

// lintCopy lints a copy of a fixture (a file or a module directory) in a
// temporary directory, with edit applied to the file it names.
func lintCopy(t *testing.T, src string, edit *lint.Edit) *lint.Result {
	t.Helper()
	dir := t.TempDir()
	root := filepath.Join(dir, filepath.Base(src))
	info, err := os.Stat(src)
	if err != nil {
		t.Fatal(err)
	}
	if info.IsDir() {
		err = os.CopyFS(root, os.DirFS(src))
	} else {
		var b []byte
		if b, err = os.ReadFile(src); err == nil {
			err = os.WriteFile(root, b, 0o644)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Dir(root))
	defer t.Chdir(wd)
	target := filepath.Base(root)
	res, err := lint.Run(testConfig(), []string{target})
	if err != nil {
		t.Fatal(err)
	}
	if edit == nil {
		return res
	}
	file := filepath.FromSlash(edit.Range.File)
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out, err := lint.ApplyEdits(text, []lint.Edit{*edit})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = lint.Run(testConfig(), []string{target})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Every way of writing a key gets a fix that works, except a name with
// escapes, whose text the rule cannot rebuild: it gets none.
func TestFixesInEveryWayOfWritingAKey(t *testing.T) {
	const tfHead = "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  container_definitions = "
	const cfnHead = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n"
	for _, c := range []struct {
		name, file, text string
		fix              bool
	}{
		{"JSON", "t.json", `{"family": "f", "containerDefinitions": [{"name": "a", "image": "i", "memroy": 512}]}`, true},
		{"JSON, after non-ASCII text", "t.json", `{"family": "f", "containerDefinitions": [{"name": "ä€", "image": "i", "memroy": 512}]}`, true},
		{"JSON, escaped", "t.json", `{"family": "f", "containerDefinitions": [{"name": "a", "image": "i", "memr\u006fy": 512}]}`, false},
		{"YAML, plain", "t.yaml", cfnHead + "          Memroy: 512\n", true},
		{"YAML, double-quoted", "t.yaml", cfnHead + "          \"Memroy\": 512\n", true},
		{"YAML, single-quoted", "t.yaml", cfnHead + "          'Memroy': 512\n", true},
		{"YAML, flow", "t.yaml", cfnHead + "          Environment: [{Nam: A, Value: b}]\n", true},
		{"HCL attribute", "main.tf", tfHead + "jsonencode([{ name = \"a\", image = \"i\", memroy = 512 }])\n}\n", true},
		{"HCL quoted key", "main.tf", tfHead + "jsonencode([{ name = \"a\", image = \"i\", \"memroy\" = 512 }])\n}\n", true},
		{"JSON in a quoted HCL string", "main.tf", tfHead + "\"[{\\\"name\\\": \\\"a\\\", \\\"image\\\": \\\"i\\\", \\\"memroy\\\": 512}]\"\n}\n", true},
		{"JSON in a heredoc", "main.tf", tfHead + "<<EOT\n[{\"name\": \"a\", \"image\": \"i\", \"memroy\": 512}]\nEOT\n}\n", true},
		{"Terraform case variant", "main.tf", tfHead + "jsonencode([{ name = \"a\", image = \"i\", Memory = 512 }])\n}\n", true},
	} {
		dir := t.TempDir()
		src := filepath.Join(dir, c.file)
		if c.file == "main.tf" {
			src = filepath.Join(dir, "mod")
			if err := os.Mkdir(src, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(src, c.file), []byte(c.text), 0o644); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(src, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		var target *lint.Finding
		res := lintCopy(t, src, nil)
		for i, f := range res.Findings {
			if f.RuleID == "ECS000" {
				target = &res.Findings[i]
			}
		}
		switch {
		case target == nil:
			t.Errorf("%s: no ECS000 finding: %+v %v", c.name, res.Findings, res.Errors)
			continue
		case !c.fix:
			if target.Fixes != nil {
				t.Errorf("%s: fix %+v, want none", c.name, target.Fixes)
			}
			continue
		case len(target.Fixes) != 1:
			t.Errorf("%s: %s at %+v has fixes %+v, want one", c.name, target.Message, []lint.Pos{target.Range.Start, target.Range.End}, target.Fixes)
			continue
		}
		after := lintCopy(t, src, &target.Fixes[0].Edits[0])
		for _, f := range after.Findings {
			if f.RuleID == "ECS000" {
				t.Errorf("%s: after %+v, still %s", c.name, target.Fixes[0], f.Message)
			}
		}
		if len(after.Errors) > 0 {
			t.Errorf("%s: the fix broke the file: %v", c.name, after.Errors)
		}
	}
}
