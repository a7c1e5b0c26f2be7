package lint_test

import (
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// An overlay (an editor's unsaved buffer) replaces the file on disk, both
// when the file is named and when it is reached by walking a directory.
func TestOverlayWinsOverDisk(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, dir, "svc/a.fake", "fake\nbad\n")
	write(t, dir, "svc/b.fake", "fake\nbad\n")
	c := cfg(1)
	c.Rules = []lint.Rule{privRule{"T001"}}
	// The buffer of a.fake moved the bad line and fixed nothing else.
	c.Overlays = map[string][]byte{"svc/a.fake": []byte("fake\n\n  bad\n")}
	for _, paths := range [][]string{{"svc/a.fake", "svc/b.fake"}, {"svc"}, {"./svc/a.fake", "svc/b.fake"}} {
		res, err := lint.Run(c, paths)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := spots(res), "svc/a.fake:3:3 T001\nsvc/b.fake:2:1 T001\n"; got != want {
			t.Errorf("%v: got\n%swant\n%s", paths, got, want)
		}
	}
}

// A buffer not yet saved has no file on disk: named, it is linted all the
// same, and not reported as missing.
func TestOverlayNeedNotExistOnDisk(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	c := cfg(1)
	c.Rules = []lint.Rule{privRule{"T001"}}
	c.Overlays = map[string][]byte{"new/task.fake": []byte("fake\nbad\n")}
	res, err := lint.Run(c, []string{"new/task.fake"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := spots(res), "new/task.fake:2:1 T001\n"; got != want || len(res.Errors) != 0 {
		t.Errorf("got %q, errors %v; want %q", got, res.Errors, want)
	}
}

// Excludes apply to a named overlay as to a named file (an editor opens
// files the config excludes too).
func TestOverlayIsExcludedLikeAFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	c := cfg(1)
	c.Overlays = map[string][]byte{"legacy/task.fake": []byte("fake\nbad\n")}
	c.Exclude = func(p string) bool { return p == "legacy/task.fake" }
	res, err := lint.Run(c, []string{"legacy/task.fake"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 || res.Files != 0 {
		t.Errorf("excluded overlay linted: %s", spots(res))
	}
}
