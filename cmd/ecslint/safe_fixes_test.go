package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSafeFixes runs each case under testdata/fix/RULE through
// `ecslint --fix` and compares the fixed file with its golden .fixed file
// (go test -update rewrites them): the fix changes only the value or adds
// only the key, in the file's own syntax, comments and layout kept; the
// fixed file then lints clean of the rule. Cases named *_nofix* hold a
// value that came from elsewhere (a variable, a Fn::If branch): no fix,
// the finding stays. --fix-dry-run prints a diff and changes nothing.
func TestSafeFixes(t *testing.T) {
	rules, err := os.ReadDir(filepath.Join("testdata", "fix"))
	if err != nil {
		t.Fatal(err)
	}
	cases := 0
	for _, r := range rules {
		dir := filepath.Join("testdata", "fix", r.Name())
		inputs, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range inputs {
			if strings.HasSuffix(in.Name(), ".fixed") {
				continue
			}
			cases++
			t.Run(r.Name()+"/"+in.Name(), func(t *testing.T) {
				safeFixCase(t, r.Name(), filepath.Join(dir, in.Name()))
			})
		}
	}
	if cases < 20 {
		t.Errorf("%d cases, want every rule in every format", cases)
	}
}

func safeFixCase(t *testing.T, rule, input string) {
	src, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	golden, err := filepath.Abs(input + ".fixed")
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(input)
	t.Chdir(t.TempDir())
	if err := os.WriteFile(name, src, 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(extra ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		args := append([]string{"ecslint", "--no-config", "--only", rule, "--format", "compact"}, extra...)
		code := Main(append(args, name), strings.NewReader(""), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	if code, out, errs := run(); code != ExitFindings || !strings.Contains(out, rule) {
		t.Fatalf("before the fix: exit %d\n%s%s\nwant a %s finding", code, out, errs, rule)
	}
	nofix := strings.Contains(name, "_nofix")
	code, diff, errs := run("--fix-dry-run")
	if after, _ := os.ReadFile(name); !bytes.Equal(after, src) {
		t.Fatalf("--fix-dry-run changed the file")
	}
	if code != ExitFindings || nofix != (diff == "") || (!nofix && !strings.HasPrefix(diff, "--- a/"+name+"\n+++ b/"+name+"\n@@ ")) {
		t.Errorf("--fix-dry-run: exit %d\n%s%s", code, diff, errs)
	}
	code, out, errs := run("--fix")
	fixed, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(golden, fixed, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if !bytes.Equal(fixed, want) {
		t.Errorf("fixed:\n%s\nwant:\n%s", fixed, want)
	}
	if nofix {
		if !bytes.Equal(fixed, src) || code != ExitFindings {
			t.Errorf("a value from elsewhere was fixed (exit %d):\n%s%s", code, out, errs)
		}
		return
	}
	if code != ExitOK || out != "" || !strings.Contains(errs, "fixed ") {
		t.Errorf("after --fix: exit %d, output\n%s%s\nwant a clean lint", code, out, errs)
	}
}

// TestNoBlockFixThroughModuleCall: a module's resource, linted through
// its call, serves every caller, so the fixes that add a block or an
// attribute to its text (ECS012's transit_encryption, ECS201's setting)
// are not offered there; the findings stay.
func TestNoBlockFixThroughModuleCall(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.Mkdir("m", 0o700); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"main.tf": "module \"a\" {\n  source = \"./m\"\n}\n",
		"m/main.tf": "resource \"aws_ecs_cluster\" \"prod\" {\n  name = \"prod\"\n}\n\n" +
			"resource \"aws_ecs_task_definition\" \"web\" {\n  family = \"web\"\n" +
			"  container_definitions = jsonencode([{ name = \"app\", image = \"nginx:1.27\" }])\n" +
			"  volume {\n    name = \"data\"\n    efs_volume_configuration {\n      file_system_id = \"fs-1\"\n    }\n  }\n}\n",
	}
	for name, text := range files {
		if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	code := Main([]string{"ecslint", "--no-config", "--only", "ECS012", "--only", "ECS201", "--format", "compact", "--fix-dry-run", "."},
		strings.NewReader(""), &stdout, &stderr)
	if code != ExitFindings || stdout.String() != "" {
		t.Errorf("exit %d, diff\n%s%s\nwant the findings and no diff", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	Main([]string{"ecslint", "--no-config", "--only", "ECS012", "--only", "ECS201", "--format", "compact", "."},
		strings.NewReader(""), &stdout, &stderr)
	if got := stdout.String(); !strings.Contains(got, "m/main.tf:1:1: medium ECS201") || !strings.Contains(got, "m/main.tf:10:5: medium ECS012") {
		t.Errorf("findings:\n%s", got)
	}
}
