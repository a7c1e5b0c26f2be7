package lint

import (
	"sort"
	"unicode/utf8"
)

// LineIndex converts between byte offsets in a text and positions (1-based
// lines, columns in code points). Conversions cost a binary search and a
// scan of at most markEvery bytes, however they are ordered: parsers ask
// for a node's start after its children, and counting from the start of
// the line made a minified one-line file quadratic.
type LineIndex struct {
	// Starts holds the byte offset of each line's first byte.
	Starts []int
	// ASCII is set when the text has no multi-byte characters: columns
	// are then byte distances.
	ASCII bool

	src []byte
	// marks[k] is the first code point boundary at or after byte
	// k*markEvery, with the code points before it, for text with
	// multi-byte characters.
	marks []mark
}

type mark struct{ off, runes int }

// markEvery is the spacing of LineIndex marks in bytes.
const markEvery = 256

// NewLineIndex indexes src, whose first line starts at byte first (past a
// byte order mark, which is not a column). Lines break at LF, and with
// loneCR also at a CR that no LF follows, as YAML has it. Columns count
// code points as utf8.RuneCount does: an invalid byte is one column.
func NewLineIndex(src []byte, first int, loneCR bool) *LineIndex {
	x := &LineIndex{src: src, ASCII: true, Starts: append(make([]int, 0, len(src)/32+1), first)}
	for i := first; i < len(src); i++ {
		switch b := src[i]; {
		case b == '\n':
			x.Starts = append(x.Starts, i+1)
		case b == '\r' && loneCR:
			if i+1 >= len(src) || src[i+1] != '\n' {
				x.Starts = append(x.Starts, i+1)
			}
		case b >= utf8.RuneSelf:
			x.ASCII = false
		}
	}
	if !x.ASCII {
		x.marks = make([]mark, len(src)/markEvery+1)
		k := 0
		for i, n := 0, 0; ; n++ {
			for ; k < len(x.marks) && k*markEvery <= i; k++ {
				x.marks[k] = mark{i, n}
			}
			if i >= len(src) {
				break
			}
			_, w := utf8.DecodeRune(src[i:])
			i += w
		}
	}
	return x
}

// runesTo counts the code points that end at or before byte off. An
// offset inside a character (HCL reports some) counts as that character's
// start, so that columns never decrease as offsets grow.
func (x *LineIndex) runesTo(off int) int {
	n, _ := x.runeStart(off)
	return n
}

// runeStart returns runesTo(off) and the byte where the character holding
// off starts (off itself on a boundary).
func (x *LineIndex) runeStart(off int) (runes, start int) {
	k := off / markEvery
	if x.marks[k].off > off {
		k--
	}
	n, i := x.marks[k].runes, x.marks[k].off
	for i < off {
		_, w := utf8.DecodeRune(x.src[i : off+min(utf8.UTFMax, len(x.src)-off)])
		if i+w > off {
			break
		}
		i += w
		n++
	}
	return n, i
}

// Line returns the 1-based line holding byte off.
func (x *LineIndex) Line(off int) int {
	return max(1, sort.Search(len(x.Starts), func(i int) bool { return x.Starts[i] > off }))
}

// Pos returns the position of byte off, clamped to the text. Its Offset is
// off, or the start of the character off is inside: two offsets with one
// line and column are one position.
func (x *LineIndex) Pos(off int) Pos {
	off = max(0, min(off, len(x.src)))
	line := x.Line(off)
	ls := x.Starts[line-1]
	off = max(off, ls)
	if x.ASCII {
		return MakePos(line, off-ls+1, off)
	}
	n, start := x.runeStart(off)
	return MakePos(line, n-x.runesTo(ls)+1, start)
}

// At returns the position of a 1-based line and column, with its Offset
// (see Offset): for parsers that know only lines and columns.
func (x *LineIndex) At(line, col int) Pos {
	return MakePos(line, col, x.Offset(line, col))
}

// Offset returns the byte offset of a 1-based line and column: where the
// col-th code point of the line starts, or the line's end (its line break,
// or the end of the text) for a column past it.
func (x *LineIndex) Offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(x.Starts) {
		return len(x.src)
	}
	ls, end := x.Starts[line-1], len(x.src)
	if line < len(x.Starts) {
		end = x.Starts[line] - 1 // the line break
	}
	if x.ASCII {
		return max(ls, min(ls+col-1, end))
	}
	want := x.runesTo(ls) + col - 1
	k := sort.Search(len(x.marks), func(k int) bool { return x.marks[k].runes > want }) - 1
	off, n := ls, x.runesTo(ls)
	if m := x.marks[k]; m.off > ls {
		off, n = m.off, m.runes
	}
	for off < end && n < want {
		_, w := utf8.DecodeRune(x.src[off:])
		off += w
		n++
	}
	return min(off, end)
}
