package config

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

type rule struct{ m lint.Meta }

func (r rule) Meta() *lint.Meta { return &r.m }
func (rule) Check(*lint.Pass)   {}

var rules = []lint.Rule{rule{lint.Meta{ID: "ECS001", Name: "privileged-container", Severity: lint.High}}}

func TestParseFullConfig(t *testing.T) {
	src := `fail-on: medium
rules:
  disable: [privileged-container]
  enable: [SUP001]
severity: {ECS001: low}
exclude: ["legacy/**"]
options:
  ECS001: {allowed-capabilities: [NET_ADMIN]}
terraform:
  var-files: [prod.tfvars]
  vars: {env: prod, replicas: 3}
ignore:
  - path: a.json
    rule: ECS001
    reason: vendor image
    until: 2027-03-31
inline-suppressions: false
strict-suppressions: true
baseline: base.json
`
	c, err := Parse(filepath.Join("repo", FileName), []byte(src), rules)
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn != "medium" || len(c.Disable) != 1 || c.Disable[0] != "ECS001" || c.Enable[0] != "SUP001" {
		t.Errorf("rules: %+v", c)
	}
	if c.Severity["ECS001"] != lint.Low || c.Options["ECS001"]["allowed-capabilities"] == nil {
		t.Errorf("severity/options: %v %v", c.Severity, c.Options)
	}
	if c.VarFiles[0] != filepath.Join("repo", "prod.tfvars") || c.Baseline != filepath.Join("repo", "base.json") {
		t.Errorf("paths are not relative to the config: %v %q", c.VarFiles, c.Baseline)
	}
	if len(c.Vars) != 2 {
		t.Errorf("vars: %v", c.Vars)
	}
	ig := c.Ignores[0]
	// An unquoted YAML date stays the text the user wrote.
	if ig.Until != "2027-03-31" || ig.Reason != "vendor image" || ig.Range.Start.Line != 13 || ig.Range.Start.Col != 5 {
		t.Errorf("ignore: %+v", ig)
	}
	if c.InlineSuppressions == nil || *c.InlineSuppressions || !c.StrictSuppressions {
		t.Errorf("suppression switches: %+v", c)
	}
}

func TestParseErrors(t *testing.T) {
	for src, want := range map[string]string{
		"severity:\n  ECS001: extreme\n": "x/.ecslint.yaml:2:3: severity.ECS001: value must be one of \"critical\", \"high\", \"medium\", \"low\"",
		"options:\n  nope: {}\n":         "x/.ecslint.yaml:2:3: options.nope: unknown rule \"nope\" (see `ecslint rules`)",
		"- a\n":                          "x/.ecslint.yaml:1:1: expected object, but got array",
		"ignore:\n  - {path: a, rule: ECS001, reason: r, until: soon}\n": "x/.ecslint.yaml:2:40: ignore[0].until: does not match pattern",
	} {
		_, err := Parse("x/.ecslint.yaml", []byte(src), rules)
		if err == nil || len(err.Error()) < len(want) || err.Error()[:len(want)] != want {
			t.Errorf("%q: got %v\nwant prefix %s", src, err, want)
		}
	}
	if c, err := Parse("e.yaml", nil, rules); err != nil || c == nil {
		t.Errorf("an empty config is valid: %v", err)
	}
}

func TestStarterIsValid(t *testing.T) {
	if _, err := Parse(FileName, []byte(Starter), rules); err != nil {
		t.Fatal(err)
	}
}

func TestFindStopsAtRepositoryRoot(t *testing.T) {
	outer := t.TempDir()
	repo := filepath.Join(outer, "repo")
	sub := filepath.Join(repo, "infra", "ecs")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outer, FileName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Find(sub); got != "" {
		t.Errorf("found %q above the repository", got)
	}
	if err := os.WriteFile(filepath.Join(repo, "infra", FileName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := Find(sub); got != filepath.Join(repo, "infra", FileName) {
		t.Errorf("Find = %q", got)
	}
}

// TestReferenceCoversSchema: every key of the schema is documented in
// docs/config.md, so the reference cannot fall behind the file format.
func TestReferenceCoversSchema(t *testing.T) {
	doc, err := os.ReadFile("../docs/config.md")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties map[string]struct {
			Properties map[string]any `json:"properties"`
		} `json:"properties"`
	}
	if err := json.Unmarshal([]byte(Schema()), &s); err != nil {
		t.Fatal(err)
	}
	for key, p := range s.Properties {
		if p.Properties == nil || key == "options" {
			if !strings.Contains(string(doc), "| `"+key+"` |") {
				t.Errorf("docs/config.md does not document %q", key)
			}
			continue
		}
		for sub := range p.Properties {
			if !strings.Contains(string(doc), "| `"+key+"."+sub+"` |") {
				t.Errorf("docs/config.md does not document %q", key+"."+sub)
			}
		}
	}
}
