package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type jsonFinding struct {
	RuleID string `json:"rule_id"`
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

func findingsOf(t *testing.T, stdout string) []string {
	t.Helper()
	var out struct {
		Findings []jsonFinding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("bad JSON %v: %s", err, stdout)
	}
	var got []string
	for _, f := range out.Findings {
		got = append(got, fmt.Sprintf("%s@%s:%d:%d", f.RuleID, f.File, f.Line, f.Column))
	}
	return got
}

// A pre-commit run names changed files only. A root module's file still
// reads the module it calls, but findings are reported for named files.
func TestTerraformNamedFilesReportOnlyThemselves(t *testing.T) {
	t.Chdir("../..")
	code, stdout, stderr := run(t, "", "--format", "json", "fixtures/terraform/ecs001_module/main.tf")
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := findingsOf(t, stdout)
	if strings.Join(got, " ") != "ECS001@fixtures/terraform/ecs001_module/main.tf:5:3" {
		t.Errorf("findings %v", got)
	}
	// The module named alone is its own root: its default is not privileged.
	_, stdout, _ = run(t, "", "--format", "json", "fixtures/terraform/ecs001_module/modules/task/main.tf")
	for _, f := range findingsOf(t, stdout) {
		if strings.HasPrefix(f, "ECS001@") {
			t.Errorf("module alone: %s", f)
		}
	}
}

// --var and --var-file reach the root module.
func TestTerraformVariableFlags(t *testing.T) {
	t.Chdir("../..")
	dir := "fixtures/terraform/ecs002_ok_task_pid"
	if code, _, _ := run(t, "", dir); code != ExitOK {
		t.Fatalf("clean without flags: exit %d", code)
	}
	code, stdout, _ := run(t, "", "--format", "json", "--var", "pid_mode=host", dir)
	if got := findingsOf(t, stdout); code != ExitFindings || strings.Join(got, " ") != "ECS002@fixtures/terraform/ecs002_ok_task_pid/main.tf:8:3" {
		t.Errorf("--var: exit %d, findings %v", code, got)
	}
}

// A container JSON file that a .tf reads through file() and that is also
// scanned on its own is reported once, with the task definition related.
func TestTerraformFileTargetReportedOnce(t *testing.T) {
	t.Chdir("../..")
	_, stdout, _ := run(t, "", "--format", "json", "fixtures/terraform/ecs001_file")
	if !strings.Contains(stdout, `"resource": "aws_ecs_task_definition.app"`) || strings.Count(stdout, `"rule_id": "ECS001"`) != 1 {
		t.Errorf("want one ECS001 for the Terraform resource:\n%s", stdout)
	}
}

// A --var-file the user names is read wherever it is: the sandbox is for
// what the scanned code reads, not for the user's own flags.
func TestTerraformVarFileOutsideTheScannedRoot(t *testing.T) {
	varFile := filepath.Join(t.TempDir(), "prod.tfvars")
	if err := os.WriteFile(varFile, []byte("pid_mode = \"host\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir("../..")
	code, stdout, stderr := run(t, "", "--format", "json", "--var-file", varFile, "fixtures/terraform/ecs002_ok_task_pid")
	if got := findingsOf(t, stdout); code != ExitFindings || strings.Join(got, " ") != "ECS002@fixtures/terraform/ecs002_ok_task_pid/main.tf:8:3" {
		t.Errorf("exit %d, findings %v, stderr %s", code, got, stderr)
	}
}

// A value written outside the resource that uses it (a local) names the
// resource as related; one written inside it does not.
func TestTerraformRelatedResource(t *testing.T) {
	t.Chdir("../..")
	_, stdout, _ := run(t, "", "--format", "json", "fixtures/terraform/ecs001_jsonencode")
	var out struct {
		Findings []struct {
			RuleID  string `json:"rule_id"`
			Line    int    `json:"line"`
			Related []struct {
				Line, Column int
			} `json:"related"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	got := map[int]int{}
	for _, f := range out.Findings {
		if f.RuleID == "ECS001" {
			got[f.Line] = len(f.Related)
			if f.Line == 5 && (len(f.Related) != 1 || f.Related[0].Line != 12 || f.Related[0].Column != 1) {
				t.Errorf("local's finding: related %+v, want the resource at 12:1", f.Related)
			}
		}
	}
	if len(got) != 2 || got[5] != 1 || got[20] != 0 {
		t.Errorf("ECS001 findings by line, with their related counts: %v", got)
	}
}
