package lint

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestWalkKeepsTheListingsItRead: what FS.ReadDir gives after a walk (from
// the listings the walk kept) is what it reads from the directory itself,
// for directories with files, only subdirectories, excluded and skipped
// entries; a directory the walk did not enter is read when asked.
func TestWalkKeepsTheListingsItRead(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"a.tf", "b.json", "excluded.tf", "only-dirs/sub/c.yaml", "node_modules/m/x.tf", "skip/y.tf"} {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.tf", filepath.Join(root, "link.tf")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("only-dirs", filepath.Join(root, "dirlink")); err != nil {
		t.Fatal(err)
	}
	walked, err := NewFS([]string{root}, 0)
	if err != nil {
		t.Fatal(err)
	}
	exclude := func(p string) bool { return filepath.Base(p) == "excluded.tf" || filepath.Base(p) == "skip" }
	var visited []string
	walk(root, walked, exclude, func(p string) { visited = append(visited, p) })
	if len(visited) != 4 { // a.tf, b.json, link.tf, only-dirs/sub/c.yaml
		t.Fatalf("visited %q", visited)
	}
	fresh, err := NewFS([]string{root}, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"", "only-dirs", "only-dirs/sub", "node_modules/m", "skip"} {
		d := filepath.Join(root, filepath.FromSlash(dir))
		want, err := fresh.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		got, err := walked.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: listing after the walk %q, read %q", dir, got, want)
		}
	}
	if _, ok := walked.listings.Load(filepath.Clean(root)); !ok {
		t.Error("the walk kept no listing of the root")
	}
}
