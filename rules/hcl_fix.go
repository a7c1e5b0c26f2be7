package rules

import (
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// This file holds the fixes that add text to a Terraform (HCL native
// syntax) block rather than change a value: a line of its own at the top
// of a nested block, or a nested block at the bottom of a resource. A
// rule sees where a block's header or closing brace is, not the text
// around it, so each edit names the whole text it replaces (lint.Edit.Old:
// the line's indentation, the header, the line break) and the engine drops
// the fix where the source reads otherwise: tabs, a comment after the
// brace, a one-line block, CRLF line ends, a block written in .tf.json.

// lineStart is the range from the start of at's line to the end of at,
// with the indentation it expects before at (spaces only; a tab makes the
// edit's Old text wrong, so the fix is dropped, never misplaced).
func lineStart(at lint.Range) (lint.Range, string, bool) {
	indent := at.Start.Col - 1
	if at.Start.IsZero() || indent < 0 || at.Start.Offset < indent {
		return lint.Range{}, "", false
	}
	r := at
	r.Start.Col, r.Start.Offset = 1, at.Start.Offset-indent
	return r, strings.Repeat(" ", int(indent)), true
}

// addBlockAttr is the fix that writes `attr = value` as the first line of
// the nested block whose type name is at header (written `typ {` and a
// line break), indented as the block's lines are: innerCol is the column
// of one of them (an attribute on a later line) or 0 for the header's
// indentation plus two spaces.
func addBlockAttr(header lint.Range, typ string, innerCol int32, attr, value, description string) []lint.Fix {
	if !strings.HasSuffix(header.File, ".tf") || header.Start.Line != header.End.Line ||
		int(header.End.Offset-header.Start.Offset) != len(typ) {
		return nil
	}
	r, indent, ok := lineStart(header)
	if !ok {
		return nil
	}
	inner := indent + "  "
	if innerCol > 1 {
		inner = strings.Repeat(" ", int(innerCol)-1)
	}
	old := indent + typ + " {\n"
	r.End.Offset += int32(len(" {\n"))
	r.End.Line, r.End.Col = r.End.Line+1, 1
	return []lint.Fix{{
		Description: description,
		Edits:       []lint.Edit{{Range: r, Old: old, NewText: old + inner + attr + " = " + value + "\n"}},
	}}
}

// addLastBlock is the fix that writes a nested block (its lines given
// without indentation) as the last thing in the resource whose whole
// text is extent, before its closing brace, which must stand on a line
// of its own at the indentation of the resource's header (at header).
// The block is indented two spaces further, as terraform fmt does, after
// a blank line.
func addLastBlock(header, extent lint.Range, description string, lines ...string) []lint.Fix {
	if !strings.HasSuffix(extent.File, ".tf") || extent.End.IsZero() || extent.End.Line <= header.Start.Line ||
		header.File != extent.File {
		return nil
	}
	_, indent, ok := lineStart(header)
	if !ok {
		return nil
	}
	// The brace is the closing line's only text: it ends at the column
	// after the header's indentation and the brace.
	width := header.Start.Col // the indentation and the brace
	closing := extent
	closing.Start = extent.End
	closing.Start.Col, closing.Start.Offset = 1, extent.End.Offset-width
	if closing.Start.Offset < 0 || extent.End.Col != width+1 {
		return nil
	}
	var b strings.Builder
	if extent.End.Line > header.Start.Line+1 {
		b.WriteString("\n") // a blank line after the resource's last line
	}
	for _, l := range lines {
		if l != "" {
			b.WriteString(indent + "  " + l)
		}
		b.WriteString("\n")
	}
	return []lint.Fix{{
		Description: description,
		Edits:       []lint.Edit{{Range: closing, Old: indent + "}", NewText: b.String() + indent + "}"}},
	}}
}
