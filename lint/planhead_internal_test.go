package lint

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlanHead(t *testing.T) {
	cases := map[string]bool{
		`{"format_version":"1.2","terraform_version":"1.9.0"}`: true,
		"\xef\xbb\xbf{\n  \"format_version\": \"1.0\",":        true,
		` { "format_version"`:                                  true,
		`{"terraform_version":"1.9.0","format_version":"1.2"}`: false, // keys sorted (jq -S)
		`[{"format_version":"1.2"}]`:                           false,
		`{"family":"app","containerDefinitions":[]}`:           false,
		`{"format_versio`:                                      false,
		``:                                                     false,
	}
	for head, want := range cases {
		if got := PlanHead([]byte(head)); got != want {
			t.Errorf("PlanHead(%q) = %v, want %v", head, got, want)
		}
	}
}

// A file over the size cap that starts as a plan has the plan cap, for its
// read and for its admission size; another file, or a plan over the plan
// cap, is refused as before and costs nothing to admit.
func TestPlanFilesHaveThePlanCap(t *testing.T) {
	dir := t.TempDir()
	write := func(name, head string, size int) string {
		p := filepath.Join(dir, name)
		body := head + strings.Repeat(" ", size-len(head)-1) + "}"
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	plan := write("tfplan.json", `{"format_version":"1.2"`, 3000)
	other := write("big.json", `{"family":"app"`, 3000)
	huge := write("huge.json", `{"format_version":"1.2"`, 5000)
	small := write("small.json", `{"family":"app"`, 500)
	fsys, err := NewFS([]string{dir}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if fsys.MaxPlanFileSize != DefaultMaxPlanFileSize {
		t.Fatalf("plan cap %d, want the default %d", fsys.MaxPlanFileSize, DefaultMaxPlanFileSize)
	}
	fsys.MaxPlanFileSize = 4000
	if b, err := fsys.ReadFile(plan); err != nil || len(b) != 3000 {
		t.Errorf("plan over the file cap, under the plan cap: %d bytes, %v", len(b), err)
	}
	for _, p := range []string{other, huge} {
		if _, err := fsys.ReadFile(p); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: err %v, want ErrTooLarge", filepath.Base(p), err)
		}
	}
	if b, err := fsys.ReadFile(small); err != nil || len(b) != 500 {
		t.Errorf("small file: %d bytes, %v", len(b), err)
	}
	for p, want := range map[string]int64{plan: 3000, other: 0, huge: 0, small: 500} {
		if got := fsys.size(p); got != want {
			t.Errorf("size(%s) = %d, want %d", filepath.Base(p), got, want)
		}
	}
	// An explicit cap larger than the plan default is every file's cap.
	big, err := NewFS([]string{dir}, 256<<20)
	if err != nil {
		t.Fatal(err)
	}
	if big.MaxPlanFileSize != 256<<20 {
		t.Errorf("plan cap %d with a 256 MiB file cap", big.MaxPlanFileSize)
	}
}
