package terraform

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/ecslint/ecslint/lint"
)

// What functions cost. Every value a function produces is charged to the
// job's budget, before it is built wherever its size can be known from the
// arguments (a join, a replace, a range, a string repeated by a template),
// else right after cty built it and before it becomes nodes. Arguments are
// measured before they are converted for cty: values share nodes (a local
// used twice in a list), so a few lines can make a tree whose full walk is
// exponential, and every walk of one is charged a step per node.

// size is what a value takes: the bytes of its texts (keys included) and
// its elements.
type size struct{ text, elems int64 }

// bytes is what the budget charges for a value of this size.
func (z size) bytes() int64 { return z.text + z.elems*lint.ElementCost }

func (z size) plus(o size) size { return size{z.text + o.text, z.elems + o.elems} }

// measure walks n, charging a step per node; false when the budget ran
// out during the walk.
func (ev *evaluator) measure(n *lint.Node, r lint.Range) (size, bool) {
	if !ev.budget.Step(r) {
		return size{}, false
	}
	z := size{text: int64(len(n.Text))}
	for _, list := range [][]*lint.Node{n.Items, n.Alts()} {
		for _, it := range list {
			s, ok := ev.measure(it, r)
			if !ok {
				return size{}, false
			}
			z = z.plus(s)
			z.elems++
		}
	}
	for _, f := range n.Fields {
		s, ok := ev.measure(f.Value, r)
		if !ok {
			return size{}, false
		}
		z = z.plus(s)
		z.text += int64(len(f.Key))
		z.elems++
	}
	return z, true
}

// measureAll measures arguments; false when the budget ran out.
func (ev *evaluator) measureAll(args []*lint.Node, r lint.Range) (size, bool) {
	var total size
	for _, a := range args {
		s, ok := ev.measure(a, r)
		if !ok {
			return size{}, false
		}
		total = total.plus(s)
	}
	return total, true
}

// chargeCty charges a value cty produced, before it becomes nodes.
func (ev *evaluator) chargeCty(v cty.Value, r lint.Range) bool {
	if !v.IsKnown() || v.IsNull() {
		return true
	}
	v, _ = v.Unmark()
	t := v.Type()
	switch {
	case t == cty.String:
		return ev.budget.Alloc(r, int64(len(v.AsString())))
	case t.IsListType() || t.IsTupleType() || t.IsSetType() || t.IsMapType() || t.IsObjectType():
		if !ev.budget.Elements(r, int64(v.LengthInt())) {
			return false
		}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if !ev.chargeCty(e, r) {
				return false
			}
		}
	}
	return ev.budget.Step(r)
}

// precharge charges, before a cty function runs, an upper bound of what
// its result will take where the arguments tell. It returns the bytes
// reserved, which are refunded once chargeCty has charged the result
// itself, and false when the budget ran out.
func (ev *evaluator) precharge(name string, args []*lint.Node, r lint.Range) (int64, bool) {
	z, ok := ev.measureAll(args, r)
	if !ok || !ev.budget.Scan(r, int(z.text)) {
		return 0, false
	}
	size := z.bytes()
	str := func(i int) string {
		if i < len(args) && args[i].Kind == lint.StringNode {
			return args[i].Text
		}
		return ""
	}
	var bound int64
	switch name {
	case "join":
		// The items once and the separator between them.
		bound = size + int64(len(str(0)))*(z.elems+1)
	case "format":
		// Widths and precisions (%10000000d) are the only way a format
		// grows past its arguments.
		bound = size + widths(str(0))
	case "formatlist":
		rows, scalars := int64(1), int64(0)
		for _, a := range args {
			if a.Kind == lint.ArrayNode {
				rows = max(rows, int64(len(a.Items)))
			} else {
				scalars += int64(len(a.Text))
			}
		}
		bound = size + rows*(scalars+widths(str(0))+lint.ElementCost)
	case "indent":
		n, err := strconv.ParseInt(firstText(args), 10, 64)
		if err != nil || n < 0 || n > 1<<20 {
			return 0, true // cty rejects it, or it is charged after
		}
		bound = int64(len(str(1))) + int64(strings.Count(str(1), "\n"))*n
	case "split":
		bound = int64(len(str(1))) + int64(strings.Count(str(1), str(0))+1)*lint.ElementCost
	case "range":
		n := rangeLength(args)
		if n < 0 || n > 1<<40 {
			return 0, ev.budget.Alloc(r, -1)
		}
		bound = n * lint.ElementCost
	case "setproduct":
		n := int64(1)
		for _, a := range args {
			if a.Kind == lint.ArrayNode {
				n *= int64(len(a.Items))
				if n > 1<<40 {
					return 0, ev.budget.Alloc(r, -1)
				}
			}
		}
		bound = n * int64(len(args)+1) * lint.ElementCost
	default:
		return 0, true
	}
	return bound, ev.budget.Alloc(r, bound)
}

// prechargeReplace reserves an upper bound for replace(s, sub, repl): exact
// for a plain substring, and for a regular expression the worst case of an
// empty match before every byte, each expanding $1 to at most the matched
// text.
func (ev *evaluator) prechargeReplace(s, sub, repl string, regexp bool, r lint.Range) (int64, bool) {
	if !ev.budget.Scan(r, len(s)) {
		return 0, false
	}
	n, rl := int64(len(s)), int64(len(repl))
	var bound int64
	switch {
	case !regexp && sub != "":
		bound = n + int64(strings.Count(s, sub))*max(0, rl-int64(len(sub)))
	case rl > 0 && n >= (1<<40)/rl:
		return 0, ev.budget.Alloc(r, -1)
	default:
		bound = n + (n+1)*rl + int64(strings.Count(repl, "$"))*n
	}
	return bound, ev.budget.Alloc(r, bound)
}

// widths sums the numbers written in a format string: no width or
// precision in it can exceed the sum.
func widths(f string) int64 {
	total, cur := int64(0), int64(0)
	for i := 0; i <= len(f); i++ {
		if i < len(f) && f[i] >= '0' && f[i] <= '9' {
			cur = min(cur*10+int64(f[i]-'0'), 1<<40)
			continue
		}
		total = min(total+cur, 1<<40)
		cur = 0
	}
	return total
}

// rangeLength is the number of elements range(...) produces, or -1 (over
// any budget) when the arguments are not plain numbers.
func rangeLength(args []*lint.Node) int64 {
	nums := make([]float64, 0, 3)
	for _, a := range args {
		f, err := strconv.ParseFloat(a.Text, 64)
		if a.Kind != lint.NumberNode || err != nil {
			return 0 // not a number: cty reports the error
		}
		nums = append(nums, f)
	}
	start, end, step := 0.0, 0.0, 1.0
	switch len(nums) {
	case 1:
		end = nums[0]
	case 2:
		start, end = nums[0], nums[1]
	case 3:
		start, end, step = nums[0], nums[1], nums[2]
	default:
		return 0
	}
	if step < 0 {
		start, end, step = end, start, -step
	}
	if step == 0 || end <= start {
		return 0
	}
	n := (end - start) / step
	if n > 1<<40 {
		return -1
	}
	return int64(n) + 1
}

// jsonValueBound bounds the values and fields JSON text parses into: each
// but the first follows a '[', '{', ',' or ':'. A string built within
// budget (forty templates doubling "[],") still parses into a node per
// three bytes, each larger than the bytes were, so the nodes are charged
// before parsing.
func jsonValueBound(text []byte) int64 {
	n := 1
	for _, c := range []byte("[{,:") {
		n += bytes.Count(text, []byte{c})
	}
	return int64(n)
}

func firstText(args []*lint.Node) string {
	if len(args) > 0 {
		return args[0].Text
	}
	return ""
}
