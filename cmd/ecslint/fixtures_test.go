package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
)

var update = flag.Bool("update", false, "rewrite the fixtures' golden .out files")

// fixtureFolders lists the folders of fixtures/ whose entries are cases (a
// file or a directory, each with a golden <entry>.out beside it): one per
// input format, named after it, and in it any directory without a golden
// file beside it, which groups cases (terraform/modules), except a plan
// scenario (a directory holding tfplan.json), which is a case. Run from the
// repository root.
func fixtureFolders() []string {
	var out []string
	var visit func(folder string)
	visit = func(folder string) {
		out = append(out, folder)
		entries, _ := os.ReadDir(filepath.Join("fixtures", folder))
		for _, e := range entries {
			_, err := os.Stat(filepath.Join("fixtures", folder, e.Name()+".out"))
			if e.IsDir() && err != nil && !isPlanScenario(filepath.Join("fixtures", folder, e.Name())) {
				visit(folder + "/" + e.Name())
			}
		}
	}
	for _, name := range formats.All().Names() {
		visit(name)
	}
	return out
}

// isPlanScenario reports a directory of fixtures/plan: the configuration
// a plan was made from, and the plan (tools/planfixtures/generate.sh).
func isPlanScenario(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, planFile))
	return err == nil
}

// planFile is the plan of a plan scenario. A scenario is linted twice: as
// a directory, the plan with its source beside it (golden <case>.out), and
// the plan alone (golden <case>.plan.out).
const planFile = "tfplan.json"

// caseName matches the naming convention that makes a fixture a positive or
// negative case for a rule: ecs001_privileged.json must produce ECS001,
// ecs001_ok_unprivileged.json must not.
var caseName = regexp.MustCompile(`^((?:ecs|eks)\d{3})_(ok_)?`)

// fixtureCases lists every case, relative to the repository root.
func fixtureCases(t *testing.T) []string {
	t.Helper()
	var cases []string
	folders := fixtureFolders()
	for _, format := range folders {
		entries, err := os.ReadDir(filepath.Join("fixtures", format))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".out") || strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), ".md") ||
				slices.Contains(folders, format+"/"+e.Name()) {
				continue
			}
			cases = append(cases, filepath.ToSlash(filepath.Join("fixtures", format, e.Name())))
		}
	}
	return append(cases, "fixtures/examples")
}

// compact renders a result as the golden files hold it: one line per finding
// or error, with exact positions.
func compact(res *lint.Result) string { return compactRelated(res, false) }

// compactRelated is compact, with the related locations of findings when
// related is set (plan fixtures: where in the plan a finding at the source
// is).
func compactRelated(res *lint.Result, related bool) string {
	var b strings.Builder
	for _, f := range res.Findings {
		fmt.Fprintf(&b, "%s:%d:%d-%d:%d: %s: %s [%s %s]\n", f.Range.File, f.Range.Start.Line, f.Range.Start.Col,
			f.Range.End.Line, f.Range.End.Col, f.Severity, f.Message, f.RuleID, f.RuleName)
		for _, r := range f.Related {
			if related {
				fmt.Fprintf(&b, "  related %s:%d:%d-%d:%d: %s\n", r.Range.File, r.Range.Start.Line, r.Range.Start.Col,
					r.Range.End.Line, r.Range.End.Col, r.Message)
			}
		}
	}
	for _, e := range res.Errors {
		fmt.Fprintf(&b, "%s:%d:%d: error: %s\n", e.Range.File, e.Range.Start.Line, e.Range.Start.Col, e.Message)
		for _, r := range e.Related {
			fmt.Fprintf(&b, "  related %s:%d:%d: %s\n", r.Range.File, r.Range.Start.Line, r.Range.Start.Col, r.Message)
		}
	}
	return b.String()
}

func TestFixtures(t *testing.T) {
	t.Chdir("../..")
	cases := fixtureCases(t)
	if len(cases) < 10 {
		t.Fatalf("found only %d fixture cases; is the working directory right?", len(cases))
	}
	for _, c := range cases {
		t.Run(c, func(t *testing.T) { checkFixture(t, c, c, c+".out") })
		if isPlanScenario(c) {
			t.Run(c+"/"+planFile, func(t *testing.T) { checkFixture(t, c, filepath.Join(c, planFile), c+".plan.out") })
		}
	}
}

// checkFixture lints path, the fixture c or a part of it, and compares the
// result with a golden file.
func checkFixture(t *testing.T, c, path, golden string) {
	cfg := testConfig()
	cfg.Rules = fixtureRules(filepath.Base(c))
	res, err := lint.Run(cfg, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	got := compactRelated(res, strings.HasPrefix(filepath.ToSlash(c), "fixtures/plan/"))
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("missing golden file (run go test ./cmd/ecslint -run TestFixtures -update): %v", err)
	}
	if got != string(want) {
		t.Errorf("findings differ from %s\n--- got\n%s--- want\n%s", golden, got, want)
	}
	if m := caseName.FindStringSubmatch(filepath.Base(c)); m != nil {
		id := strings.ToUpper(m[1])
		has := strings.Contains(got, "["+id+" ")
		if m[2] == "" && !has {
			t.Errorf("positive fixture for %s produces no %s finding", id, id)
		}
		if m[2] != "" && has {
			t.Errorf("negative fixture for %s produces a %s finding", id, id)
		}
	}
}

func testConfig() lint.Options {
	// Rules and suppressions apply as they do on the command line (the
	// rules enabled by default), with a fixed date so that expiries in
	// fixtures do not change the goldens over time.
	return lint.Options{Parsers: parsers(), Rules: fixtureRules(""), Workers: 2,
		Suppress: &lint.SuppressConfig{Today: fixtureToday}}
}

// fixtureRules are the rules a fixture runs, as the command line runs
// them: those enabled by default, and the rule the fixture's name is a case
// of (ecs018_no_health_check) even when it is off by default, so that a
// rule users must enable adds no findings to other rules' goldens.
func fixtureRules(name string) []lint.Rule {
	var id string
	if m := caseName.FindStringSubmatch(name); m != nil {
		id = strings.ToUpper(m[1])
	}
	var out []lint.Rule
	for _, r := range allRules() {
		if !r.Meta().Disabled || r.Meta().ID == id {
			out = append(out, r)
		}
	}
	return out
}

// fixtureToday is "today" for the fixtures' suppression expiries.
const fixtureToday = "2026-11-22"

// TestGoldenFilesHaveCases catches a golden file whose fixture was renamed
// or deleted: it would otherwise never be checked again.
func TestGoldenFilesHaveCases(t *testing.T) {
	t.Chdir("../..")
	for _, format := range fixtureFolders() {
		outs, _ := filepath.Glob(filepath.Join("fixtures", format, "*.out"))
		for _, o := range outs {
			if _, err := os.Stat(strings.TrimSuffix(strings.TrimSuffix(o, ".out"), ".plan")); err != nil {
				t.Errorf("%s has no fixture beside it", o)
			}
		}
	}
	if b, err := os.ReadFile("fixtures/examples.out"); err != nil || !bytes.Contains(b, []byte("ECS001")) {
		t.Errorf("fixtures/examples must produce findings (the README runs it): %v", err)
	}
}
