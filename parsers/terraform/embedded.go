package terraform

import (
	"bytes"
	"errors"
	"unicode/utf8"

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
	pin lint.Range
	// decoded, when set, maps positions in raw (counted from 1:1) to the
	// file: raw is a quoted string's value, whose escapes make it differ
	// from its source text.
	decoded *posMap
	// readings, or render to produce them when first needed, are the
	// text of a template rendered with a map back to its source (see
	// render.go); raw is then unused.
	readings []*rendered
	render   func() []*rendered
	parsed   *lint.Node
	// whole is the file when the text is all of it (a file() result), so
	// that a template_file data source can render it at its own lines.
	whole *srcFile
}

// posMap maps code points of a decoded string back to their source.
type posMap struct {
	lineStart []int      // index in src of each decoded line's first code point
	src       []lint.Pos // source position of each decoded code point, and one past the end
}

func (m *posMap) at(p lint.Pos) lint.Pos {
	if p.Line < 1 || int(p.Line) > len(m.lineStart) {
		return m.src[len(m.src)-1]
	}
	return m.src[min(m.lineStart[p.Line-1]+int(p.Col)-1, len(m.src)-1)]
}

// quotedString maps a quoted HCL string's value to its source, decoding
// the escapes HCL knows: \\n \\r \\t \\" \\\\ \\uNNNN \\UNNNNNNNN $${ %%{.
func quotedString(f *srcFile, from, to int) *posMap {
	return escapeMap(f, from, to, func(src []byte, i int) (int, bool) {
		switch {
		case src[i] == '\\' && i+1 < len(src):
			switch src[i+1] {
			case 'u':
				return 6, false
			case 'U':
				return 10, false
			case 'n':
				return 2, true
			}
			return 2, false
		case (src[i] == '$' || src[i] == '%') && i+2 < len(src) && src[i+1] == src[i] && src[i+2] == '{':
			return 2, false // the doubled sign is one character of the value
		}
		return 0, false
	})
}

// jsonString maps a JSON string's value to its source.
func jsonString(f *srcFile, from, to int) *posMap {
	return escapeMap(f, from, to, func(src []byte, i int) (int, bool) {
		if src[i] == '\\' && i+1 < len(src) {
			switch src[i+1] {
			case 'u':
				return 6, false
			case 'n':
				return 2, true
			}
			return 2, false
		}
		return 0, false
	})
}

// escapeMap walks a string's source from..to; escape tells the length of
// an escape sequence at i (0 for none) and whether it decodes to a newline.
func escapeMap(f *srcFile, from, to int, escape func(src []byte, i int) (int, bool)) *posMap {
	m := &posMap{lineStart: []int{0}}
	src := f.src[from:to]
	for i := 0; i < len(src); {
		m.src = append(m.src, f.pos(from+i))
		n, newline := escape(src, i)
		if n == 0 {
			_, n = utf8.DecodeRune(src[i:])
			newline = src[i] == '\n'
		}
		if newline {
			m.lineStart = append(m.lineStart, len(m.src))
		}
		i += min(n, len(src)-i)
	}
	m.src = append(m.src, f.pos(to))
	return m
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
	if len(n.Alts()) > 0 {
		base := *n
		base.SetAlts(nil)
		ev.copyMeta(n, &base)
		out := *ev.jsonOf(&base, what)
		out.SetAlts(nil)
		for _, a := range n.Alts() {
			out.SetAlts(append(out.Alts(), ev.jsonOf(a, what)))
		}
		return &out
	}
	emb := ev.embedded[n]
	if emb == nil {
		if n.Kind != lint.StringNode {
			if n.Kind == lint.ArrayNode || n.Kind == lint.ObjectNode {
				return n
			}
			return unknownRef(n.Range, n.Ref())
		}
		emb = ev.quoted(n)
		ev.embedded[n] = emb
	}
	if emb.parsed != nil {
		return emb.parsed
	}
	if emb.render != nil || emb.readings != nil {
		emb.parsed = ev.jsonOfReadings(emb, n, what)
		return emb.parsed
	}
	start := emb.start
	if emb.decoded != nil {
		start = lint.Pos{Line: 1, Col: 1}
	}
	if !ev.budget.Elements(n.Range, jsonValueBound(emb.raw)) {
		emb.parsed = unknown(n.Range)
		return emb.parsed
	}
	v, err := jsonnode.ParseAt(emb.file, emb.raw, start)
	if err != nil {
		var se *jsonnode.SyntaxError
		at := lint.Range{File: emb.file, Start: emb.start, End: emb.start}
		msg := err.Error()
		if errors.As(err, &se) {
			p := se.Pos
			if emb.decoded != nil {
				p = emb.decoded.at(p)
			}
			at = lint.Range{File: emb.file, Start: p, End: p}
			msg = se.Msg
		}
		if !emb.pin.IsZero() {
			at = emb.pin
		}
		ev.ctx.Errorf(at, "invalid JSON in %s: %s", what, msg)
		v = unknown(n.Range)
		emb.parsed = v
		return v
	}
	emb.fix(v)
	emb.parsed = v
	return v
}

// quoted places JSON written as a quoted string: a literal whose source
// is still there maps through its escapes. Any other string in a source
// file is the result of a function (replace(file(...), ...), format()):
// its lines are not the file's, so all of it is placed at the call.
// A string whose source is not at hand counts from its first character.
func (ev *evaluator) quoted(n *lint.Node) *embeddedText {
	if f := ev.files[n.Range.File]; f != nil && f.pin == nil {
		from, to := f.offset(n.Range.Start), f.offset(n.Range.End)
		if to-from >= 2 && to <= len(f.src) && f.src[from] == '"' && f.src[to-1] == '"' {
			return &embeddedText{file: f.name, raw: []byte(n.Text), decoded: quotedString(f, from+1, to-1)}
		}
		return &embeddedText{file: f.name, start: n.Range.Start, raw: []byte(n.Text), pin: n.Range}
	}
	start := n.Range.Start
	start.Col++
	start.Offset++ // the opening quote is one byte
	return &embeddedText{file: n.Range.File, start: start, raw: []byte(n.Text)}
}

// fix moves positions to the source: pinned when the text was
// rearranged, mapped through the escapes of a quoted string.
func (emb *embeddedText) fix(n *lint.Node) {
	n.Range = emb.place(n.Range)
	switch n.Kind {
	case lint.ArrayNode:
		for _, it := range n.Items {
			emb.fix(it)
		}
	case lint.ObjectNode:
		for _, f := range n.Fields {
			f.KeyRange = emb.place(f.KeyRange)
			emb.fix(f.Value)
		}
	}
}

func (emb *embeddedText) place(r lint.Range) lint.Range {
	switch {
	case !emb.pin.IsZero():
		return emb.pin
	case emb.decoded != nil:
		r.Start, r.End = emb.decoded.at(r.Start), emb.decoded.at(r.End)
	}
	return r
}

// jsonOfReadings parses the JSON of every reading of a rendered template
// and merges them. JSON that its holes cannot account for is an error at
// the offending character; where a hole's value might have made it valid,
// a note there. Either way that reading's value is unknown, never dropped
// without a word.
func (ev *evaluator) jsonOfReadings(emb *embeddedText, n *lint.Node, what string) *lint.Node {
	if emb.readings == nil {
		emb.readings = emb.render()
	}
	// Every reading is charged for the values it can hold before it is
	// read, as plain JSON text is: a small template can render megabytes.
	for _, r := range emb.readings {
		if !ev.budget.Elements(n.Range, jsonValueBound(r.buf)) {
			return unknown(n.Range)
		}
	}
	vals := make([]*lint.Node, 0, len(emb.readings))
	said := map[string]bool{}
	for _, r := range emb.readings {
		v, err := parseHoleJSON(r)
		if err != nil {
			v = unknownRef(n.Range, n.Ref())
			var se *holeSyntaxError
			if errors.As(err, &se) {
				at := r.rng(se.off, se.off)
				at.End = at.Start
				if r.f.pin != nil {
					at = *r.f.pin
				}
				if key := at.String() + se.msg; !said[key] {
					said[key] = true
					if se.nearHole {
						ev.ctx.Notef(at, "JSON in %s cannot be read around an interpolation whose value is unknown (%s); its value is unknown", what, se.msg)
					} else {
						ev.ctx.Errorf(at, "invalid JSON in %s: %s", what, se.msg)
					}
				}
			}
		}
		vals = append(vals, v)
	}
	if len(vals) == 0 {
		return unknownRef(n.Range, n.Ref())
	}
	return mergeReadings(vals)
}
