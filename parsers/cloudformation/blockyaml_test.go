package cloudformation

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// nodeDiff describes the first difference between two trees, or "".
func nodeDiff(path string, a, b *lint.Node) string {
	switch {
	case a == nil || b == nil:
		if a != b {
			return fmt.Sprintf("%s: nil mismatch (%v vs %v)", path, a == nil, b == nil)
		}
		return ""
	case a.Kind != b.Kind || a.Text != b.Text:
		return fmt.Sprintf("%s: %v %q vs %v %q", path, a.Kind, a.Text, b.Kind, b.Text)
	case a.Range != b.Range:
		return fmt.Sprintf("%s: range %v-%v vs %v-%v", path, a.Range.Start, a.Range.End, b.Range.Start, b.Range.End)
	case a.Ref() != b.Ref() || len(a.Alts()) != len(b.Alts()):
		return fmt.Sprintf("%s: ref/alts differ", path)
	case len(a.Items) != len(b.Items) || len(a.Fields) != len(b.Fields):
		return fmt.Sprintf("%s: %d/%d items, %d/%d fields", path, len(a.Items), len(b.Items), len(a.Fields), len(b.Fields))
	}
	for i := range a.Items {
		if d := nodeDiff(fmt.Sprintf("%s[%d]", path, i), a.Items[i], b.Items[i]); d != "" {
			return d
		}
	}
	for i, f := range a.Fields {
		g := b.Fields[i]
		if f.Key != g.Key || f.KeyRange != g.KeyRange {
			return fmt.Sprintf("%s: key %q %v-%v vs %q %v-%v", path, f.Key, f.KeyRange.Start, f.KeyRange.End, g.Key, g.KeyRange.Start, g.KeyRange.End)
		}
		if d := nodeDiff(path+"."+f.Key, f.Value, g.Value); d != "" {
			return d
		}
	}
	return ""
}

// sameAsYAMLv3 checks that when the fast path accepts src, yaml.v3 accepts
// it too and gives the same tree. It reports whether the fast path took it.
func sameAsYAMLv3(t *testing.T, src []byte) bool {
	t.Helper()
	fast, ok := parseBlockYAML(newSource("f.yaml", src))
	if !ok {
		return false
	}
	slow, _, perr := parseYAMLv3(newSource("f.yaml", src))
	if perr != nil {
		t.Fatalf("fast path accepted what yaml.v3 rejects (%s):\n%s", perr.msg, src)
	}
	if d := nodeDiff("$", fast, slow); d != "" {
		t.Fatalf("fast path and yaml.v3 differ: %s\n%s", d, src)
	}
	return true
}

// TestBlockYAMLMatchesYAMLv3 runs every YAML fixture through both paths.
func TestBlockYAMLMatchesYAMLv3(t *testing.T) {
	var files []string
	for _, g := range []string{"../../fixtures/*/*.yaml", "../../fixtures/*/*.yml", "../../fixtures/*/*/*.yaml"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("only %d YAML fixtures found", len(files))
	}
	taken := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if sameAsYAMLv3(t, src) {
			taken++
		}
	}
	t.Logf("fast path took %d of %d fixtures", taken, len(files))
	if taken < len(files)/2 {
		t.Errorf("fast path took only %d of %d fixtures", taken, len(files))
	}
}

// TestBlockYAMLCases pins the subset: what it takes (and must match
// yaml.v3 on) and what it leaves to yaml.v3.
func TestBlockYAMLCases(t *testing.T) {
	takes := []string{
		"A: 1\n",
		"A: 1",
		"---\nA: b\n",
		"--- # c\nA: b\n",
		"A:\nB: !Ref x\nC:\n  - x\nD:\n- y\n-\n- !Sub\n  - a\n",
		"E: !If\n  - c\n  - d\nF: |\n  lit\nG: !Sub |\n  x\nH:\n  # c\n  k: v\n",
		"A:   # c\nB: x\nB: y\nC:\n  -   \n  - a  # c\n  -    b: 1\n       c: \"q\"\n",
		"D: [a, {b: c}, !Ref x,]\n",
		"E: {a: 1, \"b\": 0x1F, c: 1_000, d: .inf, e: True, f: ~, g: 2010-09-09, h: 1e3, i: +1, j: 0o17, k: 017, l: -0b11}\n",
		"F: >-\n  a\n  b\n\n",
		"F: |+\n  a\n\n   b\n\n\nG: 1\n",
		"F: |-\n\n  a\n  # not a comment\n# a comment\nG: x\n",
		"A: 'it''s'\nB: \"tab\\there \\u00e9 \\x41 \\\" \\\\ \\N\"\nC: \"é\"\n",
		"A: -1\nB: -x\nC: .5\nD: 1.5e3\nE: 0b101\nF: 99999999999999999999\nG: 1_0\n",
		"A: http://x:8080/y\nB: {u: http://x/y, v: 'a:b'}\nC: [a:b, c]\n",
		"A:\n  - - a\n    - b\n  - - c\n",
		"Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: x\n          Privileged: true\n",
		"A: !GetAtt R.Arn\nB: !Join [\"\", [!Ref X, \"y\"]]\nC: !Equals [!Ref Env, prod]\n",
		"A: b # c\n#x\n  # indented comment\nB: c\n",
		"\"q\": 1\n'r': 2\n",
		"A: x  \nB:  y  # z\n",
		"A: üx\nB: [ü, {ä: ö}]\n",
		"A: {}\nB: []\nC: [[], {}]\n",
		"A: a#b\nB: 'x' # c\n",
		"Description: A path that\n  continues here\n    and here  \nB: c\n",
		"A:\n  - yum install x\n    yum install y # c\n  - z\n",
		"A: !Sub arn:${P}\n  :x\nB: 1\n  2\nC: true\n   x\n",
		"A:\n- a: b\n   c\n  d: e\n",
		"A: b\n\n# c\nB: c\n",
		"CidrIpv6: ::/0\nB: [-y, {a: -x}]\nC: :x\nD: ?y\n:x: 1\n?x: 1\n",
	}
	for _, src := range takes {
		if !sameAsYAMLv3(t, []byte(src)) {
			t.Errorf("fast path declined %q", src)
		}
	}
	declines := []string{
		"",
		"# only a comment\n",
		"A: - b\n",
		"A: b: c\n",
		"- a\n",
		"A: b\n...\n",
		"A: b\n---\nB: c\n",
		"A: &x 1\nB: *x\n",
		"A:\n  <<: {b: 1}\n",
		"A: b\n\n  c\n",
		"A: b\n  c: d\n",
		"A: b\n  - c\n",
		"A: \"b\n  c\"\n",
		"A: [b,\n  c]\n",
		"A:\tb\n",
		"A: b\r\n",
		"\xef\xbb\xbfA: b\n",
		"%YAML 1.2\n---\nA: b\n",
		"A: !!str 1\n",
		"A: |2\n   x\n",
		"A: >\n  a\n\n  b\n",
		"A: |\n  x",
		"? a\n: b\n",
		"A:\n  b\n",
		"A: {b}\n",
		"A: \"\\/\"\n",
		"A: \"\\ud800\"\n",
		"A: !Ref\n",
		"A: 1\n B: 2\n",
		"B: [::/0]\n",
		"B: {a: ?x}\n",
		"B: [a?b]\n",
	}
	for _, src := range declines {
		if _, ok := parseBlockYAML(newSource("f.yaml", []byte(src))); ok {
			t.Errorf("fast path took %q", src)
		}
	}
}

// FuzzBlockYAML checks the fast path against yaml.v3: whatever it
// accepts, yaml.v3 must accept as the same tree, positions included.
func FuzzBlockYAML(f *testing.F) {
	for _, g := range []string{"../../fixtures/*/*.yaml", "../../fixtures/*/*/*.yaml"} {
		m, _ := filepath.Glob(g)
		for _, s := range m {
			if b, err := os.ReadFile(s); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("A: [a, {b: c}, !Ref x,]\nB: |+\n  a\n\n   b\n\nC: 'it''s'\n"))
	f.Add([]byte("- a: 1\n  b: [2]\n- - c\n"))
	f.Add([]byte("Description: A path that\n  continues here\nA:\n  - yum install x\n    yum install y # c\n  - !Sub a\n    b\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		sameAsYAMLv3(t, src)
	})
}

// BenchmarkYAMLPaths compares the fast path with yaml.v3 and the converter
// on the same 900-resource template.
func BenchmarkYAMLPaths(b *testing.B) {
	src := largeTemplate(300)
	for _, path := range []struct {
		name  string
		parse func(*source) bool
	}{
		{"block", func(s *source) bool { _, ok := parseBlockYAML(s); return ok }},
		{"yaml.v3", func(s *source) bool { _, _, perr := parseYAMLv3(s); return perr == nil }},
	} {
		b.Run(path.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if !path.parse(newSource("large.yaml", src)) {
					b.Fatal("not parsed")
				}
			}
		})
	}
}
