package lint_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ecslint/ecslint/lint"
)

// resParser claims *.yaml files starting with "fake" and reads a tiny
// language: "resource NAME" starts a task definition (declared on that
// line), "meta RULE REASON" attaches a resource-level suppression as
// CloudFormation Metadata would, and "bad" anywhere is a privileged
// container. Its comments, which the engine reads suppressions from, are
// YAML-like (see Comments).
type resParser struct{}

func (resParser) Name() string             { return "fakeyaml" }
func (resParser) Accepts(path string) bool { return strings.HasSuffix(path, ".yaml") }
func (resParser) Parse(ctx *lint.Context, paths []string) ([]*lint.Unit, bool) {
	src, err := ctx.ReadFile(paths[0])
	if err != nil || !bytes.HasPrefix(src, []byte("fake")) {
		return nil, false
	}
	file := filepath.ToSlash(paths[0])
	u := &lint.Unit{}
	var td *lint.TaskDefinition
	for i, line := range strings.Split(string(src), "\n") {
		code, _, _ := strings.Cut(line, "#")
		fields := strings.Fields(code)
		at := func(col, n int) lint.Range {
			return lint.Range{File: file, Start: lint.Pos{Line: int32(i + 1), Col: int32(col + 1)}, End: lint.Pos{Line: int32(i + 1), Col: int32(col + 1 + n)}}
		}
		switch {
		case len(fields) >= 2 && fields[0] == "resource":
			td = &lint.TaskDefinition{Resource: lint.Resource{Name: fields[1], Range: at(strings.Index(line, "resource"), len(code))}}
			u.TaskDefinitions = append(u.TaskDefinitions, td)
		case len(fields) >= 1 && fields[0] == "meta":
			sup := lint.Suppression{Range: at(strings.Index(line, "meta"), 4)}
			if len(fields) > 1 {
				sup.Rule = fields[1]
			}
			if len(fields) > 2 {
				sup.Reason = strings.Join(fields[2:], " ")
			}
			td.Suppressions = append(td.Suppressions, sup)
		case strings.Contains(code, "bad"):
			r := at(strings.Index(code, "bad"), 3)
			td.Containers = append(td.Containers, &lint.Container{Range: r, Privileged: lint.KnownValue(true, r)})
		}
	}
	return []*lint.Unit{u}, true
}

// Comments implements lint.CommentSource for the fake language: a '#' at
// the start of a line or after a space starts a comment, except inside a
// double-quoted string.
func (resParser) Comments(file string, src []byte) []lint.Comment {
	var out []lint.Comment
	for i, line := range strings.Split(string(src), "\n") {
		rs := []rune(line)
		quoted := false
		for j, r := range rs {
			if r == '"' {
				quoted = !quoted
			}
			if r == '#' && !quoted && (j == 0 || rs[j-1] == ' ') {
				out = append(out, lint.Comment{
					Range: lint.Range{File: file, Start: lint.LineCol(i+1, j+1), End: lint.LineCol(i+1, len(rs)+1)},
					Text:  string(rs[j+1:]), OwnLine: strings.TrimSpace(string(rs[:j])) == "",
				})
				break
			}
		}
	}
	return out
}

// resRule is privRule with resource fields filled in, as real rules do.
type resRule struct{ privRule }

func (r resRule) Check(p *lint.Pass) {
	p.Unit.EachContainer(func(td *lint.TaskDefinition, c *lint.Container) {
		p.Report(lint.Finding{Message: "bad", Range: c.Privileged.Range, Container: "c"}.ForTask(td))
	})
}

func runSup(t *testing.T, content string, sc lint.SuppressConfig) *lint.Result {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, dir, "t.yaml", content)
	if sc.Today == "" {
		sc.Today = "2026-06-01"
	}
	res, err := lint.Run(lint.Options{
		Parsers: []lint.Parser{resParser{}}, Rules: []lint.Rule{resRule{privRule{"T001"}}, resRule{privRule{"T002"}}},
		Workers: 1, Suppress: &sc,
	}, []string{"."})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// summary is one line per finding (position, rule) and error.
func summary(res *lint.Result) string {
	var b strings.Builder
	for _, f := range res.Findings {
		b.WriteString(f.Range.String() + " " + f.RuleID)
		if f.RuleID == lint.SuppressionMeta.ID {
			b.WriteString(" " + f.Message)
		}
		b.WriteString("\n")
	}
	for _, e := range res.Errors {
		b.WriteString(e.Range.String() + " error " + e.Message + "\n")
	}
	return b.String()
}

func expect(t *testing.T, res *lint.Result, want string) {
	t.Helper()
	if got := summary(res); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestCommentSuppressionOnLineAndAbove(t *testing.T) {
	src := "fake\nresource a\n  bad # ecslint:ignore T001 -- needed\n  # ecslint:ignore priv-again,T001 -- both, by name\n  bad\n  bad\n"
	res := runSup(t, src, lint.SuppressConfig{})
	// Line 3: T001 hidden, T002 stays. Line 5: both hidden. Line 6: both stay.
	expect(t, res, "t.yaml:3:3 T002\nt.yaml:6:3 T001\nt.yaml:6:3 T002\n")
	if len(res.Suppressed) != 3 || res.Suppressed[0].Reason != "needed" || res.Suppressed[1].Reason != "both, by name" || !res.Suppressed[0].InSource {
		t.Errorf("Suppressed = %+v, want 3 with their reasons", res.Suppressed)
	}
	// CI can turn every inline suppression off.
	res = runSup(t, src, lint.SuppressConfig{NoInline: true})
	if n := len(res.Findings); n != 6 {
		t.Errorf("--no-inline-suppressions: %d findings, want 6:\n%s", n, summary(res))
	}
}

func TestCommentAboveResourceCoversIt(t *testing.T) {
	src := "fake\n# ecslint:ignore T001 -- legacy task\nresource a\n  bad\n  bad\nresource b\n  bad\n"
	res := runSup(t, src, lint.SuppressConfig{})
	expect(t, res, "t.yaml:4:3 T002\nt.yaml:5:3 T002\nt.yaml:7:3 T001\nt.yaml:7:3 T002\n")
}

func TestFileWideSuppression(t *testing.T) {
	res := runSup(t, "fake # ecslint:ignore-file T002 -- noisy here\nresource a\n  bad\nresource b\n  bad\n", lint.SuppressConfig{})
	expect(t, res, "t.yaml:3:3 T001\nt.yaml:5:3 T001\n")
}

func TestExpiredUnusedAndReasonlessAreReported(t *testing.T) {
	src := "fake\nresource a\n  bad # ecslint:ignore T001 until 2026-01-31 -- temporary\n" +
		"  bad # ecslint:ignore T002\n" +
		"  # ecslint:ignore T001 -- nothing below\n\n  ok\n" +
		"  key: \"# ecslint:ignore T001 -- in a string, not a comment\"\n" +
		"  url: http://example.com/bad # ecslint:ignore T001 -- after a URL\n"
	res := runSup(t, src, lint.SuppressConfig{})
	expect(t, res, "t.yaml:3:3 T001\n"+
		"t.yaml:3:3 T002\n"+
		"t.yaml:3:7 SUP001 suppression of T001 expired on 2026-01-31 and no longer applies\n"+
		"t.yaml:4:3 T001\n"+
		"t.yaml:4:7 SUP001 suppression of T002 has no reason: add one after \"--\"\n"+
		"t.yaml:5:3 SUP001 suppression of T001 matches no finding\n"+
		"t.yaml:9:27 T002\n")
	// Before the expiry date the same suppression works.
	res = runSup(t, src, lint.SuppressConfig{Today: "2026-01-31"})
	if strings.Contains(summary(res), "t.yaml:3:3 T001") {
		t.Errorf("suppression ignored before its expiry:\n%s", summary(res))
	}
}

func TestStrictSuppressionsAreErrors(t *testing.T) {
	res := runSup(t, "fake\nresource a\n  bad # ecslint:ignore T001,T002\n", lint.SuppressConfig{Strict: true})
	expect(t, res, "t.yaml:3:7 error suppression of T001,T002 has no reason: add one after \"--\"\n")
}

func TestMalformedSuppressions(t *testing.T) {
	res := runSup(t, "fake\nresource a\n  bad # ecslint:ignore -- no rule\n  bad # ecslint:ignore NOPE -- unknown\n  bad # ecslint:ignored T001\n", lint.SuppressConfig{})
	got := summary(res)
	for _, want := range []string{
		"t.yaml:3:7 SUP001 malformed suppression: name the rule to ignore",
		"t.yaml:4:7 SUP001 suppression names unknown rule \"NOPE\"",
		"t.yaml:5:7 SUP001 malformed suppression \"ecslint:ignored T001\"",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Count(got, " T001\n") != 3 {
		t.Errorf("malformed suppressions must hide nothing:\n%s", got)
	}
}

func TestResourceMetadataSuppression(t *testing.T) {
	src := "fake\nresource a\n  meta T001 approved by security\n  bad\nresource b\n  meta privileged-typo\n  meta T002\n  bad\n  meta\n"
	res := runSup(t, src, lint.SuppressConfig{})
	expect(t, res, "t.yaml:4:3 T002\n"+
		"t.yaml:6:3 SUP001 suppression names unknown rule \"privileged-typo\"\n"+
		"t.yaml:7:3 SUP001 suppression of T002 has no reason\n"+
		"t.yaml:8:3 T001\n"+
		"t.yaml:9:3 SUP001 malformed suppression: expected ignore entries like {rule: ECS001, reason: ...}\n")
	res = runSup(t, src, lint.SuppressConfig{NoInline: true})
	if strings.Count(summary(res), "T00") != 4 {
		t.Errorf("--no-inline-suppressions must ignore Metadata too:\n%s", summary(res))
	}
}

func TestConfigIgnores(t *testing.T) {
	cfgFile := lint.Range{File: ".ecslint.yaml", Start: lint.Pos{Line: 4, Col: 5}}
	unused := lint.Range{File: ".ecslint.yaml", Start: lint.Pos{Line: 7, Col: 5}}
	res := runSup(t, "fake\nresource a\n  bad\n", lint.SuppressConfig{Ignores: []lint.ConfigIgnore{
		{Path: "**/*.yaml", Suppression: lint.Suppression{Rule: "priv", Reason: "r", Range: cfgFile}},
		{Path: "other/**", Suppression: lint.Suppression{Rule: "T002", Reason: "r", Range: unused}},
	}})
	expect(t, res, ".ecslint.yaml:7:5 SUP001 config ignore of T002 for \"other/**\" matches no finding\nt.yaml:3:3 T002\n")
}

func TestSuppressionsNeverHideErrors(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, dir, "t.yaml", "fake\nresource a\n  bad\n")
	res, err := lint.Run(lint.Options{
		Parsers: []lint.Parser{resParser{}}, Rules: []lint.Rule{resRule{privRule{"T001"}}}, Workers: 1,
		Suppress: &lint.SuppressConfig{Ignores: []lint.ConfigIgnore{{Path: "**", Suppression: lint.Suppression{Rule: "T001", Reason: "x"}}}},
	}, []string{".", "missing.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 1 || len(res.Findings) != 0 {
		t.Errorf("want the missing file's error and no findings, got:\n%s", summary(res))
	}
}

func TestMatchGlob(t *testing.T) {
	for _, c := range []struct {
		glob, name string
		want       bool
	}{
		{"**/*.json", "a/b/c.json", true},
		{"**/*.json", "c.json", true},
		{"legacy/**", "legacy/x/y.tf", true},
		{"legacy/*", "legacy/x/y.tf", false},
		{"./infra/*.yaml", "infra/a.yaml", true},
		{"infra/*.yaml", "./infra/a.yaml", true},
		{"*.json", "a/b.json", false},
		{"legacy/**", "legacy", true},
		{"**", "a/b/c", true},
		{"**", "", true},
		{"a/**/b", "a/b", true},
		{"a/**/b", "a/x/y/b", true},
		{"a/**/b", "a/x/y/c", false},
		{"a/**/**/b", "a/b", true},
		{"**/x/**/y", "p/x/q/r/y", true},
		{"**/x/**/y", "p/x/q/r/z", false},
		{"a/*/c", "a/b/c", true},
		{"a/*/c", "a/b/b/c", false},
		{"a/?/c", "a/bb/c", false},
		{"a/[bc]/d", "a/c/d", true},
		{"a/[b", "a/[b", false}, // malformed: matches nothing
		{"infra\\*.tf", "infra/main.tf", true},
	} {
		if got := lint.MatchGlob(c.glob, c.name); got != c.want {
			t.Errorf("MatchGlob(%q, %q) = %v, want %v", c.glob, c.name, got, c.want)
		}
	}
}

// TestMatchGlobManyDoubleStars: a config can hold any glob; forty **
// segments against a deep path that does not match must answer at once
// (a backtracking matcher tries every split of the path among them).
func TestMatchGlobManyDoubleStars(t *testing.T) {
	glob := strings.Repeat("**/a/", 40) + "nomatch"
	name := strings.Repeat("a/", 80) + "z"
	done := make(chan bool, 1)
	go func() { done <- lint.MatchGlob(glob, name) }()
	select {
	case got := <-done:
		if got {
			t.Errorf("MatchGlob matched a path that does not end in nomatch")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("MatchGlob with forty ** segments did not finish in 5s")
	}
	if !lint.MatchGlob(glob, strings.Repeat("a/", 40)+"nomatch") {
		t.Errorf("MatchGlob did not match a path with one a per **")
	}
}

// TestBaselineSurvivesEditsAbove: a baseline written before an unrelated
// edit above a finding still hides it after the edit; a new finding shows.
func TestBaselineSurvivesEditsAbove(t *testing.T) {
	before := runSup(t, "fake\nresource a\n  bad\n", lint.SuppressConfig{})
	var buf bytes.Buffer
	if err := lint.NewBaseline(before.Findings).Write(&buf); err != nil {
		t.Fatal(err)
	}
	b, err := lint.ReadBaseline(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	after := runSup(t, "fake\n# a comment\n\nresource a\n  bad\n", lint.SuppressConfig{})
	kept, hidden := b.Filter(after.Findings)
	if len(kept) != 0 || hidden != 2 {
		t.Errorf("after an edit above: kept %v, hidden %d", kept, hidden)
	}
	grown := runSup(t, "fake\nresource a\n  bad\nresource b\n  bad\n", lint.SuppressConfig{})
	kept, _ = b.Filter(grown.Findings)
	if len(kept) != 2 || kept[0].Resource != "b" {
		t.Errorf("the new resource's findings must be new: %v", kept)
	}
	if _, err := lint.ReadBaseline([]byte(`{"version": 9}`)); err == nil {
		t.Error("accepted an unknown baseline version")
	}
}
