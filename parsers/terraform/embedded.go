package terraform

import (
	"bytes"
	"errors"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/jsonnode"
)

// embeddedText is the text of a string as it stands in a file: a heredoc's
// lines in the .tf file, the file file() read, the template templatefile()
// rendered. JSON in it is parsed from this text at start, so a key inside a
// heredoc is reported at its own line.
type embeddedText struct {
	file  string
	start lint.Pos
	raw   []byte
	// pin, when set, places every parsed value there: the text was
	// rendered by directives that move lines around.
	pin    lint.Range
	parsed *lint.Node
}

// renderInPlace rebuilds a template's text from its source: literal parts
// as written (so positions stay those of the file), interpolations replaced
// by their value, or a marker when the value is unknown. Only keys on the
// same line after an interpolation shift.
func renderInPlace(f *srcFile, exprs []hclsyntax.Expression, vals []*lint.Node) *embeddedText {
	if len(exprs) == 0 {
		return &embeddedText{file: f.name}
	}
	start := exprs[0].Range().Start.Byte
	if _, lit := exprs[0].(*hclsyntax.LiteralValueExpr); !lit {
		start = interpolationStart(f.src, start)
	}
	var b bytes.Buffer
	prevEnd := start
	for i, x := range exprs {
		r := x.Range()
		if _, lit := x.(*hclsyntax.LiteralValueExpr); lit {
			b.Write(f.src[max(prevEnd, r.Start.Byte):r.End.Byte])
			prevEnd = r.End.Byte
			continue
		}
		open := interpolationStart(f.src, r.Start.Byte)
		if open > prevEnd {
			b.Write(f.src[prevEnd:open])
		}
		n := vals[i]
		switch {
		case len(n.Alts) > 0:
			b.WriteString(unknownText)
		case n.Kind == lint.StringNode || n.Kind == lint.NumberNode || n.Kind == lint.BoolNode:
			b.WriteString(n.Text)
		default:
			b.WriteString(unknownText)
		}
		prevEnd = interpolationEnd(f.src, r.End.Byte)
	}
	return &embeddedText{file: f.name, start: f.pos(start), raw: b.Bytes()}
}

// interpolationStart finds the "${" (or "%{") that opens the interpolation
// whose expression starts at off.
func interpolationStart(src []byte, off int) int {
	for i := min(off, len(src)) - 1; i > 0; i-- {
		if src[i] == '{' && (src[i-1] == '$' || src[i-1] == '%') {
			return i - 1
		}
	}
	return off
}

// interpolationEnd finds the end of the "}" that closes an interpolation
// whose expression ends at off.
func interpolationEnd(src []byte, off int) int {
	if i := bytes.IndexByte(src[min(off, len(src)):], '}'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// jsonOf returns the JSON value a string holds, with positions: the value
// jsonencode() encoded, JSON parsed from a heredoc or a file at its lines,
// or JSON parsed from a quoted string at the string. Invalid JSON is an
// error at its position; the value is then unknown.
func (ev *evaluator) jsonOf(n *lint.Node, what string) *lint.Node {
	if v, ok := ev.encoded[n]; ok {
		return v
	}
	if len(n.Alts) > 0 {
		base := *n
		base.Alts = nil
		ev.copyMeta(n, &base)
		out := *ev.jsonOf(&base, what)
		out.Alts = nil
		for _, a := range n.Alts {
			out.Alts = append(out.Alts, ev.jsonOf(a, what))
		}
		return &out
	}
	emb := ev.embedded[n]
	if emb == nil {
		if n.Kind != lint.StringNode {
			if n.Kind == lint.ArrayNode || n.Kind == lint.ObjectNode {
				return n
			}
			return unknownRef(n.Range, n.Ref)
		}
		// A quoted string: its escapes make the text differ from the source,
		// so positions count from the string's first character.
		start := n.Range.Start
		start.Col++
		emb = &embeddedText{file: n.Range.File, start: start, raw: []byte(n.Text)}
		ev.embedded[n] = emb
	}
	if emb.parsed != nil {
		return emb.parsed
	}
	v, err := jsonnode.ParseAt(emb.file, emb.raw, emb.start)
	if err != nil {
		var se *jsonnode.SyntaxError
		at := lint.Range{File: emb.file, Start: emb.start, End: emb.start}
		msg := err.Error()
		if errors.As(err, &se) {
			at = lint.Range{File: emb.file, Start: se.Pos, End: se.Pos}
			msg = se.Msg
		}
		if !emb.pin.IsZero() {
			at = emb.pin
		}
		if bytes.Contains(emb.raw, []byte(unknownText)) {
			// The JSON is only broken where an unknown value stands.
			v = unknown(n.Range)
		} else {
			ev.ctx.Errorf(at, "invalid JSON in %s: %s", what, msg)
			v = unknown(n.Range)
		}
		emb.parsed = v
		return v
	}
	markUnknown(v, emb.pin)
	emb.parsed = v
	return v
}

// markUnknown turns strings that hold an unknown interpolation into unknown
// values, and pins positions when the text was rearranged.
func markUnknown(n *lint.Node, pin lint.Range) {
	if !pin.IsZero() {
		n.Range = pin
	}
	switch n.Kind {
	case lint.StringNode:
		if strings.Contains(n.Text, unknownText) {
			n.Kind, n.Text = lint.UnknownNode, ""
		}
	case lint.ArrayNode:
		for _, it := range n.Items {
			markUnknown(it, pin)
		}
	case lint.ObjectNode:
		for _, f := range n.Fields {
			if !pin.IsZero() {
				f.KeyRange = pin
			}
			markUnknown(f.Value, pin)
		}
	}
}
