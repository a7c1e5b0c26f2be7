package custom

import (
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	celast "github.com/google/cel-go/common/ast"
	"github.com/google/cel-go/common/overloads"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
)

// The native evaluator runs the common subset of CEL (field reads, has(),
// comparisons, logic, string functions, in, the list macros) straight
// over the view's Go structs, for subjects whose values are all known.
// cel-go's interpreter reaches a native struct's fields through
// reflection, boxing every value it reads in a ref.Val: on the 10,000-file
// corpus that, and building an activation per subject, cost more than the
// built-in rules together (docs/benchmarks.md#custom-rules).
//
// It is an accelerator, never a second meaning of CEL: an expression it
// cannot compile runs in cel-go as before, and an evaluation that meets
// anything it does not handle the way cel-go does (an error of any kind:
// a missing map key, an index out of range, an integer overflow, a bad
// regular expression, a value of a kind it does not expect) gives up, and
// the same evaluation is run in cel-go, which gives its own result or
// error. TestNativeAgreesWithCEL holds the two to the same results.

// nkind is the kind of a native value.
type nkind uint8

const (
	nNull nkind = iota
	nBool
	nInt
	nUint
	nDouble
	nString
	// nList is a Go slice of the view (r) or a list the expression built (l).
	nList
	// nMap is a Go map of the view (map[string]string).
	nMap
	// nObject is a pointer to a view struct, never nil (a nil pointer
	// reads as its type's zero struct, as cel-go's native types do).
	nObject
	// nUnknown is a value that cannot be known offline: an attribute an
	// unknown pattern matches, or what depends on one.
	nUnknown
)

var unknown = nval{k: nUnknown}

// nval is a value during native evaluation.
type nval struct {
	k nkind
	b bool
	i int64
	u uint64
	f float64
	s string
	r reflect.Value
	l []nval
}

func (v nval) listLen() int {
	if v.r.IsValid() {
		return v.r.Len()
	}
	return len(v.l)
}

func (v nval) listAt(i int) nval {
	if v.r.IsValid() {
		return fromReflect(v.r.Index(i))
	}
	return v.l[i]
}

// nenv is one evaluation's variables: the subject's, and the locals of
// the comprehensions being evaluated, by slot; and the patterns of what is
// unknown.
type nenv struct {
	vars   *bindings
	locals []nval
	pats   []npat
}

// npat is an unknown value's attribute: a variable and the qualifiers
// under it (field names, list indexes), as the attribute patterns of
// cel-go's partial evaluation, the qualifiers encoded by appendQual.
type npat struct {
	variable, rest string
}

type nqual struct {
	name  string
	index int64
	isIdx bool
}

// appendQual encodes a qualifier so that a sequence of them is a prefix of
// another exactly when its qualifiers are the other's first ones: a field
// is f, its length, a colon and its name (names are anyone's text: a tag
// key may hold any byte); an index is i, its digits and ].
func appendQual(b []byte, q nqual) []byte {
	if q.isIdx {
		b = append(b, 'i')
		b = strconv.AppendInt(b, q.index, 10)
		return append(b, ']')
	}
	b = append(b, 'f')
	b = strconv.AppendInt(b, int64(len(q.name)), 10)
	b = append(b, ':')
	return append(b, q.name...)
}

// matchesUnknown is cel-go's rule for an attribute under unknown
// patterns: unknown when a pattern of its variable agrees with its
// qualifiers as far as both go (so a value inside an unknown object is
// unknown, and so is a list that holds an unknown element).
func matchesUnknown(pats []npat, variable, rest string) bool {
	for _, p := range pats {
		if p.variable == variable && (strings.HasPrefix(rest, p.rest) || strings.HasPrefix(p.rest, rest)) {
			return true
		}
	}
	return false
}

var envPool = sync.Pool{New: func() any { return &nenv{} }}

// nexpr evaluates an expression; false means "give up, ask cel-go".
type nexpr func(e *nenv) (nval, bool)

// native is a compiled expression and the number of local slots it needs.
type native struct {
	eval   nexpr
	locals int
}

// run evaluates the expression on vars, with pats unknown; ok is false
// when cel-go must.
func (n *native) run(vars *bindings, pats []npat) (ref.Val, bool) {
	// The closures take the environment by pointer, so it would escape:
	// pooled, an evaluation allocates nothing for it.
	e := envPool.Get().(*nenv)
	e.vars, e.pats = vars, pats
	if cap(e.locals) < n.locals {
		e.locals = make([]nval, n.locals)
	}
	e.locals = e.locals[:n.locals]
	v, ok := n.eval(e)
	clear(e.locals)
	e.vars, e.pats = nil, nil
	envPool.Put(e)
	if !ok {
		return nil, false
	}
	switch v.k {
	case nBool:
		return types.Bool(v.b), true
	case nString:
		return types.String(v.s), true
	case nInt:
		return types.Int(v.i), true
	case nUint:
		return types.Uint(v.u), true
	case nDouble:
		return types.Double(v.f), true
	case nUnknown:
		return types.NewUnknown(0, nil), true
	}
	return nil, false
}

// zeroStructs holds the zero struct a nil pointer of each view type reads
// as; never written.
var zeroStructs = func() map[reflect.Type]reflect.Value {
	m := map[reflect.Type]reflect.Value{}
	for _, t := range viewTypes {
		rt := reflect.TypeOf(t)
		m[rt] = reflect.New(rt.Elem())
	}
	return m
}()

// fromReflect converts a value of the view.
func fromReflect(r reflect.Value) nval {
	switch r.Kind() {
	case reflect.String:
		return nval{k: nString, s: r.String()}
	case reflect.Bool:
		return nval{k: nBool, b: r.Bool()}
	case reflect.Int64, reflect.Int:
		return nval{k: nInt, i: r.Int()}
	case reflect.Uint64, reflect.Uint:
		return nval{k: nUint, u: r.Uint()}
	case reflect.Float64:
		return nval{k: nDouble, f: r.Float()}
	case reflect.Slice:
		return nval{k: nList, r: r}
	case reflect.Map:
		return nval{k: nMap, r: r}
	case reflect.Pointer:
		if r.IsNil() {
			if z, ok := zeroStructs[r.Type()]; ok {
				return nval{k: nObject, r: z}
			}
			return nval{k: nNull}
		}
		return nval{k: nObject, r: r}
	case reflect.Interface:
		if r.IsNil() {
			return nval{k: nNull}
		}
		return fromReflect(r.Elem())
	}
	return nval{k: nNull}
}

// compileNative compiles a checked expression, or returns nil when it
// uses anything the native evaluator does not have.
func compileNative(a *celast.AST, vars []variable) *native {
	c := &ncompiler{ast: a, vars: map[string]bool{}}
	for _, v := range vars {
		c.vars[v.name] = true
	}
	f, ok := c.expr(a.Expr())
	if !ok {
		return nil
	}
	return &native{eval: f, locals: c.maxSlots}
}

type ncompiler struct {
	ast  *celast.AST
	vars map[string]bool
	// scope is the comprehension variables in scope; a name's slot is its
	// index.
	scope    []string
	maxSlots int
}

func (c *ncompiler) push(names ...string) []int {
	slots := make([]int, len(names))
	for i, n := range names {
		slots[i] = len(c.scope)
		c.scope = append(c.scope, n)
	}
	c.maxSlots = max(c.maxSlots, len(c.scope))
	return slots
}

func (c *ncompiler) pop(n int) { c.scope = c.scope[:len(c.scope)-n] }

func (c *ncompiler) expr(x celast.Expr) (nexpr, bool) {
	switch x.Kind() {
	case celast.LiteralKind:
		return literal(x.AsLiteral())
	case celast.IdentKind:
		return c.variable(x.AsIdent())
	case celast.SelectKind:
		return c.attribute(x)
	case celast.CallKind:
		if call := x.AsCall(); call.FunctionName() == "_[_]" && len(call.Args()) == 2 && call.Args()[1].Kind() == celast.LiteralKind {
			return c.attribute(x)
		}
		return c.call(x)
	case celast.ListKind:
		return c.list(x.AsList())
	case celast.ComprehensionKind:
		return c.comprehension(x.AsComprehension())
	}
	return nil, false
}

func literal(v ref.Val) (nexpr, bool) {
	var n nval
	switch x := v.(type) {
	case types.Bool:
		n = nval{k: nBool, b: bool(x)}
	case types.Int:
		n = nval{k: nInt, i: int64(x)}
	case types.Uint:
		n = nval{k: nUint, u: uint64(x)}
	case types.Double:
		n = nval{k: nDouble, f: float64(x)}
	case types.String:
		n = nval{k: nString, s: string(x)}
	case types.Null:
		n = nval{k: nNull}
	default:
		return nil, false
	}
	return func(*nenv) (nval, bool) { return n, true }, true
}

func (c *ncompiler) ident(name string) (nexpr, bool) {
	for i := len(c.scope) - 1; i >= 0; i-- {
		if c.scope[i] == name {
			slot := i
			return func(e *nenv) (nval, bool) { return e.locals[slot], true }, true
		}
	}
	if !c.vars[name] {
		return nil, false
	}
	return func(e *nenv) (nval, bool) {
		v, ok := e.vars.ResolveName(name)
		if !ok {
			return nval{}, false
		}
		return fromReflect(reflect.ValueOf(v)), true
	}, true
}

// variable is a bare variable read outside any selection: an attribute
// without qualifiers, unknown when any pattern names the variable.
func (c *ncompiler) variable(name string) (nexpr, bool) {
	f, ok := c.ident(name)
	if !ok || c.local(name) {
		return f, ok
	}
	return func(e *nenv) (nval, bool) {
		if e.pats != nil && matchesUnknown(e.pats, name, "") {
			return unknown, true
		}
		return f(e)
	}, true
}

// step is one qualifier of an attribute: a field of a view struct, a key
// of a map (a field or a constant index), or a constant list index.
type step struct {
	q nqual
	// field is the struct field's index; -1 for a map key or list index.
	field int
}

// attribute compiles a chain of selections and constant indexes (the
// qualifiers cel-go folds into one attribute), has() at its top. Rooted
// at a variable of the subject, it is checked once, as a whole, against
// the unknown patterns, as cel-go checks an attribute; rooted at a
// comprehension's variable or another expression, it is not (cel-go's
// partial evaluation does not look there either).
func (c *ncompiler) attribute(x celast.Expr) (nexpr, bool) {
	test := x.Kind() == celast.SelectKind && x.AsSelect().IsTestOnly()
	var steps []step
	cur := x
	for {
		switch {
		case cur.Kind() == celast.SelectKind:
			sel := cur.AsSelect()
			if sel.IsTestOnly() && cur != x {
				return nil, false
			}
			t := c.ast.GetType(sel.Operand().ID())
			st := step{q: nqual{name: sel.FieldName()}, field: -1}
			switch t.Kind() {
			case types.StructKind:
				idx, ok := fieldIndex(t.TypeName(), sel.FieldName())
				if !ok {
					return nil, false
				}
				st.field = idx
			case types.MapKind:
			default:
				return nil, false
			}
			steps = append(steps, st)
			cur = sel.Operand()
			continue
		case cur.Kind() == celast.CallKind && cur.AsCall().FunctionName() == "_[_]" && len(cur.AsCall().Args()) == 2:
			key := cur.AsCall().Args()[1]
			if key.Kind() != celast.LiteralKind {
				return nil, false // a dynamic index: left to cel-go
			}
			t := c.ast.GetType(cur.AsCall().Args()[0].ID())
			st := step{field: -1}
			switch k := key.AsLiteral().(type) {
			case types.String:
				if t.Kind() != types.MapKind {
					return nil, false
				}
				st.q = nqual{name: string(k)}
			case types.Int:
				if t.Kind() != types.ListKind {
					return nil, false
				}
				st.q = nqual{index: int64(k), isIdx: true}
			default:
				return nil, false
			}
			steps = append(steps, st)
			cur = cur.AsCall().Args()[0]
			continue
		}
		break
	}
	slices.Reverse(steps)
	var enc []byte
	for _, st := range steps {
		enc = appendQual(enc, st.q)
	}
	rest := string(enc)
	var base nexpr
	ok := false
	variable := ""
	if cur.Kind() == celast.IdentKind {
		if !c.local(cur.AsIdent()) {
			variable = cur.AsIdent()
		}
		base, ok = c.ident(cur.AsIdent()) // checked here, with its qualifiers
	} else {
		base, ok = c.expr(cur)
	}
	if !ok {
		return nil, false
	}
	return func(e *nenv) (nval, bool) {
		if variable != "" && e.pats != nil && matchesUnknown(e.pats, variable, rest) {
			return unknown, true
		}
		v, ok := base(e)
		if !ok {
			return nval{}, false
		}
		for i, st := range steps {
			last := i == len(steps)-1
			switch {
			case v.k == nUnknown:
				return unknown, true
			case st.field >= 0:
				if v.k != nObject {
					return nval{}, false
				}
				f := v.r.Elem().Field(st.field)
				if last && test {
					return nval{k: nBool, b: !f.IsZero()}, true
				}
				v = fromReflect(f)
			case st.q.isIdx:
				if v.k != nList || st.q.index < 0 || st.q.index >= int64(v.listLen()) {
					return nval{}, false
				}
				v = v.listAt(int(st.q.index))
			default:
				if v.k != nMap || v.r.Type().Key().Kind() != reflect.String {
					return nval{}, false
				}
				m := v.r.MapIndex(reflect.ValueOf(st.q.name))
				if last && test {
					return nval{k: nBool, b: m.IsValid()}, true
				}
				if !m.IsValid() {
					return nval{}, false // no such key: cel-go's error
				}
				v = fromReflect(m)
			}
		}
		return v, true
	}, true
}

func (c *ncompiler) local(name string) bool { return slices.Contains(c.scope, name) }

// fieldIndex finds a view type's field by its CEL name.
func fieldIndex(typeName, field string) (int, bool) {
	for _, t := range viewTypes {
		rt := reflect.TypeOf(t).Elem()
		if "custom."+rt.Name() != typeName {
			continue
		}
		for i := range rt.NumField() {
			if rt.Field(i).Tag.Get("cel") == field {
				return i, true
			}
		}
	}
	return 0, false
}

func (c *ncompiler) list(l celast.ListExpr) (nexpr, bool) {
	if len(l.OptionalIndices()) > 0 {
		return nil, false
	}
	var elems []nexpr
	for _, x := range l.Elements() {
		f, ok := c.expr(x)
		if !ok {
			return nil, false
		}
		elems = append(elems, f)
	}
	return func(e *nenv) (nval, bool) {
		out := make([]nval, len(elems))
		for i, f := range elems {
			v, ok := f(e)
			if !ok {
				return nval{}, false
			}
			if v.k == nUnknown {
				return unknown, true
			}
			out[i] = v
		}
		return nval{k: nList, l: out}, true
	}, true
}

// comprehension is a macro's fold (all, exists, exists_one, filter, map)
// over a list; over a map (its keys, in no set order) it gives up.
func (c *ncompiler) comprehension(cx celast.ComprehensionExpr) (nexpr, bool) {
	if cx.HasIterVar2() {
		return nil, false
	}
	rng, ok := c.expr(cx.IterRange())
	if !ok {
		return nil, false
	}
	init, ok := c.expr(cx.AccuInit())
	if !ok {
		return nil, false
	}
	slots := c.push(cx.AccuVar(), cx.IterVar())
	accu, iter := slots[0], slots[1]
	cond, ok1 := c.expr(cx.LoopCondition())
	step, ok2 := c.expr(cx.LoopStep())
	c.pop(1)
	result, ok3 := c.expr(cx.Result())
	c.pop(1)
	if !ok1 || !ok2 || !ok3 {
		return nil, false
	}
	return func(e *nenv) (nval, bool) {
		r, ok := rng(e)
		switch {
		case !ok:
			return nval{}, false
		case r.k == nUnknown:
			return unknown, true
		case r.k != nList:
			return nval{}, false
		}
		a, ok := init(e)
		if !ok {
			return nval{}, false
		}
		e.locals[accu] = a
		for i, n := 0, r.listLen(); i < n; i++ {
			e.locals[iter] = r.listAt(i)
			more, ok := cond(e)
			if !ok || more.k != nBool {
				return nval{}, false
			}
			if !more.b {
				break
			}
			if e.locals[accu], ok = step(e); !ok {
				return nval{}, false
			}
		}
		return result(e)
	}, true
}

func (c *ncompiler) call(x celast.Expr) (nexpr, bool) {
	call := x.AsCall()
	ids := c.ast.GetOverloadIDs(x.ID())
	var args []nexpr
	if call.IsMemberFunction() {
		f, ok := c.expr(call.Target())
		if !ok {
			return nil, false
		}
		args = append(args, f)
	}
	for _, a := range call.Args() {
		f, ok := c.expr(a)
		if !ok {
			return nil, false
		}
		args = append(args, f)
	}
	switch call.FunctionName() {
	case "_&&_":
		return logic(args, false)
	case "_||_":
		return logic(args, true)
	case "_?_:_":
		return conditional(args)
	}
	if len(ids) != 1 {
		return nil, false
	}
	switch ids[0] {
	case overloads.LogicalNot:
		return unary(args, func(v nval) (nval, bool) { return nval{k: nBool, b: !v.b}, v.k == nBool })
	case overloads.NotStrictlyFalse:
		// true unless false: an unknown (or, in cel-go, an error) goes on.
		if len(args) != 1 {
			return nil, false
		}
		a := args[0]
		return func(e *nenv) (nval, bool) {
			x, ok := a(e)
			switch {
			case !ok:
				return nval{}, false
			case x.k == nUnknown:
				return nval{k: nBool, b: true}, true
			}
			return x, x.k == nBool
		}, true
	case overloads.Equals:
		return binary(args, func(a, b nval) (nval, bool) { eq, ok := equal(a, b); return nval{k: nBool, b: eq}, ok })
	case overloads.NotEquals:
		return binary(args, func(a, b nval) (nval, bool) { eq, ok := equal(a, b); return nval{k: nBool, b: !eq}, ok })
	case overloads.LessInt64, overloads.LessString, overloads.LessDouble, overloads.LessUint64, overloads.LessBool:
		return comparison(args, func(c int) bool { return c < 0 })
	case overloads.LessEqualsInt64, overloads.LessEqualsString, overloads.LessEqualsDouble, overloads.LessEqualsUint64, overloads.LessEqualsBool:
		return comparison(args, func(c int) bool { return c <= 0 })
	case overloads.GreaterInt64, overloads.GreaterString, overloads.GreaterDouble, overloads.GreaterUint64, overloads.GreaterBool:
		return comparison(args, func(c int) bool { return c > 0 })
	case overloads.GreaterEqualsInt64, overloads.GreaterEqualsString, overloads.GreaterEqualsDouble, overloads.GreaterEqualsUint64, overloads.GreaterEqualsBool:
		return comparison(args, func(c int) bool { return c >= 0 })
	case overloads.AddInt64:
		return ints(args, func(a, b int64) (int64, bool) {
			s := a + b
			return s, (s > a) == (b > 0)
		})
	case overloads.SubtractInt64:
		return ints(args, func(a, b int64) (int64, bool) {
			s := a - b
			return s, (s < a) == (b > 0)
		})
	case overloads.AddString:
		return strs2(args, func(a, b string) (nval, bool) { return nval{k: nString, s: a + b}, true })
	case overloads.AddList:
		return binary(args, func(a, b nval) (nval, bool) {
			if a.k != nList || b.k != nList {
				return nval{}, false
			}
			out := make([]nval, 0, a.listLen()+b.listLen())
			for i := range a.listLen() {
				out = append(out, a.listAt(i))
			}
			for i := range b.listLen() {
				out = append(out, b.listAt(i))
			}
			return nval{k: nList, l: out}, true
		})
	case overloads.SizeString, overloads.SizeStringInst:
		return unary(args, func(v nval) (nval, bool) {
			return nval{k: nInt, i: int64(utf8.RuneCountInString(v.s))}, v.k == nString
		})
	case overloads.SizeList, overloads.SizeListInst:
		return unary(args, func(v nval) (nval, bool) { return nval{k: nInt, i: int64(v.listLen())}, v.k == nList })
	case overloads.SizeMap, overloads.SizeMapInst:
		return unary(args, func(v nval) (nval, bool) { return nval{k: nInt, i: int64(v.r.Len())}, v.k == nMap })
	case overloads.ContainsString:
		return strs2(args, func(a, b string) (nval, bool) { return nval{k: nBool, b: strings.Contains(a, b)}, true })
	case overloads.StartsWithString:
		return strs2(args, func(a, b string) (nval, bool) { return nval{k: nBool, b: strings.HasPrefix(a, b)}, true })
	case overloads.EndsWithString:
		return strs2(args, func(a, b string) (nval, bool) { return nval{k: nBool, b: strings.HasSuffix(a, b)}, true })
	case overloads.MatchesString, overloads.Matches:
		return matches(call, args)
	case overloads.InList:
		return binary(args, func(x, l nval) (nval, bool) {
			if l.k != nList {
				return nval{}, false
			}
			for i := range l.listLen() {
				eq, ok := equal(x, l.listAt(i))
				if !ok {
					return nval{}, false
				}
				if eq {
					return nval{k: nBool, b: true}, true
				}
			}
			return nval{k: nBool}, true
		})
	case overloads.InMap:
		return binary(args, func(k, m nval) (nval, bool) {
			if m.k != nMap || k.k != nString || m.r.Type().Key().Kind() != reflect.String {
				return nval{}, false
			}
			return nval{k: nBool, b: m.r.MapIndex(reflect.ValueOf(k.s)).IsValid()}, true
		})
	case overloads.IndexList:
		return binary(args, func(l, i nval) (nval, bool) {
			if l.k != nList || i.k != nInt || i.i < 0 || i.i >= int64(l.listLen()) {
				return nval{}, false
			}
			return l.listAt(int(i.i)), true
		})
	case overloads.IndexMap:
		return binary(args, func(m, k nval) (nval, bool) {
			if m.k != nMap || k.k != nString || m.r.Type().Key().Kind() != reflect.String {
				return nval{}, false
			}
			v := m.r.MapIndex(reflect.ValueOf(k.s))
			if !v.IsValid() {
				return nval{}, false
			}
			return fromReflect(v), true
		})
	case "string_lower_ascii":
		return unary(args, func(v nval) (nval, bool) { return nval{k: nString, s: mapASCII(v.s, unicode.ToLower)}, v.k == nString })
	case "string_upper_ascii":
		return unary(args, func(v nval) (nval, bool) { return nval{k: nString, s: mapASCII(v.s, unicode.ToUpper)}, v.k == nString })
	case "string_trim":
		return unary(args, func(v nval) (nval, bool) { return nval{k: nString, s: strings.TrimSpace(v.s)}, v.k == nString })
	case "string_index_of_string":
		return strs2(args, func(a, b string) (nval, bool) { return nval{k: nInt, i: runeIndex(a, b, false)}, true })
	case "string_last_index_of_string":
		return strs2(args, func(a, b string) (nval, bool) { return nval{k: nInt, i: runeIndex(a, b, true)}, true })
	case "string_substring_int":
		return binary(args, func(s, i nval) (nval, bool) {
			if s.k != nString || i.k != nInt {
				return nval{}, false
			}
			r := []rune(s.s)
			if i.i < 0 || i.i > int64(len(r)) {
				return nval{}, false
			}
			return nval{k: nString, s: string(r[i.i:])}, true
		})
	}
	return nil, false
}

// logic is && or ||, short-circuit, with cel-go's rule for unknowns: a
// side that decides (false for &&, true for ||) decides, else unknown wins.
// An operand that gives up makes the whole give up, so cel-go decides how
// errors combine.
func logic(args []nexpr, or bool) (nexpr, bool) {
	if len(args) != 2 {
		return nil, false
	}
	a, b := args[0], args[1]
	logical := func(v nval) bool { return v.k == nBool || v.k == nUnknown }
	return func(e *nenv) (nval, bool) {
		x, ok := a(e)
		if !ok || !logical(x) {
			return nval{}, false
		}
		if x.k == nBool && x.b == or {
			return x, true
		}
		y, ok := b(e)
		if !ok || !logical(y) {
			return nval{}, false
		}
		if y.k == nBool && y.b == or {
			return y, true
		}
		if x.k == nUnknown {
			return unknown, true
		}
		return y, true
	}, true
}

func conditional(args []nexpr) (nexpr, bool) {
	if len(args) != 3 {
		return nil, false
	}
	c, t, f := args[0], args[1], args[2]
	return func(e *nenv) (nval, bool) {
		x, ok := c(e)
		switch {
		case !ok:
			return nval{}, false
		case x.k == nUnknown:
			return unknown, true
		case x.k != nBool:
			return nval{}, false
		case x.b:
			return t(e)
		}
		return f(e)
	}, true
}

// unary and binary are strict functions: an unknown argument (the first,
// as cel-go checks them in order) is the result.
func unary(args []nexpr, op func(nval) (nval, bool)) (nexpr, bool) {
	if len(args) != 1 {
		return nil, false
	}
	a := args[0]
	return func(e *nenv) (nval, bool) {
		x, ok := a(e)
		if !ok {
			return nval{}, false
		}
		if x.k == nUnknown {
			return unknown, true
		}
		return op(x)
	}, true
}

func binary(args []nexpr, op func(a, b nval) (nval, bool)) (nexpr, bool) {
	if len(args) != 2 {
		return nil, false
	}
	a, b := args[0], args[1]
	return func(e *nenv) (nval, bool) {
		x, ok := a(e)
		if !ok {
			return nval{}, false
		}
		if x.k == nUnknown {
			return unknown, true
		}
		y, ok := b(e)
		if !ok {
			return nval{}, false
		}
		if y.k == nUnknown {
			return unknown, true
		}
		return op(x, y)
	}, true
}

func strs2(args []nexpr, op func(a, b string) (nval, bool)) (nexpr, bool) {
	return binary(args, func(a, b nval) (nval, bool) {
		if a.k != nString || b.k != nString {
			return nval{}, false
		}
		return op(a.s, b.s)
	})
}

func ints(args []nexpr, op func(a, b int64) (int64, bool)) (nexpr, bool) {
	return binary(args, func(a, b nval) (nval, bool) {
		if a.k != nInt || b.k != nInt {
			return nval{}, false
		}
		r, ok := op(a.i, b.i)
		return nval{k: nInt, i: r}, ok
	})
}

// comparison orders two values of one kind (the overloads it is used for
// are all same-kind); NaN gives up.
func comparison(args []nexpr, holds func(int) bool) (nexpr, bool) {
	return binary(args, func(a, b nval) (nval, bool) {
		if a.k != b.k {
			return nval{}, false
		}
		var c int
		switch a.k {
		case nInt:
			c = cmp3(a.i < b.i, a.i > b.i)
		case nUint:
			c = cmp3(a.u < b.u, a.u > b.u)
		case nString:
			c = strings.Compare(a.s, b.s)
		case nBool:
			c = cmp3(!a.b && b.b, a.b && !b.b)
		case nDouble:
			if math.IsNaN(a.f) || math.IsNaN(b.f) {
				return nval{}, false
			}
			c = cmp3(a.f < b.f, a.f > b.f)
		default:
			return nval{}, false
		}
		return nval{k: nBool, b: holds(c)}, true
	})
}

func cmp3(less, greater bool) int {
	switch {
	case less:
		return -1
	case greater:
		return 1
	}
	return 0
}

// equal is CEL's equality for scalars of one kind; anything else (numbers
// of different kinds, lists, maps, objects) gives up.
func equal(a, b nval) (bool, bool) {
	if a.k != b.k {
		numeric := func(k nkind) bool { return k == nInt || k == nUint || k == nDouble }
		if numeric(a.k) && numeric(b.k) {
			return false, false
		}
		return false, a.k <= nString && b.k <= nString // values of different kinds are not equal
	}
	switch a.k {
	case nNull:
		return true, true
	case nBool:
		return a.b == b.b, true
	case nInt:
		return a.i == b.i, true
	case nUint:
		return a.u == b.u, true
	case nDouble:
		return a.f == b.f, true
	case nString:
		return a.s == b.s, true
	}
	return false, false
}

// matches is RE2 matching; a constant pattern is compiled once, and a
// pattern that does not compile leaves the error to cel-go.
func matches(call celast.CallExpr, args []nexpr) (nexpr, bool) {
	pat := call.Args()[len(call.Args())-1]
	if pat.Kind() == celast.LiteralKind {
		if s, ok := pat.AsLiteral().(types.String); ok {
			re, err := regexp.Compile(string(s))
			if err != nil {
				return nil, false
			}
			return strs2(args, func(a, _ string) (nval, bool) { return nval{k: nBool, b: re.MatchString(a)}, true })
		}
	}
	return strs2(args, func(a, p string) (nval, bool) {
		re, err := regexp.Compile(p)
		if err != nil {
			return nval{}, false
		}
		return nval{k: nBool, b: re.MatchString(a)}, true
	})
}

// mapASCII maps the ASCII letters of s and leaves other code points, as
// the strings extension's lowerAscii and upperAscii do (which, going
// through runes, also turn invalid UTF-8 into U+FFFD).
func mapASCII(s string, f func(rune) rune) string {
	if !utf8.ValidString(s) {
		r := []rune(s)
		for i, c := range r {
			if c <= unicode.MaxASCII {
				r[i] = f(c)
			}
		}
		return string(r)
	}
	for i := 0; i < len(s); i++ {
		if c := rune(s[i]); c < utf8.RuneSelf && f(c) != c {
			return strings.Map(func(c rune) rune {
				if c <= unicode.MaxASCII {
					return f(c)
				}
				return c
			}, s)
		}
	}
	return s
}

// runeIndex is the code-point index of the first (or last) sub in s, -1
// when absent, as the strings extension's indexOf and lastIndexOf (which
// count in runes, invalid UTF-8 a U+FFFD each).
func runeIndex(s, sub string, last bool) int64 {
	if utf8.ValidString(s) && utf8.ValidString(sub) {
		i := strings.Index(s, sub)
		if last {
			i = strings.LastIndex(s, sub)
		}
		if i < 0 {
			return -1
		}
		return int64(utf8.RuneCountInString(s[:i]))
	}
	r, sr := []rune(s), []rune(sub)
	if len(sr) == 0 {
		if last {
			return int64(len(r))
		}
		return 0
	}
	found := int64(-1)
	for i := 0; i+len(sr) <= len(r); i++ {
		if slices.Equal(r[i:i+len(sr)], sr) {
			found = int64(i)
			if !last {
				break
			}
		}
	}
	return found
}
