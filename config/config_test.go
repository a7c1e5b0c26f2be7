package config

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecslint/ecslint/lint"
)

type rule struct{ m lint.Meta }

func (r rule) Meta() *lint.Meta { return &r.m }
func (rule) Check(*lint.Pass)   {}

var allowedCapabilities = lint.Option{Name: "allowed-capabilities", Type: lint.StringListOption}

var rules = []lint.Rule{
	rule{lint.Meta{ID: "ECS001", Name: "privileged-container", Severity: lint.High}},
	rule{lint.Meta{ID: "ECS011", Name: "dangerous-capabilities", Severity: lint.High, Options: []lint.Option{allowedCapabilities}}},
}

func TestParseFullConfig(t *testing.T) {
	src := `fail-on: medium
rules:
  disable: [privileged-container]
  enable: [SUP001]
severity: {ECS001: low}
exclude: ["legacy/**"]
options:
  ECS011: {allowed-capabilities: [NET_ADMIN]}
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
	if c.Severity["ECS001"] != lint.Low || !slices.Equal(lint.OptionValues(c.Options["ECS011"]).StringList(allowedCapabilities), []string{"NET_ADMIN"}) {
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
	if _, err := Parse(FileName, []byte(Starter(rules)), rules); err != nil {
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

// laughs is a billion-laughs config: nine levels of nine aliases each stand
// for 9^9 (387 million) strings in under 600 bytes.
func laughs() string {
	var b strings.Builder
	b.WriteString("exclude: &l0 [\"lol\"]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "x%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d,", i-1), 9), ","))
	}
	return b.String()
}

// TestHostileConfigs (issue 16 points 2 and 8): a config from a pull
// request cannot exhaust the run, and an ambiguous one is an error at the
// line and column of the key that makes it so, whatever the map order.
func TestHostileConfigs(t *testing.T) {
	rules := append(rules, rule{lint.Meta{ID: "ECS006", Name: "missing-log-configuration", Severity: lint.High}})
	for _, c := range []struct{ name, src, want string }{
		{"billion laughs", laughs(), "x/.ecslint.yaml:6:22: the config expands to more than 100000 values"},
		{"alias inside its own anchor", "exclude: &a [*a]\n", "x/.ecslint.yaml:1:14: alias *a refers to itself"},
		{"deep nesting", "options:\n  ECS001: " + strings.Repeat("[", 70) + strings.Repeat("]", 70) + "\n", "levels"},
		{"duplicate key", "fail-on: low\nfail-on: high\n", "x/.ecslint.yaml:2:1: key \"fail-on\" is already set at line 1"},
		{"duplicate nested key", "severity:\n  ECS001: low\n  ECS001: high\n", "x/.ecslint.yaml:3:3: key \"ECS001\" is already set at line 2"},
		{"merge key", "base: &b {ECS001: low}\nseverity:\n  <<: *b\n", "x/.ecslint.yaml:3:3: merge keys (<<) are not supported"},
		{"key that is not text", "severity:\n  [ECS001]: low\n", "x/.ecslint.yaml:2:3: a key must be text"},
		{"severity by ID and by name", "severity: {ECS006: low, missing-log-configuration: high}\n",
			"x/.ecslint.yaml:1:25: severity.missing-log-configuration: ECS006's severity is also set, to low, by \"ECS006\""},
		{"options by ID and by name", "options:\n  ECS011: {allowed-capabilities: [A]}\n  Dangerous-Capabilities: {allowed-capabilities: [B]}\n",
			"x/.ecslint.yaml:3:3: options.Dangerous-Capabilities: ECS011's options are also set, differently, by \"ECS011\""},
		{"enabled and disabled", "rules:\n  enable: [ECS006]\n  disable: [missing-log-configuration]\n",
			"x/.ecslint.yaml:3:13: rules.disable[0]: ECS006 is both enabled and disabled"},
		{"vars key that names another variable", "terraform:\n  vars: {env: prod, \"env=x\": dev}\n",
			"x/.ecslint.yaml:2:21: terraform.vars.env=x: \"env=x\" is not a Terraform variable name"},
		{"vars key with spaces", "terraform:\n  vars: {\" env\": dev}\n", "\" env\" is not a Terraform variable name"},
		{"second document", "fail-on: low\n---\nfail-on: critical\n", "x/.ecslint.yaml:2:1: a second YAML document"},
		{"second document after empty ones", "fail-on: low\n---\n---\nfail-on: critical\n", "x/.ecslint.yaml:3:1: a second YAML document"},
		{"too large", "exclude: [" + strings.Repeat("a,", MaxSize/2) + "a]\n", "x/.ecslint.yaml: config file is larger than 1048576 bytes"},
		{"control characters in a key", "\"sev\\e[2Jerity\": {}\n", "x/.ecslint.yaml:1:1: sev␛[2Jerity: unknown key"},
		{"unknown keys, each at its line", "zeta: 1\nalpha: 2\nrules: {enable: [], nope: 1}\n",
			"x/.ecslint.yaml:1:1: zeta: unknown key (known here: baseline, custom-rules, exclude, fail-on, ignore, include, inline-suppressions, options, rules, severity, strict-suppressions, terraform)\n" +
				"x/.ecslint.yaml:2:1: alpha: unknown key (known here: baseline, custom-rules, exclude, fail-on, ignore, include, inline-suppressions, options, rules, severity, strict-suppressions, terraform)\n" +
				"x/.ecslint.yaml:3:21: rules.nope: unknown key (known here: disable, enable)"},
		{"thousands of errors", "exclude: [" + strings.Repeat("1, ", 3000) + "1]\n", "x/.ecslint.yaml:1:68: exclude[19]: expected string, but got number\nx/.ecslint.yaml: 2981 more errors"},
		{"control characters in a rule name", "severity:\n  \"x\\e[2J\": low\n", "x/.ecslint.yaml:2:3: severity.x␛[2J: unknown rule \"x\\x1b[2J\""},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse("x/.ecslint.yaml", []byte(c.src), rules)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v\nwant it to contain %s", err, c.want)
			}
			if err != nil && strings.ContainsRune(err.Error(), 0x1b) {
				t.Errorf("the error prints an escape character: %q", err)
			}
			// Generous for -race on a loaded machine: what it catches (an
			// expansion of 9^9 values) takes minutes.
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestSameSeverityTwiceIsFine: naming a rule by ID and by name with the
// same value is not ambiguous.
func TestSameSeverityTwiceIsFine(t *testing.T) {
	rules := append(rules, rule{lint.Meta{ID: "ECS006", Name: "missing-log-configuration", Severity: lint.High}})
	c, err := Parse("x.yaml", []byte("severity: {ECS006: low, missing-log-configuration: low}\n"), rules)
	if err != nil || c.Severity["ECS006"] != lint.Low {
		t.Errorf("got %v, %v", c, err)
	}
}

// TestConfigErrorsAreAllReportedInOrder: several errors come out all, by
// position, the same on every run (they came from map iteration before).
func TestConfigErrorsAreAllReportedInOrder(t *testing.T) {
	src := "severity:\n  nope1: low\n  ECS001: extreme\noptions:\n  nope2: {}\n  nope3: {}\nfail-on: severe\nrules:\n  disable: [nope4]\n"
	want := "x.yaml:2:3: severity.nope1: unknown rule \"nope1\" (see `ecslint rules`)\n" +
		"x.yaml:5:3: options.nope2: unknown rule \"nope2\" (see `ecslint rules`)\n" +
		"x.yaml:6:3: options.nope3: unknown rule \"nope3\" (see `ecslint rules`)\n" +
		"x.yaml:9:13: rules.disable[0]: unknown rule \"nope4\" (see `ecslint rules`)"
	schemaWant := "x.yaml:3:3: severity.ECS001: value must be one of \"critical\", \"high\", \"medium\", \"low\"\n" +
		"x.yaml:7:1: fail-on: value must be one of \"critical\", \"high\", \"medium\", \"low\", \"none\""
	for range 20 {
		_, err := Parse("x.yaml", []byte(src), rules)
		if err == nil || err.Error() != schemaWant {
			t.Fatalf("schema errors: got\n%v\nwant\n%s", err, schemaWant)
		}
		fixed := strings.NewReplacer("extreme", "low", "severe", "high").Replace(src)
		_, err = Parse("x.yaml", []byte(fixed), rules)
		if err == nil || err.Error() != want {
			t.Fatalf("rule errors: got\n%v\nwant\n%s", err, want)
		}
	}
}

// TestVarsInFileOrder: vars keep the order the file writes them.
func TestVarsInFileOrder(t *testing.T) {
	c, err := Parse("x.yaml", []byte("terraform:\n  vars: {zeta: 1, alpha: two, mid: true}\n"), rules)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Vars, " "); got != "zeta=1 alpha=two mid=true" {
		t.Errorf("vars: %s", got)
	}
}

// TestTrailingDocumentMarker: an empty document after the config ("---" at
// the end) sets nothing and is no error.
func TestTrailingDocumentMarker(t *testing.T) {
	c, err := Parse("x.yaml", []byte("fail-on: high\n---\n"), rules)
	if err != nil || c.FailOn != "high" {
		t.Errorf("got %+v, %v", c, err)
	}
}

// TestOptionErrors (issue 17): an option a rule does not declare, or a
// value of another type than it declares, is an error at its line and
// column that says what was meant; before, options were accepted unread.
func TestOptionErrors(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"misspelt option", "options:\n  ECS011: {allowed-capability: [NET_ADMIN]}\n",
			`x.yaml:2:12: options.ECS011.allowed-capability: unknown option of ECS011; did you mean "allowed-capabilities"?`},
		{"misspelt option, rule in another case", "options:\n  dangerous-CAPABILITIES:\n    allowed-capability: [NET_ADMIN]\n",
			`x.yaml:3:5: options.dangerous-CAPABILITIES.allowed-capability: unknown option of ECS011; did you mean "allowed-capabilities"?`},
		{"option unlike any", "options:\n  ECS011: {max-findings: 3}\n",
			`x.yaml:2:12: options.ECS011.max-findings: unknown option of ECS011 (its options: allowed-capabilities)`},
		{"option for a rule with none", "options:\n  privileged-container: {allowed-capabilities: [NET_ADMIN]}\n",
			`x.yaml:2:26: options.privileged-container.allowed-capabilities: unknown option: ECS001 takes no options; it is an option of ECS011`},
		{"wrong type", "options:\n  ECS011: {allowed-capabilities: NET_ADMIN}\n",
			`x.yaml:2:12: options.ECS011.allowed-capabilities: must be a list of strings, not a string`},
		{"wrong item type", "options:\n  ECS011:\n    allowed-capabilities:\n      - NET_ADMIN\n      - 12\n",
			`x.yaml:5:9: options.ECS011.allowed-capabilities[1]: must be a string, not an integer`},
		{"option for an unknown rule", "options:\n  dangerous-capabilitis: {allowed-capabilities: [NET_ADMIN]}\n",
			"x.yaml:2:3: options.dangerous-capabilitis: unknown rule \"dangerous-capabilitis\"; did you mean \"dangerous-capabilities\"? (see `ecslint rules`)"},
		{"every problem, in order", "options:\n  ECS011: {zeta: 1, allowed-capabilities: 2}\n  ECS001: {a: b}\n",
			"x.yaml:2:12: options.ECS011.zeta: unknown option of ECS011 (its options: allowed-capabilities)\n" +
				"x.yaml:2:21: options.ECS011.allowed-capabilities: must be a list of strings, not an integer\n" +
				"x.yaml:3:12: options.ECS001.a: unknown option: ECS001 takes no options"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("x.yaml", []byte(c.src), rules)
			if err == nil || err.Error() != c.want {
				t.Errorf("got %v\nwant %s", err, c.want)
			}
		})
	}
}

// TestOptionsAreTyped: what the loader returns is of the declared Go type,
// whichever spelling of the rule set it.
func TestOptionsAreTyped(t *testing.T) {
	c, err := Parse("x.yaml", []byte("options:\n  dangerous-capabilities: {allowed-capabilities: [A, B]}\n  ECS001: {}\n"), rules)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Options["ECS011"]["allowed-capabilities"].([]string); !ok || !slices.Equal(got, []string{"A", "B"}) {
		t.Errorf("ECS011's options: %#v", c.Options["ECS011"])
	}
}

// TestDidYouMean: an unknown key, in every section, and an unknown rule,
// wherever one is named, suggest the nearest known one, each at its own
// line and column.
func TestDidYouMean(t *testing.T) {
	keys := "fial-on: high\nrules:\n  enabel: []\nterraform:\n  var-file: []\nignore:\n  - {path: a, rule: ECS001, reason: r, untl: 2027-01-01}\n"
	want := "x.yaml:1:1: fial-on: unknown key; did you mean \"fail-on\"? (known here: baseline, custom-rules, exclude, fail-on, ignore, include, inline-suppressions, options, rules, severity, strict-suppressions, terraform)\n" +
		"x.yaml:3:3: rules.enabel: unknown key; did you mean \"enable\"? (known here: disable, enable)\n" +
		"x.yaml:5:3: terraform.var-file: unknown key; did you mean \"var-files\"? (known here: var-files, vars)\n" +
		"x.yaml:7:40: ignore[0].untl: unknown key; did you mean \"until\"? (known here: path, reason, rule, until)"
	if _, err := Parse("x.yaml", []byte(keys), rules); err == nil || err.Error() != want {
		t.Errorf("keys: got\n%v\nwant\n%s", err, want)
	}
	names := "rules:\n  disable: [ECS01]\n  enable: [privileged-containr]\nseverity:\n  ecs00l: low\nignore:\n  - {path: a, rule: privilegd-container, reason: r}\n"
	want = "x.yaml:2:13: rules.disable[0]: unknown rule \"ECS01\"; did you mean \"ECS001\"? (see `ecslint rules`)\n" +
		"x.yaml:3:12: rules.enable[0]: unknown rule \"privileged-containr\"; did you mean \"privileged-container\"? (see `ecslint rules`)\n" +
		"x.yaml:5:3: severity.ecs00l: unknown rule \"ecs00l\"; did you mean \"ECS001\"? (see `ecslint rules`)\n" +
		"x.yaml:7:15: ignore[0].rule: unknown rule \"privilegd-container\"; did you mean \"privileged-container\"? (see `ecslint rules`)"
	if _, err := Parse("x.yaml", []byte(names), rules); err == nil || err.Error() != want {
		t.Errorf("rule names: got\n%v\nwant\n%s", err, want)
	}
	values := "fail-on: hgh\nseverity:\n  ECS001: medum\n  ECS002: extreme\n"
	want = "x.yaml:1:1: fail-on: value must be one of \"critical\", \"high\", \"medium\", \"low\", \"none\"; did you mean \"high\"?\n" +
		"x.yaml:3:3: severity.ECS001: value must be one of \"critical\", \"high\", \"medium\", \"low\"; did you mean \"medium\"?\n" +
		"x.yaml:4:3: severity.ECS002: value must be one of \"critical\", \"high\", \"medium\", \"low\""
	if _, err := Parse("x.yaml", []byte(values), rules); err == nil || err.Error() != want {
		t.Errorf("values: got\n%v\nwant\n%s", err, want)
	}
}

// TestStarterNamesTheRulesOffByDefault: the starter's enable example lists
// exactly the rules that are off by default, and says so when there are
// none, so that `ecslint init` never points at rules that do not exist.
func TestStarterNamesTheRulesOffByDefault(t *testing.T) {
	withOff := append(slices.Clone(rules), rule{lint.Meta{ID: "ECS016", Name: "missing-required-tags", Severity: lint.Low, Disabled: true}})
	starter := Starter(withOff)
	if !strings.Contains(starter, "  enable: []\n  #  - ECS016 # missing-required-tags\n\n") {
		t.Errorf("the rule off by default is not listed under enable:\n%s", starter)
	}
	if strings.Contains(starter, "#  - ECS001") || strings.Contains(starter, "(none:") {
		t.Errorf("a rule on by default is listed, or the list says there is none:\n%s", starter)
	}
	// Uncommented, the entry is valid config.
	if _, err := Parse(FileName, []byte(strings.Replace(starter, "  enable: []\n  #  - ECS016", "  enable:\n    - ECS016", 1)), withOff); err != nil {
		t.Errorf("the uncommented entry is not valid: %v", err)
	}
	if none := Starter(rules); !strings.Contains(none, "  enable: []\n  # (none: every rule is on by default)\n") {
		t.Errorf("without rules off by default:\n%s", none)
	}
}
