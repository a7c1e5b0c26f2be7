package rules

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/ecslint/ecslint/ecsapi"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/schema"
)

// The task-definition schema is written once, in the ECS API's spelling;
// CloudFormation's variant is derived from it, so the two cannot drift. It
// lives in ecsapi (ecsapi.TaskDefinitionSchema), beside the parsers rather
// than in them: the decoder also reads Terraform's container definitions by
// its keys.

// styleSchema is the schema for one key style: its document, which the
// full validator walks and explain reads what a failing keyword required
// from, and the quick check's compiled forms.
type styleSchema struct {
	doc                        map[string]any
	task, containers           *schema.Schema
	quickTask, quickContainers *quickSchema
	err                        error
}

var (
	schemaOnce [2]sync.Once
	schemas    [2]styleSchema
)

// schemaFor compiles the schema for a style on first use.
func schemaFor(style lint.KeyStyle) *styleSchema {
	if style == lint.ProviderJSON {
		// Rewritten to the API's keys by the decoder: the API's schema.
		style = lint.CamelCase
	}
	schemaOnce[style].Do(func() {
		s := &schemas[style]
		var doc map[string]any
		if s.err = json.Unmarshal(ecsapi.TaskDefinitionSchema, &doc); s.err != nil {
			return
		}
		s.doc = restyle(doc, style).(map[string]any)
		if s.task, s.err = schema.New(s.doc, "#"); s.err != nil {
			return
		}
		if s.containers, s.err = schema.New(s.doc, "#/$defs/containerList"); s.err != nil {
			return
		}
		seen := map[string]*quickSchema{}
		s.quickTask = compileQuick(s.doc, s.doc, seen)
		s.quickContainers = compileQuick(map[string]any{"$ref": "#/$defs/containerList"}, s.doc, seen)
	})
	return &schemas[style]
}

// quick is the quick check for a whole task definition or a container
// list.
func (s *styleSchema) quick(containersOnly bool) *quickSchema {
	if containersOnly {
		return s.quickContainers
	}
	return s.quickTask
}

// restyle rewrites a schema for a key style: property names and required
// keys take that style's spelling (or x-cfn-name), x-api-only properties
// are dropped from PascalCase, and CloudFormation's scalars are loosened,
// since it converts between strings, numbers and booleans as needed.
func restyle(v any, style lint.KeyStyle) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, val := range x {
			switch {
			case strings.HasPrefix(k, "x-"):
				// Annotations for restyle only.
			case k == "properties":
				props := map[string]any{}
				for name, sub := range val.(map[string]any) {
					m, _ := sub.(map[string]any)
					if style == lint.PascalCase && m["x-api-only"] == true {
						continue
					}
					props[styleKey(name, m, style)] = restyle(sub, style)
				}
				out[k] = props
			case k == "required":
				var req []any
				for _, name := range val.([]any) {
					props, _ := x["properties"].(map[string]any)
					m, _ := props[name.(string)].(map[string]any)
					req = append(req, styleKey(name.(string), m, style))
				}
				out[k] = req
			case k == "type" && style == lint.PascalCase:
				out[k] = loosen(val)
			default:
				out[k] = restyle(val, style)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, it := range x {
			out[i] = restyle(it, style)
		}
		return out
	}
	return v
}

func styleKey(name string, sub map[string]any, style lint.KeyStyle) string {
	if n, ok := sub["x-cfn-name"].(string); ok && style == lint.PascalCase {
		return n
	}
	return ecsapi.Key(name, style)
}

// loosen lets CloudFormation scalars be written as any scalar.
func loosen(t any) any {
	switch t {
	case "string", "integer", "number", "boolean":
		return []any{"string", "number", "boolean"}
	}
	return t
}

// violation is one schema error at a position.
type violation struct {
	Range   lint.Range
	Key     string
	Message string
	Fixes   []lint.Fix
}

// maxVariants bounds how many Fn::If combinations one document is checked in.
const maxVariants = 64

// validateDoc checks a document (a task definition or a container list)
// and maps every violation to the key that causes it. A document with
// alternatives (Fn::If) is checked once as written with every first branch,
// then once per other branch, so an error in any branch is reported.
func validateDoc(n *lint.Node, style lint.KeyStyle, containersOnly bool) ([]violation, error) {
	s := schemaFor(style)
	if s.err != nil {
		return nil, s.err
	}
	if !withinSize(n, maxDocNodes) {
		// A YAML alias bomb shares nodes; validating would expand them.
		return nil, nil
	}
	if s.quick(containersOnly).valid(n) {
		return nil, nil
	}
	return s.validateFull(n, containersOnly), nil
}

// validateFull runs the full validator over every variant of a document.
func (s *styleSchema) validateFull(n *lint.Node, containersOnly bool) []violation {
	var out []violation
	s.failures(n, containersOnly, func(v *variant, leaf schema.Error) {
		out = append(out, s.explain(v, n, leaf)...)
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Range.Start.Before(out[j].Range.Start) })
	return dedupe(out)
}

// failures calls fn with every validator error, in every variant, that is
// not at or under an unknown value.
func (s *styleSchema) failures(n *lint.Node, containersOnly bool, fn func(*variant, schema.Error)) {
	sch := s.task
	if containersOnly {
		sch = s.containers
	}
	variants := []map[*lint.Node]int{{}}
	for _, alt := range withAlternatives(n, nil) {
		for j := range alt.Alts() {
			if len(variants) < maxVariants {
				variants = append(variants, map[*lint.Node]int{alt: j + 1})
			}
		}
	}
	for _, choice := range variants {
		v := &variant{choose: choice, unknown: map[string]bool{}, partial: map[string]bool{}}
		for _, leaf := range sch.Validate(v.instance(n, "")) {
			if !v.coveredByUnknown(leaf.InstanceLocation) && !v.incomplete(leaf) {
				fn(v, leaf)
			}
		}
	}
}

// maxDocNodes bounds the documents that are validated (see lint.MaxDocNodes).
const maxDocNodes = lint.MaxDocNodes

// withinSize reports whether n has at most limit nodes (see lint.Node.WithinSize).
func withinSize(n *lint.Node, limit int) bool { return n.WithinSize(limit) }

// withAlternatives lists the nodes under n (in every branch) that have
// alternatives.
func withAlternatives(n *lint.Node, acc []*lint.Node) []*lint.Node {
	if len(n.Alts()) > 0 {
		acc = append(acc, n)
		for _, a := range n.Alts() {
			acc = withAlternatives(a, acc)
		}
	}
	for _, it := range n.Items {
		acc = withAlternatives(it, acc)
	}
	for _, f := range n.Fields {
		acc = withAlternatives(f.Value, acc)
	}
	return acc
}

func dedupe(vs []violation) []violation {
	seen := map[string]bool{}
	var out []violation
	for _, v := range vs {
		k := v.Range.String() + v.Message
		if !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out
}

// variant is one reading of a document: which branch each Fn::If takes
// (0, or absent, for the first), and the pointers of values that cannot be
// known there, at and under which nothing is reported.
type variant struct {
	choose  map[*lint.Node]int
	unknown map[string]bool
	// partial holds the pointers of arrays and objects with members that
	// could not be read (lint.Node's Partial): what they lack may be there.
	partial map[string]bool
}

// countingKeywords are the keywords that judge an array or object by what
// it lacks or how many members it has: a partial one cannot fail them.
var countingKeywords = map[string]bool{
	"required": true, "minItems": true, "maxItems": true, "minProperties": true,
	"maxProperties": true, "uniqueItems": true, "contains": true, "dependentRequired": true,
}

// incomplete reports a failure of a partial value that its unknown members
// may make good: a missing required key, too few items.
func (v *variant) incomplete(leaf schema.Error) bool {
	return v.partial[leaf.InstanceLocation] && countingKeywords[leaf.Keyword()]
}

// pick returns the branch of n this variant reads.
func (v *variant) pick(n *lint.Node) *lint.Node {
	if j := v.choose[n]; j > 0 {
		return n.Alts()[j-1]
	}
	return n
}

// omits reports whether this variant reads a written field as not written:
// AWS::NoValue, and null (which Terraform's jsonencode writes for unset
// attributes).
func (v *variant) omits(f *lint.Field) bool {
	k := v.pick(f.Value).Kind
	return k == lint.AbsentNode || k == lint.NullNode
}

// instance converts a node into the value the validator reads.
func (v *variant) instance(n *lint.Node, ptr string) any {
	n = v.pick(n)
	if n.Partial {
		v.partial[ptr] = true
	}
	switch n.Kind {
	case lint.BoolNode:
		return n.Text == "true"
	case lint.NumberNode:
		if json.Valid([]byte(n.Text)) {
			return json.Number(boundedNumber(n.Text))
		}
		if f, err := strconv.ParseFloat(n.Text, 64); err == nil || errors.Is(err, strconv.ErrRange) {
			// YAML's forms (+1, .5, 0x10); out of range, ParseFloat
			// gives ±Inf or 0 with the sign, which the bounds stand for.
			return json.Number(boundedFloat(f))
		}
	case lint.StringNode:
		return n.Text
	case lint.NullNode:
		return nil
	case lint.ArrayNode:
		items := make([]any, 0, len(n.Items))
		for _, it := range n.Items {
			if v.pick(it).Kind == lint.AbsentNode {
				continue // an item that AWS::NoValue leaves out
			}
			items = append(items, v.instance(it, ptr+"/"+strconv.Itoa(len(items))))
		}
		return items
	case lint.ObjectNode:
		obj := map[string]any{}
		for _, f := range n.Fields {
			if v.omits(f) {
				continue
			}
			obj[f.Key] = v.instance(f.Value, ptr+"/"+escapePointer(f.Key))
		}
		return obj
	}
	v.unknown[ptr] = true
	return nil
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// coveredByUnknown reports a location at or under an unknown value.
func (v *variant) coveredByUnknown(loc string) bool {
	for p := range v.unknown {
		if loc == p || strings.HasPrefix(loc, p+"/") {
			return true
		}
	}
	return false
}

// locate follows a JSON pointer through a node as the variant reads it,
// returning the node and the field that holds it (nil for array items and
// the root), and the nearest field above it.
func (v *variant) locate(n *lint.Node, ptr string) (node *lint.Node, field, above *lint.Field) {
	n = v.pick(n)
	if ptr == "" {
		return n, nil, nil
	}
	for _, seg := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
		if field != nil {
			above = field
		}
		switch n.Kind {
		case lint.ObjectNode:
			field = n.Get(seg)
			if field == nil {
				return n, nil, above
			}
			n = v.pick(field.Value)
		case lint.ArrayNode:
			i, err := strconv.Atoi(seg)
			var kept []*lint.Node
			for _, it := range n.Items {
				if v.pick(it).Kind != lint.AbsentNode {
					kept = append(kept, it)
				}
			}
			if err != nil || i < 0 || i >= len(kept) {
				return n, nil, above
			}
			n, field = v.pick(kept[i]), nil
		default:
			return n, field, above
		}
	}
	return n, field, above
}

// keyword returns the schema object a keyword location names and the
// keyword's name.
func (s *styleSchema) keyword(abs string) (map[string]any, string) {
	_, frag, _ := strings.Cut(abs, "#")
	segs := strings.Split(strings.TrimPrefix(frag, "/"), "/")
	if len(segs) == 0 {
		return nil, ""
	}
	var cur any = s.doc
	for _, seg := range segs[:len(segs)-1] {
		seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
		switch x := cur.(type) {
		case map[string]any:
			cur = x[seg]
		case []any:
			i, _ := strconv.Atoi(seg)
			if i < 0 || i >= len(x) {
				return nil, ""
			}
			cur = x[i]
		}
	}
	m, _ := cur.(map[string]any)
	return m, segs[len(segs)-1]
}

// explain turns one validator error into violations at the offending keys.
func (s *styleSchema) explain(v *variant, root *lint.Node, ve schema.Error) []violation {
	sch, kw := s.keyword(ve.AbsoluteKeywordLocation)
	node, field, above := v.locate(root, ve.InstanceLocation)
	at := node.Range
	key := strings.TrimPrefix(ve.InstanceLocation, "/")
	name := "the value"
	switch {
	case field != nil:
		at = field.KeyRange
		name = quote(field.Key)
	case above != nil:
		name = "an item of " + quote(above.Key)
	}
	what := "the task definition"
	if t, ok := sch["title"].(string); ok {
		what = article(t) + " " + t
	}
	switch kw {
	case "additionalProperties":
		props, _ := sch["properties"].(map[string]any)
		var out []violation
		for _, f := range node.Fields {
			if _, ok := props[f.Key]; ok {
				continue
			}
			msg := fmt.Sprintf("unknown key %s in %s", quote(f.Key), what)
			var fixes []lint.Fix
			if near := nearest(f.Key, keys(props)); near != "" {
				msg += "; did you mean " + quote(near) + "?"
				fixes = renameKey(f.KeyRange, f.Key, near)
			}
			out = append(out, violation{Range: f.KeyRange, Key: joinKey(key, f.Key), Message: msg, Fixes: fixes})
		}
		return out
	case "type":
		return []violation{{Range: at, Key: key, Message: fmt.Sprintf("%s must be %s, not %s", name, typeNames(sch["type"]), typeNames(node.Kind.String()))}}
	case "enum":
		var opts []string
		for _, o := range sch["enum"].([]any) {
			opts = append(opts, quote(fmt.Sprint(o)))
		}
		msg := fmt.Sprintf("%s must be one of %s, not %s", name, strings.Join(opts, ", "), quote(node.Text))
		if node.Kind != lint.StringNode {
			msg = fmt.Sprintf("%s must be one of %s, not %s", name, strings.Join(opts, ", "), typeNames(node.Kind.String()))
		} else if near := nearest(node.Text, unquoted(sch["enum"])); near != "" {
			msg += "; did you mean " + quote(near) + "?"
		}
		return []violation{{Range: at, Key: key, Message: msg}}
	case "required":
		var out []violation
		for _, r := range sch["required"].([]any) {
			name := r.(string)
			switch f := node.Get(name); {
			case f == nil:
				// The key that holds the object, or the object (an array item).
				out = append(out, violation{Range: at, Key: joinKey(key, name),
					Message: fmt.Sprintf("%s has no %s, which is required", what, quote(name))})
			case v.omits(f):
				// Written, but AWS::NoValue in a branch, or null: the
				// validator reads it as missing, and so does AWS.
				unset := "is null"
				if len(f.Value.Alts()) > 0 {
					unset = "is left unset in one of its alternatives"
				}
				out = append(out, violation{Range: f.KeyRange, Key: joinKey(key, name),
					Message: fmt.Sprintf("%s in %s %s, but it is required", quote(name), what, unset)})
			}
		}
		return out
	}
	return []violation{{Range: at, Key: key, Message: name + ": " + ve.Message}}
}

func unquoted(enum any) []string {
	var out []string
	for _, o := range enum.([]any) {
		if s, ok := o.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// article is "a" or "an" for a title, as it is read aloud (an EFS, an FSx).
func article(title string) string {
	if strings.ContainsRune("aeiouAEIOU", rune(title[0])) || strings.HasPrefix(title, "FSx") {
		return "an"
	}
	return "a"
}

func joinKey(a, b string) string {
	if a == "" {
		return b
	}
	return a + "/" + b
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func typeNames(t any) string {
	article := func(s string) string {
		switch s {
		case "array", "integer", "object":
			return "an " + s
		}
		return "a " + s
	}
	switch x := t.(type) {
	case string:
		return article(x)
	case []any:
		var parts []string
		for _, it := range x {
			parts = append(parts, article(fmt.Sprint(it)))
		}
		return strings.Join(parts, " or ")
	}
	return "valid"
}
