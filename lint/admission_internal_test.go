package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTheDefaultBudgetFitsAFileOfTheSizeCap(t *testing.T) {
	for _, tc := range []struct {
		configured, maxFileSize, want int64
	}{
		{0, DefaultMaxFileSize, DefaultMemoryBudget},
		{0, 1 << 30, MemoryPerInputByte << 30},
		{5000, DefaultMaxFileSize, 5000},
	} {
		cfg := Options{MemoryBudget: tc.configured}
		if got := cfg.memoryBudget(tc.maxFileSize); got != tc.want {
			t.Errorf("budget %d, size cap %d: %d, want %d", tc.configured, tc.maxFileSize, got, tc.want)
		}
	}
	if MemoryPerInputByte*DefaultMaxFileSize > DefaultMemoryBudget {
		t.Errorf("a file of the default size cap needs more than the default budget")
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1536: "1.5 KiB", 3 << 20: "3.0 MiB", 5 << 30: "5120.0 MiB"} {
		if got := formatSize(n); got != want {
			t.Errorf("formatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestListedObjectsCountsTheObjectsListedInSequences(t *testing.T) {
	for src, want := range map[string]int64{
		`[{}, {}, {"a": [{}, {"b": {}}]}]`:          5, // the object under "b" is not listed
		"\xEF\xBB\xBF[\n  {},\n\t{}\r\n]":           2,
		`{"containerDefinitions": [{"name": "a"}]}`: 1,
		`{"a": {"b": {}}}`:                          0,
		`["{", "x,{"]`:                              1, // a brace in a string may count: the estimate only rises
		``:                                          0,
		"Resources:\n  - {a: 1}\n  - {b: 2}\n":      2, // YAML flow mappings in a block list
		"ContainerDefinitions:\n  - Name: a\n    Image: x\n  -   Name: b\n  - name:\n    image: x\n": 3,
		"Drop:\n  - ALL\n  - NET_RAW # not: a key\n  - \"a: b\"\n  - http://x\n":                     1, // the quoted colon counts
		"- [{a: 1}, {b: 2}]\n":                       3, // both braces, and the item whose line holds a colon: an estimate only rises
		"l = [{ name = \"a\" }, { name = \"b\" }]\n": 2, // an HCL list of objects
	} {
		if got := listedObjects([]byte(src)); got != want {
			t.Errorf("listedObjects(%q) = %d, want %d", src, got, want)
		}
	}
}

// A large JSON file is estimated by its shape where that costs more than
// its bytes, and a small one is never read ahead.
func TestJobEstimateCountsWhatTheObjectsOfALargeFileCost(t *testing.T) {
	dir := t.TempDir()
	bare := "[" + strings.Repeat(`{"name":"c","image":"x"},`, 20000) + "{}]"
	env := `{"environment": [` + strings.Repeat(`{"name": "VARIABLE_NAME", "value": "`+strings.Repeat("a value as long as a certificate ", 6)+`"},`+"\n", 5000) + "{}]}"
	small := "[" + strings.Repeat("{},", 1000) + "{}]"
	files := map[string]string{"bare.json": bare, "env.json": env, "small.json": small}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys, err := NewFS([]string{dir}, DefaultMaxFileSize)
	if err != nil {
		t.Fatal(err)
	}
	estimate := func(name string) int64 {
		p := filepath.Join(dir, name)
		return jobEstimate(fsys, []string{p}, []int64{fsys.size(p)})
	}
	n := int64(len(bare))
	if got, want := estimate("bare.json"), n+20001*itemObjectCost+findingCost*minFindingCap; got != want {
		t.Errorf("bare containers: %d, want %d", got, want)
	}
	if got, want := estimate("env.json"), MemoryPerInputByte*int64(len(env)); got != want {
		t.Errorf("environment entries: %d, want %d (by size)", got, want)
	}
	if got, want := estimate("small.json"), MemoryPerInputByte*int64(len(small)); got != want {
		t.Errorf("small file: %d, want %d (by size)", got, want)
	}
	if len(fsys.held) != 2 || fsys.held[filepath.Join(dir, "small.json")] != nil {
		t.Errorf("held ahead: %d files, want the two large ones", len(fsys.held))
	}
}
