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
	"runtime"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
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

// sniffedTypes are words of the resource types ecslint reads.
var sniffedTypes = ecsdoc.SniffWords(ecsdoc.CloudFormation)

// looksLikeTemplate decides, for a file that does not parse, whether it was
// meant to be a template (an error to report) or is something else that
// merely mentions AWS types (skipped, like a Helm chart).
func looksLikeTemplate(src []byte) bool {
	return bytes.Contains(src, []byte("AWSTemplateFormatVersion")) ||
		topLevelResources.Match(src) && awsType.Match(src)
}

var (
	topLevelResources    = regexp.MustCompile(`(?m)^(Resources:|\{?\s*"Resources"\s*:|\{\s*Resources\s*:)`)
	awsType              = regexp.MustCompile(`"?Type"?\s*:\s*["']?(AWS|Custom)::`)
	yamlErrorLinePattern = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// Parse implements lint.Parser.
func (Parser) Parse(ctx *lint.Context, paths []string) ([]*lint.Unit, bool) {
	path := paths[0]
	file := filepath.ToSlash(path)
	src, err := ctx.ReadFile(path)
	if err != nil {
		if errors.Is(err, lint.ErrTooLarge) {
			// Too large to read: an error if it may be a template (it
			// mentions a resource type Sniff looks for), else not ours.
			return nil, ctx.TooLarge(path, sniffedTypes...)
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
		ctx.Report(lint.Diagnostic{Range: perr.at, Message: perr.msg, Related: perr.related})
		return nil, true
	}
	if !isTemplate(root) {
		return nil, false
	}
	for _, d := range duplicateKeys(root, shared) {
		ctx.Report(d)
	}
	// A tree that shares nodes (YAML aliases) is not dropped: a node
	// may be read again from another resource.
	release := !shared && len(src) >= dropDocsAbove
	return []*lint.Unit{decodeDropping(root, shared, ctx.Budget, release, len(src) >= collectAbove)}, true
}

// dropDocsAbove is the size of a template from which each task
// definition's document is checked as soon as it is decoded and its tree
// dropped (lint.CheckDocEarly), and with it the resource's part of the
// template's tree: in a large template of many task definitions the trees
// are half of what a run holds at its peak. A variable for the tests,
// which drop every template's.
var dropDocsAbove = 4 << 20

// collectAbove is the size of a template whose decoding, when it drops
// its trees, stops for collections (see decodeDropping).
const collectAbove = 4 << 20

// collections is how many times such a decoding stops for a collection,
// evenly: a template's tree and its model are about the same size, so
// what is live stays level, and the peak is what one stretch allocates
// above it. The 30 MB template of issue 16 peaks at 364 MB with 16, 359
// MB with 24 and 358 MB with 32; each collection costs about 0.1 s of
// CPU there.
const collections = 24

type parseError struct {
	at      lint.Range
	msg     string
	related []lint.Related
}

// parse reads a template into a positioned node tree: JSON with the JSON
// parser (exact, and faster), YAML with the block-YAML fast path when the
// template lies in its subset and through yaml.v3 otherwise.
// The tree shares nodes (shared) only where YAML aliases made it so.
//
// A .json file is JSON. Any other file that starts with "{" is tried as
// JSON first, then as YAML: a YAML flow mapping starts with "{" too, and
// is valid YAML that is not JSON ({Resources: {...}} has unquoted keys).
// Positions come from the parser that succeeded; when both fail, the YAML
// error is the one to show, since YAML accepts every JSON template.
func parse(file string, src []byte) (root *lint.Node, shared bool, perr *parseError) {
	if n, perr, ok := parseJSON(file, src); ok {
		return n, false, perr
	}
	s := newSource(file, src)
	if n, ok := parseBlockYAML(s); ok {
		return n, false, nil
	}
	return parseYAMLv3(s)
}

// parseJSON parses src as JSON if it is read as JSON (see parse); ok is
// false when it is to be read as YAML.
func parseJSON(file string, src []byte) (root *lint.Node, perr *parseError, ok bool) {
	body := bytes.TrimLeft(src, " \t\r\n\xef\xbb\xbf")
	if len(body) == 0 || body[0] != '{' {
		return nil, nil, false
	}
	n, err := jsonnode.Parse(file, src)
	if err == nil {
		return n, nil, true
	}
	var se *jsonnode.SyntaxError
	if errors.As(err, &se) && strings.HasSuffix(file, ".json") {
		return nil, &parseError{at: lint.Range{File: file, Start: se.Pos, End: se.Pos}, msg: "invalid JSON: " + se.Msg}, true
	}
	return nil, nil, false
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
		first := s.At(1, 1)
		return nil, false, &parseError{at: lint.Range{File: file, Start: first, End: first}, msg: err.Error()}
	}
	return n, c.shared, nil
}

// yamlError places a yaml.v3 error. yaml.v3 gives a line only: for its
// parser errors the line where the construct the error is in starts (its
// context mark), which may be far above the line that is wrong; the column
// is that line's first character, where editors put the cursor anyway.
func yamlError(file string, src []byte, err error) *parseError {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	s := newSource(file, src)
	line, msg, construct := yamlErrorLine(msg)
	if strings.Contains(msg, "UTF-8") && !utf8.Valid(src) {
		// yaml.v3 names no line for an encoding error: point at the first
		// invalid byte instead of the top of the file.
		at := s.pos(firstInvalidUTF8(src))
		return &parseError{at: lint.Range{File: file, Start: at, End: at}, msg: "invalid YAML: " + msg}
	}
	if strings.Contains(msg, "control characters are not allowed") {
		// Nor for a character YAML does not allow (a NUL byte).
		if off, ok := firstNonPrintable(src); ok {
			at := s.pos(off)
			return &parseError{at: lint.Range{File: file, Start: at, End: at}, msg: "invalid YAML: " + msg}
		}
	}
	at := lineStart(s, line)
	if !construct {
		return &parseError{at: lint.Range{File: file, Start: at, End: at}, msg: "invalid YAML: " + msg}
	}
	// The wrong line is the first one at which the document, cut after it,
	// fails as the whole does; the construct's start is related.
	wrong := lineStart(s, problemLine(s, line, msg))
	pe := &parseError{at: lint.Range{File: file, Start: wrong, End: wrong}, msg: "invalid YAML: " + msg}
	if wrong != at {
		pe.related = []lint.Related{{Range: lint.Range{File: file, Start: at, End: at}, Message: "in the construct that starts here"}}
	} else {
		pe.msg += " (in the construct that starts here)"
	}
	return pe
}

// yamlErrorLine splits a yaml.v3 message into its line (1 when it names
// none) and its text, and reports whether the line is that of the
// enclosing construct (a parser error) rather than of the problem.
func yamlErrorLine(msg string) (line int, text string, construct bool) {
	m := yamlErrorLinePattern.FindStringSubmatch(msg)
	if m == nil {
		return 1, strings.TrimPrefix(msg, "yaml: "), false
	}
	line, _ = strconv.Atoi(m[1])
	if parserProblems[m[2]] {
		// yaml.v3 numbers its parser errors' lines from zero (its
		// scanner errors from one), at the construct the error is in.
		return line + 1, m[2], true
	}
	return line, m[2], false
}

// lineStart is the position of the first character of a line that is not
// a blank; at the end of the input the construct may start past the last
// line, which then stands for it.
func lineStart(s *source, line int) lint.Pos {
	line = max(1, min(line, len(s.Starts)))
	off := s.Starts[line-1]
	for off < len(s.src) && (s.src[off] == ' ' || s.src[off] == '\t') {
		off++
	}
	return s.pos(off)
}

// maxProblemSearch bounds the input problemLine re-parses, a few times
// over: past it the construct's line is reported.
const maxProblemSearch = 4 << 20

// problemLine finds the line a parser error is on: the first line, from
// the construct's, through which the document fails with the same error.
// A prefix of a document that is right up to a line break parses, so the
// search is a bisection over lines: a few parses of the document at most,
// and only for a document that is wrong.
func problemLine(s *source, from int, msg string) int {
	if len(s.src) > maxProblemSearch {
		return from
	}
	fails := func(line int) bool {
		end := len(s.src)
		if line < len(s.Starts) {
			end = s.Starts[line]
		}
		var doc yaml.Node
		err := yaml.Unmarshal(s.src[:end], &doc)
		if err == nil {
			return false
		}
		_, text, _ := yamlErrorLine(err.Error())
		return text == msg
	}
	lo, hi := max(from, 1), len(s.Starts)
	if lo >= hi || !fails(hi) {
		return from
	}
	for lo < hi {
		mid := lo + (hi-lo)/2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// firstNonPrintable returns the offset of the first character YAML does
// not allow in a document: C0 controls other than tab, LF and CR, DEL,
// C1 controls other than NEL, surrogates, U+FFFE and U+FFFF.
func firstNonPrintable(src []byte) (int, bool) {
	for off := 0; off < len(src); {
		r, size := utf8.DecodeRune(src[off:])
		switch {
		case r == utf8.RuneError && size <= 1:
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7F,
			r >= 0x80 && r <= 0x9F && r != 0x85, r == 0xFFFE, r == 0xFFFF:
			return off, true
		}
		off += size
	}
	return 0, false
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
	return decodeDropping(root, shared, budget, false, false)
}

// decodeDropping is decode, dropping trees once read.
//
// When release is set, the tree shares no nodes and each task definition
// resource, once mapped, has its document checked and dropped
// (lint.CheckDocEarly): its part of the template's tree is then zeroed
// (lint.Node.Discard) and unlinked from the Resources mapping, which
// nothing reads again. With collect also set, decoding stops for a
// collection before the first resource and then evenly (collections),
// when it dropped a tree since the last: at the binary's collector pace
// nothing dropped would be reclaimed before the model is whole, and the
// model would be allocated beside the whole tree.
func decodeDropping(root *lint.Node, shared bool, budget *lint.Budget, release, collect bool) *lint.Unit {
	r := newResolver(root, shared, budget)
	// Resources that attach to others (ingress rules, IAM policies) are
	// linked once every resource is known, whatever order the template
	// lists them in.
	l := ecsdoc.NewLinker()
	fields := root.Get("Resources").Value.Fields
	every, dropped := 0, true
	if release && collect && len(fields) >= collections {
		every = len(fields) / collections
	}
	for i, f := range fields {
		if every > 0 && i%every == 0 && dropped {
			runtime.GC()
			dropped = false
		}
		if f.Value.Kind != lint.ObjectNode {
			continue
		}
		t := f.Value.Get("Type")
		if t == nil || t.Value.Kind != lint.StringNode {
			continue
		}
		kind := ecsdoc.KindOf(ecsdoc.CloudFormation, t.Value.Text)
		if kind == 0 {
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
		if td := l.Add(resource(res, kind, props)); td != nil && release && lint.CheckDocEarly(td) {
			f.Value.Discard()
			fields[i] = nil
			dropped = true
		}
	}
	return l.Finish()
}
