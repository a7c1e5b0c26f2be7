package cloudformation

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ecslint/ecslint/lint"
)

// TestSourcePositionsMatchCounting checks the marked conversions against
// counting code points from each line's start, on text with multi-byte
// characters, long lines and every line break kind.
func TestSourcePositionsMatchCounting(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "ü", "€", "𝄞", " ", "\n", "\r\n", "\r", strings.Repeat("x", 300), strings.Repeat("é", 200)}
	for round := range 50 {
		var b strings.Builder
		for range rnd.IntN(200) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		src := []byte(b.String())
		s := newSource("f", src)
		for off := 0; off <= len(src); off++ {
			if off < len(src) && !utf8.RuneStart(src[off]) {
				continue
			}
			want := countedPos(s, off)
			if got := s.pos(off); got != want {
				t.Fatalf("round %d: pos(%d) = %v, want %v", round, off, got, want)
			}
			if got := s.offset(want.Line, want.Col); got != off {
				t.Fatalf("round %d: offset(%v) = %d, want %d", round, want, got, off)
			}
		}
	}
}

// countedPos is pos the plain way.
func countedPos(s *source, off int) lint.Pos {
	line := 1
	for line < len(s.lineStart) && s.lineStart[line] <= off {
		line++
	}
	return lint.Pos{Line: line, Col: utf8.RuneCount(s.src[s.lineStart[line-1]:off]) + 1}
}
