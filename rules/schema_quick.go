package rules

import (
	"strconv"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// The quick check: a walk of a document against the schema, compiled once
// into quickSchema nodes, that says whether the document certainly
// conforms, in every branch of every alternative. It knows only the
// keywords the embedded schema uses and answers false whenever it is not
// sure (a keyword it does not know, a number it cannot compare): the JSON
// Schema validator then decides, and words the violations. Almost every
// document is valid, and this walk allocates nothing, where the validator
// builds a copy of the document and walks every keyword through
// interfaces.

// quickSchema is one schema node. A nil *quickSchema accepts nothing for
// sure.
type quickSchema struct {
	unsure   bool // a keyword the quick check does not know
	types    []string
	enum     map[string]bool
	hasEnum  bool
	min, max *float64
	required []string
	props    map[string]*quickSchema
	// extra is additionalProperties: extraOK true accepts any other key,
	// extraSchema checks it, neither rejects it.
	extraOK     bool
	extraSchema *quickSchema
	items       *quickSchema
	refs        []*quickSchema
}

// compileQuick compiles a schema document; defs resolves $ref targets.
func compileQuick(sch map[string]any, root map[string]any, seen map[string]*quickSchema) *quickSchema {
	q := &quickSchema{extraOK: true}
	for k, v := range sch {
		switch k {
		case "title", "$comment", "$schema", "$defs", "x-api-only", "x-cfn-name":
		case "$ref":
			ref, _ := v.(string)
			name, ok := strings.CutPrefix(ref, "#/$defs/")
			defs, _ := root["$defs"].(map[string]any)
			target, found := defs[name].(map[string]any)
			if !ok || !found {
				q.unsure = true
				continue
			}
			r, done := seen[name]
			if !done {
				r = &quickSchema{}
				seen[name] = r
				*r = *compileQuick(target, root, seen)
			}
			q.refs = append(q.refs, r)
		case "type":
			switch t := v.(type) {
			case string:
				q.types = []string{t}
			case []any:
				for _, one := range t {
					s, _ := one.(string)
					q.types = append(q.types, s)
				}
			default:
				q.unsure = true
			}
		case "enum":
			q.hasEnum, q.enum = true, map[string]bool{}
			values, _ := v.([]any)
			for _, e := range values {
				if s, ok := e.(string); ok {
					q.enum[s] = true
				} else {
					q.unsure = true // non-string enums are the validator's
				}
			}
		case "minimum", "maximum":
			f, ok := v.(float64)
			if !ok {
				q.unsure = true
			} else if k == "minimum" {
				q.min = &f
			} else {
				q.max = &f
			}
		case "required":
			keys, _ := v.([]any)
			for _, key := range keys {
				s, _ := key.(string)
				q.required = append(q.required, s)
			}
		case "properties":
			props, _ := v.(map[string]any)
			q.props = map[string]*quickSchema{}
			for name, p := range props {
				ps, _ := p.(map[string]any)
				q.props[name] = compileQuick(ps, root, seen)
			}
		case "additionalProperties":
			switch e := v.(type) {
			case bool:
				q.extraOK = e
			case map[string]any:
				q.extraOK, q.extraSchema = false, compileQuick(e, root, seen)
			default:
				q.unsure = true
			}
		case "items":
			it, ok := v.(map[string]any)
			if !ok {
				q.unsure = true
				continue
			}
			q.items = compileQuick(it, root, seen)
		default:
			q.unsure = true
		}
	}
	return q
}

// valid reports whether n certainly conforms to q in every reading of it:
// as written and in each of its alternatives (Fn::If branches, Terraform
// conditionals). The full validator checks one variant per branch; every
// keyword the quick check knows looks only at one value and which of its
// keys are written, so checking each branch of each value on its own
// covers every combination of branches, and so every variant.
func (q *quickSchema) valid(n *lint.Node) bool {
	return q.each(n, false)
}

// each checks every reading of n. An absent reading (AWS::NoValue) is left
// out, in a field or an array item, or unknown, at the root: the full
// validator reports nothing for it. A null field is left out too.
func (q *quickSchema) each(n *lint.Node, field bool) bool {
	for _, a := range n.Alts() {
		if !q.each(a, field) {
			return false
		}
	}
	if n.Kind == lint.AbsentNode || field && n.Kind == lint.NullNode {
		return true
	}
	return q.one(n)
}

// one checks one reading of n; its own alternatives are each's.
func (q *quickSchema) one(n *lint.Node) bool {
	if q == nil || q.unsure {
		return false
	}
	if n.Kind == lint.UnknownNode {
		return true // never a violation, as in the full validator
	}
	for _, r := range q.refs {
		if !r.one(n) {
			return false
		}
	}
	if q.types != nil && !anyKind(n, q.types) {
		return false
	}
	if q.hasEnum && (n.Kind != lint.StringNode || !q.enum[n.Text]) {
		return false
	}
	if q.min != nil || q.max != nil {
		if n.Kind == lint.NumberNode {
			x, err := strconv.ParseFloat(n.Text, 64)
			if err != nil || q.min != nil && x < *q.min || q.max != nil && x > *q.max {
				return false
			}
		}
	}
	switch n.Kind {
	case lint.ObjectNode:
		for _, key := range q.required {
			if f := n.Get(key); (f == nil || !written(f.Value)) && !n.Partial {
				return false
			}
		}
		for _, f := range n.Fields {
			p, known := q.props[f.Key]
			switch {
			case known:
			case q.extraSchema != nil:
				p = q.extraSchema
			case q.extraOK:
				continue
			}
			// p is nil for a key that may not be written at all.
			if !p.each(f.Value, true) {
				return false
			}
		}
	case lint.ArrayNode:
		if q.items != nil {
			for _, it := range n.Items {
				if !q.items.each(it, false) {
					return false
				}
			}
		}
	}
	return true
}

// written reports whether a field's value is written in every reading:
// the full validator leaves out null and AWS::NoValue fields.
func written(n *lint.Node) bool {
	for _, a := range n.Alts() {
		if !written(a) {
			return false
		}
	}
	return n.Kind != lint.NullNode && n.Kind != lint.AbsentNode
}

func anyKind(n *lint.Node, types []string) bool {
	for _, t := range types {
		if kindIs(n, t) {
			return true
		}
	}
	return false
}

func kindIs(n *lint.Node, t string) bool {
	switch t {
	case "string":
		return n.Kind == lint.StringNode
	case "boolean":
		return n.Kind == lint.BoolNode
	case "null":
		return n.Kind == lint.NullNode
	case "object":
		return n.Kind == lint.ObjectNode
	case "array":
		return n.Kind == lint.ArrayNode
	case "number":
		return n.Kind == lint.NumberNode
	case "integer":
		// Only plain digits are certainly integers; 1.0 and 1e3 go to the
		// full validator.
		if n.Kind != lint.NumberNode || n.Text == "" || n.Text == "-" {
			return false
		}
		for i, c := range n.Text {
			if (c < '0' || c > '9') && (i != 0 || c != '-') {
				return false
			}
		}
		return true
	}
	return false
}
