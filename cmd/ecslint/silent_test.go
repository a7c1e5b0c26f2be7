package main

import (
	"strings"
	"testing"
)

// TestNoSilentPasses: input ecslint could not use is never "no findings
// in 0 files checked" with exit 0 and nothing else said.
func TestNoSilentPasses(t *testing.T) {
	repo(t, map[string]string{
		"td.json":      privilegedTD,
		"package.json": `{"name": "not-ecs", "version": "1.0.0"}`,
		"README.md":    "# hello\n",
	})
	t.Run("empty stdin", func(t *testing.T) {
		for _, args := range [][]string{{"-"}, {"--stdin-filename", "td.json"}} {
			code, _, stderr := run(t, " \n", args...)
			if code != ExitError || !strings.Contains(stderr, "ecslint: standard input is empty") {
				t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
			}
		}
	})
	t.Run("HCL piped without a name", func(t *testing.T) {
		code, _, stderr := run(t, pidTF, "-")
		if code != ExitError || !strings.Contains(stderr, "name it with --stdin-filename") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
		// Named, it is linted.
		if code, stdout, stderr := run(t, pidTF, "--stdin-filename", "main.tf"); code == ExitError || !strings.Contains(stdout, "in 1 file checked") {
			t.Errorf("--stdin-filename main.tf: exit %d\n%s%s", code, stdout, stderr)
		}
	})
	t.Run("named files no parser claims", func(t *testing.T) {
		code, stdout, _ := run(t, "", "package.json", "README.md")
		if code != ExitOK || !strings.Contains(stdout, "no findings in 0 files checked; 2 files skipped (not ECS input): nothing was checked") {
			t.Errorf("exit %d\n%s", code, stdout)
		}
		code, stdout, _ = run(t, "", "td.json", "package.json")
		if code != ExitFindings || !strings.Contains(stdout, "in 1 file checked; 1 file skipped (not ECS input)\n") {
			t.Errorf("exit %d\n%s", code, stdout)
		}
		_, stdout, _ = run(t, "", "--format", "json", "td.json", "package.json", "README.md")
		if !strings.Contains(stdout, `"skipped": 2`) {
			t.Errorf("JSON summary does not count the skipped files:\n%s", stdout)
		}
		_, stdout, _ = run(t, "", "--format", "github", "td.json", "package.json")
		if !strings.Contains(stdout, "::notice title=ecslint%3A files skipped::1 file skipped (not ECS input), not checked: package.json\n") {
			t.Errorf("github output does not say which files were skipped:\n%s", stdout)
		}
		_, stdout, _ = run(t, "", "--format", "sarif", "package.json")
		if !strings.Contains(stdout, `"text": "not ECS input (not a task definition, CloudFormation template or Terraform file): skipped, not checked."`) ||
			!strings.Contains(stdout, `"uri": "package.json"`) {
			t.Errorf("SARIF has no notification for the skipped file:\n%s", stdout)
		}
		// A walked directory's other files are not "skipped": only what
		// was named is.
		if _, stdout, _ := run(t, "", "."); strings.Contains(stdout, "skipped") {
			t.Errorf("walking . reports skipped files:\n%s", stdout)
		}
	})
}

// TestPassedOverConfigIsNamed: a subdirectory's own config that a run does
// not use (one config serves a run) is named on stderr; the run goes on.
func TestPassedOverConfigIsNamed(t *testing.T) {
	repo(t, map[string]string{"td.json": privilegedTD, "sub/td.json": privilegedTD, "sub/.ecslint.yaml": "fail-on: critical\n"})
	for _, args := range [][]string{{"sub/td.json", "td.json"}, {"td.json", "sub/td.json"}} {
		code, _, stderr := run(t, "", args...)
		if code != ExitFindings || !strings.Contains(stderr, "ecslint: note: sub/.ecslint.yaml is not used: a run uses one config, found above every path (here none)") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	if code, _, stderr := run(t, "", "sub/td.json"); code != ExitOK || stderr != "" {
		t.Errorf("sub alone uses its config: exit %d, stderr %q", code, stderr)
	}
}
