// Package schema validates JSON values against ecslint's own JSON Schemas
// (the task definition's, the config file's). It implements the keywords
// those schemas use, with the semantics of JSON Schema 2020-12, and reports
// failures as general validators do (the same keyword and instance
// locations, the same wording), so that their callers can word violations
// from them; a schema with any other keyword is refused when it is loaded.
// Tests check it against a general validator.
//
// It exists because a general validator's package initialisation took
// 2.4 ms of every run (and ecslint starts two processes), and compiling the
// task definition's schema 7 ms of every run that found a violation.
package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is one failed keyword.
type Error struct {
	// KeywordLocation is the path through the schema to the keyword, with
	// the $ref tokens followed on the way: /properties/rules/$ref/type.
	KeywordLocation string
	// AbsoluteKeywordLocation is the keyword's place in the schema
	// document, a fragment: #/$defs/container/properties/memory/minimum.
	AbsoluteKeywordLocation string
	// InstanceLocation is the failing value's JSON pointer; its tokens are
	// also escaped as URL path segments, as general validators write them.
	InstanceLocation string
	Message          string
}

// Keyword is the failed keyword's name.
func (e Error) Keyword() string {
	return e.AbsoluteKeywordLocation[strings.LastIndexByte(e.AbsoluteKeywordLocation, '/')+1:]
}

// Schema is a schema document and the subschema to validate against.
type Schema struct {
	root     map[string]any
	start    string
	patterns map[string]*regexp.Regexp
}

// New loads the subschema at ptr ("#", "#/$defs/containerList") of root, a
// schema document as encoding/json decodes it.
func New(root map[string]any, ptr string) (*Schema, error) {
	s := &Schema{root: root, start: ptr, patterns: map[string]*regexp.Regexp{}}
	if _, err := s.resolve(ptr); err != nil {
		return nil, err
	}
	if err := s.check(root, "#"); err != nil {
		return nil, err
	}
	return s, nil
}

// knownKeywords are the keywords Validate implements, and the annotations
// it ignores.
var knownKeywords = map[string]bool{
	"type": true, "enum": true, "required": true, "properties": true, "additionalProperties": true,
	"items": true, "minimum": true, "maximum": true, "minLength": true, "pattern": true, "$ref": true,
	"title": true, "description": true, "default": true, "$comment": true, "$schema": true, "$id": true,
	"$defs": true, "x-api-only": true, "x-cfn-name": true,
}

// check refuses a schema with a keyword Validate does not implement, and
// compiles its patterns.
func (s *Schema) check(sch any, loc string) error {
	m, ok := sch.(map[string]any)
	if !ok {
		if _, isBool := sch.(bool); isBool {
			return nil
		}
		return fmt.Errorf("schema: %s is not a schema", loc)
	}
	for _, k := range slices.Sorted(mapsKeys(m)) {
		v := m[k]
		if !knownKeywords[k] {
			return fmt.Errorf("schema: keyword %q at %s is not one this validator knows", k, loc)
		}
		switch k {
		case "properties", "$defs":
			subs, ok := v.(map[string]any)
			if !ok {
				return fmt.Errorf("schema: %s/%s is not an object", loc, k)
			}
			for _, name := range slices.Sorted(mapsKeys(subs)) {
				if err := s.check(subs[name], loc+"/"+k+"/"+escapePointer(name)); err != nil {
					return err
				}
			}
		case "items", "additionalProperties":
			if err := s.check(v, loc+"/"+k); err != nil {
				return err
			}
		case "pattern":
			p, _ := v.(string)
			re, err := regexp.Compile(p)
			if err != nil {
				return fmt.Errorf("schema: %s/pattern: %w", loc, err)
			}
			s.patterns[p] = re
		case "$ref":
			ref, _ := v.(string)
			if _, err := s.resolve(ref); err != nil {
				return err
			}
		}
	}
	return nil
}

func mapsKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func (s *Schema) resolve(ptr string) (any, error) {
	frag, ok := strings.CutPrefix(ptr, "#")
	if !ok {
		return nil, fmt.Errorf("schema: reference %q is not within the document", ptr)
	}
	var cur any = s.root
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if tok == "" {
			continue
		}
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("schema: reference %q does not resolve", ptr)
		}
		if cur, ok = m[unescapePointer(tok)]; !ok {
			return nil, fmt.Errorf("schema: reference %q does not resolve", ptr)
		}
	}
	return cur, nil
}

// Validate returns every failure of inst, a value as encoding/json
// decodes it with UseNumber (numbers may also be float64 or int), in no
// particular order.
func (s *Schema) Validate(inst any) []Error {
	sch, _ := s.resolve(s.start)
	w := &walker{s: s}
	w.walk(sch, s.start, "", inst, "")
	return w.errs
}

type walker struct {
	s     *Schema
	errs  []Error
	depth int
}

// maxRefDepth bounds $ref chains that consume no instance: a schema that
// loops so stops there instead of recursing without end.
const maxRefDepth = 64

func (w *walker) fail(abs, dyn, keyword, at, format string, args ...any) {
	w.errs = append(w.errs, Error{
		KeywordLocation:         dyn + "/" + keyword,
		AbsoluteKeywordLocation: abs + "/" + keyword,
		InstanceLocation:        at,
		Message:                 fmt.Sprintf(format, args...),
	})
}

// walk checks inst, at instance pointer at, against sch, found at abs in
// the document and at dyn along the way the validation took.
func (w *walker) walk(sch any, abs, dyn string, inst any, at string) {
	m, ok := sch.(map[string]any)
	if !ok {
		if allowed, _ := sch.(bool); !allowed {
			w.errs = append(w.errs, Error{KeywordLocation: dyn, AbsoluteKeywordLocation: abs, InstanceLocation: at, Message: "not allowed"})
		}
		return
	}
	if t, ok := m["type"]; ok {
		types := typeList(t)
		if got := typeOf(inst); !typeMatches(inst, got, types) {
			w.fail(abs, dyn, "type", at, "expected %s, but got %s", strings.Join(types, " or "), got)
			return // a value of the wrong type is not judged further
		}
	}
	if enum, ok := m["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return equal(e, inst) }) {
		w.fail(abs, dyn, "enum", at, "%s", enumMessage(enum))
	}
	switch x := inst.(type) {
	case map[string]any:
		w.members(m, abs, dyn, x, at)
	case []any:
		if items, ok := m["items"]; ok {
			for i, it := range x {
				w.walk(items, abs+"/items", dyn+"/items", it, at+"/"+strconv.Itoa(i))
			}
		}
	case string:
		if least, ok := m["minLength"].(float64); ok {
			if n := utf8.RuneCountInString(x); float64(n) < least {
				w.fail(abs, dyn, "minLength", at, "length must be >= %d, but got %d", int(least), n)
			}
		}
		if p, ok := m["pattern"].(string); ok && !w.s.patterns[p].MatchString(x) {
			w.fail(abs, dyn, "pattern", at, "does not match pattern %s", Quote(p))
		}
	default:
		if num, ok := ratOf(inst); ok {
			w.bounds(m, abs, dyn, num, inst, at)
		}
	}
	if ref, ok := m["$ref"].(string); ok && w.depth < maxRefDepth {
		target, _ := w.s.resolve(ref)
		w.depth++
		w.walk(target, ref, dyn+"/$ref", inst, at)
		w.depth--
	}
}

func (w *walker) members(m map[string]any, abs, dyn string, obj map[string]any, at string) {
	names := slices.Sorted(mapsKeys(obj))
	if req, ok := m["required"].([]any); ok {
		var missing []string
		for _, r := range req {
			name, _ := r.(string)
			if _, ok := obj[name]; !ok {
				missing = append(missing, Quote(name))
			}
		}
		if len(missing) > 0 {
			w.fail(abs, dyn, "required", at, "missing properties: %s", strings.Join(missing, ", "))
		}
	}
	props, _ := m["properties"].(map[string]any)
	for _, name := range names {
		if p, ok := props[name]; ok {
			tok := escapeToken(name)
			w.walk(p, abs+"/properties/"+tok, dyn+"/properties/"+tok, obj[name], at+"/"+tok)
		}
	}
	switch extra := m["additionalProperties"].(type) {
	case nil:
	case bool:
		if extra {
			break
		}
		var unknown []string
		for _, name := range names {
			if _, ok := props[name]; !ok {
				unknown = append(unknown, Quote(name))
			}
		}
		if len(unknown) > 0 {
			w.fail(abs, dyn, "additionalProperties", at, "additionalProperties %s not allowed", strings.Join(unknown, ", "))
		}
	default:
		for _, name := range names {
			if _, ok := props[name]; !ok {
				w.walk(extra, abs+"/additionalProperties", dyn+"/additionalProperties", obj[name], at+"/"+escapeToken(name))
			}
		}
	}
}

func (w *walker) bounds(m map[string]any, abs, dyn string, num *big.Rat, inst any, at string) {
	if limit, ok := m["minimum"].(float64); ok && num.Cmp(ratOfFloat(limit)) < 0 {
		w.fail(abs, dyn, "minimum", at, "must be >= %v but found %v", limit, inst)
	}
	if limit, ok := m["maximum"].(float64); ok && num.Cmp(ratOfFloat(limit)) > 0 {
		w.fail(abs, dyn, "maximum", at, "must be <= %v but found %v", limit, inst)
	}
}

func typeList(t any) []string {
	switch x := t.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, one := range x {
			s, _ := one.(string)
			out = append(out, s)
		}
		return out
	}
	return nil
}

// typeOf names a value's JSON type; every number is "number".
func typeOf(inst any) string {
	switch inst.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	switch inst.(type) {
	case json.Number, float64, int, int64, uint64:
		return "number"
	}
	return fmt.Sprintf("%T", inst)
}

// typeMatches reports whether inst, of JSON type got, is of one of types:
// an integer is a number without a fractional part, however written (1,
// 1.0, 1e3).
func typeMatches(inst any, got string, types []string) bool {
	for _, t := range types {
		if t == got {
			return true
		}
		if t == "integer" && got == "number" {
			if r, ok := ratOf(inst); ok && r.IsInt() {
				return true
			}
		}
	}
	return false
}

// ratOf is a number's exact value.
func ratOf(v any) (*big.Rat, bool) {
	switch n := v.(type) {
	case json.Number:
		return new(big.Rat).SetString(n.String())
	case float64:
		if math.IsInf(n, 0) || math.IsNaN(n) {
			return nil, false // not a JSON number; no integer, no bound applies
		}
		return ratOfFloat(n), true
	case int:
		return big.NewRat(int64(n), 1), true
	case int64:
		return big.NewRat(n, 1), true
	case uint64:
		return new(big.Rat).SetString(strconv.FormatUint(n, 10))
	}
	return nil, false
}

// ratOfFloat reads a float as the decimal it was written as, not its
// binary value: a schema's 0.1 is one tenth.
func ratOfFloat(f float64) *big.Rat {
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(f, 'g', -1, 64))
	if !ok {
		return new(big.Rat)
	}
	return r
}

// equal compares a schema's value with an instance's, numbers by value.
func equal(schemaValue, inst any) bool {
	if a, ok := ratOf(schemaValue); ok {
		b, ok := ratOf(inst)
		return ok && a.Cmp(b) == 0
	}
	switch schemaValue.(type) {
	case string, bool, nil:
		return schemaValue == inst
	}
	return false // the schemas' enums are scalars
}

func enumMessage(enum []any) string {
	for _, e := range enum {
		switch e.(type) {
		case map[string]any, []any:
			return "enum failed"
		}
	}
	if len(enum) == 1 {
		return fmt.Sprintf("value must be %#v", enum[0])
	}
	parts := make([]string, len(enum))
	for i, e := range enum {
		parts[i] = fmt.Sprintf("%#v", e)
	}
	return "value must be one of " + strings.Join(parts, ", ")
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func unescapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

// escapeToken escapes a JSON pointer token, then as a URL path segment,
// as general validators write locations.
func escapeToken(s string) string { return url.PathEscape(escapePointer(s)) }

// Quote quotes a name as validators' messages do: 'name'.
func Quote(s string) string {
	q := fmt.Sprintf("%q", s)
	q = strings.ReplaceAll(q, `\"`, `"`)
	q = strings.ReplaceAll(q, `'`, `\'`)
	return "'" + q[1:len(q)-1] + "'"
}
