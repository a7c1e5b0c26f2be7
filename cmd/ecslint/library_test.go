package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/output"
	"github.com/ecslint/ecslint/linter"
)

// libraryRepo is a repository that exercises the run policy: a config file
// with a severity override, an exclude, an ignore entry, a disabled rule and
// a baseline; every input format; and a finding the baseline records.
func libraryRepo(t *testing.T) {
	t.Helper()
	files := map[string]string{}
	for _, f := range []string{"taskdef.json", "template.yaml", "terraform/main.tf"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "examples", f))
		if err != nil {
			t.Fatal(err)
		}
		files["infra/"+f] = string(b)
	}
	files["legacy/td.json"] = privilegedTD
	files["svc/td.json"] = privilegedTD
	files[".ecslint.yaml"] = "severity: {ECS006: low, ECS001: medium}\nexclude: [legacy/**]\nrules:\n  disable: [ECS009]\n" +
		"ignore:\n  - {rule: ECS002, path: infra/template.yaml, reason: accepted for now}\nbaseline: .ecslint-baseline.json\n"
	repo(t, files)
	if code, _, stderr := run(t, "", "--write-baseline", ".ecslint-baseline.json", "svc"); code != ExitOK {
		t.Fatalf("writing the baseline: exit %d, %s", code, stderr)
	}
}

// format renders a library result as the CLI would.
func format(t *testing.T, name string, res *lint.Result, plan *linter.Plan) string {
	t.Helper()
	f, err := output.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Format(&b, res, output.Options{Rules: plan.Options.DescribedRules(), Version: ecslintVersion(), BaseDir: mustGetwd()}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A library user who gives the CLI's parsers gets what the CLI prints: the
// config file found, rules disabled, paths excluded, ignores, severity
// overrides and the baseline are the library's, not the CLI's.
func TestLibraryMatchesCLI(t *testing.T) {
	libraryRepo(t)
	for _, name := range []string{"json", "sarif"} {
		code, stdout, stderr := run(t, "", "--format", name, "--color", "never", ".")
		if code != ExitFindings {
			t.Fatalf("%s: exit %d, %s", name, code, stderr)
		}
		res, plan, err := linter.Lint(linter.Settings{Parsers: parsers(), MaxFileSize: lint.DefaultMaxFileSize}, []string{"."})
		if err != nil {
			t.Fatal(err)
		}
		if got := format(t, name, res, plan); got != stdout {
			t.Errorf("%s: the library's result differs from the CLI's:\nlibrary:\n%s\nCLI:\n%s", name, got, stdout)
		}
		if name != "json" {
			continue
		}
		// The policy did apply (a test of equality alone would pass if
		// neither applied it).
		for _, want := range []string{`"severity": "medium"`, `"file": "infra/taskdef.json"`} {
			if !strings.Contains(stdout, want) {
				t.Errorf("want %s in\n%s", want, stdout)
			}
		}
		// Excluded, disabled, baselined, ignored; and the ignore is used.
		for _, unwanted := range []string{"legacy/", "ECS009", `"file": "svc/td.json"`, "ECS002", "SUP001"} {
			if strings.Contains(stdout, unwanted) {
				t.Errorf("%s in\n%s", unwanted, stdout)
			}
		}
	}
}

// Standard input is one overlay: piped to the CLI or given to the library,
// it is linted under its name with the config found beside that name.
func TestLibraryStdinMatchesCLI(t *testing.T) {
	libraryRepo(t)
	code, stdout, stderr := run(t, privilegedTD, "--format", "json", "--stdin-filename", "svc/other.json", "-")
	if code != ExitFindings {
		t.Fatalf("exit %d, %s", code, stderr)
	}
	res, plan, err := linter.Lint(linter.Settings{Parsers: parsers(), StdinName: "svc/other.json", Stdin: strings.NewReader(privilegedTD)}, []string{"-"})
	if err != nil {
		t.Fatal(err)
	}
	if got := format(t, "json", res, plan); got != stdout || !strings.Contains(got, `"file": "svc/other.json"`) {
		t.Errorf("library:\n%s\nCLI:\n%s", got, stdout)
	}
}

// An editor's unsaved buffer replaces the file on disk: the findings are
// those of the buffer.
func TestLibraryOverlayWinsOverDisk(t *testing.T) {
	repo(t, map[string]string{"svc/td.json": privilegedTD})
	unprivileged := strings.Replace(privilegedTD, `"privileged": true`, `"privileged": false`, 1)
	lintIt := func(overlays map[string][]byte) []string {
		res, _, err := linter.Lint(linter.Settings{Parsers: parsers(), Overlays: overlays}, []string{"svc"})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, f := range res.Findings {
			ids = append(ids, f.RuleID)
		}
		return ids
	}
	if got := lintIt(nil); strings.Join(got, ",") != "ECS001" {
		t.Fatalf("on disk: %v, want ECS001", got)
	}
	if got := lintIt(map[string][]byte{"svc/td.json": []byte(unprivileged)}); len(got) != 0 {
		t.Errorf("with the buffer: %v, want nothing", got)
	}
}

// Defect 1 of issue 17: with a severity override, SARIF's rule descriptor
// said what the rule's own severity says (error, security-severity 8.0)
// while its results said note. The descriptor follows the override.
func TestSARIFRuleDescriptorFollowsSeverityOverride(t *testing.T) {
	noLogs := strings.Replace(privilegedTD, `,
      "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/app", "awslogs-region": "eu-west-1"}}`, "", 1)
	repo(t, map[string]string{".ecslint.yaml": "severity: {ECS006: low}\n", "td.json": noLogs})
	_, stdout, stderr := run(t, "", "--format", "sarif", ".")
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID                   string `json:"id"`
						DefaultConfiguration struct {
							Level string `json:"level"`
						} `json:"defaultConfiguration"`
						Properties map[string]any `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID string `json:"ruleId"`
				Level  string `json:"level"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("not SARIF: %v\n%s%s", err, stdout, stderr)
	}
	results := 0
	for _, r := range log.Runs[0].Results {
		if r.RuleID == "ECS006" {
			results++
			if r.Level != "note" {
				t.Errorf("result level %q, want note", r.Level)
			}
		}
	}
	if results == 0 {
		t.Fatalf("no ECS006 result:\n%s", stdout)
	}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		switch r.ID {
		case "ECS006":
			if r.DefaultConfiguration.Level != "note" || r.Properties["security-severity"] != "3.0" || r.Properties["ecslint-severity"] != "low" {
				t.Errorf("ECS006 descriptor: level %q, properties %v; want note, security-severity 3.0, low", r.DefaultConfiguration.Level, r.Properties)
			}
		case "ECS001":
			if r.DefaultConfiguration.Level != "error" || r.Properties["security-severity"] != "8.0" {
				t.Errorf("ECS001 descriptor changed without an override: %q %v", r.DefaultConfiguration.Level, r.Properties)
			}
		}
	}
}
