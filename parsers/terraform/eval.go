package terraform

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/ecslint/ecslint/lint"
)

// The evaluator computes Terraform values as lint.Node trees rather than
// cty values, because every value must remember where it was written: a key
// inside a jsonencode() object, a line of a heredoc, a variable's default.
// Operations the model does not need positions for (arithmetic, string
// functions) are delegated to cty and their result placed at the
// expression.

// maxElements bounds collections produced by functions.
const maxElements = 100_000

// maxNesting bounds walks into nested values.
const maxNesting = 64

type evaluator struct {
	ctx     *lint.Context
	files   map[string]*srcFile
	configs map[string]*config
	// encoded maps a jsonencode() result to the value it encodes, so that
	// container definitions keep the positions of the object literal.
	encoded map[*lint.Node]*lint.Node
	// embedded maps strings whose text stands in a file (a heredoc, a file()
	// or templatefile() result) to that text, so JSON in them is parsed
	// with the file's positions.
	embedded map[*lint.Node]*embeddedText
	// origin maps values a module caller passed to the caller's argument:
	// a finding about them points there.
	origin map[*lint.Node]lint.Range
	// keyOf maps a value an object literal wrote to the literal's key: a
	// value a module caller takes from its own literal (each.value.x) is
	// reported at that key rather than at the argument that passes it.
	keyOf map[*lint.Node]lint.Range
	// manifests are the roots' module manifests, by root directory.
	manifests map[string]map[string]string
	// budget is the job's allowance (lint.Context.Budget): a for
	// expression over range(1e9), a string doubled forty times or a
	// template that renders itself ends with unknown values and an error
	// at the expression, not with the run out of memory or stack.
	budget *lint.Budget
	// typeExprs are the parsed type constraints of .tf.json variables (a
	// string holding a type expression), parsed once per declaration.
	typeExprs map[*attribute]typeConstraint
}

func newEvaluator(ctx *lint.Context) *evaluator {
	return &evaluator{ctx: ctx, files: map[string]*srcFile{}, configs: map[string]*config{},
		encoded: map[*lint.Node]*lint.Node{}, embedded: map[*lint.Node]*embeddedText{}, origin: map[*lint.Node]lint.Range{}, manifests: map[string]map[string]string{},
		budget: ctx.Budget}
}

// scope is where an expression is evaluated: a module instance, plus names
// bound by for expressions, count, each and dynamic blocks.
type scope struct {
	inst   *instance
	names  map[string]*lint.Node
	parent *scope
}

func (s *scope) with(names map[string]*lint.Node) *scope {
	return &scope{inst: s.inst, names: names, parent: s}
}

func (s *scope) lookup(name string) (*lint.Node, bool) {
	for c := s; c != nil; c = c.parent {
		if n, ok := c.names[name]; ok {
			return n, true
		}
	}
	return nil, false
}

// Node constructors.

func unknown(r lint.Range) *lint.Node { return &lint.Node{Kind: lint.UnknownNode, Range: r} }

func unknownRef(r lint.Range, ref string) *lint.Node {
	return lint.NewUnknown(r, ref, nil)
}

func strNode(s string, r lint.Range) *lint.Node {
	return &lint.Node{Kind: lint.StringNode, Text: s, Range: r}
}

func boolNode(b bool, r lint.Range) *lint.Node {
	return &lint.Node{Kind: lint.BoolNode, Text: strconv.FormatBool(b), Range: r}
}

func numNode(n int, r lint.Range) *lint.Node {
	return &lint.Node{Kind: lint.NumberNode, Text: strconv.Itoa(n), Range: r}
}

// errorText marks a node that stands for an evaluation error (a missing
// attribute, a failed function): try() skips it, everything else treats it
// as unknown.
const errorText = "\x00error"

func errNode(r lint.Range) *lint.Node {
	return &lint.Node{Kind: lint.UnknownNode, Text: errorText, Range: r}
}

func isErr(n *lint.Node) bool { return n.Kind == lint.UnknownNode && n.Text == errorText }

// eval evaluates an expression.
func (ev *evaluator) eval(s *scope, x expression) *lint.Node {
	if x.jn != nil {
		return ev.evalJSON(s, x.file, x.jn)
	}
	if x.hx == nil {
		return unknown(lint.Range{})
	}
	return ev.evalHCL(s, x.file, x.hx)
}

// tick charges one evaluation step at r.
func (ev *evaluator) tick(r lint.Range) bool { return ev.budget.Step(r) }

// evalJSON evaluates a .tf.json value: its strings are templates.
func (ev *evaluator) evalJSON(s *scope, f *srcFile, n *lint.Node) *lint.Node {
	if !ev.tick(n.Range) {
		return unknown(n.Range)
	}
	switch n.Kind {
	case lint.StringNode:
		if !hasTemplate(n.Text) {
			return n
		}
		// The template is the string's value; a text of its own maps its
		// positions through the JSON escapes back to the file.
		from, to := f.offset(n.Range.Start)+1, f.offset(n.Range.End)-1
		if from > to || to > len(f.src) {
			return unknown(n.Range)
		}
		tf := newSrcFile(f.name, []byte(n.Text))
		tf.via, tf.pin = jsonString(f, from, to), f.pin
		tf.key = fmt.Sprintf("%s\x00%d", f.key, from)
		ev.files[tf.key] = tf
		if at, ok := overdeepNesting(tf.src, true); ok {
			ev.ctx.Errorf(tf.place(lint.Range{File: tf.name, Start: tf.pos(at), End: tf.pos(at)}),
				"nested more than %d levels deep, too deep to check", maxSourceNesting)
			return unknown(n.Range)
		}
		tx, diags := hclsyntax.ParseTemplate(tf.src, tf.key, hcl.InitialPos)
		if diags.HasErrors() {
			ev.report(diags)
			return unknown(n.Range)
		}
		v := ev.evalHCL(s, tf, tx)
		if v.Kind != lint.UnknownNode || v.Range.IsZero() {
			// Placed at the string, on a copy: v may be a variable's value
			// ("${var.x}"), shared by every use, whose own text wrote it.
			placed := v.PlacedAt(n.Range)
			ev.copyMeta(v, placed)
			v = placed
		}
		return v
	case lint.ArrayNode:
		out := &lint.Node{Kind: lint.ArrayNode, Range: n.Range}
		for _, it := range n.Items {
			out.Items = append(out.Items, ev.evalJSON(s, f, it))
		}
		return out
	case lint.ObjectNode:
		out := &lint.Node{Kind: lint.ObjectNode, Range: n.Range}
		for _, fl := range n.Fields {
			v := ev.evalJSON(s, f, fl.Value)
			if fl.Value.Kind != lint.StringNode || !hasTemplate(fl.Value.Text) {
				ev.noteWritten(v, fl.KeyRange) // a value of its own, not a reference
			}
			out.Fields = append(out.Fields, &lint.Field{Key: fl.Key, KeyRange: ev.keyRange(fl.KeyRange, v), Value: v})
		}
		return out
	}
	return n
}

// keyRange is where a finding about a field points: its key, or the
// caller's argument when a module caller wrote the value.
func (ev *evaluator) keyRange(key lint.Range, v *lint.Node) lint.Range {
	if r, ok := ev.origin[v]; ok {
		return r
	}
	return key
}

func (ev *evaluator) evalHCL(s *scope, f *srcFile, x hclsyntax.Expression) *lint.Node {
	r := f.rng(x.Range())
	if !ev.tick(r) {
		return unknown(r)
	}
	switch e := x.(type) {
	case *hclsyntax.LiteralValueExpr:
		return ctyToNode(e.Val, r)
	case *hclsyntax.TemplateWrapExpr:
		return ev.evalHCL(s, f, e.Wrapped)
	case *hclsyntax.ParenthesesExpr:
		return ev.evalHCL(s, f, e.Expression)
	case *hclsyntax.TemplateExpr:
		return ev.template(s, f, e, r)
	case *hclsyntax.ScopeTraversalExpr:
		return ev.traverse(s, e.Traversal, r)
	case *hclsyntax.RelativeTraversalExpr:
		return ev.apply(ev.evalHCL(s, f, e.Source), e.Traversal, r)
	case *hclsyntax.IndexExpr:
		return ev.index(ev.evalHCL(s, f, e.Collection), ev.evalHCL(s, f, e.Key), r)
	case *hclsyntax.FunctionCallExpr:
		return ev.call(s, f, e, r)
	case *hclsyntax.ConditionalExpr:
		cond := ev.evalHCL(s, f, e.Condition)
		if b, ok := truth(cond); ok {
			if b {
				return ev.evalHCL(s, f, e.TrueResult)
			}
			return ev.evalHCL(s, f, e.FalseResult)
		}
		return ev.alternatives(ev.evalHCL(s, f, e.TrueResult), ev.evalHCL(s, f, e.FalseResult))
	case *hclsyntax.TupleConsExpr:
		out := &lint.Node{Kind: lint.ArrayNode, Range: r}
		for _, it := range e.Exprs {
			out.Items = append(out.Items, ev.evalHCL(s, f, it))
		}
		return out
	case *hclsyntax.ObjectConsExpr:
		out := &lint.Node{Kind: lint.ObjectNode, Range: r}
		for _, it := range e.Items {
			key, ok := ev.objectKey(s, f, it.KeyExpr)
			if !ok {
				continue
			}
			v := ev.evalHCL(s, f, it.ValueExpr)
			kr := f.rng(it.KeyExpr.Range())
			ev.writtenAt(v, it.ValueExpr, kr)
			out.Fields = append(out.Fields, &lint.Field{Key: key, KeyRange: ev.keyRange(kr, v), Value: v})
		}
		return out
	case *hclsyntax.ForExpr:
		return ev.forExpr(s, f, e, r)
	case *hclsyntax.SplatExpr:
		return ev.splat(s, f, e, r)
	case *hclsyntax.AnonSymbolExpr:
		if n, ok := s.lookup(splatSymbol); ok {
			return n
		}
		return unknown(r)
	case *hclsyntax.BinaryOpExpr:
		return ev.operation(e.Op, r, ev.evalHCL(s, f, e.LHS), ev.evalHCL(s, f, e.RHS))
	case *hclsyntax.UnaryOpExpr:
		return ev.operation(e.Op, r, ev.evalHCL(s, f, e.Val))
	}
	return unknown(r)
}

const splatSymbol = "\x00splat"

// objectKey reads an object constructor key: a bare name is literal.
func (ev *evaluator) objectKey(s *scope, f *srcFile, k hclsyntax.Expression) (string, bool) {
	if ke, ok := k.(*hclsyntax.ObjectConsKeyExpr); ok {
		if !ke.ForceNonLiteral {
			if t, ok := ke.Wrapped.(*hclsyntax.ScopeTraversalExpr); ok && len(t.Traversal) == 1 {
				return t.Traversal.RootName(), true
			}
		}
		k = ke.Wrapped
	}
	n := ev.evalHCL(s, f, k)
	switch n.Kind {
	case lint.StringNode, lint.NumberNode, lint.BoolNode:
		return n.Text, true
	}
	return "", false
}

// truth reads a known boolean (Terraform accepts "true"/"false" strings).
func truth(n *lint.Node) (bool, bool) {
	if len(n.Alts()) > 0 {
		return false, false
	}
	switch n.Kind {
	case lint.BoolNode, lint.StringNode:
		switch n.Text {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

// alternatives is a value that may be either a or b: a conditional whose
// condition is unknown. Rules look at every possibility, as for
// CloudFormation's Fn::If.
func (ev *evaluator) alternatives(a, b *lint.Node) *lint.Node {
	out := *a
	ev.copyMeta(a, &out)
	out.SetAlts(append(append(append([]*lint.Node(nil), a.Alts()...), b), b.Alts()...))
	return &out
}

// copyMeta gives a copy of a node what the evaluator knows of the original.
func (ev *evaluator) copyMeta(from, to *lint.Node) {
	if v, ok := ev.encoded[from]; ok {
		ev.encoded[to] = v
	}
	if v, ok := ev.embedded[from]; ok {
		ev.embedded[to] = v
	}
	if v, ok := ev.origin[from]; ok {
		ev.origin[to] = v
	}
}

// template evaluates a string template. A heredoc remembers its text so
// that JSON inside it is parsed at its lines in the file.
func (ev *evaluator) template(s *scope, f *srcFile, e *hclsyntax.TemplateExpr, r lint.Range) *lint.Node {
	if len(e.Parts) == 1 {
		if lit, ok := e.Parts[0].(*hclsyntax.LiteralValueExpr); ok {
			n := ctyToNode(lit.Val, r)
			if isHeredoc(f, e) {
				ev.embedded[n] = f.embed(f.pos(lit.SrcRange.Start.Byte), f.text(lit.SrcRange))
			}
			return n
		}
	}
	// A heredoc, or the value of a .tf.json string, is the template's
	// text as written; a quoted string's text has escapes.
	heredoc := isHeredoc(f, e)
	raw := heredoc || f.via != nil
	if hasDirective(f, e.Parts) {
		return ev.renderedTemplate(s, f, e.Parts, r, !raw)
	}
	out, vals := ev.renderParts(s, f, e.Parts, r)
	if heredoc || jsonLike(f, e, !raw) {
		ev.embedded[out] = &embeddedText{file: f.name, render: func() []*rendered {
			return ev.render(s, f, e.Parts, vals, !raw)
		}}
	}
	return out
}

// renderedTemplate evaluates a template with directives by rendering it:
// its value is known when it has one reading without holes. JSON in it is
// read from the readings, with their positions.
func (ev *evaluator) renderedTemplate(s *scope, f *srcFile, parts []hclsyntax.Expression, r lint.Range, quoted bool) *lint.Node {
	readings := ev.render(s, f, parts, nil, quoted)
	out := unknown(r)
	if len(readings) == 1 && !readings[0].holed() {
		out = strNode(string(readings[0].buf), r)
	}
	ev.embedded[out] = &embeddedText{file: f.name, readings: readings}
	return out
}

// jsonLike reports a template that may hold JSON: its text (after the
// opening quote of a quoted string) starts with "[" or "{". Other strings
// with interpolations (names, ARNs) are not worth a rendering.
func jsonLike(f *srcFile, e *hclsyntax.TemplateExpr, quoted bool) bool {
	at := e.SrcRange.Start.Byte
	if quoted {
		if at >= len(f.src) || f.src[at] != '"' {
			return false
		}
		at++
	}
	for _, c := range f.src[min(at, len(f.src)):min(e.SrcRange.End.Byte, len(f.src))] {
		switch c {
		case ' ', '\t', '\n', '\r':
		case '[', '{':
			return true
		default:
			return false
		}
	}
	return false
}

// renderParts evaluates a template's parts: the string they make when all
// are known, else an unknown value; and each part's value.
func (ev *evaluator) renderParts(s *scope, f *srcFile, exprs []hclsyntax.Expression, r lint.Range) (*lint.Node, []*lint.Node) {
	known := true
	size := 0
	vals := make([]*lint.Node, len(exprs))
	for i, p := range exprs {
		n := ev.evalHCL(s, f, p)
		vals[i] = n
		switch {
		case len(n.Alts()) > 0:
			known = false
		case n.Kind == lint.StringNode || n.Kind == lint.NumberNode || n.Kind == lint.BoolNode:
			size += len(n.Text)
		default:
			known = false
		}
	}
	// The rendered string is charged before it is built: a template that
	// joins a value to itself, forty locals deep, would need a terabyte.
	if known && ev.budget.Alloc(r, int64(size)) {
		var b strings.Builder
		b.Grow(size)
		for _, n := range vals {
			b.WriteString(n.Text)
		}
		// The parts' own text (a variable's default, a tfvars entry) wrote
		// the string too.
		out := strNode(b.String(), r)
		out.AddWritten(vals...)
		return withPartsOrigin(out, vals), vals
	}
	out := unknownRef(r, sharedRef(vals))
	out.SetPattern(partsPattern(f, exprs, vals))
	return withPartsOrigin(out, vals), vals
}

// maxPatternSource bounds the source of a template whose pattern is
// built: patterns are for images and ARNs, and lint.Pattern keeps at most
// a KiB of text anyway.
const maxPatternSource = 4096

// partsPattern is what is known of a template some of whose parts are
// not: its literal text and known values, and each unknown part written
// as the source wrote it.
func partsPattern(f *srcFile, exprs []hclsyntax.Expression, vals []*lint.Node) *lint.Pattern {
	if len(exprs) == 0 || exprs[len(exprs)-1].Range().End.Byte-exprs[0].Range().Start.Byte > maxPatternSource {
		// A document, not a name: no pattern is kept for it.
		return nil
	}
	var b lint.PatternBuilder
	for i, x := range exprs {
		b.Part(vals[i], "${"+string(f.text(x.Range()))+"}")
	}
	return b.Pattern()
}

// sharedRef is the resource every unknown part refers to, if they all refer
// to one ("${aws_ecs_task_definition.app.family}:${...revision}" still
// names that task definition).
func sharedRef(vals []*lint.Node) string {
	ref := ""
	for _, v := range vals {
		if v.Kind != lint.UnknownNode {
			continue
		}
		if v.Ref() == "" || ref != "" && v.Ref() != ref {
			return ""
		}
		ref = v.Ref()
	}
	return ref
}

func isHeredoc(f *srcFile, e *hclsyntax.TemplateExpr) bool {
	return strings.HasPrefix(string(f.text(e.SrcRange)), "<<")
}

// traverse resolves a reference such as var.x, local.y.z, module.m.out,
// aws_iam_role.task.arn.
func (ev *evaluator) traverse(s *scope, t hcl.Traversal, r lint.Range) *lint.Node {
	root := t.RootName()
	if n, ok := s.lookup(root); ok {
		return ev.apply(n, t[1:], r)
	}
	inst := s.inst
	attr := func(i int) (string, bool) {
		if i < len(t) {
			if a, ok := t[i].(hcl.TraverseAttr); ok {
				return a.Name, true
			}
		}
		return "", false
	}
	switch root {
	case "var":
		name, ok := attr(1)
		if !ok || inst == nil {
			return unknown(r)
		}
		return ev.apply(inst.variable(name, r), t[2:], r)
	case "local":
		name, ok := attr(1)
		if !ok || inst == nil {
			return unknown(r)
		}
		return ev.apply(inst.local(name, r), t[2:], r)
	case "path":
		name, _ := attr(1)
		switch {
		case inst == nil:
			return unknown(r)
		case name == "module":
			return strNode(inst.moduleDir(), r)
		case name == "root":
			return strNode(".", r)
		case name == "cwd":
			return strNode(".", r)
		}
		return errNode(r)
	case "terraform":
		if name, _ := attr(1); name == "workspace" {
			return strNode("default", r)
		}
		return unknown(r)
	case "module":
		name, ok := attr(1)
		if !ok || inst == nil {
			return unknown(r)
		}
		return inst.moduleRef(name, t[2:], r)
	case "data":
		typ, okType := attr(1)
		name, okName := attr(2)
		if !okType || !okName || inst == nil {
			return unknown(r) // "data" alone, or data.TYPE: not a data source
		}
		n := inst.dataRef(typ, name, t[3:], r)
		if n.Kind == lint.UnknownNode && !isErr(n) && n.Origin() == nil {
			n.SetOrigin(resourceOrigin(inst.prefix+traversalText(t), "data."+typ, t[3:]))
		}
		return n
	case "count", "each", "self":
		return unknown(r)
	}
	// A resource: TYPE.NAME[...].attribute. Its attributes need a provider;
	// the reference itself links the two resources.
	name, ok := attr(1)
	if !ok || inst == nil {
		return unknown(r)
	}
	n := unknownRef(r, inst.prefix+root+"."+name)
	n.SetOrigin(resourceOrigin(inst.prefix+traversalText(t), root, t[2:]))
	return n
}

// apply applies attribute and index steps to a value.
func (ev *evaluator) apply(n *lint.Node, t hcl.Traversal, r lint.Range) *lint.Node {
	for _, step := range t {
		switch st := step.(type) {
		case hcl.TraverseAttr:
			n = ev.attr(n, st.Name, r)
		case hcl.TraverseIndex:
			n = ev.index(n, ctyToNode(st.Key, r), r)
		case hcl.TraverseSplat:
			return unknown(r)
		}
	}
	return n
}

func (ev *evaluator) attr(n *lint.Node, name string, r lint.Range) *lint.Node {
	switch n.Kind {
	case lint.ObjectNode:
		if f := n.Get(name); f != nil {
			ev.inheritOrigin(n, f)
			return f.Value
		}
		return errNode(r)
	case lint.UnknownNode:
		if isErr(n) {
			return n
		}
		u := unknownRef(r, n.Ref())
		u.SetOrigin(attrOrigin(n.Origin(), name))
		return u
	}
	return errNode(r)
}

// inheritOrigin makes a field of a caller-written value point at its own
// key in the caller, as the value it belongs to does.
func (ev *evaluator) inheritOrigin(parent *lint.Node, f *lint.Field) {
	if _, ok := ev.origin[parent]; ok {
		if _, has := ev.origin[f.Value]; !has {
			ev.origin[f.Value] = f.KeyRange
		}
	}
}

// inheritItemOrigin makes an element of a caller-written list stand where
// the caller wrote it, so that the fields a module reads from it
// ([for c in var.containers : { privileged = c.privileged }]) point at
// their keys in the caller's literal, as a map's do.
func (ev *evaluator) inheritItemOrigin(list, it *lint.Node) {
	if _, ok := ev.origin[list]; ok {
		if _, has := ev.origin[it]; !has {
			ev.origin[it] = it.Range
		}
	}
}

// writtenAt records the key under which an object literal wrote a value
// of its own (a literal or a constructor, not a reference to a value
// written elsewhere).
func (ev *evaluator) writtenAt(v *lint.Node, x hclsyntax.Expression, key lint.Range) {
	switch x.(type) {
	case *hclsyntax.LiteralValueExpr, *hclsyntax.TemplateExpr, *hclsyntax.ObjectConsExpr, *hclsyntax.TupleConsExpr:
		ev.noteWritten(v, key)
	}
}

func (ev *evaluator) noteWritten(v *lint.Node, key lint.Range) {
	if ev.keyOf == nil {
		ev.keyOf = map[*lint.Node]lint.Range{}
	}
	if _, has := ev.keyOf[v]; !has {
		ev.keyOf[v] = key
	}
}

func (ev *evaluator) index(coll, key *lint.Node, r lint.Range) *lint.Node {
	if len(coll.Alts()) > 0 || len(key.Alts()) > 0 {
		return unknown(r)
	}
	switch coll.Kind {
	case lint.ArrayNode:
		if key.Kind != lint.NumberNode && key.Kind != lint.StringNode {
			return unknown(r)
		}
		i, err := strconv.Atoi(key.Text)
		if err != nil || i < 0 || i >= len(coll.Items) {
			return errNode(r)
		}
		ev.inheritItemOrigin(coll, coll.Items[i])
		return coll.Items[i]
	case lint.ObjectNode:
		if key.Kind == lint.UnknownNode {
			return unknown(r)
		}
		return ev.attr(coll, key.Text, r)
	case lint.UnknownNode:
		u := unknownRef(r, coll.Ref())
		u.SetOrigin(coll.Origin())
		return u
	}
	return errNode(r)
}

// forExpr evaluates [for k, v in coll : ...] and {for ...}.
func (ev *evaluator) forExpr(s *scope, f *srcFile, e *hclsyntax.ForExpr, r lint.Range) *lint.Node {
	coll := ev.evalHCL(s, f, e.CollExpr)
	if coll.Kind == lint.UnknownNode && coll.Ref() != "" && e.KeyExpr == nil && e.CondExpr == nil && !isErr(coll) {
		// The instances of a resource with count or for_each: a list of
		// values that still refer to it.
		return &lint.Node{Kind: lint.ArrayNode, Range: r, Items: []*lint.Node{ev.evalHCL(s.with(map[string]*lint.Node{e.ValVar: coll}), f, e.ValExpr)}}
	}
	if len(coll.Alts()) > 0 || (coll.Kind != lint.ArrayNode && coll.Kind != lint.ObjectNode) {
		return unknown(r)
	}
	type kv struct{ k, v *lint.Node }
	var elems []kv
	if coll.Kind == lint.ArrayNode {
		for i, it := range coll.Items {
			ev.inheritItemOrigin(coll, it)
			elems = append(elems, kv{numNode(i, it.Range), it})
		}
	} else {
		// Terraform iterates a map's keys in lexical order.
		for _, fl := range sortedKeys(coll) {
			ev.inheritOrigin(coll, fl)
			elems = append(elems, kv{strNode(fl.Key, fl.KeyRange), fl.Value})
		}
	}
	if !ev.budget.Elements(r, int64(len(elems))) {
		return unknown(r)
	}
	out := &lint.Node{Kind: lint.ArrayNode, Range: r}
	if e.KeyExpr != nil {
		out.Kind = lint.ObjectNode
	}
	// A key names one value, or with grouping (k => v...) the list of
	// the values under it, in the collection's order; a key met twice
	// without grouping is Terraform's "Duplicate object key" error.
	seen := map[string]*lint.Field{}
	for _, el := range elems {
		names := map[string]*lint.Node{e.ValVar: el.v}
		if e.KeyVar != "" {
			names[e.KeyVar] = el.k
		}
		inner := s.with(names)
		if e.CondExpr != nil {
			if keep, ok := truth(ev.evalHCL(inner, f, e.CondExpr)); ok && !keep {
				continue
			}
		}
		v := ev.evalHCL(inner, f, e.ValExpr)
		if e.KeyExpr == nil {
			out.Items = append(out.Items, v)
			continue
		}
		k := ev.evalHCL(inner, f, e.KeyExpr)
		if k.Kind != lint.StringNode && k.Kind != lint.NumberNode && k.Kind != lint.BoolNode {
			return unknown(r)
		}
		if fl := seen[k.Text]; fl != nil {
			if !e.Group {
				return errNode(r)
			}
			fl.Value.Items = append(fl.Value.Items, v)
			continue
		}
		if e.Group {
			v = &lint.Node{Kind: lint.ArrayNode, Range: v.Range, Items: []*lint.Node{v}}
		}
		fl := &lint.Field{Key: k.Text, KeyRange: ev.keyRange(k.Range, v), Value: v}
		seen[k.Text] = fl
		out.Fields = append(out.Fields, fl)
	}
	return out
}

func (ev *evaluator) splat(s *scope, f *srcFile, e *hclsyntax.SplatExpr, r lint.Range) *lint.Node {
	src := ev.evalHCL(s, f, e.Source)
	var items []*lint.Node
	switch src.Kind {
	case lint.ArrayNode:
		items = src.Items
	case lint.NullNode:
	case lint.UnknownNode:
		if src.Ref() == "" || isErr(src) {
			return unknown(r)
		}
		// A resource's instances, aws_security_group.app[*].id: a list of
		// values that still refer to it.
		items = []*lint.Node{src}
	default:
		items = []*lint.Node{src}
	}
	out := &lint.Node{Kind: lint.ArrayNode, Range: r}
	for _, it := range items {
		ev.inheritItemOrigin(src, it)
		out.Items = append(out.Items, ev.evalHCL(s.with(map[string]*lint.Node{splatSymbol: it}), f, e.Each))
	}
	return out
}

// operation applies an operator through cty.
func (ev *evaluator) operation(op *hclsyntax.Operation, r lint.Range, args ...*lint.Node) *lint.Node {
	vals := make([]cty.Value, len(args))
	for i, a := range args {
		if len(a.Alts()) > 0 {
			return unknown(r)
		}
		if _, ok := ev.measure(a, r); !ok {
			return unknown(r)
		}
		vals[i] = nodeToCty(a)
	}
	v, err := op.Impl.Call(vals)
	if err != nil {
		return errNode(r)
	}
	if !ev.chargeCty(v, r) {
		return unknown(r)
	}
	return ctyToNode(v, r)
}

// ctyToNode converts a cty value; every node is placed at r.
func ctyToNode(v cty.Value, r lint.Range) *lint.Node {
	if !v.IsWhollyKnown() && !v.IsKnown() {
		return unknown(r)
	}
	if v.IsNull() {
		return &lint.Node{Kind: lint.NullNode, Range: r}
	}
	v, _ = v.Unmark()
	t := v.Type()
	switch {
	case t == cty.String:
		return strNode(v.AsString(), r)
	case t == cty.Bool:
		return boolNode(v.True(), r)
	case t == cty.Number:
		return &lint.Node{Kind: lint.NumberNode, Text: formatNumber(v.AsBigFloat()), Range: r}
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		out := &lint.Node{Kind: lint.ArrayNode, Range: r}
		if v.LengthInt() > maxElements {
			return unknown(r)
		}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out.Items = append(out.Items, ctyToNode(e, r))
		}
		return out
	case t.IsMapType() || t.IsObjectType():
		out := &lint.Node{Kind: lint.ObjectNode, Range: r}
		if v.LengthInt() > maxElements {
			return unknown(r)
		}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out.Fields = append(out.Fields, &lint.Field{Key: k.AsString(), KeyRange: r, Value: ctyToNode(e, r)})
		}
		return out
	}
	return unknown(r)
}

// formatNumber writes a number as a JSON literal. Exact below 2^maxExactBits,
// where its digits are cheap; beyond, converting to decimal exactly takes
// time and memory in proportion to the exponent (a literal 1e600000000
// parses in microseconds but has 600 million digits), so it is written
// with fifteen significant digits and a decimal exponent computed from
// the binary one, which the schema reads as the number it is.
func formatNumber(f *big.Float) string {
	switch exp := f.MantExp(nil); {
	case f.IsInf() && f.Signbit():
		return "-1e999999999"
	case f.IsInf():
		return "1e999999999"
	case exp > maxExactBits || exp < -maxExactBits:
		return approximateNumber(f, exp)
	case f.IsInt():
		i, _ := f.Int(nil)
		return i.String()
	}
	return f.Text('g', -1)
}

const maxExactBits = 4096

// log10of2 to more digits than a float64 holds: exp × log10(2) must keep
// its fraction exact to seventeen digits for exponents in the billions.
var log10of2, _, _ = big.ParseFloat("0.301029995663981195213738894724493026768189881462108541310", 10, 200, big.ToNearestEven)

// approximateNumber writes m × 2^exp (the mantissa m in [0.5, 1)) as
// d × 10^k.
func approximateNumber(f *big.Float, exp int) string {
	m, _ := new(big.Float).SetMantExp(f, -exp).Float64()
	e10 := new(big.Float).SetPrec(200).SetInt64(int64(exp))
	e10.Mul(e10, log10of2)
	k, _ := e10.Int64() // toward zero
	frac, _ := e10.Sub(e10, new(big.Float).SetInt64(k)).Float64()
	if frac < 0 {
		frac++
		k--
	}
	d := m * math.Pow(10, frac)
	return strconv.FormatFloat(d, 'g', 15, 64) + "e" + strconv.FormatInt(k, 10)
}

// nodeToCty converts a node for cty functions and operators; unknowns and
// alternatives become unknown values.
func nodeToCty(n *lint.Node) cty.Value {
	if len(n.Alts()) > 0 {
		return cty.DynamicVal
	}
	switch n.Kind {
	case lint.NullNode, lint.AbsentNode:
		return cty.NullVal(cty.DynamicPseudoType)
	case lint.BoolNode:
		return cty.BoolVal(n.Text == "true")
	case lint.NumberNode:
		v, err := cty.ParseNumberVal(shortNumber(n.Text))
		if err != nil {
			return cty.DynamicVal
		}
		return v
	case lint.StringNode:
		return cty.StringVal(n.Text)
	case lint.ArrayNode:
		if len(n.Items) == 0 {
			return cty.EmptyTupleVal
		}
		vals := make([]cty.Value, len(n.Items))
		for i, it := range n.Items {
			vals[i] = nodeToCty(it)
		}
		return cty.TupleVal(vals)
	case lint.ObjectNode:
		if len(n.Fields) == 0 {
			return cty.EmptyObjectVal
		}
		m := make(map[string]cty.Value, len(n.Fields))
		for _, f := range n.Fields {
			m[f.Key] = nodeToCty(f.Value)
		}
		return cty.ObjectVal(m)
	}
	return cty.DynamicVal
}

// sortedKeys returns an object's keys in Terraform's order (lexical).
func sortedKeys(n *lint.Node) []*lint.Field {
	fs := append([]*lint.Field(nil), n.Fields...)
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Key < fs[j].Key })
	return fs
}
