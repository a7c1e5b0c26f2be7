package plan

import (
	"strings"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
)

// A plan's values do not say what refers to what once the value is not
// known (a fresh task definition's arn, a new group's id): only the
// configuration section does, with each attribute's references as written
// (aws_security_group.task.id, module.role.arn, var.role_arn), per module
// rather than per instance. This file follows them to the resources they
// name, in the instance's own module path, as the Terraform parser's
// references do.

// maxHops bounds how far a reference is followed through module outputs
// and variables: a configuration cannot loop, but a hostile plan can.
const maxHops = 16

// configIndex finds the configuration of a module instance.
type configIndex struct {
	root   *scope
	scopes map[string]*scope
}

// scope is a module instance as the configuration describes its module:
// prefix is the instance's address prefix (module.service["worker"].), cfg
// the module's configuration, call the module call in parent's.
type scope struct {
	prefix string
	cfg    *lint.Node
	parent *scope
	call   *lint.Node
	// resources indexes the module's resources' expressions by address,
	// once: a plan of thousands of resources looks each one up.
	resources map[string]*lint.Node
}

func newConfigIndex(root *lint.Node) *configIndex {
	ix := &configIndex{scopes: map[string]*scope{}}
	if m := path(root, "configuration", "root_module"); m != nil {
		ix.root = &scope{cfg: m}
		ix.scopes[""] = ix.root
	}
	return ix
}

// scope returns the instance whose address prefix is prefix, or nil when
// the configuration does not describe it.
func (ix *configIndex) scope(prefix string) *scope {
	if s, ok := ix.scopes[prefix]; ok {
		return s
	}
	if ix.root == nil {
		return nil
	}
	cur := ix.root
	segs := segments(strings.TrimSuffix(prefix, "."))
	for i := 0; i+1 < len(segs); i += 2 {
		if segs[i] != "module" {
			return nil
		}
		call := path(cur.cfg, "module_calls", stripIndex(segs[i+1]))
		if call == nil {
			return nil
		}
		cur = &scope{prefix: cur.prefix + "module." + segs[i+1] + ".", cfg: path(call, "module"), parent: cur, call: call}
		if cur.cfg == nil {
			return nil
		}
	}
	ix.scopes[prefix] = cur
	return cur
}

// resourceExpressions returns the expressions of a resource of the module.
func (s *scope) resourceExpressions(typ, name string) *lint.Node {
	if s.resources == nil {
		s.resources = map[string]*lint.Node{}
		if rs := path(s.cfg, "resources"); rs != nil {
			for _, r := range rs.Items {
				if a := str(r, "address"); a != "" && s.resources[a] == nil {
					s.resources[a] = path(r, "expressions")
				}
			}
		}
	}
	return s.resources[typ+"."+name]
}

// link gives the values of a body that its expressions say refer to a
// resource (known or not) a reference to it.
func (r *reader) link(body, exprs *lint.Node, s *scope, depth int) {
	if body == nil || exprs == nil || body.Kind != lint.ObjectNode || exprs.Kind != lint.ObjectNode || depth > maxHops {
		return
	}
	for _, e := range exprs.Fields {
		f := body.Get(e.Key)
		if f == nil {
			continue
		}
		v, ex := f.Value, e.Value
		switch {
		case ex.Kind == lint.ObjectNode && ex.Get("references") != nil:
			setRefs(v, s.resolve(ex.Get("references").Value, 0))
		case ex.Kind == lint.ArrayNode && v.Kind == lint.ArrayNode:
			// Nested blocks, by position: sets of blocks may come in
			// another order, but the references a resource's blocks
			// make are almost always in a single block.
			for i, it := range v.Items {
				if i < len(ex.Items) {
					r.link(it, ex.Items[i], s, depth+1)
				}
			}
		}
	}
}

// target is a resource a reference names: its ID (what Ref holds), and
// the reference as the module instance that made it wrote it, with the
// instance key (aws_iam_role.app[0].arn): two instances of one resource
// are two resources.
type target struct {
	id   string
	expr string
	typ  string
	attr string
}

// refer makes n refer to t. An unknown value also gets t as its origin,
// as the Terraform parser gives a reference it cannot evaluate.
func (t target) refer(n *lint.Node) {
	if n.Ref() != "" {
		return // a known id already says which resource it is
	}
	n.SetRef(t.id)
	if n.Kind == lint.UnknownNode && n.Origin() == nil {
		n.SetOrigin(&lint.Origin{Expr: t.expr, Type: t.typ, Attr: t.attr})
	}
}

// setRefs gives a value, or the items of a list, the resources refs name.
func setRefs(v *lint.Node, refs []target) {
	if len(refs) == 0 {
		return
	}
	switch v.Kind {
	case lint.StringNode, lint.UnknownNode:
		refs[0].refer(v)
	case lint.ArrayNode:
		for i, it := range v.Items {
			ref := refs[0]
			switch {
			case len(refs) == len(v.Items):
				ref = refs[i]
			case len(refs) > 1:
				continue // which item is which reference is not known
			}
			if it.Kind == lint.StringNode || it.Kind == lint.UnknownNode {
				ref.refer(it)
			}
		}
	}
}

// resolve returns the resources ecslint reads that references name, in
// order, once each, following module outputs and input variables.
func (s *scope) resolve(refs *lint.Node, hops int) []target {
	if refs == nil || refs.Kind != lint.ArrayNode || hops > maxHops {
		return nil
	}
	var out []target
	add := func(ts ...target) {
		for _, t := range ts {
			if !containsID(out, t.id) {
				out = append(out, t)
			}
		}
	}
	for _, it := range refs.Items {
		if it.Kind != lint.StringNode {
			continue
		}
		segs := segments(it.Text)
		if len(segs) < 2 {
			continue
		}
		switch segs[0] {
		case "var":
			if s.call != nil && s.parent != nil {
				if e := path(s.call, "expressions", stripIndex(segs[1])); e != nil {
					add(s.parent.resolve(fieldValue(e, "references"), hops+1)...)
				}
			}
		case "module":
			if len(segs) >= 3 {
				add(s.output(segs[1], stripIndex(segs[2]), hops)...)
			}
		case "data", "local", "each", "count", "path", "self", "terraform":
		default:
			typ, name := segs[0], stripIndex(segs[1])
			if ecsdoc.KindOf(ecsdoc.Terraform, typ) != 0 {
				// References come most specific first
				// (aws_iam_role.app[0].arn, aws_iam_role.app[0],
				// aws_iam_role.app): the first names the instance.
				t := target{id: s.prefix + typ + "." + name, expr: s.prefix + it.Text, typ: typ}
				if len(segs) > 2 {
					t.attr = stripIndex(segs[2])
				}
				add(t)
			}
		}
	}
	return out
}

// output follows a module output to the resources it names. A call with
// count or for_each is followed only when the reference names its
// instance (module.svc["api"].arn).
func (s *scope) output(callSeg, output string, hops int) []target {
	call := path(s.cfg, "module_calls", stripIndex(callSeg))
	if call == nil {
		return nil
	}
	if stripIndex(callSeg) == callSeg && (call.Get("count_expression") != nil || call.Get("for_each_expression") != nil) {
		return nil
	}
	child := &scope{prefix: s.prefix + "module." + callSeg + ".", cfg: path(call, "module"), parent: s, call: call}
	e := path(child.cfg, "outputs", output, "expression", "references")
	return child.resolve(e, hops+1)
}

// segments splits a reference or address at its dots, keeping index
// brackets (and the quoted keys in them) with their segment.
func segments(s string) []string {
	var out []string
	depth, quoted, start := 0, false, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quoted:
			switch c {
			case '\\':
				i++
			case '"':
				quoted = false
			}
		case c == '"':
			quoted = true
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '.' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// stripIndex drops an index from a segment (this[0], svc["api"]).
func stripIndex(seg string) string {
	if i := strings.IndexByte(seg, '['); i >= 0 {
		return seg[:i]
	}
	return seg
}

func containsID(list []target, id string) bool {
	for _, t := range list {
		if t.id == id {
			return true
		}
	}
	return false
}
