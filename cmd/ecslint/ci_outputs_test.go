package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestGitHubStepSummary: with the github format in a GitHub Actions step
// ($GITHUB_STEP_SUMMARY set) the run appends a Markdown summary to that
// file, after what earlier steps wrote; without the github format it
// leaves the file alone.
func TestGitHubStepSummary(t *testing.T) {
	t.Chdir("../..")
	summary := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(summary, []byte("earlier step\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(stepSummaryEnv, summary)
	if code, _, stderr := run(t, "", "--format", "json", "fixtures/json/ecs001_privileged.json"); code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got, _ := os.ReadFile(summary); string(got) != "earlier step\n" {
		t.Fatalf("the json format wrote a job summary:\n%s", got)
	}
	for _, args := range [][]string{
		{"--format", "github"},
		{"--output", "github=" + filepath.Join(t.TempDir(), "annotations.txt")},
	} {
		if code, _, stderr := run(t, "", append(args, "fixtures/json/ecs001_privileged.json")...); code != ExitFindings {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	got, _ := os.ReadFile(summary)
	if !strings.HasPrefix(string(got), "earlier step\n### ecslint\n") || strings.Count(string(got), "### ecslint") != 2 ||
		!strings.Contains(string(got), `| high | ECS001 privileged-container | fixtures/json/ecs001\_privileged.json:`) {
		t.Errorf("job summary:\n%s", got)
	}
}

// TestNewFormatsFromTheCommandLine: gitlab, checkstyle and compact are
// formats of --format and of --output FORMAT=FILE.
func TestNewFormatsFromTheCommandLine(t *testing.T) {
	t.Chdir("../..")
	const file = "fixtures/json/ecs001_privileged.json"
	_, compact, _ := run(t, "", "--format", "compact", file)
	if !regexp.MustCompile(`(?m)^fixtures/json/ecs001_privileged\.json:\d+:\d+: high ECS001 container "\w+" runs privileged$`).MatchString(compact) {
		t.Errorf("compact:\n%s", compact)
	}
	_, checkstyle, _ := run(t, "", "-f", "checkstyle", file)
	if !strings.Contains(checkstyle, `<file name="`+file+`">`) || !strings.Contains(checkstyle, `source="ecslint.ECS001"`) {
		t.Errorf("checkstyle:\n%s", checkstyle)
	}
	report := filepath.Join(t.TempDir(), "gl-code-quality-report.json")
	if code, _, stderr := run(t, "", "--output", "gitlab="+report, file); code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var issues []struct {
		Description, Fingerprint, Severity string
		CheckName                          string `json:"check_name"`
		Location                           struct {
			Path  string
			Lines struct{ Begin int }
		}
	}
	if err := json.Unmarshal(data, &issues); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	var ecs001 int
	for _, i := range issues {
		if i.CheckName == "ECS001" && i.Severity == "major" && i.Location.Path == file && i.Location.Lines.Begin > 0 &&
			len(i.Fingerprint) == 32 && strings.Contains(i.Description, "runs privileged") {
			ecs001++
		}
	}
	if ecs001 != 2 {
		t.Errorf("want two ECS001 issues (app and sidecar) with every field:\n%s", data)
	}
}
