// Package cloudformation parses AWS CloudFormation templates, in YAML (with
// the short-form intrinsics) and in JSON (as AWS CDK and SAM write them),
// into the common model. Intrinsic functions are resolved as far as a
// template alone allows; references between resources become links.
package cloudformation

import (
	"bytes"
	"errors"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/jsonnode"
)

// Parser is the CloudFormation template parser.
type Parser struct{}

// Name implements lint.Parser.
func (Parser) Name() string { return "cloudformation" }

// Accepts implements lint.Parser: YAML and JSON files and .template files.
// Terraform's .tf.json is Terraform's.
func (Parser) Accepts(path string) bool {
	switch filepath.Ext(path) {
	case ".yaml", ".yml", ".template":
		return true
	case ".json":
		return !strings.HasSuffix(path, ".tf.json")
	}
	return false
}

// Sniff reports whether src may be a template worth parsing, without
// parsing it: most YAML in a repository (Kubernetes manifests, workflows,
// compose files) has no Resources section with AWS types, and a template
// without a resource type ecslint reads (a bucket, a Lambda function) has
// nothing to check.
func Sniff(src []byte) bool {
	if !bytes.Contains(src, []byte("Resources")) {
		return false
	}
	for _, t := range sniffedTypes {
		if bytes.Contains(src, t) {
			return true
		}
	}
	return false
}

// sniffedTypes are the prefixes of the resource types mappedTypes lists.
var sniffedTypes = [][]byte{[]byte("AWS::ECS::"), []byte("AWS::EKS::"), []byte("AWS::IAM::"), []byte("AWS::EC2::SecurityGroup")}

// looksLikeTemplate decides, for a file that does not parse, whether it was
// meant to be a template (an error to report) or is something else that
// merely mentions AWS types (skipped, like a Helm chart).
func looksLikeTemplate(src []byte) bool {
	return bytes.Contains(src, []byte("AWSTemplateFormatVersion")) ||
		topLevelResources.Match(src) && awsType.Match(src)
}

var (
	topLevelResources = regexp.MustCompile(`(?m)^(Resources:|\{?\s*"Resources"\s*:)`)
	awsType           = regexp.MustCompile(`"?Type"?\s*:\s*["']?(AWS|Custom)::`)
	yamlErrorLine     = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// Parse implements lint.Parser.
func (Parser) Parse(ctx *lint.Context, paths []string) ([]*lint.Unit, bool) {
	path := paths[0]
	file := filepath.ToSlash(path)
	src, err := ctx.ReadFile(path)
	if err != nil {
		if errors.Is(err, lint.ErrTooLarge) && strings.HasSuffix(path, ".template") {
			ctx.Errorf(lint.Range{File: file}, "%v", err)
			return nil, true
		}
		return nil, false
	}
	if !Sniff(src) {
		return nil, false
	}
	root, shared, perr := parse(file, src)
	if perr != nil {
		if !looksLikeTemplate(src) {
			return nil, false
		}
		ctx.Errorf(perr.at, "%s", perr.msg)
		return nil, true
	}
	if !isTemplate(root) {
		return nil, false
	}
	return []*lint.Unit{decode(root, shared, ctx.Budget)}, true
}

type parseError struct {
	at  lint.Range
	msg string
}

// parse reads a template into a positioned node tree: JSON with the JSON
// parser (exact, and faster), YAML with the block-YAML fast path when the
// template lies in its subset and through yaml.v3 otherwise.
// The tree shares nodes (shared) only where YAML aliases made it so.
func parse(file string, src []byte) (root *lint.Node, shared bool, perr *parseError) {
	body := bytes.TrimLeft(src, " \t\r\n\xef\xbb\xbf")
	if len(body) > 0 && body[0] == '{' {
		n, err := jsonnode.Parse(file, src)
		if err == nil {
			return n, false, nil
		}
		var se *jsonnode.SyntaxError
		if errors.As(err, &se) {
			return nil, false, &parseError{lint.Range{File: file, Start: se.Pos, End: se.Pos}, "invalid JSON: " + se.Msg}
		}
		// Not JSON after all (YAML flow mappings start with "{" too): let
		// yaml.v3 have it.
	}
	s := newSource(file, src)
	if n, ok := parseBlockYAML(s); ok {
		return n, false, nil
	}
	return parseYAMLv3(s)
}

// parseYAMLv3 parses any YAML through yaml.v3 and the converter.
func parseYAMLv3(s *source) (*lint.Node, bool, *parseError) {
	file, src := s.file, s.src
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, false, yamlError(file, src, err)
	}
	c := newConverter(s)
	n, err := c.convert(&doc)
	if err != nil {
		return nil, false, &parseError{lint.Range{File: file, Start: lint.Pos{Line: 1, Col: 1}, End: lint.Pos{Line: 1, Col: 1}}, err.Error()}
	}
	return n, c.shared, nil
}

// yamlError places a yaml.v3 error. yaml.v3 gives the line only; the column
// is that line's first character, where editors put the cursor anyway.
func yamlError(file string, src []byte, err error) *parseError {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	line := 1
	if m := yamlErrorLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if parserProblems[msg] {
			// yaml.v3 numbers its parser errors' lines from zero (its
			// scanner errors from one), at the construct the error is in.
			line++
			msg += " (in the construct that starts here)"
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	s := newSource(file, src)
	if strings.Contains(msg, "UTF-8") && !utf8.Valid(src) {
		// yaml.v3 names no line for an encoding error: point at the first
		// invalid byte instead of the top of the file.
		at := s.pos(firstInvalidUTF8(src))
		return &parseError{lint.Range{File: file, Start: at, End: at}, "invalid YAML: " + msg}
	}
	// At the end of the input the construct may start past the last line.
	line = max(1, min(line, len(s.Starts)))
	col := 1
	if line <= len(s.Starts) {
		off := s.Starts[line-1]
		for off < len(src) && (src[off] == ' ' || src[off] == '\t') {
			off++
		}
		col = s.pos(off).Col
	}
	at := lint.Pos{Line: line, Col: col}
	return &parseError{lint.Range{File: file, Start: at, End: at}, "invalid YAML: " + msg}
}

// firstInvalidUTF8 returns the offset of src's first byte that is not
// valid UTF-8.
func firstInvalidUTF8(src []byte) int {
	off := 0
	for off < len(src) {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size <= 1 {
			return off
		}
		off += size
	}
	return off
}

// parserProblems are yaml.v3's parser (not scanner) error messages.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'": true, "did not find expected ',' or '}'": true,
	"did not find expected '-' indicator": true, "did not find expected <document start>": true,
	"did not find expected <stream-start>": true, "did not find expected key": true,
	"did not find expected node content": true, "found duplicate %TAG directive": true,
	"found duplicate %YAML directive": true, "found incompatible YAML document": true,
	"found undefined tag handle": true,
}

// isTemplate reports whether a document is a CloudFormation template: a
// Resources mapping with at least one AWS:: or Custom:: type.
func isTemplate(root *lint.Node) bool {
	rs := root.Get("Resources")
	if rs == nil || rs.Value.Kind != lint.ObjectNode {
		return false
	}
	for _, f := range rs.Value.Fields {
		if t := f.Value.Get("Type"); t != nil && t.Value.Kind == lint.StringNode &&
			(strings.HasPrefix(t.Value.Text, "AWS::") || strings.HasPrefix(t.Value.Text, "Custom::")) {
			return true
		}
	}
	return false
}

// decode maps a template's resources into a unit, resolving intrinsics
// within budget.
func decode(root *lint.Node, shared bool, budget *lint.Budget) *lint.Unit {
	r := newResolver(root, shared, budget)
	m := newMapper()
	for _, f := range root.Get("Resources").Value.Fields {
		if f.Value.Kind != lint.ObjectNode {
			continue
		}
		t := f.Value.Get("Type")
		if t == nil || t.Value.Kind != lint.StringNode || !mappedTypes[t.Value.Text] {
			continue
		}
		res := lint.Resource{ID: f.Key, Name: f.Key, Type: t.Value.Text, Range: f.KeyRange,
			Extent: lint.Range{File: f.KeyRange.File, Start: f.KeyRange.Start, End: f.Value.Range.End}}
		if md := f.Value.Get("Metadata"); md != nil {
			if p := md.Value.Get("aws:cdk:path"); p != nil && p.Value.Kind == lint.StringNode {
				res.Name = f.Key + " (" + p.Value.Text + ")"
			}
			res.Suppressions = lint.MetadataSuppressions(md.Value)
		}
		var props *lint.Node
		if p := f.Value.Get("Properties"); p != nil {
			props = r.resolve(p.Value)
		}
		m.add(res, props)
	}
	return m.finish()
}

var mappedTypes = map[string]bool{
	"AWS::ECS::TaskDefinition": true, "AWS::ECS::Service": true, "AWS::ECS::TaskSet": true, "AWS::ECS::Cluster": true,
	"AWS::EC2::SecurityGroup": true, "AWS::EC2::SecurityGroupIngress": true,
	"AWS::IAM::Role": true, "AWS::IAM::Policy": true, "AWS::IAM::ManagedPolicy": true, "AWS::IAM::RolePolicy": true,
	"AWS::EKS::Cluster": true,
}
