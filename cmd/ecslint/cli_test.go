package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(append([]string{"ecslint"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	t.Chdir("../..")
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"fixtures/json/ecs001_privileged.json"}, ExitFindings},
		{[]string{"fixtures/json/ecs001_ok_unprivileged.json"}, ExitOK},
		{[]string{"fixtures/json/invalid_syntax.json"}, ExitError},
		// Errors win over findings.
		{[]string{"fixtures/json/invalid_syntax.json", "fixtures/json/ecs001_privileged.json"}, ExitError},
		{[]string{"fixtures/json/not_ecs"}, ExitOK},
		{[]string{"--fail-on", "critical", "fixtures/json/ecs001_privileged.json"}, ExitOK},
		{[]string{"--fail-on", "critical", "fixtures/json/ecs005_secrets.json"}, ExitFindings},
		{[]string{"--fail-on", "bogus", "fixtures/json"}, ExitError},
		{[]string{"--format", "yaml", "fixtures/json"}, ExitError},
		{[]string{"--color", "sometimes", "fixtures/json"}, ExitError},
		{[]string{"--no-such-flag"}, ExitError},
		{[]string{"does/not/exist"}, ExitError},
		{[]string{"--help"}, ExitOK},
	}
	for _, c := range cases {
		if code, _, stderr := run(t, "", c.args...); code != c.want {
			t.Errorf("%v: exit %d, want %d (stderr %q)", c.args, code, c.want, stderr)
		}
	}
}

func TestJSONContract(t *testing.T) {
	t.Chdir("../..")
	code, stdout, _ := run(t, "", "fixtures/json/ecs004_host_path.json", "fixtures/json/invalid_syntax.json", "--format", "json")
	if code != ExitError {
		t.Errorf("exit %d", code)
	}
	var got struct {
		Findings []map[string]any `json:"findings"`
		Errors   []map[string]any `json:"errors"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if len(got.Findings) != 2 || len(got.Errors) != 1 {
		t.Fatalf("got %d findings and %d errors", len(got.Findings), len(got.Errors))
	}
	f := got.Findings[0]
	want := map[string]any{
		"rule_id": "ECS004", "rule": "host-path-volume", "severity": "critical",
		"file": "fixtures/json/ecs004_host_path.json", "line": 4.0, "column": 33.0, "end_line": 4.0, "end_column": 45.0,
		"resource": "monitor", "message": `volume "docker" mounts host path "/var/run/docker.sock"`,
	}
	for k, v := range want {
		if f[k] != v {
			t.Errorf("findings[0].%s = %#v, want %#v", k, f[k], v)
		}
	}
	rel, _ := f["related"].([]any)
	if len(rel) != 1 || rel[0].(map[string]any)["line"] != 13.0 {
		t.Errorf("related = %#v", f["related"])
	}
	if _, ok := f["controls"].([]any); !ok {
		t.Errorf("controls must be an array, even when empty: %#v", f["controls"])
	}
	e := got.Errors[0]
	if e["file"] != "fixtures/json/invalid_syntax.json" || e["line"] != 4.0 || e["column"] != 43.0 {
		t.Errorf("errors[0] = %#v", e)
	}
}

func TestEmptyJSONHasArrays(t *testing.T) {
	t.Chdir("../..")
	_, stdout, _ := run(t, "", "--format", "json", "fixtures/json/ecs001_ok_unprivileged.json")
	want := `{
  "findings": [],
  "errors": [],
  "notes": [],
  "summary": {
    "files": 1,
    "findings": 0,
    "errors": 0,
    "notes": 0,
    "suppressed": 0,
    "baselined": 0,
    "skipped": 0
  }
}`
	if strings.TrimSpace(stdout) != want {
		t.Errorf("got %s", stdout)
	}
}

func TestStdinFilename(t *testing.T) {
	src := "{\"family\": \"x\", \"pidMode\": \"host\", \"containerDefinitions\": []}"
	for _, args := range [][]string{{"--stdin-filename", "svc/task.json"}, {"--stdin-filename", "svc/task.json", "-"}} {
		code, stdout, _ := run(t, src, args...)
		if code != ExitFindings || !strings.HasPrefix(stdout, "svc/task.json:1:17: high: ") {
			t.Errorf("%v: exit %d, output %q", args, code, stdout)
		}
	}
}

func TestTextOutput(t *testing.T) {
	t.Chdir("../..")
	_, stdout, _ := run(t, "", "--color", "never", "fixtures/json/ecs002_host_pid.json")
	want := "fixtures/json/ecs002_host_pid.json:3:3: high: task definition \"tracer\" shares the host's process namespace (pidMode \"host\") [ECS002 host-pid-mode]\n" +
		"    3 |   \"pidMode\": \"host\",\n" +
		"      |   ^~~~~~~~~\n"
	if !strings.HasPrefix(stdout, want) {
		t.Errorf("got:\n%s\nwant prefix:\n%s", stdout, want)
	}
	if !strings.HasSuffix(stdout, "in 1 file checked\n") {
		t.Errorf("no summary line: %q", stdout)
	}
	_, colored, _ := run(t, "", "--color", "always", "fixtures/json/ecs002_host_pid.json")
	if !strings.Contains(colored, "\x1b[") {
		t.Error("--color always printed no colour")
	}
	t.Setenv("NO_COLOR", "1")
	if _, plain, _ := run(t, "", "fixtures/json/ecs002_host_pid.json"); strings.Contains(plain, "\x1b[") {
		t.Error("colour printed with NO_COLOR set")
	}
}

// A secret the linter found never appears in any output.
func TestSecretsAreRedacted(t *testing.T) {
	t.Chdir("../..")
	secrets := []string{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "hunter2-prod", "ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"}
	for _, format := range []string{"text", "json"} {
		_, stdout, stderr := run(t, "", "--format", format, "--color", "always", "fixtures/json/ecs005_secrets.json")
		if !strings.Contains(stdout, "ECS005") {
			t.Fatalf("%s: no ECS005 finding to check", format)
		}
		for _, s := range secrets {
			if strings.Contains(stdout+stderr, s) {
				t.Errorf("%s output contains secret %q", format, s)
			}
		}
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := run(t, "", "--version")
	if code != ExitOK || !strings.HasPrefix(stdout, "ecslint ") {
		t.Errorf("exit %d, %q", code, stdout)
	}
}
