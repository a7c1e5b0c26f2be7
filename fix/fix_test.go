package fix_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/fix"
	"github.com/ecslint/ecslint/lint"
)

// edit replaces the first occurrence of old in src (after skip bytes).
func edit(t *testing.T, file, src, old, text string) lint.Edit {
	t.Helper()
	i := strings.Index(src, old)
	if i < 0 {
		t.Fatalf("%q not in the source", old)
	}
	return lint.Edit{Range: lint.Range{File: file, Start: lint.Pos{Line: 1, Offset: int32(i)}, End: lint.Pos{Line: 1, Offset: int32(i + len(old))}}, NewText: text}
}

func finding(e ...lint.Edit) lint.Finding {
	return lint.Finding{RuleID: "T001", Range: e[0].Range, Fixes: []lint.Fix{{Description: "fix", Edits: e}}}
}

const src = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\nk: 11\nl: 12\nm: 13"

func TestPlanAndDiff(t *testing.T) {
	res := &lint.Result{Sources: map[string][]byte{"x.yaml": []byte(src)}}
	res.Findings = []lint.Finding{
		finding(edit(t, "x.yaml", src, "b: 2", "b: two")),
		finding(edit(t, "x.yaml", src, "b: 2", "b: two")), // the same fix twice: once
		finding(edit(t, "x.yaml", src, "2\nc", "II\nc")),  // overlaps: left for a second run
		finding(edit(t, "x.yaml", src, "d: 4\n", "d: 4\nd2: 4.5\n")),
		finding(edit(t, "x.yaml", src, "m: 13", "m: 14")),
		{RuleID: "T002"}, // no fix
	}
	files, err := fix.Plan(res)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Fixed != 4 || files[0].Left != 1 {
		t.Fatalf("plan %+v: want one file, 4 fixed, 1 left", files)
	}
	wantNew := strings.Replace(strings.Replace(strings.Replace(src, "b: 2", "b: two", 1), "d: 4\n", "d: 4\nd2: 4.5\n", 1), "m: 13", "m: 14", 1)
	if string(files[0].New) != wantNew {
		t.Errorf("fixed text\n%s\nwant\n%s", files[0].New, wantNew)
	}
	var out bytes.Buffer
	if err := fix.Diff(&out, files[0], "dir/x.yaml"); err != nil {
		t.Fatal(err)
	}
	want := `--- a/dir/x.yaml
+++ b/dir/x.yaml
@@ -1,7 +1,8 @@
 a: 1
-b: 2
+b: two
 c: 3
 d: 4
+d2: 4.5
 e: 5
 f: 6
 g: 7
@@ -10,4 +11,4 @@
 j: 10
 k: 11
 l: 12
-m: 13
\ No newline at end of file
+m: 14
\ No newline at end of file
`
	if out.String() != want {
		t.Errorf("diff\n%s\nwant\n%s", out.String(), want)
	}
}

func TestWriteRefusesAChangedFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.yaml")
	if err := os.WriteFile(p, []byte("a: 1\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	f := fix.File{Path: p, Old: []byte("a: 0\n"), New: []byte("a: 2\n")}
	if err := fix.Write(f); err == nil {
		t.Error("a file that changed since the lint was overwritten")
	}
	f.Old = []byte("a: 1\n")
	if err := fix.Write(f); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	info, _ := os.Stat(p)
	if string(got) != "a: 2\n" || info.Mode().Perm() != 0o640 {
		t.Errorf("after the fix: %q, mode %v; want \"a: 2\\n\", 0640", got, info.Mode().Perm())
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(p, link); err != nil {
		t.Skip(err)
	}
	f.Path, f.Old = link, got
	if err := fix.Write(f); err == nil {
		t.Error("a symbolic link was replaced")
	}
}
