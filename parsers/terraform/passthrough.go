package terraform

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/ecslint/ecslint/lint"
)

// Functions that pass values through return the nodes they were given, so
// that a finding about a container a module's caller wrote points at the
// caller's literal, not at the module's call of the function.

// placeMerged places a merge() result where the last object written
// outside the calling module stands: merge(local.defaults, c) with c a
// caller's container is that container with defaults, so a finding about a
// key it lacks points at the caller's literal. With no such argument it
// stays at the call.
func (ev *evaluator) placeMerged(out *lint.Node, args []*lint.Node) {
	here := filepath.Dir(out.Range.File)
	var from *lint.Node
	for _, a := range args {
		if a.Kind == lint.ObjectNode && a.Range.File != "" && filepath.Dir(a.Range.File) != here {
			from = a
		}
	}
	if from == nil {
		return
	}
	out.Range = from.Range
	if o, ok := ev.origin[from]; ok {
		ev.origin[out] = o
	}
}

// listCall evaluates the list functions that pick, reorder or pair
// elements (slice, reverse, coalescelist, distinct, compact, sort, zipmap)
// on the elements themselves, so each keeps its position; cty would
// re-create them at the call. Lists it cannot judge (unknown, conditional
// or of other types) are left to cty (ok false).
func listCall(name string, args []*lint.Node, r lint.Range) (*lint.Node, bool) {
	for _, a := range args {
		if len(a.Alts()) > 0 || a.Kind == lint.UnknownNode {
			return nil, false
		}
	}
	list := func(items []*lint.Node) *lint.Node { return &lint.Node{Kind: lint.ArrayNode, Range: r, Items: items} }
	// The list parameter converts the tuple the source wrote: to
	// list(string) for sort, compact and zipmap's keys, to a list of one
	// element type for the others.
	if len(args) > 0 && args[0].Kind == lint.ArrayNode {
		first, ok := args[0], true
		switch name {
		case "sort", "compact", "zipmap":
			first, ok = asStringList(args[0])
		case "reverse", "slice", "distinct":
			first, ok = unifiedList(args[0])
		}
		if !ok {
			return nil, false
		}
		args = append([]*lint.Node{first}, args[1:]...)
	}
	switch {
	case name == "reverse" && len(args) == 1 && args[0].Kind == lint.ArrayNode:
		items := make([]*lint.Node, len(args[0].Items))
		for i, it := range args[0].Items {
			items[len(items)-1-i] = it
		}
		return list(items), true
	case name == "slice" && len(args) == 3 && args[0].Kind == lint.ArrayNode:
		from, err1 := strconv.Atoi(args[1].Text)
		to, err2 := strconv.Atoi(args[2].Text)
		if err1 != nil || err2 != nil || args[1].Kind != lint.NumberNode || args[2].Kind != lint.NumberNode {
			return nil, false
		}
		if from < 0 || to > len(args[0].Items) || from > to {
			return errNode(r), true
		}
		return list(args[0].Items[from:to:to]), true
	case name == "coalescelist":
		// The first list that is not empty; Terraform fails when all are.
		for _, a := range args {
			if a.Kind != lint.ArrayNode {
				return nil, false
			}
			if len(a.Items) > 0 {
				return a, true
			}
		}
		return errNode(r), true
	case name == "distinct" && len(args) == 1 && args[0].Kind == lint.ArrayNode:
		return distinct(args[0], r)
	case name == "compact" && len(args) == 1 && args[0].Kind == lint.ArrayNode:
		var items []*lint.Node
		for _, it := range args[0].Items {
			if it.Kind == lint.StringNode && it.Text != "" {
				items = append(items, it)
			}
		}
		return list(items), true
	case name == "sort" && len(args) == 1 && args[0].Kind == lint.ArrayNode && !hasNull(args[0]):
		items := append([]*lint.Node(nil), args[0].Items...)
		sort.SliceStable(items, func(i, j int) bool { return items[i].Text < items[j].Text })
		return list(items), true
	case name == "zipmap" && len(args) == 2 && args[0].Kind == lint.ArrayNode && args[1].Kind == lint.ArrayNode && !hasNull(args[0]):
		if len(args[0].Items) != len(args[1].Items) {
			return errNode(r), true
		}
		// A key that appears twice takes the value of its last index.
		out := &lint.Node{Kind: lint.ObjectNode, Range: r}
		for i, k := range args[0].Items {
			out.Fields = removeField(out.Fields, k.Text)
			out.Fields = append(out.Fields, &lint.Field{Key: k.Text, KeyRange: k.Range, Value: args[1].Items[i]})
		}
		return out, true
	}
	return nil, false
}

// distinct keeps the first of equal elements, comparing them by their
// JSON text (scalars by type and text).
func distinct(l *lint.Node, r lint.Range) (*lint.Node, bool) {
	if !isWhollyKnown(l) {
		return nil, false
	}
	seen := map[string]bool{}
	out := &lint.Node{Kind: lint.ArrayNode, Range: r}
	for _, it := range l.Items {
		b, err := json.Marshal(nodeToJSON(it))
		if err != nil {
			return nil, false
		}
		key := strconv.Itoa(int(it.Kind)) + string(b)
		if !seen[key] {
			seen[key] = true
			out.Items = append(out.Items, it)
		}
	}
	return out, true
}

func hasNull(n *lint.Node) bool {
	for _, it := range n.Items {
		if it.Kind == lint.NullNode {
			return true
		}
	}
	return false
}

// asStringList converts a list to list(string) as Terraform does, each
// item where it was written: a number or bool becomes its text (1 is "1",
// 1e3 "1000"), null stays null. ok is false for any other item.
func asStringList(n *lint.Node) (*lint.Node, bool) {
	out := &lint.Node{Kind: lint.ArrayNode, Range: n.Range, Items: make([]*lint.Node, len(n.Items))}
	for i, it := range n.Items {
		switch it.Kind {
		case lint.StringNode, lint.NullNode:
			out.Items[i] = it
		case lint.NumberNode, lint.BoolNode:
			v, err := convert.Convert(nodeToCty(it), cty.String)
			if err != nil || !v.IsKnown() {
				return nil, false
			}
			out.Items[i] = strNode(v.AsString(), it.Range)
		default:
			return nil, false
		}
	}
	return out, true
}

// unifiedList converts a tuple to a list of one element type as
// Terraform does: strings mixed with numbers or bools are all strings
// (distinct(["a", 1]) is ["a", "1"]). A list of one kind is returned as it
// is; ok is false for a mix that is not of scalars, which cty settles.
func unifiedList(n *lint.Node) (*lint.Node, bool) {
	var kind lint.NodeKind
	seen, mixed, scalars := false, false, true
	for _, it := range n.Items {
		if it.Kind == lint.NullNode {
			continue
		}
		if seen && it.Kind != kind {
			mixed = true
		}
		kind, seen = it.Kind, true
		if it.Kind != lint.StringNode && it.Kind != lint.NumberNode && it.Kind != lint.BoolNode {
			scalars = false
		}
	}
	switch {
	case !mixed:
		return n, true
	case scalars:
		return asStringList(n)
	}
	return nil, false
}
