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
	// Text is a string's value, a number's literal, or "true"/"false".
	Text   string
	Items  []*Node
	Fields []*Field
	// Range is the value's text.
	Range Range
	// Ref names the resource this value refers to, if any.
	Ref string
	// Alts holds further possible values (CloudFormation Fn::If).
	Alts []*Node
	// Partial marks an array or object that has, beside its Items or
	// Fields, elements or members that could not be known: Terraform JSON
	// text with an interpolation standing for several of them
	// ([ ${join(",", local.env)} ], { "name": "x", ${local.extra} }). Its
	// known elements are still checked, but a key absent from a partial
	// object may be set by the hole: it is unknown, not unset.
	Partial bool
	// Origin says where a value the parser could not compute comes from
	// (a resource attribute, a sensitive variable); nil when it says nothing.
	Origin *Origin
	// Written, for a value placed away from the text that wrote it (a
	// CloudFormation parameter default a !Ref puts where it is used, a
	// Terraform variable default a "${var.x}" puts at the template, a
	// string built from such values), lists that text: a secret found in
	// the value is masked there too. A pointer, nil for nearly every node,
	// so that the trees of large files do not grow by a slice header per
	// value.
	Written *[]Range
}

// WrittenAt returns the ranges of text that wrote n: its own range and
// those of Written.
func (n *Node) WrittenAt() []Range {
	if n.Written == nil {
		return []Range{n.Range}
	}
	return append([]Range{n.Range}, *n.Written...)
}

// PlacedAt returns a copy of n at range at that remembers where n was
// written, as a value moved to where it is used must (see Written).
func (n *Node) PlacedAt(at Range) *Node {
	c := *n
	c.Range = at
	c.Written = nil
	c.AddWritten(n)
	return &c
}

// AddWritten records that the text of parts (their ranges and what wrote
// them) also wrote n, as the parts of a string built from them do. Ranges
// are kept once: a string joined from aliases of itself names the same
// text many times, and its list must not double with each level.
func (n *Node) AddWritten(parts ...*Node) {
	var ws []Range
	if n.Written != nil {
		ws = *n.Written
	}
	total := len(ws)
	for _, p := range parts {
		if p != nil {
			total += 1 + lenWritten(p)
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
		if p.Written != nil {
			for _, r := range *p.Written {
				add(r)
			}
		}
	}
	if len(ws) > 0 {
		n.Written = &ws
	}
}

// linearWritten is how many ranges AddWritten compares one by one.
const linearWritten = 16

func lenWritten(n *Node) int {
	if n.Written == nil {
		return 0
	}
	return len(*n.Written)
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
