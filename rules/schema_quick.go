package rules

import (
	"strconv"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// quickValid reports whether a document certainly conforms to the schema,
// by walking the node tree against the schema document itself. It knows
// only the keywords the embedded schema uses and answers false whenever it
// is not sure (an alternative, a keyword it does not know, a number it
// cannot compare): the full validator then decides, and gives the
// messages. Almost every document is valid, and this walk allocates
// nothing, where the validator builds a copy of the document and walks
// every keyword through interfaces.
func quickValid(n *lint.Node, sch, root map[string]any) bool {
	if len(n.Alts) > 0 {
		return false
	}
	if n.Kind == lint.UnknownNode {
		return true // never a violation, as in the full validator
	}
	for k, v := range sch {
		switch k {
		case "title", "$comment", "$schema", "$defs", "x-api-only", "x-cfn-name":
		case "$ref":
			ref, ok := v.(string)
			if !ok || !strings.HasPrefix(ref, "#/$defs/") {
				return false
			}
			defs, _ := root["$defs"].(map[string]any)
			target, ok := defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
			if !ok || !quickValid(n, target, root) {
				return false
			}
		case "type":
			if !quickType(n, v) {
				return false
			}
		case "enum":
			if !quickEnum(n, v) {
				return false
			}
		case "minimum", "maximum":
			limit, ok := v.(float64)
			if n.Kind != lint.NumberNode || !ok {
				if n.Kind == lint.NumberNode || !ok {
					return false
				}
				continue // applies to numbers only
			}
			x, err := strconv.ParseFloat(n.Text, 64)
			if err != nil || k == "minimum" && x < limit || k == "maximum" && x > limit {
				return false
			}
		case "required":
			if n.Kind != lint.ObjectNode {
				continue
			}
			keys, ok := v.([]any)
			if !ok {
				return false
			}
			for _, key := range keys {
				name, _ := key.(string)
				f := n.Get(name)
				if f == nil || written(f.Value) != 1 {
					return false
				}
			}
		case "properties", "additionalProperties":
			if n.Kind == lint.ObjectNode && !quickObject(n, sch, root) {
				return false
			}
		case "items":
			if n.Kind != lint.ArrayNode {
				continue
			}
			items, ok := v.(map[string]any)
			if !ok {
				return false
			}
			for _, it := range n.Items {
				if it.Kind == lint.AbsentNode {
					continue
				}
				if !quickValid(it, items, root) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// written tells whether a field's value counts as written: 1 yes, 0 no
// (null, AWS::NoValue: the full validator leaves such fields out), -1 not
// sure (alternatives).
func written(n *lint.Node) int {
	switch {
	case len(n.Alts) > 0:
		return -1
	case n.Kind == lint.NullNode || n.Kind == lint.AbsentNode:
		return 0
	}
	return 1
}

// quickObject checks an object's fields against properties and
// additionalProperties.
func quickObject(n *lint.Node, sch, root map[string]any) bool {
	props, _ := sch["properties"].(map[string]any)
	extra, hasExtra := sch["additionalProperties"]
	for _, f := range n.Fields {
		switch written(f.Value) {
		case 0:
			continue
		case -1:
			return false
		}
		if p, ok := props[f.Key].(map[string]any); ok {
			if !quickValid(f.Value, p, root) {
				return false
			}
			continue
		}
		switch e := extra.(type) {
		case bool:
			if !e {
				return false
			}
		case map[string]any:
			if !quickValid(f.Value, e, root) {
				return false
			}
		default:
			if hasExtra {
				return false
			}
		}
	}
	return true
}

func quickType(n *lint.Node, t any) bool {
	switch t := t.(type) {
	case string:
		return kindIs(n, t)
	case []any:
		for _, one := range t {
			if s, ok := one.(string); ok && kindIs(n, s) {
				return true
			}
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
		if n.Kind != lint.NumberNode || n.Text == "" {
			return false
		}
		for i, c := range n.Text {
			if c < '0' || c > '9' {
				if i != 0 || c != '-' {
					return false
				}
			}
		}
		return true
	}
	return false
}

func quickEnum(n *lint.Node, e any) bool {
	values, ok := e.([]any)
	if !ok || n.Kind != lint.StringNode {
		return false
	}
	for _, v := range values {
		if s, ok := v.(string); ok && s == n.Text {
			return true
		}
	}
	return false
}
