package jsonnode

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/postest"
)

// FuzzParse checks the parser against encoding/json, which is the reference
// for what JSON means: a document jsonnode accepts must be valid JSON with
// the same value, and valid JSON (UTF-8, not too deep) must be accepted.
// Every key range must start at the key's opening quote.
//
// go test -fuzz FuzzParse -fuzztime 1m ./parsers/jsonnode
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../fixtures/*/*.json")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{`"\ud83d\ude00"`, `"\ud800\u0041"`, `{"a":1,"a":2}`, `[1e5,-0.5E-3,0]`, "\xef\xbb\xbf{}", `"\u00e9\t"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		n, err := Parse("f.json", src)
		body := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
		valid := json.Valid(body)
		if err != nil {
			var se *SyntaxError
			if !errorAs(err, &se) {
				t.Fatalf("error is not a *SyntaxError: %v", err)
			}
			if valid && utf8.Valid(body) && depth(body) <= MaxDepth {
				t.Fatalf("rejected valid JSON: %v", err)
			}
			return
		}
		if !valid {
			t.Fatalf("accepted invalid JSON %q", src)
		}
		var want any
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if got := plain(n); !reflect.DeepEqual(got, want) {
			t.Fatalf("value differs from encoding/json:\n got %#v\nwant %#v", got, want)
		}
		checkRanges(t, src, n)
		offsets := postest.Checker{LoneCR: true}
		offsets.Source("f.json", src)
		offsets.Check(t, n)
	})
}

// errorAs is errors.As for the one type the fuzz target checks.
func errorAs(err error, target **SyntaxError) bool {
	se, ok := err.(*SyntaxError) //nolint:errorlint // Parse returns it unwrapped, and that is part of what is checked
	*target = se
	return ok
}

// depth is the deepest bracket nesting of a valid document.
func depth(src []byte) int {
	d, maxD, inStr := 0, 0, false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case inStr && c == '\\':
			i++
		case c == '"':
			inStr = !inStr
		case inStr:
		case c == '{' || c == '[':
			d++
			maxD = max(maxD, d)
		case c == '}' || c == ']':
			d--
		}
	}
	return maxD
}

// plain converts a node to what encoding/json decodes (with UseNumber).
func plain(n *lint.Node) any {
	switch n.Kind {
	case lint.ObjectNode:
		m := map[string]any{}
		for _, f := range n.Fields {
			m[f.Key] = plain(f.Value)
		}
		return m
	case lint.ArrayNode:
		s := []any{}
		for _, it := range n.Items {
			s = append(s, plain(it))
		}
		return s
	case lint.StringNode:
		return n.Text
	case lint.NumberNode:
		return json.Number(n.Text)
	case lint.BoolNode:
		return n.Text == "true"
	}
	return nil
}

// checkRanges verifies that every key range starts at a quote in src and
// that no range ends before it starts.
func checkRanges(t *testing.T, src []byte, n *lint.Node) {
	t.Helper()
	offsets := lineOffsets(src)
	var visit func(n *lint.Node)
	visit = func(n *lint.Node) {
		if n.Range.End.Before(n.Range.Start) {
			t.Fatalf("range %v-%v ends before it starts", n.Range.Start, n.Range.End)
		}
		for _, f := range n.Fields {
			if b, ok := byteAt(src, offsets, f.KeyRange.Start); !ok || b != '"' {
				t.Fatalf("key %q at %v is not at a quote", f.Key, f.KeyRange.Start)
			}
			visit(f.Value)
		}
		for _, it := range n.Items {
			visit(it)
		}
	}
	visit(n)
}

// lineOffsets returns the byte offset of each line's start, with CRLF and a
// lone CR as line breaks, as the parser counts them.
func lineOffsets(src []byte) []int {
	offs := []int{0}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			offs = append(offs, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			offs = append(offs, i+1)
		}
	}
	return offs
}

// byteAt returns the byte at a line and code-point column.
func byteAt(src []byte, offsets []int, p lint.Pos) (byte, bool) {
	if p.Line < 1 || int(p.Line) > len(offsets) {
		return 0, false
	}
	off := offsets[p.Line-1]
	if p.Line == 1 && bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		off = 3
	}
	for col := int32(1); col < p.Col; col++ {
		if off >= len(src) {
			return 0, false
		}
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	if off >= len(src) {
		return 0, false
	}
	return src[off], true
}
