package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/output"
)

// panickyParser claims boom*.json files by panicking on them; every other
// file is left to the real parsers.
type panickyParser struct{}

func (panickyParser) Name() string             { return "panicky" }
func (panickyParser) Accepts(path string) bool { return strings.HasSuffix(path, ".json") }
func (panickyParser) Parse(_ *lint.Context, paths []string) ([]*lint.Unit, bool) {
	if strings.HasPrefix(filepath.Base(paths[0]), "boom") {
		panic("parser exploded on " + paths[0])
	}
	return nil, false
}

// panickyRule panics on task definitions of the family "explode", after the
// real rules have reported on them.
type panickyRule struct{}

var panickyMeta = lint.Meta{ID: "TST999", Name: "panicky", Severity: lint.Low}

func (panickyRule) Meta() *lint.Meta { return &panickyMeta }
func (panickyRule) Check(p *lint.Pass) {
	for _, td := range p.Unit.TaskDefinitions {
		if td.Family.V == "explode" {
			var m map[string]int
			m["nil map"]++ //nolint:staticcheck // SA5000: the point is a real runtime panic, not a panic() call
		}
	}
}

func TestPanicsAreRecoveredPerFile(t *testing.T) {
	explode := strings.Replace(privilegedTD, `"web"`, `"explode"`, 1)
	repo(t, map[string]string{
		"a/good.json":   privilegedTD,
		"b/boom.json":   privilegedTD,
		"c/rule.json":   explode,
		"d/good.json":   privilegedTD,
		"e/boom.yaml":   "not a template",
		"f/also.json":   privilegedTD,
		"g/boom2.json":  "{}",
		"h/t.yaml":      "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: explode\n      ContainerDefinitions: []\n",
		"i/after.json":  privilegedTD,
		"j/after2.json": privilegedTD,
	})
	for _, workers := range []int{1, 4} {
		cfg := lint.Options{Parsers: append([]lint.Parser{panickyParser{}}, parsers()...), Rules: append(allRules(), panickyRule{}), Workers: workers}
		res, err := lint.Run(cfg, []string{"."})
		if err != nil {
			t.Fatal(err)
		}
		internal := map[string]string{}
		for _, e := range res.Errors {
			if strings.Contains(e.Message, "internal error") {
				internal[e.Range.File] = e.Message
			}
		}
		for file, want := range map[string]string{
			"b/boom.json": "parser exploded on b/boom.json", "g/boom2.json": "parser exploded on g/boom2.json",
			"c/rule.json": "assignment to entry in nil map", "h/t.yaml": "assignment to entry in nil map",
		} {
			if !strings.Contains(internal[file], want) {
				t.Errorf("-j %d: %s: internal error %q, want one containing %q", workers, file, internal[file], want)
			}
		}
		if len(internal) != 4 {
			t.Errorf("-j %d: internal errors for %d files, want 4: %v", workers, len(internal), internal)
		}
		checked := map[string]bool{}
		for _, f := range res.Findings {
			if f.RuleID == "ECS001" {
				checked[f.Range.File] = true
			}
		}
		for _, f := range []string{"a/good.json", "d/good.json", "f/also.json", "i/after.json", "j/after2.json"} {
			if !checked[f] {
				t.Errorf("-j %d: %s was not checked after the panics (findings in %v)", workers, f, checked)
			}
		}
		if code := exitCode(res, lint.Low); code != ExitError {
			t.Errorf("-j %d: exit %d, want %d", workers, code, ExitError)
		}
		var out bytes.Buffer
		if err := (output.Text{}).Format(&out, res, output.Options{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "\nb/boom.json: error: internal error: parser exploded on b/boom.json") {
			t.Errorf("-j %d: text output does not name the file and the panic:\n%s", workers, out.String())
		}
	}
}
