package jsonnode

import (
	"errors"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

func pos(l, c, off int32) lint.Pos { return lint.Pos{Line: l, Col: c, Offset: off} }

func TestPositions(t *testing.T) {
	src := "{\n  \"a\": [1, \"x\"],\n\t\"ü€\": {\"b\": true}\n}"
	n, err := Parse("f.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a := n.Get("a")
	if a.KeyRange.Start != pos(2, 3, 4) || a.KeyRange.End != pos(2, 6, 7) {
		t.Errorf("key a at %v-%v, want 2:3-2:6", a.KeyRange.Start, a.KeyRange.End)
	}
	if got := a.Value.Items[1].Range; got.Start != pos(2, 12, 13) || got.End != pos(2, 15, 16) {
		t.Errorf("\"x\" at %v-%v, want 2:12-2:15", got.Start, got.End)
	}
	u := n.Get("ü€")
	if u == nil || u.KeyRange.Start != pos(3, 2, 20) {
		t.Fatalf("non-ASCII key: %+v", u)
	}
	// Columns count code points: "ü€" is 2 code points (5 bytes) plus quotes.
	b := u.Value.Get("b")
	if b.KeyRange.Start != pos(3, 9, 30) {
		t.Errorf("key b at %v, want 3:9 (code points, not bytes)", b.KeyRange.Start)
	}
	if b.Value.Kind != lint.BoolNode || b.Value.Text != "true" {
		t.Errorf("b = %v %q", b.Value.Kind, b.Value.Text)
	}
	if a.Value.Items[0].Kind != lint.NumberNode || a.Value.Items[0].Text != "1" {
		t.Errorf("number literal lost: %+v", a.Value.Items[0])
	}
}

func TestCRLFAndBOM(t *testing.T) {
	src := "\xef\xbb\xbf{\r\n\r\n  \"k\": \"v\"\r\n}\r\n"
	n, err := Parse("f.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := n.Get("k").KeyRange.Start; got != pos(3, 3, 10) {
		t.Errorf("key after CRLF lines at %v, want 3:3", got)
	}
}

func TestParseAtOffsetsPositions(t *testing.T) {
	n, err := ParseAt("main.tf", []byte("[{\"privileged\": true}]"), pos(12, 1, 100))
	if err != nil {
		t.Fatal(err)
	}
	if got := n.Items[0].Get("privileged").KeyRange.Start; got != pos(12, 3, 102) {
		t.Errorf("got %v, want 12:3", got)
	}
}

func TestStringEscapes(t *testing.T) {
	n, err := Parse("f.json", []byte(`["a\"b\\c\/\n\u00e9\ud83d\ude00"]`))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := n.Items[0].Text, "a\"b\\c/\né😀"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSyntaxErrors(t *testing.T) {
	cases := []struct {
		src  string
		at   lint.Pos
		want string
	}{
		{"{\n  \"a\": 1\n  \"b\": 2\n}", pos(3, 3, 13), "expected ',' or '}'"},
		{"[1, 2", pos(1, 6, 5), "end of input"},
		{"{\"a\" 1}", pos(1, 6, 5), "expected ':'"},
		{"[tru]", pos(1, 2, 1), "expected a value"},
		{"{\"a\": 01x}", pos(1, 8, 7), "leading zero"},
		{"[\"a\u0001\"]", pos(1, 4, 3), "control character"},
		{"{} {}", pos(1, 4, 3), "after the top-level value"},
		{"[\"\xff\"]", pos(1, 3, 2), "invalid UTF-8"},
		{"[\"a\\n\xff\"]", pos(1, 6, 5), "invalid UTF-8"},
		{"", pos(1, 1, 0), "expected a value"},
		{"{\"a\": \"\\q\"}", pos(1, 8, 7), "invalid escape"},
		{"[-]", pos(1, 3, 2), "expected a digit"},
	}
	for _, c := range cases {
		_, err := Parse("f.json", []byte(c.src))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: got %v, want a SyntaxError", c.src, err)
			continue
		}
		if se.Pos != c.at || !strings.Contains(se.Msg, c.want) {
			t.Errorf("%q: got %v %q, want %v containing %q", c.src, se.Pos, se.Msg, c.at, c.want)
		}
	}
}

func TestDepthLimit(t *testing.T) {
	deep := strings.Repeat("[", MaxDepth+10) + strings.Repeat("]", MaxDepth+10)
	_, err := Parse("f.json", []byte(deep))
	if err == nil || !strings.Contains(err.Error(), "nesting deeper") {
		t.Fatalf("got %v, want a nesting error", err)
	}
	ok := strings.Repeat("[", 100) + strings.Repeat("]", 100)
	if _, err := Parse("f.json", []byte(ok)); err != nil {
		t.Fatalf("100 levels should parse: %v", err)
	}
}

func TestDuplicateKeysLastWins(t *testing.T) {
	n, err := Parse("f.json", []byte(`{"a": 1, "a": 2}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := n.Get("a").Value.Text; got != "2" {
		t.Errorf("got %s, want 2", got)
	}
}
