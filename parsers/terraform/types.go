package terraform

import (
	"fmt"
	"math/big"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ecslint/ecslint/lint"
)

// A variable's type constraint is applied to the value bound to it, as
// Terraform (1.3 and later) does before the module reads it, in the
// caller's value, in tfvars and -var values and in the variable's own
// default alike:
//
//   - optional attributes get their defaults: with type = object({
//     resources = optional(list(string), ["secrets"]) }), {} and {
//     resources = null } both become { resources = ["secrets"] }, an
//     optional attribute without a default becomes null, and the defaults
//     of a default's own nested type apply to it too (Terraform's
//     "Optional Object Type Attributes"; hcl ext/typeexpr Defaults.Apply);
//   - an object loses the attributes its type does not declare (cty's
//     object conversion keeps only the target type's attributes), so
//     jsonencode(var.containers) holds only what the type lets through;
//   - primitives convert: "80" to a number, "true"/"1" and "false"/"0" to
//     a bool, a number or bool to its string (cty's primitive
//     conversions).
//
// Modules depend on it (terraform-aws-modules/eks from v21 reads
// encryption_config.value.resources without try()). A value that would
// not convert stays as it was, so Terraform's own error is not replaced
// by an invented value; an unknown value stays unknown; a key absent from
// a partial object may come from its hole and is left absent (unknown).

// typeDefaults returns v converted to decl's type constraint; v itself,
// shared with the caller, is not changed.
func (ev *evaluator) typeDefaults(decl *block, v *lint.Node) *lint.Node {
	if decl == nil {
		return v
	}
	t := decl.body.attr("type")
	if t == nil {
		return v
	}
	tc := ev.typeConstraint(t)
	if tc.expr == nil {
		return v
	}
	return ev.withDefaults(tc.file, tc.expr, v, 0)
}

// typeConstraint is a parsed type expression and the file its positions
// are in.
type typeConstraint struct {
	file *srcFile
	expr hclsyntax.Expression
}

// typeConstraint reads a variable's type: the expression itself in a .tf
// file; in .tf.json, a string whose text is the type expression ("type":
// "list(object({...}))", as Terraform's JSON syntax writes it), parsed
// at its place in the JSON string so that a default in it is reported
// there.
func (ev *evaluator) typeConstraint(t *attribute) typeConstraint {
	if t.expr.hx != nil {
		return typeConstraint{t.expr.file, t.expr.hx}
	}
	if tc, ok := ev.typeExprs[t]; ok {
		return tc
	}
	if ev.typeExprs == nil {
		ev.typeExprs = map[*attribute]typeConstraint{}
	}
	tc := typeConstraint{}
	n, f := t.expr.jn, t.expr.file
	if n != nil && n.Kind == lint.StringNode && f != nil {
		from, to := f.offset(n.Range.Start)+1, f.offset(n.Range.End)-1
		if from <= to && to <= len(f.src) {
			tf := newSrcFile(f.name, []byte(n.Text))
			tf.via, tf.pin = jsonString(f, from, to), f.pin
			tf.key = fmt.Sprintf("%s\x00type\x00%d", f.key, from)
			ev.files[tf.key] = tf
			tx, diags := hclsyntax.ParseExpression(tf.src, tf.key, hcl.InitialPos)
			if diags.HasErrors() {
				ev.report(diags)
			} else {
				tc = typeConstraint{tf, tx}
			}
		}
	}
	ev.typeExprs[t] = tc
	return tc
}

// withDefaults applies a type expression's defaults and conversions to v.
func (ev *evaluator) withDefaults(f *srcFile, tx hclsyntax.Expression, v *lint.Node, depth int) *lint.Node {
	if depth > maxNesting {
		return v
	}
	if len(v.Alts()) > 0 {
		return ev.alternativesWithDefaults(f, tx, v, depth)
	}
	if kw, ok := tx.(*hclsyntax.ScopeTraversalExpr); ok && len(kw.Traversal) == 1 {
		return ev.convertPrimitive(kw.Traversal.RootName(), v)
	}
	call, ok := tx.(*hclsyntax.FunctionCallExpr)
	if !ok || len(call.Args) == 0 {
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
		if elems, ok := call.Args[0].(*hclsyntax.TupleConsExpr); ok && v.Kind == lint.ArrayNode && !v.Partial && len(elems.Exprs) == len(v.Items) {
			i := -1
			return ev.eachDefault(v, func(n *lint.Node) *lint.Node { i++; return ev.withDefaults(f, elems.Exprs[i], n, depth+1) })
		}
	}
	return v
}

// alternativesWithDefaults converts each possible value of a conditional
// whose condition is unknown on its own.
func (ev *evaluator) alternativesWithDefaults(f *srcFile, tx hclsyntax.Expression, v *lint.Node, depth int) *lint.Node {
	first := *v
	first.SetAlts(nil)
	conv := ev.withDefaults(f, tx, &first, depth)
	changed := conv != &first
	alts := make([]*lint.Node, len(v.Alts()))
	for i, a := range v.Alts() {
		alts[i] = ev.withDefaults(f, tx, a, depth)
		changed = changed || alts[i] != a
	}
	if !changed {
		return v
	}
	if !ev.budget.Elements(v.Range, int64(len(alts))) {
		return unknown(v.Range)
	}
	out := *conv
	out.SetAlts(alts)
	ev.copyMeta(v, &out)
	return &out
}

// convertPrimitive converts a known primitive to the type keyword names
// (string, number or bool) as cty's primitive conversions do; any other
// keyword (any) or a value that does not convert leaves v as it is.
func (ev *evaluator) convertPrimitive(keyword string, v *lint.Node) *lint.Node {
	kind, text, ok := v.Kind, v.Text, false
	switch {
	case keyword == "string" && v.Kind == lint.BoolNode:
		kind, ok = lint.StringNode, true
	case keyword == "string" && v.Kind == lint.NumberNode:
		text, ok = numberAsString(v.Text)
		kind = lint.StringNode
	case keyword == "number" && v.Kind == lint.StringNode:
		text, ok = stringAsNumber(v.Text)
		kind = lint.NumberNode
	case keyword == "bool" && v.Kind == lint.StringNode:
		switch v.Text {
		case "true", "1":
			kind, text, ok = lint.BoolNode, "true", true
		case "false", "0":
			kind, text, ok = lint.BoolNode, "false", true
		}
	}
	if !ok || !ev.budget.Alloc(v.Range, int64(len(text))+lint.ElementCost) {
		return v
	}
	out := *v
	out.Kind, out.Text = kind, text
	ev.copyMeta(v, &out)
	return &out
}

// maxConvertedExponent bounds the numbers converted to strings: cty writes
// every digit ("1e999999" would be a million of them), and no setting a
// rule reads is that large.
const maxConvertedExponent = 1024

// numberAsString is a number's text as cty converts it to a string: every
// digit, no exponent (1e3 is "1000", 1.50 is "1.5").
func numberAsString(lit string) (string, bool) {
	f, _, err := big.ParseFloat(lit, 10, 512, big.ToNearestEven)
	if err != nil || f.IsInf() || f.MantExp(nil) > maxConvertedExponent || f.MantExp(nil) < -maxConvertedExponent {
		return "", false
	}
	return f.Text('f', -1), true
}

// stringAsNumber is a string converted to a number as cty parses it (base
// 10, so "0x50" and "" do not convert), in the evaluator's number text.
func stringAsNumber(s string) (string, bool) {
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil || f.IsInf() {
		return "", false
	}
	return formatNumber(f), true
}

// objectDefaults converts an object to its object type: optional
// attributes absent or null get their default (at the default in the type
// constraint), absent ones without a default become null, attributes the
// type does not declare are dropped, and each attribute is converted to its
// own type. An object that lacks a required attribute does not convert
// (Terraform rejects it) and only its attributes are converted; a partial
// object keeps what its hole may hold.
func (ev *evaluator) objectDefaults(f *srcFile, attrs *hclsyntax.ObjectConsExpr, v *lint.Node, depth int) *lint.Node {
	decl, ok := ev.declaredAttributes(f, attrs)
	out := &lint.Node{Kind: lint.ObjectNode, Range: v.Range, Partial: v.Partial}
	out.SetRef(v.Ref())
	out.Fields = append(out.Fields, v.Fields...)
	if ok && !v.Partial && !hasRequired(decl, v) {
		ok = false
	}
	changed := false
	if ok {
		// The object converts: only the declared attributes remain.
		kept := out.Fields[:0:0]
		for _, fl := range out.Fields {
			if _, declared := decl[fl.Key]; declared {
				kept = append(kept, fl)
			}
		}
		changed = len(kept) != len(out.Fields)
		out.Fields = kept
	}
	for _, it := range attrs.Items {
		name, known := ev.objectKey(&scope{}, f, it.KeyExpr)
		if !known {
			continue
		}
		attrType := it.ValueExpr
		if opt, isOpt := optionalArgs(attrType); isOpt {
			attrType = opt[0]
			if ev.fillOptional(f, out, v, name, opt, f.rng(it.KeyExpr.Range())) {
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
	if !ev.budget.Elements(v.Range, int64(len(out.Fields))) {
		return unknown(v.Range)
	}
	ev.copyMeta(v, out)
	return out
}

// fillOptional sets an optional attribute that v lacks or holds null: its
// default, else (when absent) null, placed at the attribute's declaration
// in the type (declared), the text that made it null. A key absent from a
// partial object is left alone: the hole may set it.
func (ev *evaluator) fillOptional(f *srcFile, out, v *lint.Node, name string, opt []hclsyntax.Expression, declared lint.Range) bool {
	i := fieldIndex(out.Fields, name)
	switch {
	case i < 0 && v.Partial:
		return false
	case (i < 0 || out.Fields[i].Value.Kind == lint.NullNode) && len(opt) > 1:
		d := ev.evalHCL(&scope{}, f, opt[1])
		out.Fields = setField(out.Fields, i, &lint.Field{Key: name, KeyRange: d.Range, Value: d})
		return true
	case i < 0:
		null := &lint.Node{Kind: lint.NullNode, Range: declared}
		out.Fields = append(out.Fields, &lint.Field{Key: name, KeyRange: declared, Value: null})
		return true
	}
	return false
}

// optionalArgs returns the arguments of optional(TYPE[, DEFAULT]).
func optionalArgs(x hclsyntax.Expression) ([]hclsyntax.Expression, bool) {
	opt, ok := x.(*hclsyntax.FunctionCallExpr)
	if !ok || opt.Name != "optional" || len(opt.Args) == 0 || len(opt.Args) > 2 {
		return nil, false
	}
	return opt.Args, true
}

// declaredAttributes maps an object type's attribute names to whether they
// are optional; false when a name cannot be read, so that nothing is
// dropped on a guess.
func (ev *evaluator) declaredAttributes(f *srcFile, attrs *hclsyntax.ObjectConsExpr) (map[string]bool, bool) {
	decl := make(map[string]bool, len(attrs.Items))
	for _, it := range attrs.Items {
		name, ok := ev.objectKey(&scope{}, f, it.KeyExpr)
		if !ok {
			return nil, false
		}
		_, optional := optionalArgs(it.ValueExpr)
		decl[name] = optional
	}
	return decl, true
}

// hasRequired reports whether v has every required attribute: without one
// the conversion fails and Terraform reports it.
func hasRequired(decl map[string]bool, v *lint.Node) bool {
	for name, optional := range decl {
		if !optional && fieldIndex(v.Fields, name) < 0 {
			return false
		}
	}
	return true
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
	if !ev.budget.Elements(v.Range, int64(len(out.Items)+len(out.Fields))) {
		return unknown(v.Range)
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
