package lint

import "fmt"

// Pos is a position in a source file. Line and Col are 1-based; Col counts
// Unicode code points from the start of the line (a tab is one column), so a
// line with non-ASCII text before a key still points at the key. Offset is
// the 0-based byte offset of the same place in the file's text as the
// parsers read it (UTF-8: a UTF-16 file counts in its decoded text, a UTF-8
// byte order mark counts, so line 1, column 1 is then offset 3); edits
// (see Edit) replace bytes there. The zero Pos means "no position".
//
// The fields are int32, not int: a large input holds millions of ranges,
// and files are capped far below 2 GiB (see MaxFileSize), so 12 bytes a
// position are enough where 24 would be spent.
type Pos struct {
	Line   int32
	Col    int32
	Offset int32
}

// MakePos returns the position at a 1-based line and column (in code
// points) and a byte offset. Each fits an int32: inputs are capped at
// MaxFileSizeLimit.
func MakePos(line, col, offset int) Pos {
	return Pos{Line: int32(line), Col: int32(col), Offset: int32(offset)} //nolint:gosec // inputs are capped at MaxFileSizeLimit
}

// LineCol returns a position known by its line and column only: in the
// config file, which no edit changes, Offset is left 0.
func LineCol(line, col int) Pos { return MakePos(line, col, 0) }

// IsZero reports whether p is the zero position.
func (p Pos) IsZero() bool { return p.Line == 0 }

// Before reports whether p comes strictly before q.
func (p Pos) Before(q Pos) bool {
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// Range is a span of source text in one file. End is exclusive: for a key
// "privileged" at line 3, column 5, End is line 3, column 17 (with quotes).
type Range struct {
	File  string
	Start Pos
	End   Pos
}

// IsZero reports whether r carries no position.
func (r Range) IsZero() bool { return r.File == "" && r.Start.IsZero() }

// Contains reports whether q starts inside r (End exclusive).
func (r Range) Contains(q Range) bool {
	return r.File == q.File && !q.Start.Before(r.Start) && q.Start.Before(r.End)
}

// Or returns r, or fallback when r carries no position. Rules use it to point
// at an enclosing object when the value they complain about is absent.
func (r Range) Or(fallback Range) Range {
	if r.IsZero() || r.Start.IsZero() {
		return fallback
	}
	return r
}

// String formats r as file:line:col, the form editors and terminals link,
// or as the file alone when r has no position (a file that could not be
// read): "file:0:0" would send an editor to a line that does not exist.
func (r Range) String() string {
	if r.Start.IsZero() {
		return r.File
	}
	return fmt.Sprintf("%s:%d:%d", r.File, r.Start.Line, r.Start.Col)
}
