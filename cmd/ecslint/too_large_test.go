package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file over the size cap is an error only when it may be ecslint's: a
// large JSON data file or YAML document that mentions no task definition or
// resource type is not a file ecslint could not check, so a repository with
// one still lints (exit 0 or 1, not 2). The marker of the large task
// definition stands across the scan's one-megabyte pieces.
func TestTooLargeFilesAreErrorsOnlyWhenTheyMayBeOurs(t *testing.T) {
	dir := t.TempDir()
	pad := strings.Repeat(" ", 1<<20-10)
	files := map[string]string{
		"data.json":    `[{"id": 1, "name": "` + strings.Repeat("x", 3<<20) + `"}]`,
		"other.yaml":   "a: " + strings.Repeat("y", 3<<20) + "\n",
		"taskdef.json": "{" + pad + `"containerDefinitions": [{"name": "a", "image": "a:1"}]}`,
		"t.yaml":       "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n# " + strings.Repeat("z", 3<<20) + "\n",
		"ok.json":      `{"family": "ok", "containerDefinitions": [{"name": "a", "image": "a:1", "privileged": true}]}`,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := run(t, "", "--color", "never", "--max-file-size", "1048576", dir)
	if code != ExitError {
		t.Errorf("exit %d, want %d (two files may be ecslint's and could not be checked)\n%s%s", code, ExitError, stdout, stderr)
	}
	for _, name := range []string{"taskdef.json", "t.yaml"} {
		if !strings.Contains(stdout, name+": error: could not read: file is larger than the size cap") {
			t.Errorf("no size-cap error for %s:\n%s", name, stdout)
		}
	}
	for _, name := range []string{"data.json", "other.yaml"} {
		if strings.Contains(stdout, name) {
			t.Errorf("%s mentions nothing of ecslint's, yet is reported:\n%s", name, stdout)
		}
	}
	if !strings.Contains(stdout, "ECS001") {
		t.Errorf("the small file was not checked:\n%s", stdout)
	}
	// Without the two that may be ecslint's, the run is not "could not check".
	for _, name := range []string{"taskdef.json", "t.yaml"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if code, stdout, _ := run(t, "", "--color", "never", "--max-file-size", "1048576", dir); code != ExitFindings {
		t.Errorf("exit %d, want %d with only large files that are not ecslint's:\n%s", code, ExitFindings, stdout)
	}
}

// A plan or state JSON over --max-file-size is read up to the plan cap
// (128 MiB unless the file cap is larger), and checked when it fits the
// memory budget; over the budget it is refused with the message that says
// so. Another file of the same size is still over the file cap.
func TestLargePlansHaveThePlanCap(t *testing.T) {
	src, err := os.ReadFile("../../fixtures/plan/ecs001_jsonencode/tfplan.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// Whitespace before the last brace: the same plan, 3 MiB, with the
	// findings where they were.
	end := strings.LastIndexByte(string(src), '}')
	padded := string(src[:end]) + strings.Repeat(" ", 3<<20) + string(src[end:])
	plan := filepath.Join(dir, "tfplan.json")
	if err := os.WriteFile(plan, []byte(padded), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "", "--color", "never", "--max-file-size", "1048576", plan)
	if code != ExitFindings || !strings.Contains(stdout, "tfplan.json:15:244: high: container \"web\" runs privileged [ECS001 privileged-container]") {
		t.Errorf("exit %d, want %d with the plan's ECS001 finding:\n%s%s", code, ExitFindings, stdout, stderr)
	}
	code, stdout, _ = run(t, "", "--color", "never", "--max-file-size", "1048576", "--memory-budget", "67108864", plan)
	if code != ExitError || !strings.Contains(stdout, "tfplan.json: error: too large to check within the memory budget: 3.0 MiB of input needs about 144.") {
		t.Errorf("exit %d, want %d and the memory budget's refusal:\n%s", code, ExitError, stdout)
	}
}
