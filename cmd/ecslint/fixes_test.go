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
