package lsp

import (
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/ecslint/ecslint/lint"
)

// Position encodings of LSP 3.17 (general.positionEncodings): what a
// Position.character counts. UTF-16 code units is the default every client
// understands; a client that offers UTF-8 or UTF-32 saves the server the
// conversion, and ecslint's own columns are code points (UTF-32).
const (
	encodingUTF8  = "utf-8"
	encodingUTF16 = "utf-16"
	encodingUTF32 = "utf-32"
)

// chooseEncoding picks the encoding of a session from the ones the client
// offers, in the client's order of preference as the specification asks,
// among those ecslint converts to; UTF-16 when it offers none of them.
func chooseEncoding(offered []string) string {
	for _, e := range offered {
		switch e {
		case encodingUTF8, encodingUTF16, encodingUTF32:
			return e
		}
	}
	return encodingUTF16
}

// units is the length of r in the encoding's units.
func units(r rune, encoding string) int {
	switch encoding {
	case encodingUTF8:
		if r == utf8.RuneError {
			return 1 // an invalid byte is one byte, as the text holds it
		}
		return utf8.RuneLen(r)
	case encodingUTF32:
		return 1
	default:
		if r >= 0x10000 {
			return 2 // a surrogate pair
		}
		return 1
	}
}

// text is a document as the client sees it, for converting ecslint's
// positions (line, column in code points, byte offset) into the client's.
// LSP breaks lines at LF, CRLF and a lone CR; ecslint's parsers break YAML
// at a lone CR too but JSON and HCL only at LF, so a line number alone can
// name a different line: where the byte offset is known it is the truth.
type text struct {
	src []byte
	// bom is the length of a UTF-8 byte order mark the linted text starts
	// with: clients do not show it, ecslint's offsets count it.
	bom int
	// starts holds the byte offset of each LSP line's first byte.
	starts []int
	// ecsStarts holds the byte offset of each line as ecslint counts lines
	// (LF only), for positions that carry no offset.
	ecsStarts []int
}

func newText(src []byte) *text {
	t := &text{src: src, starts: []int{0}, ecsStarts: []int{0}}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		t.bom = 3
		t.src = src[3:]
	}
	s := t.src
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			t.starts = append(t.starts, i+1)
			t.ecsStarts = append(t.ecsStarts, i+1)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue // the LF ends the line
			}
			t.starts = append(t.starts, i+1)
		}
	}
	return t
}

// offsetOf returns the byte offset (in src past the byte order mark) of
// an ecslint position: its offset where it has one, else its line and
// column counted in code points.
func (t *text) offsetOf(p lint.Pos) int {
	if p.Offset > 0 || (p.Line == 1 && p.Col == 1) {
		return min(max(int(p.Offset)-t.bom, 0), len(t.src))
	}
	line := int(p.Line) - 1
	if line < 0 {
		return 0
	}
	if line >= len(t.ecsStarts) {
		return len(t.src)
	}
	at := t.ecsStarts[line]
	for col := int32(1); col < p.Col && at < len(t.src) && t.src[at] != '\n'; col++ {
		_, size := utf8.DecodeRune(t.src[at:])
		at += size
	}
	return at
}

// position converts a byte offset into the client's line and character.
func (t *text) position(off int, encoding string) protocol.Position {
	line := lineAt(t.starts, off)
	start := t.starts[line]
	// A CR of a CRLF is the end of its line, not a character of it.
	end := min(off, len(t.src))
	n := 0
	for at := start; at < end; {
		r, size := utf8.DecodeRune(t.src[at:end])
		n += units(r, encoding)
		at += size
	}
	return protocol.Position{Line: uint32(line), Character: uint32(n)} //nolint:gosec // bounded by the file size cap
}

// offset converts a client position into a byte offset of src past the
// byte order mark; a character beyond the line's end is its end, as the
// specification says.
func (t *text) offset(p protocol.Position, encoding string) int {
	line := int(p.Line)
	if line >= len(t.starts) {
		return len(t.src)
	}
	at := t.starts[line]
	end := len(t.src)
	if line+1 < len(t.starts) {
		end = t.starts[line+1]
	}
	for n := 0; at < end && n < int(p.Character); {
		r, size := utf8.DecodeRune(t.src[at:end])
		if r == '\n' || r == '\r' {
			break
		}
		n += units(r, encoding)
		at += size
	}
	return at
}

// rangeOf converts an ecslint range into the client's.
func (t *text) rangeOf(r lint.Range, encoding string) protocol.Range {
	start := t.offsetOf(r.Start)
	end := start
	if !r.End.IsZero() {
		end = max(t.offsetOf(r.End), start)
	}
	return protocol.Range{Start: t.position(start, encoding), End: t.position(end, encoding)}
}

// lineAt returns the index of the line holding off.
func lineAt(starts []int, off int) int {
	lo, hi := 0, len(starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}
