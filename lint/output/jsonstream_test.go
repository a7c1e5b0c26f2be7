package output

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strings"
	"testing"
)

// encodingJSON is what encoding/json writes for s, without the Encoder's
// trailing newline.
func encodingJSON(t testing.TB, s string, escapeHTML bool) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

var trickyStrings = []string{
	"", "plain", `"quoted" \back\slash/`, "<script>&amp;</script>",
	"\x00\x01\x07\b\t\n\v\f\r\x1b\x1f\x20\x7f",
	"é ü 中文 😀", "\u2028\u2029", "a\u2028b\u2029c", "\u2027\u202a",
	"\xff", "\xfe\xff", "bad \xe2\x82 trail", "\xe2\x82", "\xed\xa0\x80 surrogate", "\xc0\xaf overlong",
	"\xf4\x90\x80\x80 too big", "\U0010ffff", "\ufffd literal", "ends in \xc3",
}

func TestJSONStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range trickyStrings {
		for _, html := range []bool{true, false} {
			if got, want := string(appendJSONString(nil, s, html)), encodingJSON(t, s, html); got != want {
				t.Errorf("%q (escapeHTML %v): got %s, encoding/json %s", s, html, got, want)
			}
		}
	}
	// Every byte alone, and after a multi-byte character.
	for b := range 256 {
		for _, s := range []string{string([]byte{byte(b)}), "é" + string([]byte{byte(b)}) + "x"} {
			for _, html := range []bool{true, false} {
				if got, want := string(appendJSONString(nil, s, html)), encodingJSON(t, s, html); got != want {
					t.Errorf("%q (escapeHTML %v): got %s, encoding/json %s", s, html, got, want)
				}
			}
		}
	}
}

func FuzzJSONString(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, html := range []bool{true, false} {
			if got, want := string(appendJSONString(nil, s, html)), encodingJSON(t, s, html); got != want {
				t.Fatalf("%q (escapeHTML %v): got %s, encoding/json %s", s, html, got, want)
			}
		}
	})
}

// TestJSONStreamMatchesIndent: nesting, empty containers and scalars come
// out as encoding/json's Encoder with SetIndent("", "  ") writes them, also
// across the stream's buffer flushes.
func TestJSONStreamMatchesIndent(t *testing.T) {
	long := strings.Repeat("x", jsonFlushAt/3)
	want := map[string]any{
		"a": []any{}, "b": map[string]any{}, "c": []any{1, -2, true, false, "s", long, long, long, long},
		"d": []any{map[string]any{"e": []any{[]any{}, map[string]any{"f": "<g>"}}}},
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(want); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	s := newJSONStream(&got, true)
	s.open('{')
	s.key("a")
	s.strings(nil)
	s.key("b")
	s.open('{')
	s.close('}')
	s.key("c")
	s.open('[')
	s.int(1)
	s.int(-2)
	s.bool(true)
	s.bool(false)
	for _, v := range []string{"s", long, long, long, long} {
		s.str(v)
	}
	s.close(']')
	s.key("d")
	s.open('[')
	s.open('{')
	s.key("e")
	s.open('[')
	s.strings([]string{})
	s.open('{')
	s.key("f")
	s.str("<g>")
	s.close('}')
	s.close(']')
	s.close('}')
	s.close(']')
	s.close('}')
	if err := s.end(); err != nil {
		t.Fatal(err)
	}
	if got.String() != buf.String() {
		t.Errorf("got\n%s\nencoding/json\n%s", got.String(), buf.String())
	}
}

// TestMembersInChunksMatchOneStream: an array encoded in chunks on several
// cores is byte for byte the array one stream writes, at the chunk sizes'
// edges, nested or not, and the stream goes on as it would after it.
func TestMembersInChunksMatchOneStream(t *testing.T) {
	member := func(s *jsonStream, i int) {
		s.open('{')
		s.key("i")
		s.int(i)
		s.key("s")
		s.str(strings.Repeat("<é>", i%7))
		s.key("l")
		s.strings(make([]string, i%3))
		s.close('}')
	}
	encode := func(n int, chunked bool) string {
		var out bytes.Buffer
		s := newJSONStream(&out, true)
		s.open('{')
		s.key("a")
		s.open('[')
		if chunked {
			s.members(n, member)
		} else {
			for i := range n {
				member(s, i)
			}
		}
		s.close(']')
		s.key("after")
		s.int(n)
		s.close('}')
		if err := s.end(); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, n := range []int{0, 1, 4*itemsPerChunk - 1, 4 * itemsPerChunk, 4*itemsPerChunk + 1, 11*itemsPerChunk + 17} {
		want, got := encode(n, false), encode(n, true)
		if got != want {
			t.Errorf("%d members: chunked output differs (%d bytes, want %d)", n, len(got), len(want))
		}
		var doc struct{ A []struct{ I int } }
		if err := json.Unmarshal([]byte(got), &doc); err != nil || len(doc.A) != n || n > 0 && doc.A[n-1].I != n-1 {
			t.Errorf("%d members: not the array written: %v", n, err)
		}
	}
}
