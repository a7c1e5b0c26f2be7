package lint

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLineIndexMatchesCounting checks the marked conversions against
// counting code points from each line's start, on text with multi-byte
// characters, invalid UTF-8, long lines and every kind of line break, in
// both line-break modes.
func TestLineIndexMatchesCounting(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "ü", "€", "𝄞", " ", "\n", "\r\n", "\r", strings.Repeat("x", 300), strings.Repeat("é", 200),
		"\xff", "\xb5", "\xe2\x82", "\xf0\x9d"} // invalid UTF-8: a byte is a column
	for round := range 100 {
		var b strings.Builder
		for range rnd.IntN(200) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		src := []byte(b.String())
		loneCR := round%2 == 0
		x := NewLineIndex(src, 0, loneCR)
		if len(x.Starts) != countedLines(src, loneCR) {
			t.Fatalf("round %d: %d lines, want %d", round, len(x.Starts), countedLines(src, loneCR))
		}
		starts := boundaries(src)
		for off := 0; off <= len(src); off++ {
			if !starts[off] {
				continue
			}
			line := x.Line(off)
			want := Pos{Line: int32(line), Col: int32(utf8.RuneCount(src[x.Starts[line-1]:off]) + 1), Offset: int32(off)}
			if got := x.Pos(off); got != want {
				t.Fatalf("round %d: Pos(%d) = %v, want %v", round, off, got, want)
			}
			if got := x.At(line, int(want.Col)); got != want {
				t.Fatalf("round %d: At(%d, %d) = %v, want %v", round, line, want.Col, got, want)
			}
			if got := x.Offset(line, int(want.Col)); got != off {
				t.Fatalf("round %d: Offset(%v) = %d, want %d", round, want, got, off)
			}
		}
		// Inside a character: its column, so columns never go down.
		prev := Pos{}
		for off := 0; off <= len(src); off++ {
			p := x.Pos(off)
			if p.Before(prev) {
				t.Fatalf("round %d: Pos(%d) = %v comes before Pos(%d) = %v", round, off, p, off-1, prev)
			}
			// and the offset of that character's start: one position, one offset.
			if int(p.Offset) > off || !starts[int(p.Offset)] || x.Pos(int(p.Offset)) != p {
				t.Fatalf("round %d: Pos(%d) = %v, whose offset is not where its character starts", round, off, p)
			}
			prev = p
		}
		// Past the end of a line: its line break.
		for i := range x.Starts {
			end := len(src)
			if i+1 < len(x.Starts) {
				end = x.Starts[i+1] - 1
			}
			if got := x.Offset(i+1, 1<<20); got != end {
				t.Fatalf("round %d: Offset(%d, past the end) = %d, want %d", round, i+1, got, end)
			}
		}
	}
}

// boundaries marks the offsets where a code point starts when src is
// decoded from its start, and its end.
func boundaries(src []byte) map[int]bool {
	out := map[int]bool{len(src): true}
	for i := 0; i < len(src); {
		out[i] = true
		_, w := utf8.DecodeRune(src[i:])
		i += w
	}
	return out
}

func countedLines(src []byte, loneCR bool) int {
	n := 1
	for i, b := range src {
		if b == '\n' || loneCR && b == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
			n++
		}
	}
	return n
}
