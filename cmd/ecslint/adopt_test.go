package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const privilegedTD = `{
  "family": "web",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "nginx:1.27",
      "privileged": true,
      "readonlyRootFilesystem": true, "user": "1000",
      "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/app", "awslogs-region": "eu-west-1"}}
    }
  ]
}
`

// repo makes a temporary repository with files and changes into it.
func repo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

func jsonFindings(t *testing.T, stdout string) []map[string]any {
	t.Helper()
	var got struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	return got.Findings
}

func TestConfigFileIsFoundAndApplied(t *testing.T) {
	repo(t, map[string]string{
		".ecslint.yaml":  "severity:\n  privileged-container: medium\nfail-on: high\nexclude: [legacy/**]\n",
		"infra/td.json":  privilegedTD,
		"legacy/td.json": privilegedTD,
	})
	// Found from a subdirectory argument: the nearest parent holds it.
	code, stdout, stderr := run(t, "", "--format", "json", ".")
	fs := jsonFindings(t, stdout)
	if len(fs) != 1 || fs[0]["file"] != "infra/td.json" || fs[0]["severity"] != "medium" {
		t.Fatalf("want one medium finding in infra/td.json, got %v (%s)", fs, stderr)
	}
	if code != ExitOK {
		t.Errorf("fail-on high with a medium finding: exit %d", code)
	}
	// Flags override the file.
	if code, _, _ := run(t, "", "--fail-on", "low", "."); code != ExitFindings {
		t.Errorf("--fail-on low: exit %d", code)
	}
	if code, stdout, _ := run(t, "", "--no-config", "--format", "json", "."); code != ExitFindings || len(jsonFindings(t, stdout)) != 2 {
		t.Errorf("--no-config: exit %d, %s", code, stdout)
	}
	if _, stdout, _ := run(t, "", "--disable", "ECS001", "--format", "json", "."); len(jsonFindings(t, stdout)) != 0 {
		t.Errorf("--disable: %s", stdout)
	}
	// pre-commit names files one by one: excluded files stay excluded.
	if code, stdout, _ := run(t, "", "--fail-on", "low", "legacy/td.json"); code != ExitOK {
		t.Errorf("named excluded file: exit %d\n%s", code, stdout)
	}
}

func TestConfigFoundFromStdinFilename(t *testing.T) {
	repo(t, map[string]string{"infra/.ecslint.yaml": "rules: {disable: [ECS001]}\n"})
	code, stdout, _ := run(t, privilegedTD, "--format", "json", "--stdin-filename", "infra/td.json")
	if code != ExitOK || len(jsonFindings(t, stdout)) != 0 {
		t.Errorf("the config beside the editor's file must apply: exit %d %s", code, stdout)
	}
}

func TestBadConfigNamesLineAndKey(t *testing.T) {
	for _, c := range []struct{ config, want string }{
		{"rules:\n  disable:\n    - ECS001\n    - no-such-rule\n", `.ecslint.yaml:4:7: rules.disable[1]: unknown rule "no-such-rule"`},
		{"fail-on: severe\n", ".ecslint.yaml:1:1: fail-on: value must be one of"},
		{"rules:\n  disabel: [ECS001]\n", ".ecslint.yaml:2:3: rules.disabel: unknown key; did you mean \"disable\"? (known here: disable, enable)"},
		{"ignore:\n  - path: a.json\n    rule: ECS001\n", ".ecslint.yaml:2:5: ignore[0]: missing properties: 'reason'"},
		{"exclude: [a\n", ".ecslint.yaml:1:1: invalid YAML"},
	} {
		repo(t, map[string]string{".ecslint.yaml": c.config, "td.json": privilegedTD})
		code, _, stderr := run(t, "", ".")
		if code != ExitError || !strings.Contains(stderr, c.want) {
			t.Errorf("config %q: exit %d, stderr %q, want it to contain %q", c.config, code, stderr, c.want)
		}
	}
}

func TestConfigIgnoreForJSON(t *testing.T) {
	repo(t, map[string]string{
		".ecslint.yaml":  "ignore:\n  - path: deploy/*.json\n    rule: ECS001\n    reason: device access\n  - path: gone/**\n    rule: ECS001\n    reason: old\n",
		"deploy/td.json": privilegedTD,
	})
	code, stdout, _ := run(t, "", "--format", "json", "deploy")
	fs := jsonFindings(t, stdout)
	if len(fs) != 1 || fs[0]["rule_id"] != "SUP001" || !strings.Contains(fs[0]["message"].(string), "gone/**") || fs[0]["line"] != 5.0 {
		t.Errorf("want only the unused ignore reported at line 5, got %v", fs)
	}
	if code != ExitFindings {
		t.Errorf("exit %d", code)
	}
	if code, _, _ := run(t, "", "--fail-on", "medium", "deploy"); code != ExitOK {
		t.Errorf("suppression problems are low: exit %d", code)
	}
	if code, _, stderr := run(t, "", "--strict-suppressions", "deploy"); code != ExitError {
		t.Errorf("--strict-suppressions: exit %d (%s)", code, stderr)
	}
	if _, stdout, _ := run(t, "", "--color", "never", "deploy"); !strings.HasSuffix(stdout, "in 1 file checked; 1 suppressed\n") {
		t.Errorf("the summary must count suppressed findings:\n%s", stdout)
	}
	// From a subdirectory, globs stay relative to the config file.
	t.Chdir("deploy")
	if _, stdout, _ := run(t, "", "--format", "json", "td.json"); len(jsonFindings(t, stdout)) != 1 {
		t.Errorf("from deploy/: want only the unused-ignore finding, got %s", stdout)
	}
}

// TestBaselineThroughCLI: a baseline written before an unrelated edit above
// a finding still hides it; a new finding is still reported.
func TestBaselineThroughCLI(t *testing.T) {
	repo(t, map[string]string{"td.json": privilegedTD})
	if code, _, stderr := run(t, "", "--write-baseline", ".ecslint-baseline.json", "."); code != ExitOK || !strings.Contains(stderr, "recorded 1 finding") {
		t.Fatalf("write: exit %d, %s", code, stderr)
	}
	if err := os.WriteFile("broken.json", []byte(`{"containerDefinitions": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "", "--write-baseline", "other-baseline.json", "."); code != ExitError || !strings.Contains(stderr, "broken.json:1:") {
		t.Errorf("a baseline with unreadable files must fail and say which: exit %d, %s", code, stderr)
	}
	if err := os.Remove("broken.json"); err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(privilegedTD, `"family": "web",`, "\"family\": \"web\",\n  \"cpu\": \"256\",\n  \"memory\": \"512\",", 1)
	if err := os.WriteFile("td.json", []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, _ := run(t, "", "--baseline", ".ecslint-baseline.json", "."); code != ExitOK {
		t.Errorf("after an edit above: exit %d\n%s", code, stdout)
	}
	more := strings.Replace(edited, `"privileged": true,`, `"privileged": true, "essential": true,`, 1)
	more = strings.Replace(more, `"family": "web",`, `"family": "web", "pidMode": "host",`, 1)
	if err := os.WriteFile("td.json", []byte(more), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := run(t, "", "--baseline", ".ecslint-baseline.json", "--format", "json", ".")
	fs := jsonFindings(t, stdout)
	if code != ExitFindings || len(fs) != 1 || fs[0]["rule_id"] != "ECS002" {
		t.Errorf("new finding: exit %d, %v", code, fs)
	}
}

func TestSeveralOutputsInOneRun(t *testing.T) {
	repo(t, map[string]string{"td.json": privilegedTD})
	code, stdout, _ := run(t, "", "--color", "never", "--output-sarif", "out.sarif", "--output", "junit=out.xml", ".")
	if code != ExitFindings || !strings.Contains(stdout, "td.json:7:7: high: container \"app\" runs privileged") {
		t.Errorf("text on stdout: exit %d\n%s", code, stdout)
	}
	sarif, err := os.ReadFile("out.sarif")
	if err != nil || !strings.Contains(string(sarif), `"ruleId": "ECS001"`) {
		t.Errorf("SARIF file: %v\n%s", err, sarif)
	}
	if junit, err := os.ReadFile("out.xml"); err != nil || !strings.Contains(string(junit), "<testsuites") {
		t.Errorf("JUnit file: %v", err)
	}
	if code, _, _ := run(t, "", "--output", "nope=x", "."); code != ExitError {
		t.Errorf("unknown output format: exit %d", code)
	}
	// JSON on stdout shows no source, but a SARIF file beside it still
	// gets its snippets: the run keeps sources for any output that shows
	// them.
	for _, flag := range [][]string{{"--output", "sarif=out.sarif"}, {"--output-sarif", "out.sarif"}} {
		if err := os.Remove("out.sarif"); err != nil {
			t.Fatal(err)
		}
		run(t, "", append([]string{"--format", "json", "."}, flag...)...)
		sarif, err = os.ReadFile("out.sarif")
		if err != nil || !strings.Contains(string(sarif), `"snippet"`) {
			t.Errorf("%v: SARIF file beside JSON has no snippet: %v\n%s", flag, err, sarif)
		}
	}
}

// TestEditorStdin is what an editor integration does: pipe the buffer, name
// it, read JSON.
func TestEditorStdin(t *testing.T) {
	repo(t, map[string]string{"infra/td.json": "{}"})
	code, stdout, _ := run(t, privilegedTD, "--format", "json", "--stdin-filename", "infra/td.json")
	fs := jsonFindings(t, stdout)
	if code != ExitFindings || len(fs) != 1 || fs[0]["file"] != "infra/td.json" || fs[0]["line"] != 7.0 {
		t.Errorf("exit %d, %v", code, fs)
	}
}

func TestInit(t *testing.T) {
	repo(t, map[string]string{"td.json": privilegedTD})
	if code, _, stderr := run(t, "", "init"); code != ExitOK {
		t.Fatalf("init: exit %d %s", code, stderr)
	}
	// The starter config is valid and in effect.
	if code, _, stderr := run(t, "", "."); code != ExitFindings {
		t.Errorf("with the starter config: exit %d %s", code, stderr)
	}
	if code, _, stderr := run(t, "", "init"); code != ExitError || !strings.Contains(stderr, "already exists") {
		t.Errorf("second init: exit %d %s", code, stderr)
	}
}
