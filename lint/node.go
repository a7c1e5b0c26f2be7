package lint

import "slices"

// NodeKind is the kind of a Node.
type NodeKind uint8

const (
	NullNode NodeKind = iota
	BoolNode
	NumberNode
	StringNode
	ArrayNode
	ObjectNode
	// UnknownNode is a value that cannot be known offline.
	UnknownNode
	// AbsentNode is a value that is explicitly not set (CloudFormation's
	// AWS::NoValue); it only appears among alternatives.
	AbsentNode
)

var nodeKindNames = [...]string{"null", "boolean", "number", "string", "array", "object", "unknown", "absent"}

func (k NodeKind) String() string {
	if int(k) < len(nodeKindNames) {
		return nodeKindNames[k]
	}
	return "invalid"
}

// Node is a JSON-like document with positions: what every parser reduces a
// task definition to before decoding it into the model. Raw JSON, a
// CloudFormation template's YAML or JSON, and a Terraform jsonencode() object
// or heredoc all become Nodes, so one decoder serves them all.
type Node struct {
	Kind NodeKind
	// Partial marks an array or object that has, beside its Items or
	// Fields, elements or members that could not be known: Terraform JSON
	// text with an interpolation standing for several of them
	// ([ ${join(",", local.env)} ], { "name": "x", ${local.extra} }). Its
	// known elements are still checked, but a key absent from a partial
	// object may be set by the hole: it is unknown, not unset.
	Partial bool
	// Text is a string's value, a number's literal, or "true"/"false".
	Text   string
	Items  []*Node
	Fields []*Field
	// Range is the value's text.
	Range Range
	// more holds what few nodes have (see nodeMore). A tree of a large
	// file has millions of nodes: keeping these out of line makes each
	// 56 bytes smaller.
	more *nodeMore
}

// nodeMore is the part of a Node that nearly every node leaves empty. It
// is never changed in place: nodes are copied (PlacedAt, the evaluators'
// rewrites) and a copy shares it, so each setter installs a new one.
type nodeMore struct {
	// ref names the resource this value refers to, if any.
	ref string
	// alts holds further possible values (CloudFormation Fn::If).
	alts []*Node
	// origin says where a value the parser could not compute comes from
	// (a resource attribute, a sensitive variable).
	origin *Origin
	// written, for a value placed away from the text that wrote it (a
	// CloudFormation parameter default a !Ref puts where it is used, a
	// Terraform variable default a "${var.x}" puts at the template, a
	// string built from such values), lists that text: a secret found in
	// the value is masked there too.
	written []Range
	// pattern is what is known of an unknown string built from known
	// text and unknown parts.
	pattern *Pattern
}

// Ref names the resource n refers to, if any.
func (n *Node) Ref() string {
	if n == nil || n.more == nil {
		return ""
	}
	return n.more.ref
}

// Alts returns the further possible values of n (CloudFormation Fn::If).
func (n *Node) Alts() []*Node {
	if n == nil || n.more == nil {
		return nil
	}
	return n.more.alts
}

// Origin says where a value the parser could not compute comes from (a
// resource attribute, a sensitive variable); nil when it says nothing.
func (n *Node) Origin() *Origin {
	if n == nil || n.more == nil {
		return nil
	}
	return n.more.origin
}

// Written lists the text, beside n's own range, that wrote n (see
// nodeMore.written). The slice is shared: never append to it.
func (n *Node) Written() []Range {
	if n == nil || n.more == nil {
		return nil
	}
	return n.more.written
}

// edit returns a copy of n's rare part for a setter to change.
func (n *Node) edit() *nodeMore {
	if n.more == nil {
		return &nodeMore{}
	}
	c := *n.more
	return &c
}

// settle installs m, or nothing when m holds nothing.
func (n *Node) settle(m *nodeMore) {
	if m.ref == "" && len(m.alts) == 0 && m.origin == nil && len(m.written) == 0 && m.pattern == nil {
		n.more = nil
		return
	}
	n.more = m
}

// SetRef records the resource n refers to.
func (n *Node) SetRef(ref string) {
	if ref == n.Ref() {
		return
	}
	m := n.edit()
	m.ref = ref
	n.settle(m)
}

// SetAlts replaces n's further possible values.
func (n *Node) SetAlts(alts []*Node) {
	if len(alts) == 0 && len(n.Alts()) == 0 {
		return
	}
	m := n.edit()
	m.alts = alts
	n.settle(m)
}

// SetOrigin records where n comes from.
func (n *Node) SetOrigin(o *Origin) {
	if o == n.Origin() {
		return
	}
	m := n.edit()
	m.origin = o
	n.settle(m)
}

// Pattern is what is known of n when it is an unknown string built from
// known text and unknown parts ("${var.repo}:latest"); nil otherwise.
func (n *Node) Pattern() *Pattern {
	if n == nil || n.more == nil {
		return nil
	}
	return n.more.pattern
}

// SetPattern records what is known of n's text.
func (n *Node) SetPattern(p *Pattern) {
	if p == n.Pattern() {
		return
	}
	m := n.edit()
	m.pattern = p
	n.settle(m)
}

// SetWritten replaces the text recorded as having written n.
func (n *Node) SetWritten(ws []Range) {
	if len(ws) == 0 && len(n.Written()) == 0 {
		return
	}
	m := n.edit()
	m.written = ws
	n.settle(m)
}

// WrittenAt returns the ranges of text that wrote n: its own range and
// those of Written.
func (n *Node) WrittenAt() []Range {
	return append([]Range{n.Range}, n.Written()...)
}

// PlacedAt returns a copy of n at range at that remembers where n was
// written, as a value moved to where it is used must (see Written).
func (n *Node) PlacedAt(at Range) *Node {
	c := *n
	c.Range = at
	c.SetWritten(nil)
	c.AddWritten(n)
	return &c
}

// AddWritten records that the text of parts (their ranges and what wrote
// them) also wrote n, as the parts of a string built from them do. Ranges
// are kept once: a string joined from aliases of itself names the same
// text many times, and its list must not double with each level.
func (n *Node) AddWritten(parts ...*Node) {
	ws := slices.Clip(n.Written()) // shared with copies: append must copy
	total := len(ws)
	for _, p := range parts {
		if p != nil {
			total += 1 + len(p.Written())
		}
	}
	var seen map[Range]bool // past a few ranges, comparing each is quadratic
	if total > linearWritten {
		seen = make(map[Range]bool, total)
		for _, r := range ws {
			seen[r] = true
		}
	}
	add := func(r Range) {
		if r.IsZero() || r == n.Range {
			return
		}
		if seen != nil {
			if seen[r] {
				return
			}
			seen[r] = true
		} else if slices.Contains(ws, r) {
			return
		}
		ws = append(ws, r)
	}
	for _, p := range parts {
		if p == nil {
			continue
		}
		add(p.Range)
		for _, r := range p.Written() {
			add(r)
		}
	}
	if len(ws) > 0 {
		n.SetWritten(ws)
	}
}

// linearWritten is how many ranges AddWritten compares one by one.
const linearWritten = 16

// MaxDocNodes bounds the documents ECS000 validates against the schema: a
// real task definition has a few thousand nodes at most, and a YAML alias
// bomb shares nodes that validating would expand.
const MaxDocNodes = 100_000

// WithinSize reports whether n, with shared nodes counted each time they
// are reached and alternatives counted, has at most limit nodes. It stops
// counting at the limit.
func (n *Node) WithinSize(limit int) bool {
	count := 0
	var walk func(*Node) bool
	walk = func(n *Node) bool {
		count++
		if count > limit {
			return false
		}
		for _, a := range n.Alts() {
			if !walk(a) {
				return false
			}
		}
		for _, it := range n.Items {
			if !walk(it) {
				return false
			}
		}
		for _, f := range n.Fields {
			if !walk(f.Value) {
				return false
			}
		}
		return true
	}
	return walk(n)
}

// Discard zeroes n and every node and field under it, for the owner of a
// tree that no other tree shares and that will not read this part again.
// Dropping the pointer to n is not enough: nodes and fields sit in an
// Arena's blocks, a block any of whose values is still reachable is kept
// and scanned whole, and a dropped node that still pointed at its children
// would keep their blocks, and from block to block most of the tree,
// alive.
func (n *Node) Discard() {
	for _, it := range n.Items {
		if it != nil {
			it.Discard()
		}
	}
	for _, f := range n.Fields {
		if f != nil {
			if f.Value != nil {
				f.Value.Discard()
			}
			*f = Field{}
		}
	}
	for _, a := range n.Alts() {
		if a != nil {
			a.Discard()
		}
	}
	*n = Node{}
}

// Field is one key of an object Node.
type Field struct {
	Key      string
	KeyRange Range
	Value    *Node
}

// Get returns the field with the given key, or nil. JSON allows duplicate
// keys; like most decoders, the last one wins.
func (n *Node) Get(key string) *Field {
	if n == nil {
		return nil
	}
	for i := len(n.Fields) - 1; i >= 0; i-- {
		if n.Fields[i].Key == key {
			return n.Fields[i]
		}
	}
	return nil
}

// NewUnknown returns an unknown node at at that refers to ref and comes
// from origin (either may be empty).
func NewUnknown(at Range, ref string, origin *Origin) *Node {
	n := &Node{Kind: UnknownNode, Range: at}
	n.SetRef(ref)
	n.SetOrigin(origin)
	return n
}
