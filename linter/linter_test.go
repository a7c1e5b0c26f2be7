package linter_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/linter"
	"github.com/ecslint/ecslint/parsers/taskdef"
)

const privileged = `{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "privileged": true,
  "readonlyRootFilesystem": true, "user": "1000", "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/app", "awslogs-region": "eu-west-1"}}}]}`

// tree writes files under a new directory and changes into it.
func tree(t *testing.T, files map[string]string) {
	t.Helper()
	dir := t.TempDir()
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
}

func settings() linter.Settings { return linter.Settings{Parsers: []lint.Parser{taskdef.Parser{}}} }

func ids(rules []lint.Rule) []string {
	var out []string
	for _, r := range rules {
		out = append(out, r.Meta().ID)
	}
	return out
}

func TestConfigIsFoundBesideTheFirstPath(t *testing.T) {
	tree(t, map[string]string{"infra/.ecslint.yaml": "fail-on: high\n", "infra/svc/td.json": privileged})
	p, err := linter.Prepare(settings(), []string{"infra/svc/td.json"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Config == nil || p.Config.Path != filepath.Join("infra", ".ecslint.yaml") || p.FailOn != "high" {
		t.Fatalf("config %+v, fail-on %q", p.Config, p.FailOn)
	}
	s := settings()
	s.NoConfig = true
	if p, err := linter.Prepare(s, []string{"infra/svc/td.json"}); err != nil || p.Config != nil || p.FailOn != "low" {
		t.Errorf("NoConfig: config %v, fail-on %q, %v", p.Config, p.FailOn, err)
	}
	s = settings()
	s.FailOn = "critical"
	if p, err := linter.Prepare(s, []string{"infra"}); err != nil || p.FailOn != "critical" {
		t.Errorf("settings' fail-on must win: %q, %v", p.FailOn, err)
	}
}

func TestRulesAreDefaultsThenConfigThenSettings(t *testing.T) {
	tree(t, map[string]string{".ecslint.yaml": "rules:\n  disable: [ECS001, ECS002]\n"})
	s := settings()
	s.Enable = []string{"host-pid-mode"} // ECS002 by name
	s.Disable = []string{"ecs003"}
	p, err := linter.Prepare(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := ids(p.Options.Rules)
	if slices.Contains(got, "ECS001") || !slices.Contains(got, "ECS002") || slices.Contains(got, "ECS003") || !slices.Contains(got, "ECS004") {
		t.Errorf("rules %v: want ECS001 and ECS003 off, ECS002 and ECS004 on", got)
	}
	s.Enable = []string{"nope"}
	if _, err := linter.Prepare(s, nil); err == nil || !strings.Contains(err.Error(), `--enable: unknown rule "nope"`) {
		t.Errorf("unknown rule: %v", err)
	}
}

// The config's excludes are written relative to the config file, the
// settings' as paths are walked; the baseline is applied, unless a new one
// is being recorded; severity overrides reach the findings.
func TestPolicyAppliesToTheRun(t *testing.T) {
	tree(t, map[string]string{
		"repo/.ecslint.yaml":  "exclude: [legacy/**]\nseverity: {ECS001: low}\nbaseline: base.json\n",
		"repo/legacy/td.json": privileged, "repo/old/td.json": privileged, "repo/svc/td.json": privileged, "repo/new/td.json": privileged,
	})
	s := settings()
	s.Exclude = []string{"repo/old/**"}
	s.RecordingBaseline = true
	res, _, err := linter.Lint(s, []string{"repo"})
	if err != nil {
		t.Fatal(err)
	}
	if got := files(res); got != "repo/new/td.json repo/svc/td.json" || res.Findings[0].Severity != lint.Low {
		t.Fatalf("got %s (%v)", got, res.Findings)
	}
	// Record svc's finding only, as --write-baseline does: relative to
	// the baseline's directory.
	var b strings.Builder
	if err := lint.NewBaselineIn("repo", res.Findings[1:]).Write(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("repo/base.json", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if res, _, err = linter.Lint(s, []string{"repo"}); err != nil || files(res) != "repo/new/td.json repo/svc/td.json" {
		t.Errorf("recording a baseline must not apply the old one: %s, %v", files(res), err)
	}
	s.RecordingBaseline = false
	if res, _, err = linter.Lint(s, []string{"repo"}); err != nil || files(res) != "repo/new/td.json" {
		t.Errorf("with the baseline: %s, %v", files(res), err)
	}
}

func files(res *lint.Result) string {
	var fs []string
	for _, f := range res.Findings {
		fs = append(fs, f.Range.File)
	}
	return strings.Join(fs, " ")
}

// Standard input is read only once the config is accepted: a bad config
// must not wait on a terminal.
func TestStdinIsNotReadBeforeTheConfigIsAccepted(t *testing.T) {
	tree(t, map[string]string{".ecslint.yaml": "zeta: 1\n"})
	s := settings()
	s.Stdin = failingReader{t}
	s.StdinName = "td.json"
	if _, _, err := linter.Lint(s, []string{"-"}); err == nil || !strings.Contains(err.Error(), "zeta") {
		t.Errorf("want the config error, got %v", err)
	}
}

type failingReader struct{ t *testing.T }

func (r failingReader) Read([]byte) (int, error) {
	r.t.Error("standard input read before the config was accepted")
	return 0, os.ErrClosed
}

// TestConfigDoesNotDependOnArgumentOrder: the config is the one above the
// deepest directory holding every path, whichever path comes first; a
// subdirectory's own config applies when only its files are named.
func TestConfigDoesNotDependOnArgumentOrder(t *testing.T) {
	tree(t, map[string]string{
		".git/HEAD":           "",
		".ecslint.yaml":       "fail-on: medium\n",
		"sub/.ecslint.yaml":   "fail-on: high\n",
		"sub/a.json":          privileged,
		"sub/deeper/c.json":   privileged,
		"b.json":              privileged,
		"other/.ecslint.yaml": "fail-on: critical\n",
	})
	for _, c := range []struct {
		paths      []string
		failOn     string
		passedOver string
	}{
		{[]string{"sub/a.json", "b.json"}, "medium", "sub/.ecslint.yaml"},
		{[]string{"b.json", "sub/a.json"}, "medium", "sub/.ecslint.yaml"},
		{[]string{"sub/a.json", "sub/deeper/c.json"}, "high", ""},
		{[]string{"sub/deeper/c.json", "sub/a.json"}, "high", ""},
		{[]string{"sub"}, "high", ""},
		{[]string{"sub", "other"}, "medium", "other/.ecslint.yaml sub/.ecslint.yaml"},
		{[]string{"other", "sub"}, "medium", "other/.ecslint.yaml sub/.ecslint.yaml"},
		{nil, "medium", ""},
	} {
		p, err := linter.Prepare(settings(), c.paths)
		if err != nil {
			t.Fatal(err)
		}
		if p.FailOn != c.failOn {
			t.Errorf("%v: fail-on %q from %v, want %q", c.paths, p.FailOn, p.Config.Path, c.failOn)
		}
		// The configs not used are named, so a caller can say so.
		if got := filepath.ToSlash(strings.Join(p.PassedOver, " ")); got != c.passedOver {
			t.Errorf("%v: passed over %q, want %q", c.paths, got, c.passedOver)
		}
	}
}

// TestUnknownRuleFlagsSuggest: --enable and --disable say which rule was
// meant.
func TestUnknownRuleFlagsSuggest(t *testing.T) {
	tree(t, nil)
	s := settings()
	s.Disable = []string{"privileged-containers"}
	if _, err := linter.Prepare(s, nil); err == nil || !strings.Contains(err.Error(), `--disable: unknown rule "privileged-containers"; did you mean "privileged-container"?`) {
		t.Errorf("got %v", err)
	}
}

// The zero Settings read every format: a library user need not know the
// parsers.
func TestZeroSettingsReadEveryFormat(t *testing.T) {
	tree(t, map[string]string{
		"td.json": privileged,
		"template.yaml": "Resources:\n  TD:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      PidMode: host\n" +
			"      ContainerDefinitions:\n        - Name: app\n          Image: nginx:1.27\n",
		"main.tf": "resource \"aws_ecs_task_definition\" \"t\" {\n  family = \"t\"\n  ipc_mode = \"host\"\n" +
			"  container_definitions = jsonencode([{ name = \"app\", image = \"nginx:1.27\" }])\n}\n",
	})
	res, _, err := linter.Lint(linter.Settings{NoConfig: true}, []string{"."})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, f := range res.Findings {
		found[f.RuleID+"@"+f.Range.File] = true
	}
	for _, want := range []string{"ECS001@td.json", "ECS002@template.yaml", "ECS010@main.tf"} {
		if !found[want] {
			t.Errorf("no %s among %v", want, found)
		}
	}
}
