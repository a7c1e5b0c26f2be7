package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// GenerateSchema returns the config schema base with its options section
// written from the rules' option declarations: for each rule, by ID and
// by name, the options it takes and their types. The rest of base is kept
// byte for byte: it is written by hand. schema.json is the result for
// every rule ecslint has (`go generate ./rules` writes it, a test keeps it
// so), which editors use to check and complete a config as it is typed.
// Other spellings of a rule (ecs011) are left to the loader.
func GenerateSchema(base []byte, rules []lint.Rule) ([]byte, error) {
	start, end, err := valueRange(base, "properties", "options")
	if err != nil {
		return nil, fmt.Errorf("config schema: %w", err)
	}
	indent := base[bytes.LastIndexByte(base[:start], '\n')+1 : start]
	indent = indent[:len(indent)-len(bytes.TrimLeft(indent, " "))]

	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // descriptions are read in editors, not HTML
	enc.SetIndent(string(indent), "  ")
	if err := enc.Encode(optionsSchema(rules)); err != nil {
		return nil, err
	}
	return slices.Concat(base[:start], bytes.TrimSuffix(b.Bytes(), []byte("\n")), base[end:]), nil
}

// schemaObject is the part of JSON Schema the options section uses, in
// the order it is best read.
type schemaObject struct {
	Ref                  string        `json:"$ref,omitempty"`
	Description          string        `json:"description,omitempty"`
	Type                 string        `json:"type,omitempty"`
	Pattern              string        `json:"pattern,omitempty"`
	Items                *schemaObject `json:"items,omitempty"`
	Properties           *properties   `json:"properties,omitempty"`
	AdditionalProperties any           `json:"additionalProperties,omitempty"`
	Default              any           `json:"default,omitempty"`
}

// properties keeps the order they are added in (encoding/json sorts a
// map's keys): a rule's ID and name together, the rules in registry order.
type properties struct {
	keys   []string
	values []*schemaObject
}

func (p *properties) add(key string, v *schemaObject) {
	p.keys = append(p.keys, key)
	p.values = append(p.values, v)
}

func (p *properties) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range p.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		key, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(p.values[i])
		if err != nil {
			return nil, err
		}
		b.Write(key)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func optionsSchema(rules []lint.Rule) *schemaObject {
	byRule := &properties{}
	for _, r := range rules {
		m := r.Meta()
		s := &schemaObject{Description: m.ID + " " + m.Name + ": takes no options", Type: "object", AdditionalProperties: false}
		if len(m.Options) > 0 {
			s.Description = m.ID + " " + m.Name
			s.Properties = &properties{}
			for _, o := range m.Options {
				s.Properties.add(o.Name, optionSchema(o))
			}
		}
		byRule.add(m.ID, s)
		byRule.add(m.Name, &schemaObject{Ref: "#/properties/options/properties/" + m.ID})
	}
	return &schemaObject{
		Description: "Per-rule options, keyed by rule ID or name: each rule takes the options it declares (docs/config.md#rule-options).",
		Type:        "object",
		Properties:  byRule,
		// Another spelling of a rule (any case is accepted): the loader
		// checks its options.
		AdditionalProperties: &schemaObject{Type: "object"},
	}
}

func optionSchema(o lint.Option) *schemaObject {
	text := &schemaObject{Type: "string", Pattern: o.Pattern}
	s := &schemaObject{Description: o.Description, Default: o.Default}
	switch o.Type {
	case lint.StringOption:
		s.Type, s.Pattern = "string", o.Pattern
	case lint.StringListOption:
		s.Type, s.Items = "array", text
	case lint.StringMapOption:
		s.Type, s.AdditionalProperties = "object", text
	case lint.BoolOption:
		s.Type = "boolean"
	case lint.IntOption:
		s.Type = "integer"
	}
	return s
}

// valueRange finds the bytes of the value at a path of object keys in a
// JSON document.
func valueRange(doc []byte, path ...string) (start, end int, err error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	for depth, key := range path {
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			return 0, 0, fmt.Errorf("%s is not an object", strings.Join(path[:depth], "."))
		}
		for {
			if !dec.More() {
				return 0, 0, fmt.Errorf("no %s", strings.Join(path[:depth+1], "."))
			}
			tok, err := dec.Token()
			if err != nil {
				return 0, 0, err
			}
			if tok == key {
				break
			}
			if err := skipValue(dec); err != nil {
				return 0, 0, err
			}
		}
	}
	start = int(dec.InputOffset())
	start += len(doc[start:]) - len(bytes.TrimLeft(doc[start:], " \t\r\n:"))
	if err := skipValue(dec); err != nil {
		return 0, 0, err
	}
	return start, int(dec.InputOffset()), nil
}

// skipValue reads one value, however nested.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return io.ErrUnexpectedEOF
		}
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}
