package cloudformation

import (
	"strconv"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// maxResolveDepth bounds recursion through nested values and intrinsics.
const maxResolveDepth = 5000

// maxAlts bounds the alternatives one value may have. Real templates nest a
// few Fn::If; a value with more choices than this is treated as unknown.
const maxAlts = 256

// resolver replaces intrinsic functions with what can be known offline:
// parameter defaults, mapping entries, literal Sub and Join results, both
// branches of Fn::If. Anything that needs a deployed stack (a resource's
// attribute, an import, a pseudo parameter) becomes an unknown node, which
// keeps the logical ID it refers to so rules can follow links.
type resolver struct {
	params    map[string]*param
	mappings  *lint.Node
	resources map[string]bool
	// memo holds resolved values of nodes that may be reached more than
	// once: mapping entries (one Fn::FindInMap entry may name others), and
	// every collection when the tree shares nodes (YAML aliases). Without
	// it a few lines could ask for exponentially many resolutions; with it
	// for every node, a plain template pays a map entry per node.
	memo    map[*lint.Node]*lint.Node
	memoAll bool
	// budget is the job's allowance: memoized, a !Join of an alias with
	// itself resolves once per level, but its string still doubles at
	// each, and thirty-two levels would need eight gigabytes.
	budget *lint.Budget
}

// param is a template parameter.
type param struct {
	defaultValue *lint.Node
	list         bool
}

// newResolver prepares the resolution of a template whose tree may share
// nodes (shared), charging its work to budget.
func newResolver(root *lint.Node, shared bool, budget *lint.Budget) *resolver {
	r := &resolver{params: map[string]*param{}, resources: map[string]bool{}, memo: map[*lint.Node]*lint.Node{}, memoAll: shared, budget: budget}
	if ps := root.Get("Parameters"); ps != nil && ps.Value.Kind == lint.ObjectNode {
		for _, f := range ps.Value.Fields {
			p := &param{}
			if f.Value.Kind == lint.ObjectNode {
				if d := f.Value.Get("Default"); d != nil && d.Value.Kind != lint.NullNode {
					p.defaultValue = d.Value
				}
				if t := f.Value.Get("Type"); t != nil && t.Value.Kind == lint.StringNode {
					p.list = t.Value.Text == "CommaDelimitedList" || strings.HasPrefix(t.Value.Text, "List<")
				}
			}
			r.params[f.Key] = p
		}
	}
	if m := root.Get("Mappings"); m != nil {
		r.mappings = m.Value
	}
	if rs := root.Get("Resources"); rs != nil && rs.Value.Kind == lint.ObjectNode {
		for _, f := range rs.Value.Fields {
			r.resources[f.Key] = true
		}
	}
	return r
}

// resolve returns n with every intrinsic function replaced. Nodes without
// intrinsics are returned as they are, not copied.
func (r *resolver) resolve(n *lint.Node) *lint.Node {
	return r.value(n, 0)
}

func (r *resolver) value(n *lint.Node, depth int) *lint.Node {
	if n == nil {
		return nil
	}
	if n.Kind != lint.ObjectNode && n.Kind != lint.ArrayNode {
		return n // a scalar holds no intrinsic
	}
	if r.memoAll {
		return r.memoized(n, depth)
	}
	return r.collection(n, depth)
}

// memoized is value, resolving each node once.
func (r *resolver) memoized(n *lint.Node, depth int) *lint.Node {
	if out, ok := r.memo[n]; ok {
		return out
	}
	out := r.collection(n, depth)
	r.memo[n] = out
	return out
}

// collection resolves an object or array.
func (r *resolver) collection(n *lint.Node, depth int) *lint.Node {
	if depth > maxResolveDepth || !r.budget.Step(n.Range) {
		return unknown(n.Range, "")
	}
	out := n
	switch n.Kind {
	case lint.ObjectNode:
		if name, arg, ok := intrinsicCall(n); ok {
			out = r.call(n, name, arg, depth+1)
			break
		}
		var fields []*lint.Field
		for i, f := range n.Fields {
			v := r.value(f.Value, depth+1)
			if v != f.Value && fields == nil {
				fields = append(make([]*lint.Field, 0, len(n.Fields)), n.Fields[:i]...)
			}
			if fields != nil {
				fields = append(fields, &lint.Field{Key: f.Key, KeyRange: f.KeyRange, Value: v})
			}
		}
		if fields != nil {
			c := *n
			c.Fields = fields
			out = &c
		}
	case lint.ArrayNode:
		var items []*lint.Node
		for i, it := range n.Items {
			v := r.value(it, depth+1)
			if v != it && items == nil {
				items = append(make([]*lint.Node, 0, len(n.Items)), n.Items[:i]...)
			}
			if items != nil {
				items = append(items, v)
			}
		}
		if items != nil {
			c := *n
			c.Items = items
			out = &c
		}
	}
	return out
}

// intrinsicCall recognises {"Ref": x} and {"Fn::Name": x}.
func intrinsicCall(n *lint.Node) (string, *lint.Node, bool) {
	if len(n.Fields) != 1 {
		return "", nil, false
	}
	f := n.Fields[0]
	if f.Key == "Ref" || strings.HasPrefix(f.Key, "Fn::") {
		return f.Key, f.Value, true
	}
	return "", nil, false
}

func unknown(at lint.Range, ref string) *lint.Node {
	return lint.NewUnknown(at, ref, nil)
}

func (r *resolver) call(n *lint.Node, name string, arg *lint.Node, depth int) *lint.Node {
	switch name {
	case "Ref":
		return r.ref(n, r.value(arg, depth))
	case "Fn::GetAtt":
		return r.getAtt(n, r.value(arg, depth))
	case "Fn::If":
		return r.fnIf(n, arg, depth)
	case "Fn::Sub":
		return r.sub(n, arg, depth)
	case "Fn::Join":
		return r.join(n, r.value(arg, depth))
	case "Fn::Select":
		return r.selectItem(n, r.value(arg, depth))
	case "Fn::Split":
		return r.split(n, r.value(arg, depth))
	case "Fn::FindInMap":
		return r.findInMap(n, r.value(arg, depth), depth)
	}
	// Fn::ImportValue, Fn::GetAZs, Fn::Base64, Fn::Cidr, Fn::Transform and
	// the rest need a deployed account or a macro.
	return unknown(n.Range, "")
}

func (r *resolver) ref(n, name *lint.Node) *lint.Node {
	if name == nil || name.Kind != lint.StringNode {
		return unknown(n.Range, "")
	}
	switch {
	case name.Text == "AWS::NoValue":
		return &lint.Node{Kind: lint.AbsentNode, Range: n.Range}
	case name.Text == "AWS::Partition":
		// Known offline as far as the rules care: they match ARNs in any
		// partition, and AWS CDK writes every managed policy ARN with it.
		return &lint.Node{Kind: lint.StringNode, Text: "aws", Range: n.Range}
	case r.resources[name.Text]:
		return unknown(n.Range, name.Text)
	}
	p := r.params[name.Text]
	if p == nil || p.defaultValue == nil {
		// Pseudo parameters, parameters without a default, and names the
		// template does not declare are only known at deployment.
		return unknown(n.Range, "")
	}
	d := p.defaultValue
	switch d.Kind {
	case lint.StringNode, lint.NumberNode, lint.BoolNode:
		if p.list {
			return r.splitNode(n.Range, d.Text, ",", d)
		}
		// The default, placed where it is used: that is where a finding
		// about it belongs; its text in Parameters is where it is written.
		return placed(d, n.Range)
	}
	return unknown(n.Range, "")
}

// placed is scalar v at range at, remembering where v is written.
func placed(v *lint.Node, at lint.Range) *lint.Node {
	out := &lint.Node{Kind: v.Kind, Text: v.Text, Range: at}
	out.AddWritten(v)
	return out
}

func (r *resolver) getAtt(n, arg *lint.Node) *lint.Node {
	var id string
	switch {
	case arg == nil:
	case arg.Kind == lint.StringNode:
		id, _, _ = strings.Cut(arg.Text, ".")
	case arg.Kind == lint.ArrayNode && len(arg.Items) > 0 && arg.Items[0].Kind == lint.StringNode:
		id = arg.Items[0].Text
	}
	if !r.resources[id] {
		id = ""
	}
	return unknown(n.Range, id)
}

// fnIf yields both branches: the first is the node, the second (and any
// branches nested in either) its alternatives, each at its own text.
func (r *resolver) fnIf(n, arg *lint.Node, depth int) *lint.Node {
	if arg == nil || arg.Kind != lint.ArrayNode || len(arg.Items) != 3 {
		return unknown(n.Range, "")
	}
	a := r.value(arg.Items[1], depth)
	b := r.value(arg.Items[2], depth)
	if len(a.Alts())+len(b.Alts())+1 > maxAlts {
		// Nested Fn::If double the alternatives at each level (an alias of
		// an !If used in both branches of the next): past the cap the value
		// is unknown rather than exponential.
		return unknown(n.Range, "")
	}
	out := *a
	out.SetAlts(make([]*lint.Node, 0, 1+len(a.Alts())+len(b.Alts())))
	out.SetAlts(append(out.Alts(), a.Alts()...))
	bb := *b
	bb.SetAlts(nil)
	out.SetAlts(append(out.Alts(), &bb))
	out.SetAlts(append(out.Alts(), b.Alts()...))
	return &out
}

// sub resolves Fn::Sub when every variable it uses is known.
func (r *resolver) sub(n, arg *lint.Node, depth int) *lint.Node {
	var tmpl *lint.Node
	vars := map[string]*lint.Node{}
	switch {
	case arg == nil:
	case arg.Kind == lint.StringNode:
		tmpl = arg
	case arg.Kind == lint.ArrayNode && len(arg.Items) == 2:
		tmpl = r.value(arg.Items[0], depth)
		if m := arg.Items[1]; m.Kind == lint.ObjectNode {
			for _, f := range m.Fields {
				vars[f.Key] = r.value(f.Value, depth)
			}
		}
	}
	if tmpl == nil || tmpl.Kind != lint.StringNode {
		return unknown(n.Range, "")
	}
	s := tmpl.Text
	if !r.budget.Alloc(n.Range, int64(len(s))) {
		return unknown(n.Range, "")
	}
	var b strings.Builder
	var parts []*lint.Node // the values substituted, for Written
	// What is known of the string when some variables are not: the
	// known text and where the unknown parts are (see lint.Pattern).
	var pat lint.PatternBuilder
	holed, holeRef := false, ""
	hole := func(written, ref string) {
		if !holed {
			holed, holeRef = true, ref
		}
		pat.Hole(written)
	}
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			pat.Known(s)
			break
		}
		b.WriteString(s[:i])
		pat.Known(s[:i])
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s[i:])
			pat.Known(s[i:])
			break
		}
		name := s[i+2 : i+j]
		s = s[i+j+1:]
		if strings.HasPrefix(name, "!") {
			// ${!Literal} is written as ${Literal}.
			b.WriteString("${" + name[1:] + "}")
			pat.Known("${" + name[1:] + "}")
			continue
		}
		v, ok := vars[name]
		if !ok {
			if strings.Contains(name, ".") {
				id, _, _ := strings.Cut(name, ".")
				hole("${"+name+"}", refIf(r.resources[id], id))
				continue
			}
			v = r.ref(n, &lint.Node{Kind: lint.StringNode, Text: name})
		}
		if v == nil || len(v.Alts()) > 0 {
			hole("${"+name+"}", "")
			continue
		}
		switch v.Kind {
		case lint.StringNode, lint.NumberNode, lint.BoolNode:
			if !r.budget.Alloc(n.Range, int64(len(v.Text))) {
				return unknown(n.Range, "")
			}
			b.WriteString(v.Text)
			pat.Known(v.Text)
			parts = append(parts, v)
		default:
			hole("${"+name+"}", v.Ref())
		}
	}
	if holed {
		// Unknown, as before, referring to what its first unknown part
		// refers to; what is known of its text is kept.
		out := unknown(n.Range, holeRef)
		out.SetPattern(pat.Pattern())
		return out
	}
	out := &lint.Node{Kind: lint.StringNode, Text: b.String(), Range: n.Range}
	out.AddWritten(parts...)
	return out
}

func refIf(ok bool, id string) string {
	if ok {
		return id
	}
	return ""
}

func (r *resolver) join(n, arg *lint.Node) *lint.Node {
	if arg == nil || arg.Kind != lint.ArrayNode || len(arg.Items) != 2 ||
		arg.Items[0].Kind != lint.StringNode || arg.Items[1].Kind != lint.ArrayNode || len(arg.Items[1].Alts()) > 0 {
		return unknown(n.Range, "")
	}
	parts := make([]string, 0, len(arg.Items[1].Items))
	size := len(arg.Items[0].Text) * len(arg.Items[1].Items)
	for _, it := range arg.Items[1].Items {
		switch {
		case len(it.Alts()) == 0 && (it.Kind == lint.StringNode || it.Kind == lint.NumberNode || it.Kind == lint.BoolNode):
			parts = append(parts, it.Text)
			size += len(it.Text)
		default:
			out := unknown(n.Range, "")
			if len(it.Alts()) == 0 {
				out.SetRef(it.Ref())
			}
			out.SetPattern(joinPattern(arg.Items[0].Text, arg.Items[1].Items))
			return out
		}
	}
	// Charged before it is joined.
	if !r.budget.Alloc(n.Range, int64(size)) {
		return unknown(n.Range, "")
	}
	out := &lint.Node{Kind: lint.StringNode, Text: strings.Join(parts, arg.Items[0].Text), Range: n.Range}
	out.AddWritten(arg.Items[1].Items...)
	return out
}

// joinPattern is what is known of a Fn::Join some of whose pieces are
// not: each unknown piece is written ${...}.
func joinPattern(sep string, items []*lint.Node) *lint.Pattern {
	var b lint.PatternBuilder
	for i, it := range items {
		if i > 0 {
			b.Known(sep)
		}
		b.Part(it, "${...}")
	}
	return b.Pattern()
}

func (r *resolver) selectItem(n, arg *lint.Node) *lint.Node {
	if arg == nil || arg.Kind != lint.ArrayNode || len(arg.Items) != 2 || len(arg.Items[1].Alts()) > 0 {
		return unknown(n.Range, "")
	}
	idx, err := strconv.Atoi(arg.Items[0].Text)
	list := arg.Items[1]
	if err != nil || (arg.Items[0].Kind != lint.NumberNode && arg.Items[0].Kind != lint.StringNode) ||
		list.Kind != lint.ArrayNode || idx < 0 || idx >= len(list.Items) {
		return unknown(n.Range, "")
	}
	return list.Items[idx]
}

func (r *resolver) split(n, arg *lint.Node) *lint.Node {
	if arg == nil || arg.Kind != lint.ArrayNode || len(arg.Items) != 2 ||
		arg.Items[0].Kind != lint.StringNode || arg.Items[1].Kind != lint.StringNode || len(arg.Items[1].Alts()) > 0 {
		return unknown(n.Range, "")
	}
	return r.splitNode(n.Range, arg.Items[1].Text, arg.Items[0].Text, arg.Items[1])
}

// splitNode splits s, written by from, into a list placed at at.
func (r *resolver) splitNode(at lint.Range, s, sep string, from *lint.Node) *lint.Node {
	out := &lint.Node{Kind: lint.ArrayNode, Range: at}
	if sep == "" || !r.budget.Elements(at, int64(strings.Count(s, sep))+1) {
		return unknown(at, "")
	}
	for _, part := range strings.Split(s, sep) {
		item := &lint.Node{Kind: lint.StringNode, Text: part, Range: at}
		item.AddWritten(from)
		out.Items = append(out.Items, item)
	}
	return out
}

// findInMap looks up Mappings with keys known offline. The entry is placed
// at the call, where it is used.
func (r *resolver) findInMap(n, arg *lint.Node, depth int) *lint.Node {
	if arg == nil || arg.Kind != lint.ArrayNode || len(arg.Items) < 3 || r.mappings == nil {
		return unknown(n.Range, "")
	}
	cur := r.mappings
	for _, k := range arg.Items[:3] {
		if len(k.Alts()) > 0 || (k.Kind != lint.StringNode && k.Kind != lint.NumberNode) || cur.Kind != lint.ObjectNode {
			return unknown(n.Range, "")
		}
		f := cur.Get(k.Text)
		if f == nil {
			if len(arg.Items) == 4 && arg.Items[3].Kind == lint.ObjectNode {
				// Fn::FindInMap's DefaultValue (AWS::LanguageExtensions).
				if d := arg.Items[3].Get("DefaultValue"); d != nil {
					return r.value(d.Value, depth)
				}
			}
			return unknown(n.Range, "")
		}
		cur = f.Value
	}
	v := cur
	if cur.Kind == lint.ObjectNode || cur.Kind == lint.ArrayNode {
		v = r.memoized(cur, depth)
	}
	switch v.Kind {
	case lint.StringNode, lint.NumberNode, lint.BoolNode:
		return placed(v, n.Range)
	}
	return v
}
