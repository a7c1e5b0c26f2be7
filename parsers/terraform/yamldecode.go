package terraform

import (
	"bytes"
	"errors"
	"io"
	"math/big"
	"regexp"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/ecslint/ecslint/lint"
)

// yamldecode reads YAML as Terraform's yamldecode() does, for the part of
// YAML whose meaning is not in doubt: mappings with string keys,
// sequences, quoted and plain strings, null, true and false, decimal
// numbers. What Terraform's YAML library may read otherwise than this one
// (yes/no/on/off, 0x and 0o numbers, timestamps, tags, anchors and
// aliases, merge keys) makes the value unknown rather than guessed. A
// file() read whole is placed at its own lines; other text at the call.
func (ev *evaluator) yamldecode(args []*lint.Node, r lint.Range) *lint.Node {
	if len(args) != 1 {
		return errNode(r)
	}
	a := args[0]
	if a.Kind != lint.StringNode || len(a.Alts()) > 0 {
		return withPartsOrigin(unknown(r), args)
	}
	if !ev.budget.Elements(r, yamlValueBound([]byte(a.Text))) {
		return unknown(r)
	}
	dec := yaml.NewDecoder(strings.NewReader(a.Text))
	var doc yaml.Node
	err := dec.Decode(&doc)
	switch {
	case errors.Is(err, io.EOF):
		return &lint.Node{Kind: lint.NullNode, Range: r}
	case err != nil:
		// Terraform fails on YAML it cannot parse, but its library and
		// this one need not fail alike.
		return withPartsOrigin(unknown(r), args)
	}
	var more yaml.Node
	if err := dec.Decode(&more); !errors.Is(err, io.EOF) {
		return withPartsOrigin(unknown(r), args) // several documents
	}
	y := &yamlReader{r: r}
	if emb := ev.embedded[a]; emb != nil && emb.whole != nil {
		y.f = emb.whole
	}
	out, ok := y.node(&doc, 0)
	if !ok {
		return withPartsOrigin(unknown(r), args)
	}
	return withPartsOrigin(out, args)
}

// yamlValueBound bounds the values YAML text can hold: a line, a flow
// separator, or a sequence dash each start at most one.
func yamlValueBound(text []byte) int64 {
	n := 1 + bytes.Count(text, []byte("\n"))
	for _, c := range []byte("[{,") {
		n += bytes.Count(text, []byte{c})
	}
	return int64(n)
}

type yamlReader struct {
	f *srcFile   // the file the text is, whole; nil to place all at r
	r lint.Range // the call
}

func (y *yamlReader) at(n *yaml.Node, text string) lint.Range {
	if y.f == nil {
		return y.r
	}
	start := y.f.lines.At(n.Line, n.Column)
	end := start
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 && !strings.Contains(text, "\n") {
		width := utf8.RuneCountInString(text)
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			width += 2
		}
		end = y.f.lines.At(n.Line, n.Column+width)
	}
	return y.f.place(lint.Range{File: y.f.name, Start: start, End: end})
}

// yamlDecimal is a number both YAML libraries read alike.
var yamlDecimal = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// yamlDoubtful are plain scalars YAML 1.1 reads as booleans and 1.2 as
// strings.
var yamlDoubtful = map[string]bool{"y": true, "yes": true, "n": true, "no": true, "on": true, "off": true}

// yaml11Number is a plain scalar YAML 1.1 may read as a number (1_000,
// 1:30, +.5) where 1.2 reads a string.
var yaml11Number = regexp.MustCompile(`^[-+]?[0-9._][0-9_:.]*$|^[-+.]`)

func (y *yamlReader) node(n *yaml.Node, depth int) (*lint.Node, bool) {
	if depth > maxSourceNesting || n.Anchor != "" {
		return nil, false
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) != 1 {
			return nil, false
		}
		return y.node(n.Content[0], depth)
	case yaml.MappingNode:
		if n.Tag != "!!map" {
			return nil, false
		}
		out := &lint.Node{Kind: lint.ObjectNode, Range: y.at(n, "")}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Tag != "!!str" || k.Value == "<<" || seen[k.Value] || k.Anchor != "" {
				return nil, false
			}
			seen[k.Value] = true
			v, ok := y.node(n.Content[i+1], depth+1)
			if !ok {
				return nil, false
			}
			out.Fields = append(out.Fields, &lint.Field{Key: k.Value, KeyRange: y.at(k, k.Value), Value: v})
		}
		return out, true
	case yaml.SequenceNode:
		if n.Tag != "!!seq" {
			return nil, false
		}
		out := &lint.Node{Kind: lint.ArrayNode, Range: y.at(n, "")}
		for _, it := range n.Content {
			v, ok := y.node(it, depth+1)
			if !ok {
				return nil, false
			}
			out.Items = append(out.Items, v)
		}
		return out, true
	case yaml.ScalarNode:
		return y.scalar(n)
	}
	return nil, false // an alias
}

func (y *yamlReader) scalar(n *yaml.Node) (*lint.Node, bool) {
	rng := y.at(n, n.Value)
	plain := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0
	if plain && (yamlDoubtful[strings.ToLower(n.Value)] || n.Tag == "!!str" && yaml11Number.MatchString(n.Value)) {
		return nil, false
	}
	switch n.Tag {
	case "!!str":
		return strNode(n.Value, rng), true
	case "!!null":
		return &lint.Node{Kind: lint.NullNode, Range: rng}, true
	case "!!bool":
		return boolNode(strings.ToLower(n.Value) == "true", rng), true
	case "!!int", "!!float":
		if !yamlDecimal.MatchString(n.Value) {
			return nil, false
		}
		f, ok := new(big.Float).SetString(n.Value)
		if !ok {
			return nil, false
		}
		return &lint.Node{Kind: lint.NumberNode, Text: formatNumber(f), Range: rng}, true
	}
	return nil, false
}
