package terraform

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/ecslint/ecslint/lint"
)

// ctyFuncs are Terraform's pure functions whose results need no positions:
// cty's standard library implements them with Terraform's semantics.
var ctyFuncs = map[string]function.Function{
	"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc, "log": stdlib.LogFunc,
	"max": stdlib.MaxFunc, "min": stdlib.MinFunc, "parseint": stdlib.ParseIntFunc, "pow": stdlib.PowFunc,
	"signum": stdlib.SignumFunc, "chomp": stdlib.ChompFunc, "format": stdlib.FormatFunc,
	"formatlist": stdlib.FormatListFunc, "indent": stdlib.IndentFunc, "join": stdlib.JoinFunc,
	"lower": stdlib.LowerFunc, "upper": stdlib.UpperFunc, "regex": stdlib.RegexFunc,
	"regexall": stdlib.RegexAllFunc, "split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc,
	"substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc, "trim": stdlib.TrimFunc,
	"trimprefix": stdlib.TrimPrefixFunc, "trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc,
	"chunklist": stdlib.ChunklistFunc, "coalescelist": stdlib.CoalesceListFunc, "compact": stdlib.CompactFunc,
	"contains": stdlib.ContainsFunc, "distinct": stdlib.DistinctFunc, "reverse": stdlib.ReverseListFunc,
	"setintersection": stdlib.SetIntersectionFunc, "setproduct": stdlib.SetProductFunc,
	"setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc, "slice": stdlib.SliceFunc,
	"sort": stdlib.SortFunc, "zipmap": stdlib.ZipmapFunc, "range": stdlib.RangeFunc,
	"csvdecode": stdlib.CSVDecodeFunc, "formatdate": stdlib.FormatDateFunc, "timeadd": stdlib.TimeAddFunc,
	// Terraform's own (funcs_tf.go).
	"startswith": startsWithFunc, "endswith": endsWithFunc, "strcontains": strContainsFunc,
	"alltrue": allTrueFunc, "anytrue": anyTrueFunc, "sum": sumFunc, "index": indexFunc,
	"base64decode": base64DecodeFunc,
}

// call evaluates a function call. Functions that pass values through
// (merge, concat, lookup, try, jsonencode, ...) keep their arguments' nodes,
// so positions survive; the rest go through cty.
func (ev *evaluator) call(s *scope, f *srcFile, e *hclsyntax.FunctionCallExpr, r lint.Range) *lint.Node {
	name := strings.TrimPrefix(e.Name, "provider::")
	// try and can evaluate their arguments themselves.
	switch {
	case e.ExpandFinal && (name == "try" || name == "can"):
		return unknown(r)
	case name == "try":
		return ev.try(s, f, e.Args, r)
	case name == "can":
		return ev.can(s, f, e.Args, r)
	}
	args := make([]*lint.Node, len(e.Args))
	for i, a := range e.Args {
		args[i] = ev.evalHCL(s, f, a)
		if isErr(args[i]) {
			return args[i]
		}
	}
	if e.ExpandFinal {
		var ok bool
		if args, ok = expandFinal(args, r); !ok {
			return args[len(args)-1]
		}
	}
	// The families know disjoint names, so the order they are asked in does
	// not matter; what none of them settles is cty's.
	if out, done := ev.collectionCall(name, args, r); done {
		return out
	}
	if out, done := ev.conversionCall(f, e, name, args, r); done {
		return out
	}
	if out, done := ev.encodingCall(name, args, r); done {
		return out
	}
	if out, done := ev.fileCall(s, name, args, r); done {
		return out
	}
	switch name {
	case "replace":
		return ev.replace(args, r)
	case "templatestring":
		return ev.templatestring(e, args, r)
	}
	return ev.ctyFunc(name, args, r)
}

// templatestring (Terraform 1.9) renders a string from elsewhere in the
// module as a template, as templatefile() renders a file: a heredoc local
// whose $${name} became ${name} is rendered at the heredoc's lines.
// Terraform accepts only a reference (local.tmpl, var.tmpl, a data
// source's attribute) as the template, never a literal to render twice.
func (ev *evaluator) templatestring(e *hclsyntax.FunctionCallExpr, args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) != 2 {
		return errNode(r)
	}
	if _, diags := hcl.AbsTraversalForExpr(e.Args[0]); diags.HasErrors() {
		return errNode(r)
	}
	if !ev.budget.Enter(r) {
		return unknown(r)
	}
	defer ev.budget.Leave()
	if args[0].Kind == lint.UnknownNode {
		return args[0] // the note names what is unknown
	}
	f := ev.templateSource(args[0], args[0].Range)
	if f == nil {
		return withPartsOrigin(unknown(r), args)
	}
	return ev.renderTemplate(f, args[1], r)
}

// expandFinal spreads the last argument of f(a, list...) into arguments,
// as Terraform does (merge(local.tag_maps...)). ok is false when the list
// cannot be spread; the last argument is then the call's value: unknown
// when the list is, an error for a null or a map, which Terraform refuses.
func expandFinal(args []*lint.Node, r lint.Range) ([]*lint.Node, bool) {
	if len(args) == 0 {
		return []*lint.Node{errNode(r)}, false
	}
	last := args[len(args)-1]
	switch {
	case last.Kind == lint.ArrayNode && len(last.Alts()) == 0:
		return append(args[:len(args)-1:len(args)-1], last.Items...), true
	case last.Kind == lint.UnknownNode || len(last.Alts()) > 0:
		return []*lint.Node{withPartsOrigin(unknown(r), args)}, false
	}
	return []*lint.Node{errNode(r)}, false
}

// try returns its first argument that evaluates without an error.
func (ev *evaluator) try(s *scope, f *srcFile, xs []hclsyntax.Expression, r lint.Range) *lint.Node {
	for _, a := range xs {
		if v := ev.evalHCL(s, f, a); !isErr(v) {
			return v
		}
	}
	return errNode(r)
}

// can reports whether its argument evaluates without an error; unknown
// when the argument is.
func (ev *evaluator) can(s *scope, f *srcFile, xs []hclsyntax.Expression, r lint.Range) *lint.Node {
	if len(xs) != 1 {
		return errNode(r)
	}
	v := ev.evalHCL(s, f, xs[0])
	if isErr(v) {
		return boolNode(false, r)
	}
	if v.Kind == lint.UnknownNode {
		return unknown(r)
	}
	return boolNode(true, r)
}

// ctyFunc calls the function cty implements under name, and gives any
// other (a provider function, yamlencode, a function of a newer
// Terraform) an unknown value: not evaluated, never a crash.
func (ev *evaluator) ctyFunc(name string, args []*lint.Node, r lint.Range) *lint.Node {
	if fn, ok := ctyFuncs[name]; ok {
		reserved, ok := ev.precharge(name, args, r)
		if !ok {
			return unknown(r)
		}
		out := ev.ctyCall(name, fn, r, reserved, args...)
		if opaqueFuncs[name] || isErr(out) {
			return out
		}
		return withPartsOrigin(out, args) // format(), join(), upper() disclose their arguments
	}
	if opaqueFuncs[name] {
		return unknown(r)
	}
	return withPartsOrigin(unknown(r), args)
}

// collectionCall evaluates the functions that build, pick from or measure
// collections on the nodes themselves, so elements keep their positions.
// done is false for a name it does not know and for a call it leaves to
// cty.
func (ev *evaluator) collectionCall(name string, args []*lint.Node, r lint.Range) (out *lint.Node, done bool) {
	switch name {
	case "merge":
		return ev.merge(args, r), true
	case "concat":
		return ev.concat(args, r), true
	case "flatten":
		return ev.flatten(args, r), true
	case "lookup":
		return ev.lookup(args, r), true
	case "element":
		return element(args, r), true
	case "coalesce":
		return coalesce(args, r), true
	case "one":
		return one(args, r), true
	case "length":
		return length(args, r), true
	case "keys", "values":
		return ev.keysOrValues(name, args, r), true
	case "reverse", "slice", "coalescelist", "distinct", "compact", "sort", "zipmap":
		return listCall(name, args, r)
	case "range":
		// cty builds the list, once its bounds are known to be small.
		if !rangeWithinBounds(args) {
			return unknown(r), true
		}
	}
	return nil, false
}

func (ev *evaluator) merge(args []*lint.Node, r lint.Range) *lint.Node {
	out := &lint.Node{Kind: lint.ObjectNode, Range: r}
	for _, a := range args {
		if !ev.budget.Elements(r, int64(len(a.Fields))) {
			return unknown(r)
		}
		switch {
		case a.Kind == lint.NullNode:
		case a.Kind == lint.ObjectNode && len(a.Alts()) == 0:
			for _, fl := range a.Fields {
				ev.inheritOrigin(a, fl)
				out.Fields = removeField(out.Fields, fl.Key)
				out.Fields = append(out.Fields, fl)
			}
		default:
			return unknown(r)
		}
	}
	ev.placeMerged(out, args)
	return out
}

// concat joins lists. A list of unknown length leaves an unknown item, so
// the known items (a security group, a capability) are still seen.
func (ev *evaluator) concat(args []*lint.Node, r lint.Range) *lint.Node {
	out := &lint.Node{Kind: lint.ArrayNode, Range: r}
	for _, a := range args {
		if !ev.budget.Elements(r, int64(len(a.Items))+1) {
			return unknown(r)
		}
		switch {
		case a.Kind == lint.ArrayNode && len(a.Alts()) == 0:
			out.Items = append(out.Items, a.Items...)
		case a.Kind == lint.UnknownNode || len(a.Alts()) > 0:
			out.Items = append(out.Items, unknownRef(a.Range, a.Ref()))
		default:
			return errNode(r)
		}
	}
	return out
}

func (ev *evaluator) flatten(args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) != 1 {
		return errNode(r)
	}
	out := &lint.Node{Kind: lint.ArrayNode, Range: r}
	if !ev.flattenInto(out, args[0], 0, r) {
		return unknown(r)
	}
	return out
}

func (ev *evaluator) lookup(args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) < 2 || len(args) > 3 {
		return errNode(r)
	}
	if args[0].Kind == lint.ObjectNode && args[1].Kind == lint.StringNode && len(args[0].Alts()) == 0 {
		if fl := args[0].Get(args[1].Text); fl != nil {
			ev.inheritOrigin(args[0], fl)
			return fl.Value
		}
		if len(args) == 3 {
			return args[2]
		}
		return errNode(r)
	}
	return unknown(r)
}

// element indexes a list modulo its length, as Terraform does.
func element(args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) != 2 || args[0].Kind != lint.ArrayNode || args[1].Kind != lint.NumberNode || len(args[0].Items) == 0 {
		return unknown(r)
	}
	i, err := strconv.Atoi(args[1].Text)
	if err != nil || i < 0 {
		return errNode(r)
	}
	return args[0].Items[i%len(args[0].Items)]
}

// coalesce returns its first argument that is neither null nor "".
func coalesce(args []*lint.Node, r lint.Range) *lint.Node {
	for _, a := range args {
		switch {
		case a.Kind == lint.UnknownNode || len(a.Alts()) > 0:
			// Most likely this one; unknown, but still a reference.
			return a
		case a.Kind == lint.NullNode || a.Kind == lint.StringNode && a.Text == "":
		default:
			return a
		}
	}
	return errNode(r)
}

// one returns the only element of a list, null for an empty one.
func one(args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) == 1 && args[0].Kind == lint.UnknownNode {
		return unknownRef(r, args[0].Ref())
	}
	if len(args) == 1 && args[0].Kind == lint.ArrayNode {
		switch len(args[0].Items) {
		case 0:
			return &lint.Node{Kind: lint.NullNode, Range: r}
		case 1:
			return args[0].Items[0]
		}
		return errNode(r)
	}
	return unknown(r)
}

// length counts a list's elements, an object's attributes or a string's
// characters.
func length(args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) == 1 && len(args[0].Alts()) == 0 {
		switch args[0].Kind {
		case lint.ArrayNode:
			return numNode(len(args[0].Items), r)
		case lint.ObjectNode:
			return numNode(len(args[0].Fields), r)
		case lint.StringNode:
			return numNode(len([]rune(args[0].Text)), r)
		}
	}
	return unknown(r)
}

// keysOrValues lists an object's keys or its values (name says which), in
// key order.
func (ev *evaluator) keysOrValues(name string, args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) != 1 || args[0].Kind != lint.ObjectNode || len(args[0].Alts()) > 0 {
		return unknown(r)
	}
	if !ev.budget.Elements(r, int64(len(args[0].Fields))) {
		return unknown(r)
	}
	out := &lint.Node{Kind: lint.ArrayNode, Range: r}
	for _, fl := range sortedKeys(args[0]) {
		if name == "keys" {
			out.Items = append(out.Items, strNode(fl.Key, fl.KeyRange))
		} else {
			out.Items = append(out.Items, fl.Value)
		}
	}
	return out
}

// rangeWithinBounds reports whether range()'s numeric arguments are at
// most maxElements from zero: cty would build a list of any length.
func rangeWithinBounds(args []*lint.Node) bool {
	for _, a := range args {
		if n, err := strconv.ParseFloat(a.Text, 64); a.Kind == lint.NumberNode && (err != nil || n > maxElements || n < -maxElements) {
			return false
		}
	}
	return true
}

// conversionCall evaluates the type conversions and sensitivity marks,
// which return their argument (sensitive() marked, toset() of strings
// sorted and without duplicates, tostring() of a scalar as text). done is
// false for a name it does not know.
func (ev *evaluator) conversionCall(f *srcFile, e *hclsyntax.FunctionCallExpr, name string, args []*lint.Node, r lint.Range) (out *lint.Node, done bool) {
	switch name {
	case "toset":
		return toset(args, r), true
	case "sensitive":
		if len(args) != 1 {
			return errNode(r), true
		}
		// Terraform marks the value sensitive: it is a secret as a
		// sensitive variable is.
		return ev.markSensitive(args[0], &lint.Origin{Expr: "sensitive(" + string(f.text(e.Args[0].Range())) + ")", Sensitive: true}), true
	case "tobool":
		return toPrimitive(args, cty.Bool, r), true
	case "tonumber":
		return toPrimitive(args, cty.Number, r), true
	case "tolist", "tomap", "nonsensitive":
		if len(args) != 1 {
			return errNode(r), true
		}
		return args[0], true
	case "tostring":
		return tostring(args, r), true
	}
	return nil, false
}

// toset returns a set of strings in the order it iterates in, lexical and
// without duplicates; any other value as it is. Strings mixed with numbers
// or bools are a set of strings, as Terraform unifies them
// (toset(["a", 1]) is ["1", "a"]).
func toset(args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) == 1 && args[0].Kind == lint.ArrayNode {
		if u, ok := unifiedList(args[0]); ok {
			args = []*lint.Node{u}
		}
	}
	if len(args) == 1 && args[0].Kind == lint.ArrayNode && allStrings(args[0]) {
		items := append([]*lint.Node(nil), args[0].Items...)
		sort.SliceStable(items, func(i, j int) bool { return items[i].Text < items[j].Text })
		out := &lint.Node{Kind: lint.ArrayNode, Range: args[0].Range}
		for i, it := range items {
			if i == 0 || it.Text != items[i-1].Text {
				out.Items = append(out.Items, it)
			}
		}
		return out
	}
	if len(args) != 1 {
		return errNode(r)
	}
	return args[0]
}

// toPrimitive converts a string, number or bool as tobool() and
// tonumber() do: tobool("true") is true, tonumber("08") is 8, and
// tobool("yes") is an error. The value keeps its place and its origin;
// anything else (null, unknown, alternatives) is passed through.
func toPrimitive(args []*lint.Node, ty cty.Type, r lint.Range) *lint.Node {
	if len(args) != 1 {
		return errNode(r)
	}
	a := args[0]
	var v cty.Value
	switch {
	case len(a.Alts()) > 0:
		return a
	case a.Kind == lint.StringNode:
		v = cty.StringVal(a.Text)
	case a.Kind == lint.BoolNode:
		v = cty.BoolVal(a.Text == "true")
	case a.Kind == lint.NumberNode:
		n, ok := new(big.Float).SetString(a.Text)
		if !ok {
			return a
		}
		v = cty.NumberVal(n)
	default:
		return a
	}
	cv, err := convert.Convert(v, ty)
	if err != nil {
		return errNode(r)
	}
	c := ctyToNode(cv, a.Range)
	out := *a
	out.Kind, out.Text = c.Kind, c.Text
	return &out
}

func tostring(args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) == 1 && (args[0].Kind == lint.NumberNode || args[0].Kind == lint.BoolNode) {
		return strNode(args[0].Text, args[0].Range)
	}
	if len(args) == 1 {
		return args[0]
	}
	return errNode(r)
}

// encodingCall evaluates jsonencode, jsondecode and base64encode. done is
// false for a name it does not know.
func (ev *evaluator) encodingCall(name string, args []*lint.Node, r lint.Range) (out *lint.Node, done bool) {
	switch name {
	case "jsonencode":
		return ev.jsonencode(args, r), true
	case "jsondecode":
		return ev.jsondecode(args, r), true
	case "base64encode":
		return ev.base64encode(args, r), true
	case "yamldecode":
		return ev.yamldecode(args, r), true
	}
	return nil, false
}

// jsonencode encodes a wholly known value; the result remembers the value
// it encodes, so rules that read the JSON (container_definitions) see the
// value's own nodes and positions.
func (ev *evaluator) jsonencode(args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) != 1 {
		return errNode(r)
	}
	// Encoding writes every text once, escaped (at most six bytes for
	// one byte), and a few bytes per element: charged before encoding.
	z, ok := ev.measure(args[0], r)
	bound := 6*z.text + 8*z.elems + 8
	if !ok || !ev.budget.Alloc(r, bound) {
		return unknown(r) // not the argument's encoding: rules must not read it
	}
	out := unknown(r)
	if b, err := json.Marshal(nodeToJSON(args[0])); err == nil && isWhollyKnown(args[0]) {
		out = strNode(string(b), r)
		ev.budget.Refund(bound - int64(len(b)))
	} else {
		ev.budget.Refund(bound)
	}
	ev.encoded[out] = args[0]
	return withPartsOrigin(out, args)
}

func (ev *evaluator) jsondecode(args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) != 1 {
		return errNode(r)
	}
	v := ev.jsonOf(args[0], "jsondecode()")
	if v.Kind == lint.UnknownNode && v.Origin() == nil && args[0].Origin() != nil && !isErr(v) {
		// What a secret's JSON holds is still the secret's.
		with := *v
		with.SetOrigin(args[0].Origin())
		return &with
	}
	return v
}

func (ev *evaluator) base64encode(args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) == 1 && args[0].Kind == lint.StringNode {
		if !ev.budget.Alloc(r, int64(base64.StdEncoding.EncodedLen(len(args[0].Text)))) {
			return unknown(r)
		}
		out := strNode(base64.StdEncoding.EncodeToString([]byte(args[0].Text)), r)
		writtenBy(out, args)
		return out
	}
	return unknown(r)
}

// fileCall evaluates the functions that read files, through the sandbox.
// done is false for a name it does not know.
func (ev *evaluator) fileCall(s *scope, name string, args []*lint.Node, r lint.Range) (out *lint.Node, done bool) {
	switch name {
	case "file":
		return ev.file(s, args, r), true
	case "fileexists":
		return ev.fileexists(s, args, r), true
	case "templatefile":
		return ev.templatefile(s, args, r), true
	}
	return nil, false
}

func (ev *evaluator) fileexists(s *scope, args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) != 1 || args[0].Kind != lint.StringNode {
		return unknown(r)
	}
	path := ev.resolvePath(s, args[0].Text)
	if !ev.ctx.FS.Within(path) {
		ev.ctx.Notef(r, "fileexists(%q) looks outside the scanned roots; refused, its value is unknown", args[0].Text)
		return unknown(r)
	}
	_, err := ev.ctx.FS.ReadFile(path)
	return boolNode(err == nil, r)
}

// replace calls cty's replace, or its regular-expression replace for a
// pattern written /like this/ as Terraform's replace takes it, once the
// result is charged. Like the functions ctyFunc calls, its result carries
// its arguments' origins: replace(var.password, "\n", "") is still the
// password.
func (ev *evaluator) replace(args []*lint.Node, r lint.Range) *lint.Node {
	out := ev.replaceCall(args, r)
	if isErr(out) {
		return out
	}
	return withPartsOrigin(out, args)
}

func (ev *evaluator) replaceCall(args []*lint.Node, r lint.Range) *lint.Node {
	if _, ok := ev.measureAll(args, r); !ok {
		return unknown(r)
	}
	if len(args) == 3 && args[1].Kind == lint.StringNode && len(args[1].Text) > 1 &&
		strings.HasPrefix(args[1].Text, "/") && strings.HasSuffix(args[1].Text, "/") {
		pattern := strNode(args[1].Text[1:len(args[1].Text)-1], args[1].Range)
		reserved, ok := ev.prechargeReplace(args[0].Text, pattern.Text, args[2].Text, true, r)
		if !ok {
			return unknown(r)
		}
		return ev.ctyCall("replace", stdlib.RegexReplaceFunc, r, reserved, args[0], pattern, args[2])
	}
	if len(args) != 3 {
		return errNode(r)
	}
	reserved, ok := ev.prechargeReplace(args[0].Text, args[1].Text, args[2].Text, false, r)
	if !ok {
		return unknown(r)
	}
	return ev.ctyCall("replace", stdlib.ReplaceFunc, r, reserved, args...)
}

// argsToParams converts each argument to its parameter's type, as HCL
// does before it calls a function (hclsyntax's FunctionCallExpr.Value):
// a cty function does not convert, and every list written in the source
// is a tuple, so join(",", ["a", "b"]) and sort(["b", 1]) would fail
// where Terraform gives "a,b" and ["1", "b"].
func argsToParams(fn function.Function, args []*lint.Node) ([]cty.Value, error) {
	params, varParam := fn.Params(), fn.VarParam()
	vals := make([]cty.Value, len(args))
	for i, a := range args {
		vals[i] = nodeToCty(a)
		var want cty.Type
		switch {
		case i < len(params):
			want = params[i].Type
		case varParam != nil:
			want = varParam.Type
		default:
			continue // function.Call reports the count
		}
		v, err := convert.Convert(vals[i], want)
		if err != nil {
			return nil, fmt.Errorf("argument %d: %w", i+1, err)
		}
		vals[i] = v
	}
	return vals, nil
}

// ctyCall calls a cty function on arguments the caller measured; reserved
// is what the caller charged for the result in advance, replaced by what
// the result takes once it is known.
func (ev *evaluator) ctyCall(name string, fn function.Function, r lint.Range, reserved int64, args ...*lint.Node) *lint.Node {
	vals, err := argsToParams(fn, args)
	var callErr error
	if err == nil {
		var v cty.Value
		v, callErr = fn.Call(vals)
		vals = []cty.Value{v}
	}
	ev.budget.Refund(reserved)
	// Terraform rejects the call too (a plan that fails deploys nothing),
	// but whatever it fails on, the value is not what a rule can judge:
	// say so rather than let it pass unseen. A conversion error names
	// types only; a function's own error may quote its argument (parseint
	// of a secret), and notes are not masked, so it is not repeated.
	if err != nil {
		ev.ctx.Notef(r, "%s() not evaluated: %s; its value is unknown", name, err)
		return errNode(r)
	}
	if callErr != nil {
		ev.ctx.Notef(r, "%s() not evaluated: Terraform would reject these arguments; its value is unknown", name)
		return errNode(r)
	}
	v := vals[0]
	if !ev.chargeCty(v, r) {
		return unknown(r)
	}
	out := ctyToNode(v, r)
	if out.Kind == lint.StringNode {
		writtenBy(out, args)
	}
	return out
}

// writtenBy records that the arguments of a function wrote its string
// result (format("Bearer %s", var.token), join(",", [var.a, var.b])): a
// secret found in it is masked in the variables' defaults and tfvars too.
func writtenBy(out *lint.Node, args []*lint.Node) {
	parts := make([]*lint.Node, 0, len(args))
	for _, a := range args {
		parts = append(parts, a)
		if a.Kind == lint.ArrayNode {
			parts = append(parts, a.Items...)
		}
	}
	out.AddWritten(parts...)
}

func removeField(fs []*lint.Field, key string) []*lint.Field {
	out := fs[:0]
	for _, f := range fs {
		if f.Key != key {
			out = append(out, f)
		}
	}
	return out
}

// flattenInto appends n's leaves to out, each charged: a list of the same
// list twice, nested forty times, has a trillion leaves in a few nodes.
func (ev *evaluator) flattenInto(out, n *lint.Node, depth int, r lint.Range) bool {
	if depth > 64 || len(n.Alts()) > 0 || n.Kind == lint.UnknownNode || !ev.budget.Elements(r, int64(len(n.Items))+1) {
		return false
	}
	if n.Kind != lint.ArrayNode {
		out.Items = append(out.Items, n)
		return true
	}
	for _, it := range n.Items {
		if it.Kind == lint.ArrayNode {
			if !ev.flattenInto(out, it, depth+1, r) {
				return false
			}
			continue
		}
		if it.Kind == lint.UnknownNode {
			return false
		}
		out.Items = append(out.Items, it)
	}
	return true
}

func isWhollyKnown(n *lint.Node) bool {
	if n.Kind == lint.UnknownNode || len(n.Alts()) > 0 {
		return false
	}
	for _, it := range n.Items {
		if !isWhollyKnown(it) {
			return false
		}
	}
	for _, f := range n.Fields {
		if !isWhollyKnown(f.Value) {
			return false
		}
	}
	return true
}

// nodeToJSON converts a node for encoding/json.
func nodeToJSON(n *lint.Node) any {
	switch n.Kind {
	case lint.BoolNode:
		return n.Text == "true"
	case lint.NumberNode:
		return json.Number(n.Text)
	case lint.StringNode:
		return n.Text
	case lint.ArrayNode:
		out := make([]any, len(n.Items))
		for i, it := range n.Items {
			out[i] = nodeToJSON(it)
		}
		return out
	case lint.ObjectNode:
		out := make(map[string]any, len(n.Fields))
		for _, f := range n.Fields {
			out[f.Key] = nodeToJSON(f.Value)
		}
		return out
	}
	return nil
}

// resolvePath resolves a path argument as Terraform does: relative to the
// directory Terraform runs in, the root module's (path.module gives a
// module's directory relative to it).
func (ev *evaluator) resolvePath(s *scope, p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) || s.inst == nil {
		return filepath.Clean(p)
	}
	return filepath.Join(s.inst.rootDir(), p)
}

// readArg reads the file a file() or templatefile() argument names,
// through the sandbox: nothing outside the scanned roots is read.
func (ev *evaluator) readArg(s *scope, fn string, arg *lint.Node, r lint.Range) (*srcFile, bool) {
	if arg.Kind != lint.StringNode || len(arg.Alts()) > 0 {
		return nil, false
	}
	path := ev.resolvePath(s, arg.Text)
	var pin *lint.Range
	if s.inst != nil {
		pin = s.inst.pin
	}
	f, err := ev.readSource(path, pin)
	switch {
	case errors.Is(err, lint.ErrOutsideRoots):
		ev.ctx.Notef(r, "%s(%q) reads outside the scanned roots; refused, its value is unknown", fn, arg.Text)
		return nil, false
	case errors.Is(err, lint.ErrTooLarge):
		ev.ctx.Errorf(r, "%s(%q): %v", fn, arg.Text, err)
		return nil, false
	case err != nil:
		ev.ctx.Notef(r, "%s(%q): %v; its value is unknown", fn, arg.Text, err)
		return nil, false
	}
	return f, true
}

func (ev *evaluator) file(s *scope, args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) != 1 {
		return errNode(r)
	}
	f, ok := ev.readArg(s, "file", args[0], r)
	if !ok {
		return unknown(r)
	}
	if !ev.budget.Alloc(r, int64(len(f.src))) {
		return unknown(r)
	}
	out := strNode(string(f.src), r)
	emb := f.embed(lint.Pos{Line: 1, Col: 1}, f.src)
	emb.whole = f
	ev.embedded[out] = emb
	return out
}

// templatefile renders a template file with the given variables. A
// template of text and interpolations keeps the template's lines; one with
// directives (%{ for }) is rendered whole and its values placed at the call.
func (ev *evaluator) templatefile(s *scope, args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) != 2 {
		return errNode(r)
	}
	// A template may call templatefile() on itself: each rendering is a
	// level of nesting, so that the recursion ends long before the stack.
	if !ev.budget.Enter(r) {
		return unknown(r)
	}
	defer ev.budget.Leave()
	f, ok := ev.readArg(s, "templatefile", args[0], r)
	if !ok {
		return unknown(r)
	}
	return ev.renderTemplate(f, args[1], r)
}

// renderTemplate renders the template f with vars, the object of the only
// names it sees, as templatefile() and the template_file data source do.
func (ev *evaluator) renderTemplate(f *srcFile, vars *lint.Node, r lint.Range) *lint.Node {
	if at, ok := overdeepNesting(f.src, true); ok {
		ev.ctx.Errorf(f.place(lint.Range{File: f.name, Start: f.pos(at), End: f.pos(at)}),
			"nested more than %d levels deep, too deep to check", maxSourceNesting)
		return unknown(r)
	}
	tx, diags := hclsyntax.ParseTemplate(f.src, f.key, hcl.InitialPos)
	if diags.HasErrors() {
		ev.report(diags)
		return unknown(r)
	}
	names := map[string]*lint.Node{}
	switch {
	case vars.Kind == lint.ObjectNode && len(vars.Alts()) == 0:
		for _, fl := range vars.Fields {
			names[fl.Key] = fl.Value
		}
	case vars.Kind == lint.NullNode:
	default:
		return unknown(r)
	}
	// Template variables are the only names a template sees.
	ts := &scope{names: names}
	switch t := tx.(type) {
	case *hclsyntax.TemplateExpr:
		if hasDirective(f, t.Parts) {
			return ev.renderedTemplate(ts, f, t.Parts, r, false)
		}
		out, vals := ev.renderParts(ts, f, t.Parts, r)
		ev.embedded[out] = &embeddedText{file: f.name, render: func() []*rendered {
			return ev.render(ts, f, t.Parts, vals, false)
		}}
		return out
	case *hclsyntax.LiteralValueExpr:
		// A template without interpolations: its text, at its lines.
		return ev.renderedTemplate(ts, f, []hclsyntax.Expression{t}, r, false)
	}
	return ev.evalHCL(ts, f, tx)
}
