package output_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/output"
)

// TestGitHubPutsWhatMattersFirst: GitHub keeps only the first 10
// annotations of each level in a step, so errors come before findings and
// findings go from the most severe down, and the run ends in a summary
// line that is no annotation.
func TestGitHubPutsWhatMattersFirst(t *testing.T) {
	at := func(file string, line int) lint.Range {
		return lint.Range{File: file, Start: lint.LineCol(line, 1), End: lint.LineCol(line, 2)}
	}
	res := &lint.Result{
		Files: 2,
		Findings: []lint.Finding{
			{RuleID: "ECS003", RuleName: "c", Severity: lint.Low, Message: "low", Range: at("a.json", 1)},
			{RuleID: "ECS002", RuleName: "b", Severity: lint.High, Message: "high 1", Range: at("a.json", 2)},
			{RuleID: "ECS001", RuleName: "a", Severity: lint.Critical, Message: "critical", Range: at("b.json", 1)},
			{RuleID: "ECS002", RuleName: "b", Severity: lint.High, Message: "high 2", Range: at("b.json", 2)},
		},
		Errors: []lint.Diagnostic{{Message: "broken", Range: at("c.json", 1)}},
	}
	var buf bytes.Buffer
	if err := (output.GitHub{}).Format(&buf, res, output.Options{}); err != nil {
		t.Fatal(err)
	}
	var messages []string
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		_, msg, _ := strings.Cut(strings.TrimPrefix(line, "::"), "::")
		messages = append(messages, msg)
	}
	want := []string{"broken", "critical", "high 1", "high 2", "low", ""}
	if strings.Join(messages, "|") != strings.Join(want, "|") {
		t.Errorf("messages in order %q, want %q\n%s", messages, want, buf.String())
	}
	last := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")[len(want)-1]
	if last != "ecslint: 4 findings (1 critical, 2 high, 1 low) in 2 files checked; 1 error" {
		t.Errorf("summary line %q", last)
	}
}

// TestStepSummaryIsBounded: a job summary over 1 MiB is refused by GitHub,
// so the table stops and says how many it left out.
func TestStepSummaryIsBounded(t *testing.T) {
	res := &lint.Result{Files: 1}
	for i := range 150 {
		res.Findings = append(res.Findings, lint.Finding{RuleID: "ECS001", RuleName: "a", Severity: lint.High,
			Message: "m|x", Range: lint.Range{File: "a.json", Start: lint.LineCol(i+1, 1)}})
	}
	var buf bytes.Buffer
	if err := output.StepSummary(&buf, res); err != nil {
		t.Fatal(err)
	}
	if rows := strings.Count(buf.String(), `| m\|x |`); rows != 100 {
		t.Errorf("%d rows, want 100", rows)
	}
	if !strings.Contains(buf.String(), "\n50 more not shown") {
		t.Errorf("no count of the rows left out:\n%s", buf.String())
	}
}

// TestGitLabPathsAreTheRepositorys: GitLab matches location.path against
// the merge request's files, so "./" and the checkout's absolute path go.
func TestGitLabPathsAreTheRepositorys(t *testing.T) {
	res := &lint.Result{}
	for _, file := range []string{"./infra/a.json", "/repo/infra/b.json", "/elsewhere/c.json", "../d.json"} {
		res.Findings = append(res.Findings, lint.Finding{RuleID: "ECS001", RuleName: "a", Severity: lint.High,
			Message: "m", Range: lint.Range{File: file, Start: lint.LineCol(1, 1)}})
	}
	var buf bytes.Buffer
	if err := (output.GitLab{}).Format(&buf, res, output.Options{BaseDir: "/repo"}); err != nil {
		t.Fatal(err)
	}
	var issues []struct{ Location struct{ Path string } }
	if err := json.Unmarshal(buf.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, i := range issues {
		got = append(got, i.Location.Path)
	}
	if want := "infra/a.json infra/b.json /elsewhere/c.json ../d.json"; strings.Join(got, " ") != want {
		t.Errorf("paths %q, want %s", got, want)
	}
}
