package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFailOnNone: findings are reported but do not fail the run, from the
// flag or the config; a file that could not be checked still does.
func TestFailOnNone(t *testing.T) {
	t.Chdir("../..")
	const privileged = "fixtures/json/ecs001_privileged.json"
	code, stdout, _ := run(t, "", "--fail-on", "none", privileged)
	if code != ExitOK || !strings.Contains(stdout, "runs privileged") {
		t.Errorf("--fail-on none: exit %d\n%s", code, stdout)
	}
	if code, _, _ := run(t, "", "--fail-on", "NONE", privileged, "fixtures/json/invalid_syntax.json"); code != ExitError {
		t.Errorf("--fail-on none with a malformed file: exit %d, want %d", code, ExitError)
	}
	cfg := filepath.Join(t.TempDir(), "soft.yaml")
	if err := os.WriteFile(cfg, []byte("fail-on: none\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "", "-c", cfg, privileged); code != ExitOK {
		t.Errorf("fail-on: none in the config (-c): exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, "", "--fail-on", "nonee", privileged); code != ExitError || !strings.Contains(stderr, `or "none"`) {
		t.Errorf("--fail-on nonee: exit %d: %s", code, stderr)
	}
}

// TestShortFlags: -f and -c are --format and --config.
func TestShortFlags(t *testing.T) {
	t.Chdir("../..")
	const file = "fixtures/json/ecs001_privileged.json"
	_, long, _ := run(t, "", "--format", "json", file)
	_, short, _ := run(t, "", "-f", "json", file)
	if long != short || !strings.HasPrefix(short, "{") {
		t.Errorf("-f json differs from --format json:\n%s", short)
	}
	if code, _, stderr := run(t, "", "-c", "does/not/exist.yaml", file); code != ExitError || !strings.Contains(stderr, "does/not/exist.yaml") {
		t.Errorf("-c with a missing file: exit %d: %s", code, stderr)
	}
}

// TestOnlyFromTheCommandLine: --only (repeatable) reports just those rules.
func TestOnlyFromTheCommandLine(t *testing.T) {
	t.Chdir("../..")
	_, stdout, _ := run(t, "", "-f", "compact", "--only", "ECS005", "--only", "root-user", "fixtures/json")
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if !strings.Contains(line, " ECS005 ") && !strings.Contains(line, " ECS009 ") && !strings.Contains(line, ": error: ") {
			t.Errorf("--only ECS005 --only root-user reported: %s", line)
		}
	}
	if !strings.Contains(stdout, " ECS005 ") || !strings.Contains(stdout, " ECS009 ") {
		t.Errorf("--only found nothing:\n%s", stdout)
	}
}

// TestHelpAndUnknownFlags: help asked for goes to standard output with
// exit 0; a mistake is one line on standard error and a hint, exit 2.
func TestHelpAndUnknownFlags(t *testing.T) {
	for _, arg := range []string{"--help", "-h", "-help"} {
		code, stdout, stderr := run(t, "", arg)
		if code != ExitOK || stderr != "" || !strings.HasPrefix(stdout, "usage: ecslint") ||
			!strings.Contains(stdout, "  -f, --format string\n") || !strings.Contains(stdout, "  --only RULE\n") {
			t.Errorf("%s: exit %d, stderr %q, stdout:\n%s", arg, code, stderr, stdout)
		}
	}
	code, stdout, stderr := run(t, "", "--fromat", "json")
	if want := "ecslint: flag provided but not defined: -fromat\nRun 'ecslint --help' for usage.\n"; code != ExitError || stdout != "" || stderr != want {
		t.Errorf("unknown flag: exit %d, stdout %q, stderr %q, want %q", code, stdout, stderr, want)
	}
}

// TestRuleHintsInTextOutput: text output ends, before the summary, with
// one line per rule that found something saying where to read about it.
func TestRuleHintsInTextOutput(t *testing.T) {
	t.Chdir("../..")
	_, stdout, _ := run(t, "", "--color", "never", "fixtures/json/ecs001_privileged.json")
	hint := "help: ECS001 privileged-container: ecslint explain ECS001, or https://github.com/ecslint/ecslint/blob/main/docs/rules/ECS001.md\n"
	if strings.Count(stdout, "[ECS001 privileged-container]") < 2 || strings.Count(stdout, hint) != 1 {
		t.Errorf("want two ECS001 findings and one hint:\n%s", stdout)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[len(lines)-2], "help: ") {
		t.Errorf("the hints are not last before the summary:\n%s", stdout)
	}
}

// TestCompletionScripts: each shell's script holds every flag, and bash
// parses the bash script (zsh and fish parse theirs where installed).
func TestCompletionScripts(t *testing.T) {
	flags := flagNames(newFlagSet(&options{}))
	for _, shell := range []string{"bash", "zsh", "fish"} {
		code, script, stderr := run(t, "", "completion", shell)
		if code != ExitOK || stderr != "" {
			t.Fatalf("%s: exit %d: %s", shell, code, stderr)
		}
		for _, f := range append(flags, "explain", "checkstyle", "lang", "en ja zh ko fr") {
			if shell == "fish" {
				f = strings.TrimLeft(f, "-")
			}
			if !strings.Contains(script, f) {
				t.Errorf("%s completion lacks %s", shell, f)
			}
		}
		bin, err := exec.LookPath(shell)
		if err != nil {
			if shell == "bash" {
				t.Fatal("bash is needed to check the bash script")
			}
			continue
		}
		path := filepath.Join(t.TempDir(), "completion."+shell)
		if err := os.WriteFile(path, []byte(script), 0o600); err != nil {
			t.Fatal(err)
		}
		check := exec.Command(bin, "-n", path)
		if shell == "fish" {
			check = exec.Command(bin, "--no-execute", path)
		}
		if out, err := check.CombinedOutput(); err != nil {
			t.Errorf("%s does not parse its script: %v\n%s", shell, err, out)
		}
	}
	if code, _, _ := run(t, "", "completion", "powershell"); code != ExitError {
		t.Errorf("unknown shell: exit %d", code)
	}
}
