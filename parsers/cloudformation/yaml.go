package cloudformation

import (
	"errors"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ecslint/ecslint/lint"
)

// maxNodes bounds the size of a converted document. Aliases are shared, not
// copied, so an alias bomb costs one node per alias; the cap is for huge or
// hostile documents that are large in their own right.
const maxNodes = 4_000_000

var errTooManyNodes = errors.New("document has too many nodes")

// converter turns a yaml.v3 node tree into a lint.Node tree with exact
// ranges. Short-form intrinsics (!Ref X, !If [...]) become the objects
// their long form writes ({"Ref": "X"}, {"Fn::If": [...]}), so one resolver
// serves YAML and JSON templates. The tag becomes the key and keeps its
// range.
type converter struct {
	src   *source
	memo  map[*yaml.Node]*lint.Node
	count int
	err   error
	// shared is set when an alias made two places one node.
	shared bool
}

func newConverter(src *source) *converter {
	return &converter{src: src, memo: map[*yaml.Node]*lint.Node{}}
}

// convert converts the document's root node.
func (c *converter) convert(doc *yaml.Node) (*lint.Node, error) {
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return &lint.Node{Kind: lint.NullNode}, nil
		}
		doc = doc.Content[0]
	}
	n := c.node(doc, false)
	return n, c.err
}

func (c *converter) node(y *yaml.Node, flow bool) *lint.Node {
	if n, ok := c.memo[y]; ok {
		c.shared = true
		return n
	}
	c.count++
	if c.count > maxNodes {
		c.err = errTooManyNodes
		return &lint.Node{Kind: lint.UnknownNode}
	}
	var n *lint.Node
	switch y.Kind {
	case yaml.AliasNode:
		if y.Alias == nil {
			n = &lint.Node{Kind: lint.UnknownNode, Range: c.scalarRange(y, flow)}
			break
		}
		// Shared: the alias means the anchored value, written where the
		// anchor is.
		c.shared = true
		n = c.node(y.Alias, flow)
	case yaml.ScalarNode:
		n = c.scalar(y, flow)
	case yaml.MappingNode:
		n = c.mapping(y, flow)
	case yaml.SequenceNode:
		n = c.sequence(y, flow)
	default:
		n = &lint.Node{Kind: lint.NullNode, Range: c.at(y)}
	}
	c.memo[y] = n
	return c.intrinsic(y, n)
}

// at is the empty range at a node's start.
func (c *converter) at(y *yaml.Node) lint.Range {
	p := c.src.At(y.Line, y.Column)
	return lint.Range{File: c.src.file, Start: p, End: p}
}

func (c *converter) scalar(y *yaml.Node, flow bool) *lint.Node {
	n := &lint.Node{Range: c.scalarRange(y, flow), Text: y.Value}
	switch y.ShortTag() {
	case "!!bool":
		n.Kind = lint.BoolNode
		n.Text = strings.ToLower(y.Value)
	case "!!int", "!!float":
		n.Kind = lint.NumberNode
	case "!!null":
		n.Kind = lint.NullNode
		n.Text = ""
	default:
		n.Kind = lint.StringNode
		if y.Style&^yaml.FlowStyle == 0 && y.ShortTag() == "!!str" && outOfRangeFloat(y.Value) {
			n.Kind = lint.NumberNode // untagged and plain
		}
	}
	return n
}

func (c *converter) mapping(y *yaml.Node, flow bool) *lint.Node {
	flow = flow || y.Style&yaml.FlowStyle != 0
	n := &lint.Node{Kind: lint.ObjectNode}
	var merges []*lint.Node
	for i := 0; i+1 < len(y.Content); i += 2 {
		k, v := y.Content[i], y.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, c.node(v, flow))
			continue
		}
		key := k.Value
		keyRange := c.scalarRange(k, flow)
		if k.Kind != yaml.ScalarNode {
			keyRange = c.node(k, flow).Range
		}
		n.Fields = append(n.Fields, &lint.Field{Key: key, KeyRange: keyRange, Value: c.node(v, flow)})
	}
	c.merge(n, merges)
	n.Range = c.collectionRange(y, len(y.Content) > 0, lastRange(y, c))
	return n
}

// merge adds to n, for merge keys (<<: *base), the fields it does not set
// itself. The keys set are looked up in a set, not by n.Get: a base of 40,000
// keys merged twenty times took 79 s that way. Each field merged counts
// against maxNodes, as it is a copy: the same base merged into every
// mapping of a large document is bounded like the document itself.
func (c *converter) merge(n *lint.Node, merges []*lint.Node) {
	if len(merges) == 0 {
		return
	}
	set := make(map[string]bool, len(n.Fields))
	for _, f := range n.Fields {
		set[f.Key] = true
	}
	for _, m := range merges {
		srcs := []*lint.Node{m}
		if m.Kind == lint.ArrayNode {
			srcs = m.Items
		}
		for _, s := range srcs {
			c.count += len(s.Fields)
			if c.count > maxNodes {
				c.err = errTooManyNodes
				return
			}
			for _, f := range s.Fields {
				if !set[f.Key] {
					set[f.Key] = true
					n.Fields = append(n.Fields, f)
				}
			}
		}
	}
}

func (c *converter) sequence(y *yaml.Node, flow bool) *lint.Node {
	flow = flow || y.Style&yaml.FlowStyle != 0
	n := &lint.Node{Kind: lint.ArrayNode}
	for _, it := range y.Content {
		n.Items = append(n.Items, c.node(it, flow))
	}
	n.Range = c.collectionRange(y, len(y.Content) > 0, lastRange(y, c))
	return n
}

// lastRange is the range of a collection's last child, already converted.
func lastRange(y *yaml.Node, c *converter) lint.Range {
	if len(y.Content) == 0 {
		return lint.Range{}
	}
	last := y.Content[len(y.Content)-1]
	if n, ok := c.memo[last]; ok && last.Kind != yaml.AliasNode {
		return n.Range
	}
	return c.scalarRange(last, true)
}

// collectionRange spans a mapping or sequence.
func (c *converter) collectionRange(y *yaml.Node, nonEmpty bool, last lint.Range) lint.Range {
	return c.src.collectionRange(c.src.offset(y.Line, y.Column), y.Style&yaml.FlowStyle != 0, nonEmpty, last)
}

// scalarRange spans a scalar's text, including its tag and quotes.
func (c *converter) scalarRange(y *yaml.Node, flow bool) lint.Range {
	block := y.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0
	return c.src.scalarRange(c.src.offset(y.Line, y.Column), block, y.Value, flow)
}

// intrinsic rewrites a node with a CloudFormation short-form tag into the
// long form: !Ref X is {"Ref": "X"}, !GetAtt R.Arn is {"Fn::GetAtt": "R.Arn"}.
func (c *converter) intrinsic(y *yaml.Node, n *lint.Node) *lint.Node {
	if y.Kind == yaml.AliasNode || y.Tag == "" || strings.HasPrefix(y.Tag, "!!") || !strings.HasPrefix(y.Tag, "!") {
		return n
	}
	out := c.src.intrinsic(y.Tag, c.src.offset(y.Line, y.Column), n)
	c.memo[y] = out
	return out
}
