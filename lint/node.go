package lint

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
	// Origin says where a value the parser could not compute comes from
	// (a resource attribute, a sensitive variable); nil when it says nothing.
	Origin *Origin
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
