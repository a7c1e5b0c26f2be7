package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
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
// scanned on its own is reported once, with the task definition related:
// every finding of containers.json is the Terraform resource's, none is
// the standalone reading's.
func TestTerraformFileTargetReportedOnce(t *testing.T) {
	t.Chdir("../..")
	for _, args := range [][]string{
		{"fixtures/terraform/ecs001_file"},
		{"fixtures/terraform/ecs001_file/containers.json", "fixtures/terraform/ecs001_file/main.tf"},
	} {
		res, err := lint.Run(testConfig(), args)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range res.Findings {
			got = append(got, fmt.Sprintf("%s@%d:%d %s related=%d", f.RuleID, f.Range.Start.Line, f.Range.Start.Col, f.Resource, len(f.Related)))
		}
		want := []string{
			"ECS007@2:3 aws_ecs_task_definition.app related=1",
			"ECS009@2:3 aws_ecs_task_definition.app related=1",
			"ECS001@5:5 aws_ecs_task_definition.app related=1",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%v: findings\n%s\nwant\n%s", args, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
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

// The instances of a count resource are three findings, and fingerprints
// (baselines, SARIF partialFingerprints) tell them apart: a baseline of one
// instance hides that one only.
func TestTerraformInstancesHaveTheirOwnFingerprints(t *testing.T) {
	t.Chdir("../..")
	dir := "fixtures/terraform/ecs001_count"
	res, err := lint.Run(testConfig(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var privileged []lint.Finding
	fps := map[string]string{}
	for _, f := range res.Findings {
		if f.RuleID == "ECS001" {
			privileged = append(privileged, f)
			if other, ok := fps[f.Fingerprint()]; ok {
				t.Errorf("%s and %s share a fingerprint", other, f.Resource)
			}
			fps[f.Fingerprint()] = f.Resource
		}
	}
	if len(privileged) != 3 {
		t.Fatalf("want an ECS001 finding per instance, got %d", len(privileged))
	}
	kept, hidden := lint.NewBaseline(privileged[1:2]).Filter(privileged)
	if hidden != 1 || len(kept) != 2 || kept[0].Resource != "aws_ecs_task_definition.worker[0]" || kept[1].Resource != "aws_ecs_task_definition.worker[2]" {
		t.Errorf("baseline of worker[1]: hid %d, kept %v", hidden, kept)
	}

	_, stdout, _ := run(t, "", "--format", "sarif", dir)
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID       string            `json:"ruleId"`
				Fingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("SARIF: %v\n%s", err, stdout)
	}
	seen := map[string]bool{}
	for _, r := range log.Runs[0].Results {
		for _, fp := range r.Fingerprints {
			if r.RuleID == "ECS001" {
				seen[fp] = true
			}
		}
	}
	if len(seen) != 3 {
		t.Errorf("SARIF: %d distinct ECS001 partialFingerprints, want 3", len(seen))
	}
}

// Values that could not be evaluated are counted in every format, and
// listed with their positions where the format has room for them.
func TestUnknownValuesAreCountedInEveryFormat(t *testing.T) {
	t.Chdir("../..")
	dir := "fixtures/terraform/unknown_values"
	wantNotes := []string{
		"11:1 module \"iam\" (source",
		"21:27 container_definitions of aws_ecs_task_definition.from_variable not evaluated: var.containers has no value",
		"26:27 container_definitions of aws_ecs_task_definition.from_data not evaluated: data.aws_ssm_parameter.defs.value is a data source",
		"27:27 task_role_arn of aws_ecs_task_definition.from_data not evaluated: module.iam is not evaluated",
		"31:14 for_each of aws_ecs_task_definition.per_service not evaluated: var.services has no value",
		"43:16 dynamic \"volume\" blocks not evaluated: var.volumes has no value",
	}

	code, stdout, _ := run(t, "", "--format", "json", dir)
	var js struct {
		Notes []struct {
			File         string
			Line, Column int
			Message      string
		}
		Summary map[string]int
	}
	if err := json.Unmarshal([]byte(stdout), &js); err != nil || code != ExitOK {
		t.Fatalf("json: exit %d, %v\n%s", code, err, stdout)
	}
	if len(js.Notes) != len(wantNotes) || js.Summary["notes"] != len(wantNotes) || js.Summary["findings"] != 0 || js.Summary["files"] != 1 {
		t.Fatalf("json: %d notes, summary %v\n%s", len(js.Notes), js.Summary, stdout)
	}
	for i, n := range js.Notes {
		if got := fmt.Sprintf("%d:%d %s", n.Line, n.Column, n.Message); n.File != dir+"/main.tf" || !strings.HasPrefix(got, wantNotes[i]) {
			t.Errorf("json note %d: %s %s, want %s", i, n.File, got, wantNotes[i])
		}
	}

	_, stdout, _ = run(t, "", "--color", "never", dir)
	if want := "no findings in 1 file checked; 6 values could not be evaluated, see --verbose\n"; stdout != want {
		t.Errorf("text: %q, want %q", stdout, want)
	}
	_, stdout, _ = run(t, "", "--color", "never", "--verbose", dir)
	if lines := strings.Split(strings.TrimSpace(stdout), "\n"); len(lines) != 7 || lines[6] != "no findings in 1 file checked; 6 values could not be evaluated" ||
		lines[1] != dir+"/main.tf:21:27: note: container_definitions of aws_ecs_task_definition.from_variable not evaluated: var.containers has no value (no default, not set in a tfvars file or with --var); its containers are not checked" {
		t.Errorf("text --verbose:\n%s", stdout)
	}

	_, stdout, _ = run(t, "", "--format", "sarif", dir)
	var log struct {
		Runs []struct {
			Invocations []struct {
				Notifications []struct {
					Level     string
					Locations []struct {
						PhysicalLocation struct {
							Region struct{ StartLine, StartColumn int }
						}
					}
				} `json:"toolExecutionNotifications"`
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Invocations) != 1 {
		t.Fatalf("sarif: %v\n%s", err, stdout)
	}
	var sarifAt []string
	for _, n := range log.Runs[0].Invocations[0].Notifications {
		r := n.Locations[0].PhysicalLocation.Region
		sarifAt = append(sarifAt, fmt.Sprintf("%s %d:%d", n.Level, r.StartLine, r.StartColumn))
	}
	if want := "note 11:1,note 21:27,note 26:27,note 27:27,note 31:14,note 43:16"; strings.Join(sarifAt, ",") != want {
		t.Errorf("sarif notifications %v, want %s", sarifAt, want)
	}

	_, stdout, _ = run(t, "", "--format", "github", dir)
	if want := "::notice title=ecslint%3A not everything was evaluated::6 values could not be evaluated; run ecslint --verbose to see which and why\n" +
		"ecslint: no findings in 1 file checked; 6 values could not be evaluated\n"; stdout != want {
		t.Errorf("github: %q", stdout)
	}
	_, stdout, _ = run(t, "", "--format", "junit", dir)
	if !strings.Contains(stdout, `<property name="ecslint.notes" value="6"></property>`) ||
		!strings.Contains(stdout, dir+"/main.tf:43:16: note: dynamic &#34;volume&#34; blocks not evaluated") {
		t.Errorf("junit:\n%s", stdout)
	}
}
