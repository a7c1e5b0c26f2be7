package lint_test

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// lineParser claims *.fake files and makes a container per line that says
// "bad", so engine tests control findings without a real format.
type lineParser struct{}

func (lineParser) Name() string             { return "fake" }
func (lineParser) Accepts(path string) bool { return strings.HasSuffix(path, ".fake") }
func (lineParser) Parse(ctx *lint.Context, paths []string) ([]*lint.Unit, bool) {
	src, err := ctx.ReadFile(paths[0])
	if err != nil || !bytes.HasPrefix(src, []byte("fake")) {
		return nil, false
	}
	file := filepath.ToSlash(paths[0])
	td := &lint.TaskDefinition{Resource: lint.Resource{Name: file}}
	for i, line := range strings.Split(string(src), "\n") {
		if col := strings.Index(line, "bad"); col >= 0 {
			r := lint.Range{File: file, Start: lint.Pos{Line: int32(i + 1), Col: int32(col + 1)}, End: lint.Pos{Line: int32(i + 1), Col: int32(col + 4)}}
			td.Containers = append(td.Containers, &lint.Container{Range: r, Privileged: lint.KnownValue(true, r)})
		}
	}
	return []*lint.Unit{{TaskDefinitions: []*lint.TaskDefinition{td}}}, true
}

type privRule struct{ id string }

var privMeta = map[string]*lint.Meta{
	"T001": {ID: "T001", Name: "priv", Severity: lint.High},
	"T002": {ID: "T002", Name: "priv-again", Severity: lint.Low},
}

func (r privRule) Meta() *lint.Meta { return privMeta[r.id] }
func (r privRule) Check(p *lint.Pass) {
	p.Unit.EachContainer(func(td *lint.TaskDefinition, c *lint.Container) {
		if _, ok := lint.Is(c.Privileged, true); ok {
			p.Report(lint.Finding{Message: "bad", Range: c.Privileged.Range})
		}
	})
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func cfg(workers int) lint.Options {
	return lint.Options{Parsers: []lint.Parser{lineParser{}}, Rules: []lint.Rule{privRule{"T002"}, privRule{"T001"}}, Workers: workers}
}

func spots(res *lint.Result) string {
	var b strings.Builder
	for _, f := range res.Findings {
		b.WriteString(f.Range.String() + " " + f.RuleID + "\n")
	}
	return b.String()
}

func TestRunSortsAcrossFilesAndRules(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, dir, "b.fake", "fake\n  bad\nbad")
	write(t, dir, "a/z.fake", "fake\nbad")
	write(t, dir, "a/notours.fake", "something else: bad")
	write(t, dir, "node_modules/x.fake", "fake\nbad")
	write(t, dir, ".git/y.fake", "fake\nbad")
	want := "a/z.fake:2:1 T001\na/z.fake:2:1 T002\nb.fake:2:3 T001\nb.fake:2:3 T002\nb.fake:3:1 T001\nb.fake:3:1 T002\n"
	for _, w := range []int{1, 4} {
		res, err := lint.Run(cfg(w), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := spots(res); got != want {
			t.Errorf("workers=%d:\n%s\nwant:\n%s", w, got, want)
		}
		if res.Files != 2 {
			t.Errorf("workers=%d: %d files claimed, want 2 (vendored trees skipped, unclaimed files not counted)", w, res.Files)
		}
	}
}

func TestDuplicatesKeepTheRicherFinding(t *testing.T) {
	r := lint.Range{File: "f", Start: lint.Pos{Line: 1, Col: 1}}
	got := lint.SortFindings([]lint.Finding{
		{RuleID: "X", Range: r, Message: "same", Resource: "aws_ecs_task_definition.app"},
		{RuleID: "X", Range: r, Message: "same", Resource: "aws_ecs_task_definition.app", Related: []lint.Related{{}}},
		{RuleID: "W", Range: r, Message: "other rule"},
	})
	if len(got) != 2 || got[0].RuleID != "W" || got[1].Message != "same" || len(got[1].Related) != 1 {
		t.Errorf("got %+v", got)
	}
}

// A container file read on its own and through a resource declared in
// another file (Terraform's file()) is one finding, the resource's.
func TestStandaloneReadingGivesWayToTheDeployedOne(t *testing.T) {
	r := lint.Range{File: "c.json", Start: lint.Pos{Line: 5, Col: 5}, End: lint.Pos{Line: 5, Col: 17}}
	got := lint.SortFindings([]lint.Finding{
		{RuleID: "X", Range: r, Container: "web", Message: "container \"web\" runs privileged",
			Resource: "c.json", ResourceRange: lint.Range{File: "c.json", Start: lint.Pos{Line: 1, Col: 1}}},
		{RuleID: "X", Range: r, Container: "web", Message: "container \"web\" runs privileged",
			Resource: "aws_ecs_task_definition.app", ResourceRange: lint.Range{File: "main.tf", Start: lint.Pos{Line: 1, Col: 1}}},
	})
	if len(got) != 1 || got[0].Resource != "aws_ecs_task_definition.app" || got[0].Message != "container \"web\" runs privileged" {
		t.Errorf("got %+v", got)
	}
}

// Instances of one resource at one position are each a finding, named.
func TestInstancesAtOnePositionAreEachNamed(t *testing.T) {
	r := lint.Range{File: "main.tf", Start: lint.Pos{Line: 3, Col: 3}, End: lint.Pos{Line: 3, Col: 13}}
	decl := lint.Range{File: "main.tf", Start: lint.Pos{Line: 1, Col: 1}}
	var in []lint.Finding
	for _, i := range []string{"10", "2", "0"} {
		in = append(in, lint.Finding{RuleID: "X", Range: r, Container: "app", Key: "privileged", Message: "runs privileged",
			Resource: "aws_ecs_task_definition.app[" + i + "]", ResourceRange: decl})
	}
	in = append(in, lint.Finding{RuleID: "Y", Range: r, Message: "alone", Resource: "aws_ecs_task_definition.app[0]", ResourceRange: decl})
	var got []string
	for _, f := range lint.SortFindings(in) {
		got = append(got, f.RuleID+" "+f.Message)
	}
	want := []string{
		"X runs privileged in aws_ecs_task_definition.app[0]",
		"X runs privileged in aws_ecs_task_definition.app[2]",
		"X runs privileged in aws_ecs_task_definition.app[10]",
		"Y alone",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestSortFindingsIsStableAndTotal checks the index sort against a plain
// stable sort and a quadratic dedupe, on findings that tie in every way the
// order looks at, and in some ways only.
func TestSortFindingsIsStableAndTotal(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		var in []lint.Finding
		for range rnd.IntN(40) {
			f := lint.Finding{
				RuleID:    []string{"A", "B"}[rnd.IntN(2)],
				Range:     lint.Range{File: []string{"f", "g"}[rnd.IntN(2)], Start: lint.Pos{Line: rnd.Int32N(3) + 1, Col: rnd.Int32N(2) + 1}, End: lint.Pos{Line: 4, Col: rnd.Int32N(2)}},
				Message:   []string{"m", "n"}[rnd.IntN(2)],
				Container: []string{"", "c"}[rnd.IntN(2)],
				Key:       []string{"", "k"}[rnd.IntN(2)],
			}
			switch rnd.IntN(3) {
			case 0:
				f.Resource, f.ResourceRange = "r", lint.Range{File: f.Range.File}
			case 1:
				f.Resource, f.ResourceRange = []string{"r[1]", "r[2]"}[rnd.IntN(2)], lint.Range{File: "main.tf"}
			}
			if rnd.IntN(3) == 0 {
				f.Related = []lint.Related{{}}
			}
			in = append(in, f)
		}
		want := slices.Clone(in)
		sort.SliceStable(want, func(i, j int) bool { return less(want[i], want[j]) })
		want = plainDedupe(want)
		got := lint.SortFindings(slices.Clone(in))
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: got %v\nwant %v", round, got, want)
		}
	}
}

// plainDedupe is SortFindings' dedupe and naming, written out plainly over
// sorted findings.
func plainDedupe(sorted []lint.Finding) []lint.Finding {
	element := func(a, b lint.Finding) bool {
		return a.RuleID == b.RuleID && a.Range == b.Range && a.Container == b.Container && a.Key == b.Key
	}
	standalone := func(f lint.Finding) bool { return f.Resource == "" || f.ResourceRange.File == f.Range.File }
	var out []lint.Finding
	for _, f := range sorted {
		dup := false
		for _, o := range out {
			if element(o, f) && o.Resource == f.Resource && o.ResourceRange == f.ResourceRange && o.Message == f.Message {
				dup = true
			}
		}
		for _, o := range sorted {
			if element(o, f) && standalone(f) && !standalone(o) && o.Resource != "" {
				dup = true
			}
		}
		if !dup {
			out = append(out, f)
		}
	}
	for i := range out {
		for j := range out {
			if out[i].RuleID == out[j].RuleID && out[i].Range == out[j].Range && out[i].Resource != out[j].Resource &&
				out[i].Resource != "" && !strings.Contains(out[i].Message, out[i].Resource) {
				out[i].Message += " in " + out[i].Resource
			}
		}
	}
	return out
}

// less is the order SortFindings documents, written out plainly.
func less(a, b lint.Finding) bool {
	switch {
	case a.Range.File != b.Range.File:
		return a.Range.File < b.Range.File
	case a.Range.Start != b.Range.Start:
		return a.Range.Start.Before(b.Range.Start)
	case a.RuleID != b.RuleID:
		return a.RuleID < b.RuleID
	case a.Range.End != b.Range.End:
		return a.Range.End.Before(b.Range.End)
	case a.Container != b.Container:
		return a.Container < b.Container
	case a.Key != b.Key:
		return a.Key < b.Key
	case a.Resource != b.Resource:
		return a.Resource < b.Resource
	case a.ResourceRange.File != b.ResourceRange.File:
		return a.ResourceRange.File < b.ResourceRange.File
	case a.ResourceRange.Start != b.ResourceRange.Start:
		return a.ResourceRange.Start.Before(b.ResourceRange.Start)
	case a.Message != b.Message:
		return a.Message < b.Message
	}
	return len(a.Related) > len(b.Related)
}

func TestStdinIsLintedUnderItsName(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	c := cfg(1)
	c.Stdin = []byte("fake\n\tbad")
	c.StdinName = "svc/task.fake"
	res, err := lint.Run(c, []string{"-"})
	if err != nil {
		t.Fatal(err)
	}
	if got := spots(res); got != "svc/task.fake:2:2 T001\nsvc/task.fake:2:2 T002\n" {
		t.Errorf("got %q", got)
	}
}

func TestMissingPathIsAnError(t *testing.T) {
	t.Chdir(t.TempDir())
	res, err := lint.Run(cfg(1), []string{"nope"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 1 || res.Errors[0].Range.File != "nope" {
		t.Errorf("errors = %+v", res.Errors)
	}
}

func TestSymlinkOutOfRootIsNotRead(t *testing.T) {
	outside := t.TempDir()
	target := write(t, outside, "secret.fake", "fake\nbad")
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Symlink(target, filepath.Join(dir, "link.fake")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "in.fake", "fake\nbad")
	res, err := lint.Run(cfg(1), []string{"."})
	if err != nil {
		t.Fatal(err)
	}
	if got := spots(res); got != "in.fake:2:1 T001\nin.fake:2:1 T002\n" {
		t.Errorf("got %q", got)
	}
}

// A root that is itself a symlink to a directory (a checkout linked into
// place; /tmp on macOS) is linted under the name given, and a symlink in it
// that leaves it is still refused.
func TestRootThroughDirectorySymlink(t *testing.T) {
	target := t.TempDir()
	write(t, target, "in.fake", "fake\nbad")
	outside := write(t, t.TempDir(), "secret.fake", "fake\nbad")
	top := t.TempDir()
	t.Chdir(top)
	if err := os.Symlink(target, "link"); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	if err := os.Symlink(outside, filepath.Join(target, "out.fake")); err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{"link", filepath.Join(top, "link")} {
		res, err := lint.Run(cfg(1), []string{root})
		if err != nil {
			t.Fatal(err)
		}
		in := filepath.ToSlash(filepath.Join(root, "in.fake"))
		if got, want := spots(res), in+":2:1 T001\n"+in+":2:1 T002\n"; got != want {
			t.Errorf("root %s: got %q, want %q", root, got, want)
		}
	}
}

func TestFSRefusesOutsideRoots(t *testing.T) {
	root := t.TempDir()
	write(t, root, "ok.txt", "ok")
	fs, err := lint.NewFS([]string{root}, 4)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ReadFile(filepath.Join(root, "ok.txt")); err != nil {
		t.Errorf("inside root: %v", err)
	}
	if _, err := fs.ReadFile(filepath.Join(root, "..", filepath.Base(root)+"x", "f")); err == nil {
		t.Error("read outside the root")
	}
	if _, err := fs.ReadFile("/etc/passwd"); err == nil {
		t.Error("read /etc/passwd")
	}
	write(t, root, "big.txt", "12345")
	if _, err := fs.ReadFile(filepath.Join(root, "big.txt")); err == nil || !strings.Contains(err.Error(), "size cap") {
		t.Errorf("size cap: %v", err)
	}
}

// Directory symlinks are judged by where they lead, however the directories
// under them are reached.
func TestFSResolvesDirectorySymlinks(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, "sub/f.txt", "secret")
	root := t.TempDir()
	write(t, root, "real/sub/f.txt", "ok")
	if err := os.Symlink(filepath.Join(root, "real"), filepath.Join(root, "in")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "out")); err != nil {
		t.Fatal(err)
	}
	fs, err := lint.NewFS([]string{root}, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		ok   bool
	}{
		{"real/sub/f.txt", true}, {"in/sub/f.txt", true}, {"real/sub", true}, {"in/sub", true},
		{"out/sub/f.txt", false}, {"out/sub", false}, {"in/sub/f.txt", true}, {"out/sub/f.txt", false},
		// What does not exist is judged by its name; what cannot exist is not.
		{"nope", true}, {"no/dir/nope", true}, {"in/nope/x", true}, {"out/nope/x", true}, {"real/sub/f.txt/x", false},
	} {
		p := filepath.Join(root, c.path)
		if got := fs.Within(p); got != c.ok {
			t.Errorf("Within(%s) = %v, want %v", c.path, got, c.ok)
		}
		if strings.HasSuffix(p, "f.txt") {
			if _, err := fs.ReadFile(p); (err == nil) != c.ok {
				t.Errorf("ReadFile(%s): %v", c.path, err)
			}
		}
	}
}

// A file read ahead is given to the next read without reading it, once.
func TestFSReadAheadIsTakenOnce(t *testing.T) {
	root := t.TempDir()
	p := write(t, root, "a.tf", "one")
	fs, err := lint.NewFS([]string{root}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := fs.ReadFileAhead(p); err != nil || string(b) != "one" {
		t.Fatalf("ahead: %q, %v", b, err)
	}
	write(t, root, "a.tf", "two")
	for _, want := range []string{"one", "two"} {
		if b, err := fs.ReadFile(p); err != nil || string(b) != want {
			t.Errorf("read: %q, %v; want %q", b, err, want)
		}
	}
}
