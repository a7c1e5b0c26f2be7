package terraform

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/ecslint/ecslint/lint"
)

// srcFile is one source file with a line index. HCL reports byte offsets
// and counts columns in grapheme clusters; findings count columns in code
// points, so every range is recomputed from the byte offset.
type srcFile struct {
	lines *lint.LineIndex
	name  string // slash path, as findings print it
	src   []byte
	// via, when set, maps positions of this text to the file it was
	// decoded from: src is a JSON string's value in a .tf.json file.
	via *posMap
	// pin, when set, is where every position of this file is reported: the
	// call of a downloaded module, whose code the user does not edit.
	pin *lint.Range
	// key names the file to HCL and in the evaluator's file table; it
	// differs from name for pinned copies and decoded strings.
	key string
}

func newSrcFile(name string, src []byte) *srcFile {
	// HCL breaks lines at LF only (CRLF ends in one).
	return &srcFile{lines: lint.NewLineIndex(src, 0, false), name: name, key: name, src: src}
}

// pos converts a byte offset into a position.
func (f *srcFile) pos(off int) lint.Pos {
	p := f.lines.Pos(off)
	switch {
	case f.pin != nil:
		return f.pin.Start
	case f.via != nil:
		return f.via.at(p)
	}
	return p
}

// offset converts a position back into a byte offset.
func (f *srcFile) offset(p lint.Pos) int {
	if p.Line < 1 || int(p.Line) > len(f.lines.Starts) {
		return len(f.src)
	}
	return f.lines.Offset(int(p.Line), int(p.Col))
}

// rng converts an HCL range of this file.
func (f *srcFile) rng(r hcl.Range) lint.Range {
	if f.pin != nil {
		return *f.pin
	}
	return lint.Range{File: f.name, Start: f.pos(r.Start.Byte), End: f.pos(r.End.Byte)}
}

// place is where a range of this file is reported.
func (f *srcFile) place(r lint.Range) lint.Range {
	if f.pin != nil {
		return *f.pin
	}
	return r
}

// embed records that a string's text stands in this file at start.
func (f *srcFile) embed(start lint.Pos, raw []byte) *embeddedText {
	e := &embeddedText{file: f.name, start: start, raw: raw}
	if f.pin != nil {
		e.pin = *f.pin
	}
	return e
}

// text is the source text of an HCL range.
func (f *srcFile) text(r hcl.Range) []byte {
	s, e := max(0, r.Start.Byte), min(len(f.src), r.End.Byte)
	if s >= e {
		return nil
	}
	return f.src[s:e]
}
