package terraform

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/jsonnode"
)

// holeJSON parses JSON from a rendered template whose holes stand for what
// could not be known. Where a value is expected a hole is an unknown value
// at the interpolation's text; where elements or members are expected
// (between commas, after "[" or "{") it stands for any number of them,
// and the array or object is Partial; a string with a hole in it is
// unknown. Everything else must be JSON.
type holeJSON struct {
	r     *rendered
	buf   []byte
	off   int
	arena lint.Arena
}

// holeSyntaxError is JSON that holes cannot account for, at a rendered
// offset; nearHole says it follows a hole, whose value might have made it
// valid.
type holeSyntaxError struct {
	off      int
	msg      string
	nearHole bool
}

func (e *holeSyntaxError) Error() string { return e.msg }

func parseHoleJSON(r *rendered) (*lint.Node, error) {
	p := &holeJSON{r: r, buf: r.buf}
	p.skipSpace()
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.off < len(p.buf) {
		return nil, p.errf("unexpected %s after the top-level value", p.describe())
	}
	return n, nil
}

func (p *holeJSON) errf(format string, args ...any) error {
	back := p.off
	for back > 0 && isSpace(p.buf[back-1]) {
		back--
	}
	near := p.r.isHole(p.off) || back > 0 && p.r.isHole(back-1)
	return &holeSyntaxError{off: p.off, msg: fmt.Sprintf(format, args...), nearHole: near}
}

// scalarByte is a byte that can continue a number or a word: what sticks
// to a hole and makes one unknown value with it.
func scalarByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '-' || c == '+' || c == '_'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (p *holeJSON) skipSpace() {
	for p.off < len(p.buf) && isSpace(p.buf[p.off]) {
		p.off++
	}
}

func (p *holeJSON) describe() string {
	if p.off >= len(p.buf) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.buf[p.off:])
	if r == utf8.RuneError {
		return "invalid UTF-8"
	}
	return fmt.Sprintf("%q", r)
}

func (p *holeJSON) node(kind lint.NodeKind, text string, from int) *lint.Node {
	n := p.arena.Node(kind)
	n.Text, n.Range = text, p.r.rng(from, p.off)
	return n
}

func (p *holeJSON) hole() bool { return p.r.isHole(p.off) }

// holeRun consumes a hole and what sticks to it (more holes, a literal
// directly around it: ${a}${b}, 1${x}): one unknown value.
func (p *holeJSON) holeRun(from int) *lint.Node {
	var ref *lint.Node
	var origin *lint.Origin
	holes := 0
	for p.off < len(p.buf) {
		c := p.buf[p.off]
		if p.hole() {
			holes++
			ref = p.r.seg(p.off).node
			origin = holeOrigin(origin, ref)
		} else if !scalarByte(c) {
			break
		}
		p.off++
	}
	n := p.node(lint.UnknownNode, "", from)
	if holes == 1 && ref != nil && ref.Kind == lint.UnknownNode {
		n.SetRef(ref.Ref())
	}
	n.SetOrigin(origin)
	return n
}

// sticks reports whether the rendered byte at off would join the value
// before it: another hole or a scalar's byte.
func (p *holeJSON) sticks(off int) bool {
	return off < len(p.buf) && (p.r.isHole(off) || scalarByte(p.buf[off]))
}

// holeOrigin adds where a hole's unknown value comes from (a
// random_password.db.result, a sensitive variable) to what a JSON value
// made of holes already carries, so that "value": "${...}" still names its
// source.
func holeOrigin(o *lint.Origin, hole *lint.Node) *lint.Origin {
	if hole == nil || hole.Origin() == nil {
		return o
	}
	return withOrigins(o, hole.Origin())
}

func (p *holeJSON) value(depth int) (*lint.Node, error) {
	if depth > jsonnode.MaxDepth {
		return nil, p.errf("nesting deeper than %d levels", jsonnode.MaxDepth)
	}
	if p.off >= len(p.buf) {
		return nil, p.errf("unexpected end of input, expected a value")
	}
	start := p.off
	if p.hole() {
		if s := p.r.seg(start); s.encodes != nil && s.at == start && !p.sticks(s.at+s.n) {
			// ${jsonencode(x)} where x is partly unknown: x itself.
			p.off = s.at + s.n
			return s.encodes, nil
		}
		return p.holeRun(start), nil
	}
	if s := p.r.seg(start); s != nil && s.kind == pointSeg && s.node != nil && s.at == start {
		// A known interpolation whose value the evaluator placed
		// (jsonencode): that value, at its own positions.
		p.off = s.at + s.n
		return s.node, nil
	}
	switch c := p.buf[p.off]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		return p.str()
	case c == '-' || c >= '0' && c <= '9':
		if err := p.number(); err != nil {
			return nil, err
		}
		return p.scalarEnd(lint.NumberNode, string(p.buf[start:p.off]), start), nil
	default:
		for _, w := range [...]string{"true", "false", "null"} {
			if len(p.buf)-p.off >= len(w) && string(p.buf[p.off:p.off+len(w)]) == w {
				p.off += len(w)
				kind, text := lint.BoolNode, w
				if w == "null" {
					kind, text = lint.NullNode, ""
				}
				return p.scalarEnd(kind, text, start), nil
			}
		}
		return nil, p.errf("unexpected %s, expected a value", p.describe())
	}
}

// scalarEnd makes a scalar node, or an unknown one when a hole continues
// its text (1${var.x}).
func (p *holeJSON) scalarEnd(kind lint.NodeKind, text string, start int) *lint.Node {
	if p.hole() {
		return p.holeRun(start)
	}
	return p.node(kind, text, start)
}

func (p *holeJSON) number() error {
	digits := func() int {
		n := 0
		for p.off < len(p.buf) && p.buf[p.off] >= '0' && p.buf[p.off] <= '9' {
			p.off++
			n++
		}
		return n
	}
	if p.buf[p.off] == '-' {
		p.off++
	}
	if p.off < len(p.buf) && p.buf[p.off] == '0' {
		p.off++
		if p.off < len(p.buf) && p.buf[p.off] >= '0' && p.buf[p.off] <= '9' {
			return p.errf("invalid number: leading zero")
		}
	} else if digits() == 0 {
		return p.errf("invalid number: expected a digit")
	}
	if p.off < len(p.buf) && p.buf[p.off] == '.' {
		p.off++
		if digits() == 0 {
			return p.errf("invalid number: expected a digit after '.'")
		}
	}
	if p.off < len(p.buf) && (p.buf[p.off] == 'e' || p.buf[p.off] == 'E') {
		p.off++
		if p.off < len(p.buf) && (p.buf[p.off] == '+' || p.buf[p.off] == '-') {
			p.off++
		}
		if digits() == 0 {
			return p.errf("invalid number: expected a digit in the exponent")
		}
	}
	return nil
}

// str reads a string; one with a hole in it is unknown.
func (p *holeJSON) str() (*lint.Node, error) {
	start := p.off
	p.off++
	escaped, holed := false, false
	var ref *lint.Node
	var origin *lint.Origin
	for {
		if p.off >= len(p.buf) {
			return nil, p.errf("unexpected end of input in string")
		}
		c := p.buf[p.off]
		switch {
		case c == '"':
			p.off++
			if holed {
				n := p.node(lint.UnknownNode, "", start)
				if ref != nil && ref.Kind == lint.UnknownNode {
					n.SetRef(ref.Ref())
				}
				n.SetOrigin(origin)
				return n, nil
			}
			return p.decodeString(start, escaped)
		case c == '\\':
			escaped = true
			p.off += 2
			continue
		case p.hole():
			hole := p.r.seg(p.off).node
			if !holed {
				ref = hole
			} else {
				ref = nil
			}
			origin = holeOrigin(origin, hole)
			holed = true
		case c < 0x20:
			return nil, p.errf("control character %q in string", c)
		}
		p.off++
	}
}

func (p *holeJSON) decodeString(start int, escaped bool) (*lint.Node, error) {
	raw := p.buf[start:p.off]
	if !escaped {
		if !utf8.Valid(raw) {
			p.off = start
			return nil, p.errf("invalid UTF-8 in string")
		}
		return p.node(lint.StringNode, string(raw[1:len(raw)-1]), start), nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		end := p.off
		p.off = start
		e := p.errf("invalid string: %v", err)
		p.off = end
		return nil, e
	}
	return p.node(lint.StringNode, s, start), nil
}

// members reads what follows "[" or "{" up to closer; one calls element for
// each value that is not a hole. Holes between commas make it partial.
func (p *holeJSON) members(closer byte, element func() error) (partial bool, err error) {
	for {
		p.skipSpace()
		if p.off >= len(p.buf) {
			return false, p.errf("unexpected end of input, expected %q", closer)
		}
		switch {
		case p.buf[p.off] == closer:
			p.off++
			return partial, nil
		case p.hole():
			partial = true
			p.holeRun(p.off)
			p.skipSpace()
			if p.off < len(p.buf) && p.buf[p.off] == ':' && closer == '}' {
				// A key that is not known: its member is one of the
				// unknown ones.
				p.off++
				p.skipSpace()
				if _, err := p.value(1); err != nil {
					return false, err
				}
			} else {
				// The hole may end with its own comma (a %{ for }
				// body "{...},"): the next element may follow.
				if p.off < len(p.buf) && p.buf[p.off] == ',' {
					p.off++
				}
				continue
			}
		default:
			if err := element(); err != nil {
				return false, err
			}
		}
		p.skipSpace()
		switch {
		case p.off < len(p.buf) && p.buf[p.off] == ',':
			p.off++
			p.skipSpace()
			if p.off < len(p.buf) && p.buf[p.off] == closer && !partial {
				return false, p.errf("unexpected %q after ','", closer)
			}
		case p.off < len(p.buf) && (p.buf[p.off] == closer || p.hole()):
		default:
			return false, p.errf("unexpected %s, expected ',' or %q", p.describe(), closer)
		}
	}
}

func (p *holeJSON) array(depth int) (*lint.Node, error) {
	start := p.off
	p.off++
	n := p.arena.Node(lint.ArrayNode)
	partial, err := p.members(']', func() error {
		v, err := p.value(depth + 1)
		if err == nil {
			n.Items = append(n.Items, v)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	n.Partial, n.Range = partial, p.r.rng(start, p.off)
	return n, nil
}

func (p *holeJSON) object(depth int) (*lint.Node, error) {
	start := p.off
	p.off++
	n := p.arena.Node(lint.ObjectNode)
	unknownKey := false
	partial, err := p.members('}', func() error {
		if p.buf[p.off] != '"' {
			return p.errf("unexpected %s, expected a string key", p.describe())
		}
		key, err := p.str()
		if err != nil {
			return err
		}
		p.skipSpace()
		if p.off >= len(p.buf) || p.buf[p.off] != ':' {
			return p.errf("unexpected %s, expected ':' after a key", p.describe())
		}
		p.off++
		p.skipSpace()
		v, err := p.value(depth + 1)
		if err != nil {
			return err
		}
		if key.Kind != lint.StringNode {
			unknownKey = true // "${var.k}": any key
			return nil
		}
		n.Fields = append(n.Fields, p.arena.Field(key.Text, key.Range, v))
		return nil
	})
	if err != nil {
		return nil, err
	}
	n.Partial, n.Range = partial || unknownKey, p.r.rng(start, p.off)
	return n, nil
}

// mergeReadings combines the JSON of a template's readings into one value
// whose alternatives are the differences: a scalar that differs between
// readings gets alternatives at its own text (so a finding points at the
// branch that wrote it); arrays of the same length and objects with the
// same keys merge member by member; anything else becomes alternatives of
// the nearest array holding it, or of the whole value. The readings'
// nodes are not changed.
func mergeReadings(vs []*lint.Node) *lint.Node {
	out := vs[0]
	for _, v := range vs[1:] {
		if m, ok := mergeNodes(out, v); ok {
			out = m
		} else {
			out = withAlt(out, v)
		}
	}
	return out
}

func withAlt(a, b *lint.Node) *lint.Node {
	c := *a
	c.SetAlts(append(append(append([]*lint.Node(nil), a.Alts()...), b), b.Alts()...))
	return &c
}

// hasScalar reports whether a, or one of its alternatives, is the scalar b
// written at the same place: readings that agree there.
func hasScalar(a, b *lint.Node) bool {
	same := func(x *lint.Node) bool {
		return x.Kind == b.Kind && x.Text == b.Text && x.Range == b.Range && x.Ref() == b.Ref()
	}
	if same(a) {
		return true
	}
	for _, x := range a.Alts() {
		if same(x) {
			return true
		}
	}
	return false
}

func isScalar(n *lint.Node) bool {
	switch n.Kind {
	case lint.ArrayNode, lint.ObjectNode:
		return false
	}
	return true
}

// mergeNodes merges b into a; false when only alternatives of an
// enclosing array can tell them apart.
func mergeNodes(a, b *lint.Node) (*lint.Node, bool) {
	if a == b {
		return a, true
	}
	switch {
	case isScalar(a) && isScalar(b):
		if len(b.Alts()) == 0 && hasScalar(a, b) {
			return a, true
		}
		return withAlt(a, b), true
	case len(a.Alts()) > 0 || len(b.Alts()) > 0 || a.Kind != b.Kind:
		return nil, false
	case a.Kind == lint.ArrayNode:
		if len(a.Items) != len(b.Items) {
			if m, ok := alignItems(a, b); ok {
				return m, true
			}
			return withAlt(a, b), true
		}
		c := *a
		c.Items = make([]*lint.Node, len(a.Items))
		c.Partial = a.Partial || b.Partial
		for i := range a.Items {
			m, ok := mergeNodes(a.Items[i], b.Items[i])
			if !ok {
				return withAlt(a, b), true
			}
			c.Items[i] = m
		}
		return &c, true
	default:
		if len(a.Fields) != len(b.Fields) {
			return nil, false
		}
		c := *a
		c.Fields = make([]*lint.Field, len(a.Fields))
		c.Partial = a.Partial || b.Partial
		for i, fa := range a.Fields {
			fb := b.Fields[i]
			if fa.Key != fb.Key {
				return nil, false
			}
			m, ok := mergeNodes(fa.Value, fb.Value)
			if !ok {
				return nil, false
			}
			c.Fields[i] = &lint.Field{Key: fa.Key, KeyRange: fa.KeyRange, Value: m}
		}
		return &c, true
	}
}

// alignItems merges arrays whose readings differ in which elements they
// have (a %{ if } around an element): elements written at the same place
// are one element, merged; one that only some readings have is kept, since
// in those readings it is there. This reads each element once, where
// alternatives of the whole array would read the common ones twice. It
// gives up (false) when elements cannot be told apart by place: the
// iterations of a %{ for } share their body's text.
func alignItems(a, b *lint.Node) (*lint.Node, bool) {
	inA, ok := placesOf(a.Items)
	if !ok {
		return nil, false
	}
	inB, ok := placesOf(b.Items)
	if !ok {
		return nil, false
	}
	c := *a
	c.Items = make([]*lint.Node, 0, max(len(a.Items), len(b.Items)))
	c.Partial = a.Partial || b.Partial
	i, j := 0, 0
	for i < len(a.Items) || j < len(b.Items) {
		switch {
		case i < len(a.Items) && j < len(b.Items) && a.Items[i].Range == b.Items[j].Range:
			m, ok := mergeNodes(a.Items[i], b.Items[j])
			if !ok {
				return nil, false
			}
			c.Items = append(c.Items, m)
			i, j = i+1, j+1
		case j < len(b.Items) && (i == len(a.Items) || !inA[b.Items[j].Range]):
			c.Items = append(c.Items, b.Items[j]) // only in b
			j++
		case i < len(a.Items) && (j == len(b.Items) || !inB[a.Items[i].Range]):
			c.Items = append(c.Items, a.Items[i]) // only in a
			i++
		default:
			return nil, false // the same elements in another order
		}
	}
	return &c, true
}

// placesOf maps the ranges of items; false when two share one, or one has
// none (or alternatives, which stand for more than one element).
func placesOf(items []*lint.Node) (map[lint.Range]bool, bool) {
	m := make(map[lint.Range]bool, len(items))
	for _, it := range items {
		if it.Range.IsZero() || len(it.Alts()) > 0 || m[it.Range] {
			return nil, false
		}
		m[it.Range] = true
	}
	return m, true
}
