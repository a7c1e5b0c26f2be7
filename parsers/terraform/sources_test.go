package terraform

import (
	"regexp"
	"slices"
	"testing"
)

// localSourceRE is the regexp localSources replaced, kept as its spec.
var localSourceRE = regexp.MustCompile(`"?source"?\s*[=:]\s*"(\.\.?/[^"]*)"`)

func regexpSources(src []byte) []string {
	var out []string
	for _, m := range localSourceRE.FindAllSubmatch(src, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

func TestLocalSourcesMatchesTheRegexp(t *testing.T) {
	for _, src := range []string{
		"module \"a\" {\n  source = \"./modules/a\"\n}\nmodule \"b\" { source=\"../b\" }\n",
		`{"module": {"a": {"source": "./a"}}}`,
		"source = \"git::https://x\"\nsource = \"registry/x\"\nsourceVolume = \"./no\"\n",
		"source\t:\n\"./multi\nline\"",
		"source = \"./unterminated",
		"resource = \"./odd\"\nsource = \"./source = \"./x\"\"",
		"source \"= \"./a\"",
		"",
	} {
		if got, want := localSources([]byte(src)), regexpSources([]byte(src)); !slices.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", src, got, want)
		}
	}
}

func FuzzLocalSources(f *testing.F) {
	f.Add([]byte("module \"a\" {\n  source = \"./modules/a\"\n}\n"))
	f.Add([]byte(`{"source": "../b"}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		if got, want := localSources(src), regexpSources(src); !slices.Equal(got, want) {
			t.Fatalf("%q: got %q, want %q", src, got, want)
		}
	})
}
