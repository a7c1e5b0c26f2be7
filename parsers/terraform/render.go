package terraform

import (
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/ecslint/ecslint/lint"
)

// A template (a heredoc, a quoted string with interpolations, a
// templatefile() target) is rendered into text that JSON is then parsed
// from. The text differs from the source: interpolations are replaced by
// their values, escapes and strip markers change lengths, a %{ for }
// repeats its body. A rendering therefore carries a map from every byte of
// its text back to the source byte that wrote it, so positions stay exact,
// and marks the places whose value is unknown (holes), which the JSON
// reader (holejson.go) treats as unknown values, elements or members.

// holeText stands for a hole in rendered text. The segment map, not the
// byte, says whether a NUL is a hole: a NUL from a known value stays text.
const holeText = "\x00"

// segKind is what a run of rendered bytes stands for.
type segKind uint8

const (
	// textSeg bytes were written one for one at src, src+1, ...
	textSeg segKind = iota
	// pointSeg bytes all come from the source text src..end: an escape
	// sequence, or the value of a known interpolation.
	pointSeg
	// holeSeg is one holeText byte standing for the unknown value of the
	// interpolation or directive at src..end.
	holeSeg
)

// segment maps rendered bytes at..at+n to the source.
type segment struct {
	at, n    int
	src, end int
	kind     segKind
	// node is a hole's unknown value (for its Ref), or the value a known
	// interpolation encodes when the evaluator kept its positions
	// (jsonencode): where it stands for a whole JSON value, that value
	// is used as it is.
	node *lint.Node
	// encodes is, for a hole whose value is jsonencode() of a value only
	// partly known, that value: a hole that is a whole JSON value stands
	// for it, with its known parts and the origins of its unknown ones.
	encodes *lint.Node
}

// rendered is one reading of a template: its text and the map of every
// byte of it to the source file f.
type rendered struct {
	f    *srcFile
	buf  []byte
	segs []segment
}

func (r *rendered) clone() *rendered {
	return &rendered{f: r.f, buf: append([]byte(nil), r.buf...), segs: append([]segment(nil), r.segs...)}
}

// add appends n rendered bytes mapped as seg says, joining a text run that
// continues the previous one.
func (r *rendered) add(b string, seg segment) {
	seg.at, seg.n = len(r.buf), len(b)
	r.buf = append(r.buf, b...)
	if seg.n == 0 {
		return
	}
	if k := len(r.segs) - 1; k >= 0 && seg.kind == textSeg && r.segs[k].kind == textSeg &&
		r.segs[k].at+r.segs[k].n == seg.at && r.segs[k].src+r.segs[k].n == seg.src {
		r.segs[k].n += seg.n
		r.segs[k].end = seg.src + seg.n
		return
	}
	r.segs = append(r.segs, seg)
}

func (r *rendered) hole(from, to int, n *lint.Node) {
	r.add(holeText, segment{kind: holeSeg, src: from, end: to, node: n})
}

// seg returns the segment holding rendered byte off, or nil.
func (r *rendered) seg(off int) *segment {
	i := sort.Search(len(r.segs), func(i int) bool { return r.segs[i].at+r.segs[i].n > off })
	if i < len(r.segs) && r.segs[i].at <= off {
		return &r.segs[i]
	}
	return nil
}

// isHole reports whether rendered byte off is a hole.
func (r *rendered) isHole(off int) bool {
	if off >= len(r.buf) || r.buf[off] != holeText[0] {
		return false
	}
	s := r.seg(off)
	return s != nil && s.kind == holeSeg
}

// srcStart is the source offset where the rendered byte at off begins.
func (r *rendered) srcStart(off int) int {
	if s := r.seg(off); s != nil {
		if s.kind == textSeg {
			return s.src + off - s.at
		}
		return s.src
	}
	if len(r.segs) > 0 {
		return r.segs[len(r.segs)-1].end
	}
	return 0
}

// srcEnd is the source offset just past the rendered bytes before off.
func (r *rendered) srcEnd(off int) int {
	if off <= 0 {
		return r.srcStart(0)
	}
	s := r.seg(off - 1)
	if s == nil {
		return r.srcStart(off)
	}
	if s.kind == textSeg {
		return s.src + off - s.at
	}
	return s.end
}

// rng is the source range of the rendered bytes from..to.
func (r *rendered) rng(from, to int) lint.Range {
	if r.f.pin != nil {
		return *r.f.pin
	}
	out := lint.Range{File: r.f.name, Start: r.f.pos(r.srcStart(from)), End: r.f.pos(r.srcEnd(to))}
	if out.End.Before(out.Start) {
		// A value that starts in one iteration of a %{ for } and ends
		// in a later one, whose text comes first.
		out.End = out.Start
	}
	return out
}

// literal appends a template's literal part: its value, aligned with the
// source text it was written as. The value drops what the source has and
// it has not: the indentation of a <<- heredoc, the spaces a ~ strip marker
// removes; it decodes $${ and %%{ and, in a quoted string, the escapes.
func (r *rendered) literal(lit *hclsyntax.LiteralValueExpr, val string, quoted bool) {
	src := r.f.src
	i, to := lit.SrcRange.Start.Byte, min(lit.SrcRange.End.Byte, len(src))
	if to-i == len(val) && string(src[i:to]) == val {
		r.add(val, segment{kind: textSeg, src: i})
		return
	}
	for j := 0; j < len(val); {
		if i >= to {
			r.add(val[j:], segment{kind: pointSeg, src: to, end: to})
			return
		}
		dec, k := decodeAt(src[i:to], quoted)
		switch {
		case len(dec) > 0 && len(val)-j >= len(dec) && val[j:j+len(dec)] == string(dec):
			kind := textSeg
			if k != len(dec) {
				kind = pointSeg
			}
			r.add(val[j:j+len(dec)], segment{kind: kind, src: i, end: i + k})
			i, j = i+k, j+len(dec)
		case src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r':
			i++ // removed by <<- or a strip marker
		default:
			// Not the text HCL decoded: place the rest at this point.
			r.add(val[j:], segment{kind: pointSeg, src: i, end: to})
			return
		}
	}
}

// decodeAt decodes the character at the start of src as HCL reads it in a
// template: what it stands for and how many source bytes it takes.
func decodeAt(src []byte, quoted bool) ([]byte, int) {
	if len(src) >= 3 && (src[0] == '$' || src[0] == '%') && src[1] == src[0] && src[2] == '{' {
		return src[1:3], 3
	}
	if quoted && src[0] == '\\' && len(src) >= 2 {
		switch src[1] {
		case 'n':
			return []byte{'\n'}, 2
		case 'r':
			return []byte{'\r'}, 2
		case 't':
			return []byte{'\t'}, 2
		case '"', '\\':
			return src[1:2], 2
		case 'u', 'U':
			digits := 4
			if src[1] == 'U' {
				digits = 8
			}
			if len(src) >= 2+digits {
				// 31 bits: a rune; anything larger is not a character.
				if v, err := strconv.ParseInt(string(src[2:2+digits]), 16, 32); err == nil {
					return utf8.AppendRune(nil, rune(v)), 2 + digits
				}
			}
		}
	}
	_, n := utf8.DecodeRune(src)
	return src[:n], n
}

// maxTemplateVariants bounds the readings of one template: every %{ if }
// whose condition is unknown doubles them.
const maxTemplateVariants = 16

// maxRenderedBytes bounds the text of all readings of one template
// together: a %{ for } over a large collection must not exhaust memory.
const maxRenderedBytes = 16 << 20

// renderer renders a template's parts into every reading it has.
type renderer struct {
	ev     *evaluator
	f      *srcFile
	quoted bool
	vs     []*rendered
	// budget is shared by the renderers an unknown condition forks.
	budget *renderBudget
}

// renderBudget is what one template's rendering may still use.
type renderBudget struct {
	// live counts the readings of the whole template; capNoted is set
	// once maxTemplateVariants has been reported.
	live     int
	capNoted bool
	// size counts the bytes of all readings; sizeNoted is set once
	// maxRenderedBytes has been reported.
	size      int
	sizeNoted bool
}

// render renders a template's parts; vals, when not nil, are the parts'
// values already evaluated.
func (ev *evaluator) render(s *scope, f *srcFile, parts []hclsyntax.Expression, vals []*lint.Node, quoted bool) []*rendered {
	first := &rendered{f: f}
	if len(parts) > 0 {
		// Most templates render to about their own length.
		span := parts[len(parts)-1].Range().End.Byte - parts[0].Range().Start.Byte
		first.buf = make([]byte, 0, max(span, 0)+16)
		first.segs = make([]segment, 0, len(parts)+1)
	}
	rd := &renderer{ev: ev, f: f, quoted: quoted, vs: []*rendered{first}, budget: &renderBudget{live: 1}}
	rd.parts(s, parts, vals)
	return rd.vs
}

func (rd *renderer) parts(s *scope, parts []hclsyntax.Expression, vals []*lint.Node) {
	prevEnd := 0
	if len(parts) > 0 {
		prevEnd = parts[0].Range().Start.Byte
		if _, lit := parts[0].(*hclsyntax.LiteralValueExpr); !lit && !rd.directive(parts[0]) {
			prevEnd = 0
		}
	}
	for i, p := range parts {
		var v *lint.Node
		if vals != nil {
			v = vals[i]
		}
		rd.part(s, p, v, prevEnd)
		prevEnd = max(prevEnd, p.Range().End.Byte)
	}
}

// directive reports an expression written as %{ if } or %{ for }, not as
// an interpolation ${ a ? b : c }.
func (rd *renderer) directive(x hclsyntax.Expression) bool {
	at := x.Range().Start.Byte
	return at+1 < len(rd.f.src) && rd.f.src[at] == '%' && rd.f.src[at+1] == '{'
}

func (rd *renderer) part(s *scope, x hclsyntax.Expression, v *lint.Node, prevEnd int) {
	if !rd.ev.tick(rd.f.rng(x.Range())) {
		rd.holes(x.Range().Start.Byte, x.Range().End.Byte, nil)
		return
	}
	switch e := x.(type) {
	case *hclsyntax.LiteralValueExpr:
		if e.Val.Type() == cty.String && e.Val.IsKnown() && !e.Val.IsNull() {
			val := e.Val.AsString()
			for _, r := range rd.vs {
				r.literal(e, val, rd.quoted)
			}
			rd.budget.size += len(val) * len(rd.vs)
			return
		}
	case *hclsyntax.TemplateExpr:
		rd.parts(s, e.Parts, nil)
		return
	case *hclsyntax.TemplateWrapExpr:
		rd.part(s, e.Wrapped, v, prevEnd)
		return
	case *hclsyntax.ConditionalExpr:
		if rd.directive(e) {
			rd.ifDirective(s, e)
			return
		}
	case *hclsyntax.TemplateJoinExpr:
		if fe, ok := e.Tuple.(*hclsyntax.ForExpr); ok {
			rd.forDirective(s, fe, e.Range())
			return
		}
	}
	rd.interpolation(s, x, v, prevEnd)
}

// room reports whether a %{ for } may render one more iteration; past the
// limit the rest of the loop is a hole, noted once. Text outside loops is
// bounded by the template's own size.
func (rd *renderer) room(x hclsyntax.Expression) bool {
	if rd.budget.size <= maxRenderedBytes {
		return true
	}
	if !rd.budget.sizeNoted {
		rd.budget.sizeNoted = true
		rd.ev.ctx.Notef(rd.f.rng(x.Range()), "template renders to more than %d MiB; the rest of it is read as unknown", maxRenderedBytes>>20)
	}
	return false
}

// interpolation appends the value of a ${ } part: its text when known, a
// hole when not.
func (rd *renderer) interpolation(s *scope, x hclsyntax.Expression, v *lint.Node, prevEnd int) {
	r := x.Range()
	from := max(interpolationStart(rd.f.src, r.Start.Byte), prevEnd)
	to := interpolationEnd(rd.f.src, r.End.Byte)
	if v == nil {
		v = rd.ev.evalHCL(s, rd.f, x)
	}
	if len(v.Alts()) == 0 && knownText(v) {
		seg := segment{kind: pointSeg, src: from, end: to, node: rd.ev.encoded[v]}
		for _, out := range rd.vs {
			out.add(v.Text, seg)
		}
		rd.budget.size += len(v.Text) * len(rd.vs)
		return
	}
	if alts := possibleValues(v); len(alts) > 1 && allKnownText(alts) && rd.budget.live+(len(alts)-1)*len(rd.vs) <= maxTemplateVariants {
		// ${ cond ? "true" : "false" } with an unknown condition: one
		// reading per possible value, as for an unknown %{ if }.
		rd.budget.live += (len(alts) - 1) * len(rd.vs)
		var all []*rendered
		for i, a := range alts {
			seg := segment{kind: pointSeg, src: from, end: to, node: rd.ev.encoded[a]}
			for _, out := range rd.vs {
				if i < len(alts)-1 {
					out = out.clone()
				}
				out.add(a.Text, seg)
				rd.budget.size += len(out.buf)
				all = append(all, out)
			}
		}
		rd.vs = all
		return
	}
	if enc := rd.ev.encoded[v]; enc != nil && len(v.Alts()) == 0 {
		for _, out := range rd.vs {
			out.add(holeText, segment{kind: holeSeg, src: from, end: to, node: v, encodes: enc})
		}
		return
	}
	rd.holes(from, to, v)
}

// possibleValues is v, then its alternatives.
func possibleValues(v *lint.Node) []*lint.Node {
	if len(v.Alts()) == 0 {
		return []*lint.Node{v}
	}
	first := *v
	first.SetAlts(nil)
	return append([]*lint.Node{&first}, v.Alts()...)
}

func knownText(v *lint.Node) bool {
	return v.Kind == lint.StringNode || v.Kind == lint.NumberNode || v.Kind == lint.BoolNode
}

func allKnownText(vs []*lint.Node) bool {
	for _, v := range vs {
		if !knownText(v) {
			return false
		}
	}
	return true
}

func (rd *renderer) holes(from, to int, v *lint.Node) {
	for _, out := range rd.vs {
		out.hole(from, to, v)
	}
}

// ifDirective renders the branch a known condition takes, or both: every
// reading so far forks into one that takes the first branch and one that
// takes the other, as CloudFormation's Fn::If is read.
func (rd *renderer) ifDirective(s *scope, e *hclsyntax.ConditionalExpr) {
	cond := rd.ev.evalHCL(s, rd.f, e.Condition)
	if b, ok := truth(cond); ok {
		if b {
			rd.part(s, e.TrueResult, nil, e.TrueResult.Range().Start.Byte)
		} else {
			rd.part(s, e.FalseResult, nil, e.FalseResult.Range().Start.Byte)
		}
		return
	}
	if rd.budget.live+len(rd.vs) > maxTemplateVariants {
		if !rd.budget.capNoted {
			rd.budget.capNoted = true
			rd.ev.ctx.Notef(rd.f.rng(e.SrcRange), "more than %d combinations of %%{ if } conditions that cannot be known; this one and the rest are read as unknown", maxTemplateVariants)
		}
		rd.holes(e.SrcRange.Start.Byte, e.SrcRange.End.Byte, nil)
		return
	}
	rd.budget.live += len(rd.vs)
	other := &renderer{ev: rd.ev, f: rd.f, quoted: rd.quoted, budget: rd.budget}
	for _, r := range rd.vs {
		other.vs = append(other.vs, r.clone())
		rd.budget.size += len(r.buf)
	}
	rd.part(s, e.TrueResult, nil, e.TrueResult.Range().Start.Byte)
	other.part(s, e.FalseResult, nil, e.FalseResult.Range().Start.Byte)
	rd.vs = append(rd.vs, other.vs...)
}

// forDirective repeats a %{ for }'s body for each element of a known
// collection, each time at the body's own text; over an unknown one it is
// a hole, which in JSON stands for elements or members.
func (rd *renderer) forDirective(s *scope, e *hclsyntax.ForExpr, whole hcl.Range) {
	coll := rd.ev.evalHCL(s, rd.f, e.CollExpr)
	if len(coll.Alts()) > 0 || coll.Kind != lint.ArrayNode && coll.Kind != lint.ObjectNode {
		rd.holes(whole.Start.Byte, whole.End.Byte, nil)
		return
	}
	bind := func(k, v *lint.Node) {
		names := map[string]*lint.Node{e.ValVar: v}
		if e.KeyVar != "" {
			names[e.KeyVar] = k
		}
		rd.part(s.with(names), e.ValExpr, nil, e.ValExpr.Range().Start.Byte)
	}
	if coll.Kind == lint.ArrayNode {
		for i, it := range coll.Items {
			if !rd.room(e) {
				rd.holes(whole.Start.Byte, whole.End.Byte, nil)
				return
			}
			bind(numNode(i, it.Range), it)
		}
		return
	}
	// Terraform iterates a map's keys in lexical order.
	for _, fl := range sortedKeys(coll) {
		if !rd.room(e) {
			rd.holes(whole.Start.Byte, whole.End.Byte, nil)
			return
		}
		bind(strNode(fl.Key, fl.KeyRange), fl.Value)
	}
}

// hasDirective reports a template with %{ if } or %{ for } at its top
// (not an interpolated conditional ${ a ? b : c }).
func hasDirective(f *srcFile, parts []hclsyntax.Expression) bool {
	for _, p := range parts {
		switch p.(type) {
		case *hclsyntax.TemplateJoinExpr:
			return true
		case *hclsyntax.ConditionalExpr:
			if at := p.Range().Start.Byte; at+1 < len(f.src) && f.src[at] == '%' && f.src[at+1] == '{' {
				return true
			}
		}
	}
	return false
}

// holed reports a reading with a hole in it.
func (r *rendered) holed() bool {
	for _, s := range r.segs {
		if s.kind == holeSeg {
			return true
		}
	}
	return false
}
