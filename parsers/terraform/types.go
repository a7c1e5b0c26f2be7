package terraform

import (
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ecslint/ecslint/lint"
)

// A variable's type constraint can give an object's attributes defaults:
// with type = object({ resources = optional(list(string), ["secrets"]) }),
// Terraform turns {} (or { resources = null }) into { resources =
// ["secrets"] }, and an optional attribute without a default into null.
// Modules depend on it (terraform-aws-modules/eks from v21 reads
// encryption_config.value.resources without try()), so a value bound to a
// variable gets the defaults of its type, in the caller's value and in the
// variable's own default alike. Type conversion is not otherwise modelled.

// typeDefaults returns v with the optional attributes of decl's type
// constraint filled in; v itself, shared with the caller, is not changed.
func (ev *evaluator) typeDefaults(decl *block, v *lint.Node) *lint.Node {
	if decl == nil {
		return v
	}
	t := decl.body.attr("type")
	if t == nil || t.expr.hx == nil {
		return v
	}
	return ev.withDefaults(t.expr.file, t.expr.hx, v, 0)
}

// withDefaults applies a type expression's attribute defaults to v.
func (ev *evaluator) withDefaults(f *srcFile, tx hclsyntax.Expression, v *lint.Node, depth int) *lint.Node {
	call, ok := tx.(*hclsyntax.FunctionCallExpr)
	if !ok || len(call.Args) == 0 || depth > maxNesting || len(v.Alts) > 0 {
		return v
	}
	switch call.Name {
	case "object":
		if attrs, ok := call.Args[0].(*hclsyntax.ObjectConsExpr); ok && v.Kind == lint.ObjectNode {
			return ev.objectDefaults(f, attrs, v, depth)
		}
	case "map":
		if v.Kind == lint.ObjectNode {
			return ev.eachDefault(v, func(n *lint.Node) *lint.Node { return ev.withDefaults(f, call.Args[0], n, depth+1) })
		}
	case "list", "set":
		if v.Kind == lint.ArrayNode {
			return ev.eachDefault(v, func(n *lint.Node) *lint.Node { return ev.withDefaults(f, call.Args[0], n, depth+1) })
		}
	case "tuple":
		if elems, ok := call.Args[0].(*hclsyntax.TupleConsExpr); ok && v.Kind == lint.ArrayNode && len(elems.Exprs) == len(v.Items) {
			i := -1
			return ev.eachDefault(v, func(n *lint.Node) *lint.Node { i++; return ev.withDefaults(f, elems.Exprs[i], n, depth+1) })
		}
	}
	return v
}

// objectDefaults fills in an object's optional attributes: the default
// where the attribute is absent or null (at the default in the type
// constraint), null where it is absent and has none.
func (ev *evaluator) objectDefaults(f *srcFile, attrs *hclsyntax.ObjectConsExpr, v *lint.Node, depth int) *lint.Node {
	out := &lint.Node{Kind: lint.ObjectNode, Range: v.Range, Ref: v.Ref}
	out.Fields = append(out.Fields, v.Fields...)
	changed := false
	for _, it := range attrs.Items {
		name, ok := ev.objectKey(&scope{}, f, it.KeyExpr)
		if !ok {
			continue
		}
		attrType, dflt := it.ValueExpr, hclsyntax.Expression(nil)
		if opt, ok := attrType.(*hclsyntax.FunctionCallExpr); ok && opt.Name == "optional" && len(opt.Args) > 0 {
			attrType = opt.Args[0]
			if len(opt.Args) > 1 {
				dflt = opt.Args[1]
			}
			i := fieldIndex(out.Fields, name)
			switch {
			case (i < 0 || out.Fields[i].Value.Kind == lint.NullNode) && dflt != nil:
				d := ev.evalHCL(&scope{}, f, dflt)
				out.Fields = setField(out.Fields, i, &lint.Field{Key: name, KeyRange: d.Range, Value: d})
				changed = true
			case i < 0:
				null := &lint.Node{Kind: lint.NullNode, Range: v.Range}
				out.Fields = append(out.Fields, &lint.Field{Key: name, KeyRange: v.Range, Value: null})
				changed = true
			}
		}
		if i := fieldIndex(out.Fields, name); i >= 0 {
			fl := out.Fields[i]
			if nv := ev.withDefaults(f, attrType, fl.Value, depth+1); nv != fl.Value {
				out.Fields[i] = &lint.Field{Key: fl.Key, KeyRange: fl.KeyRange, Value: nv}
				changed = true
			}
		}
	}
	if !changed {
		return v
	}
	ev.copyMeta(v, out)
	return out
}

// eachDefault applies fn to every element of a list or map, copying the
// collection only when an element changed.
func (ev *evaluator) eachDefault(v *lint.Node, fn func(*lint.Node) *lint.Node) *lint.Node {
	out := *v
	changed := false
	if v.Kind == lint.ArrayNode {
		out.Items = make([]*lint.Node, len(v.Items))
		for i, it := range v.Items {
			out.Items[i] = fn(it)
			changed = changed || out.Items[i] != it
		}
	} else {
		out.Fields = make([]*lint.Field, len(v.Fields))
		for i, fl := range v.Fields {
			out.Fields[i] = fl
			if nv := fn(fl.Value); nv != fl.Value {
				out.Fields[i] = &lint.Field{Key: fl.Key, KeyRange: fl.KeyRange, Value: nv}
				changed = true
			}
		}
	}
	if !changed {
		return v
	}
	ev.copyMeta(v, &out)
	return &out
}

func fieldIndex(fs []*lint.Field, key string) int {
	for i, f := range fs {
		if f.Key == key {
			return i
		}
	}
	return -1
}

// setField replaces the field at i, or appends it when i is -1.
func setField(fs []*lint.Field, i int, f *lint.Field) []*lint.Field {
	if i < 0 {
		return append(fs, f)
	}
	fs[i] = f
	return fs
}
