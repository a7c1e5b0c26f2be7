package terraform

import (
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/ecslint/ecslint/lint"
)

// Values ecslint cannot compute still say where they come from: an unknown
// resource attribute carries its reference (random_password.db.result), a
// variable declared sensitive marks what it holds, and values built from
// such parts (a template, format(), jsonencode()) carry their parts'
// origins. Which origins are secrets is the rules' decision (ECS005 keeps
// the table); the parser only records them.

// maxOrigins bounds the origins one value carries, and maxOriginWalk the
// nodes looked at to collect them from a function's arguments.
const (
	maxOrigins    = 8
	maxOriginWalk = 1000
)

// traversalText writes a traversal as Terraform prints it: a.b[0]["k"].c.
func traversalText(t hcl.Traversal) string {
	var b strings.Builder
	for _, step := range t {
		switch st := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(st.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + st.Name)
		case hcl.TraverseIndex:
			b.WriteString("[" + indexText(st.Key) + "]")
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		}
	}
	return b.String()
}

func indexText(k cty.Value) string {
	if !k.IsKnown() || k.IsNull() {
		return "?"
	}
	switch k.Type() {
	case cty.String:
		return strconv.Quote(k.AsString())
	case cty.Number:
		return formatNumber(k.AsBigFloat())
	}
	return "?"
}

// resourceOrigin is the origin of a reference to a resource or data source
// attribute: typ is "aws_ssm_parameter" or "data.aws_ssm_parameter", rest
// the steps after its name (an instance key, then the attribute).
func resourceOrigin(expr, typ string, rest hcl.Traversal) *lint.Origin {
	if len(rest) > 0 {
		if _, ok := rest[0].(hcl.TraverseIndex); ok {
			rest = rest[1:]
		}
	}
	o := &lint.Origin{Expr: expr, Type: typ}
	if len(rest) > 0 {
		if a, ok := rest[0].(hcl.TraverseAttr); ok {
			o.Attr = a.Name
		}
	}
	return o
}

// attrOrigin is the origin of an attribute of an unknown value: for a
// resource reached without its attribute (the instances of a for
// expression or a splat), the attribute read now.
func attrOrigin(o *lint.Origin, name string) *lint.Origin {
	if o == nil || o.Type == "" || o.Attr != "" {
		return o
	}
	with := *o
	with.Expr, with.Attr = o.Expr+"."+name, name
	return &with
}

// withOrigins returns n's origins followed by more's, without repeats,
// at most maxOrigins.
func withOrigins(n *lint.Origin, more *lint.Origin) *lint.Origin {
	if more == nil {
		return n
	}
	var list []*lint.Origin
	seen := map[string]bool{}
	for _, chain := range []*lint.Origin{n, more} {
		for o := chain; o != nil && len(list) < maxOrigins; o = o.Next {
			key := o.Expr + "\x00" + strconv.FormatBool(o.Sensitive)
			if !seen[key] {
				seen[key] = true
				list = append(list, o)
			}
		}
	}
	return chain(list)
}

// chain links origins, copying them so that no shared chain changes.
func chain(list []*lint.Origin) *lint.Origin {
	var head *lint.Origin
	for i := len(list) - 1; i >= 0; i-- {
		o := *list[i]
		o.Next = head
		head = &o
	}
	return head
}

// originsOf collects the origins of the values in nodes and under them.
func originsOf(nodes []*lint.Node) *lint.Origin {
	var out *lint.Origin
	budget := maxOriginWalk
	var walk func(*lint.Node)
	walk = func(n *lint.Node) {
		if budget <= 0 || n == nil {
			return
		}
		budget--
		out = withOrigins(out, n.Origin())
		for _, a := range n.Alts() {
			walk(a)
		}
		for _, it := range n.Items {
			walk(it)
		}
		for _, f := range n.Fields {
			walk(f.Value)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return out
}

// withPartsOrigin gives a value computed from parts (a template, a
// function's result) the origins of those parts. out must be a new node.
func withPartsOrigin(out *lint.Node, parts []*lint.Node) *lint.Node {
	switch out.Kind {
	case lint.StringNode, lint.NumberNode, lint.BoolNode, lint.UnknownNode:
		out.SetOrigin(withOrigins(out.Origin(), originsOf(parts)))
	}
	return out
}

// opaqueFuncs compute values that do not disclose their arguments (hashes,
// sizes): their results carry no origin.
var opaqueFuncs = map[string]bool{
	"length": true, "md5": true, "sha1": true, "sha256": true, "sha512": true, "bcrypt": true,
	"base64sha256": true, "base64sha512": true, "filemd5": true, "filesha1": true, "filesha256": true,
	"filesha512": true, "uuidv5": true, "can": true, "contains": true, "startswith": true, "endswith": true,
}

// maxMarked bounds the values of one sensitive variable that are marked.
const maxMarked = 10_000

// markSensitive returns a copy of a sensitive variable's value whose
// scalars (and unknowns) carry o. Collections are copied with what the
// evaluator knows of them; past maxMarked values the rest is left as is,
// with a note.
func (ev *evaluator) markSensitive(n *lint.Node, o *lint.Origin) *lint.Node {
	left := maxMarked
	var mark func(*lint.Node) *lint.Node
	mark = func(n *lint.Node) *lint.Node {
		left--
		if left < 0 {
			return n
		}
		out := *n
		ev.copyMeta(n, &out)
		switch n.Kind {
		case lint.StringNode, lint.NumberNode, lint.BoolNode, lint.UnknownNode:
			out.SetOrigin(withOrigins(o, n.Origin()))
		case lint.ArrayNode:
			out.Items = make([]*lint.Node, len(n.Items))
			for i, it := range n.Items {
				out.Items[i] = mark(it)
			}
		case lint.ObjectNode:
			out.Fields = make([]*lint.Field, len(n.Fields))
			for i, f := range n.Fields {
				g := *f
				g.Value = mark(f.Value)
				out.Fields[i] = &g
			}
		}
		if len(n.Alts()) > 0 {
			out.SetAlts(make([]*lint.Node, len(n.Alts())))
			for i, a := range n.Alts() {
				out.Alts()[i] = mark(a)
			}
		}
		return &out
	}
	out := mark(n)
	if left < 0 {
		ev.ctx.Notef(n.Range, "%s has more than %d values; only the first are known to be sensitive", o.Expr, maxMarked)
	}
	return out
}
