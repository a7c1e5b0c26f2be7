package config

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// FuzzConfig runs arbitrary bytes through the config loader, as a pull
// request may write any .ecslint.yaml: it must not panic or hang, every
// error must name the file and a line inside it and print no control
// character, and the globs of a valid config must match without blowing
// up.
//
// go test -fuzz FuzzConfig -fuzztime 1m ./config
func FuzzConfig(f *testing.F) {
	for _, seed := range []string{
		Starter(rules),
		"",
		"severity: {ECS001: low, privileged-container: high}\n",
		"rules: {enable: [ECS001], disable: [privileged-container]}\n",
		"exclude: [\"**/a/**/b/*.json\", \"[x\"]\nignore:\n  - {path: \"**/*.tf\", rule: ECS001, reason: r, until: 2027-01-01}\n",
		"terraform:\n  var-files: [a.tfvars]\n  vars: {env: prod, n: 3, ok: true}\n",
		"a: &a [x, x]\nb: &b [*a, *a]\nexclude: *b\n",
		"exclude: &a [*a]\n",
		"base: &b {ECS001: low}\nseverity:\n  <<: *b\n",
		"fail-on: low\nfail-on: high\n",
		"options:\n  ECS011: {allowed-capabilities: [NET_ADMIN]}\n  ECS001: {allowed-capability: [3], eks-minimum-version: \"1.29\"}\n",
		"baseline: base.json\ninline-suppressions: false\nstrict-suppressions: true\n",
		"\"sev\\e[2J\": {}\n",
	} {
		f.Add([]byte(seed))
	}
	paths := []string{"a/b/c.json", "infra/x/a/y/b/z.json", "main.tf", strings.Repeat("a/", 40) + "b"}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := Parse("repo/.ecslint.yaml", src, rules)
		if err != nil {
			checkConfigError(t, err, src)
			return
		}
		for _, g := range append(append([]string(nil), c.Exclude...), ignorePaths(c)...) {
			for _, p := range paths {
				lint.MatchGlob(g, p)
			}
		}
	})
}

func ignorePaths(c *Config) []string {
	var out []string
	for _, ig := range c.Ignores {
		out = append(out, ig.Path)
	}
	return out
}

// checkConfigError checks that err is one or more positioned config
// errors inside src.
func checkConfigError(t *testing.T, err error, src []byte) {
	t.Helper()
	var list Errors
	var one *Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = Errors{one}
	default:
		t.Fatalf("not a config error: %T %v", err, err)
	}
	// YAML's parser also breaks lines at NEL, LS and PS.
	lines := 1
	for _, brk := range []string{"\n", "\r", "\u0085", "\u2028", "\u2029"} {
		lines += bytes.Count(src, []byte(brk))
	}
	for _, e := range list {
		if e.Range.File != "repo/.ecslint.yaml" || e.Range.Start.Line < 0 || int(e.Range.Start.Line) > lines {
			t.Fatalf("error at %+v, outside the %d-line input: %v", e.Range, lines, e)
		}
	}
	for _, r := range err.Error() {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			t.Fatalf("error prints control character %U: %q", r, err.Error())
		}
	}
}
