package corpus

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// digest hashes every file's path and content under dir.
func digest(t *testing.T, dir string) [32]byte {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(rel + "\x00"))
		h.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

func TestGenerateIsDeterministicAndMixed(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	st, err := Generate(a, 600, 7)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(b, 600, 7); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(c, 600, 8); err != nil {
		t.Fatal(err)
	}
	if digest(t, a) != digest(t, b) {
		t.Error("the same seed wrote different corpora")
	}
	if digest(t, a) == digest(t, c) {
		t.Error("different seeds wrote the same corpus")
	}
	if st.Files < 600 || st.Files > 610 {
		t.Errorf("%d files, want about 600", st.Files)
	}
	share := func(n int) float64 { return float64(n) / float64(st.Files) }
	if s := share(st.Terraform); s < 0.4 || s > 0.6 {
		t.Errorf("Terraform share %.2f, want about a half", s)
	}
	if s := share(st.CloudFormation); s < 0.25 || s > 0.42 {
		t.Errorf("CloudFormation share %.2f, want about a third", s)
	}
	if st.TaskDefs == 0 || st.Noise == 0 {
		t.Errorf("no raw task definitions (%d) or other files (%d)", st.TaskDefs, st.Noise)
	}
	big := 0
	_ = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
		if info, err := d.Info(); err == nil && !d.IsDir() && info.Size() > 100<<10 {
			big++
		}
		return nil
	})
	if big == 0 {
		t.Error("no template over 100 KB")
	}
}
