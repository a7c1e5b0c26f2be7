// Package taskdef parses raw ECS task-definition JSON: the
// register-task-definition input (also CodeDeploy's taskdef.json and the
// amazon-ecs-render-task-definition action's input), the
// describe-task-definition output, and a bare array of container
// definitions (what a Terraform file() reads).
package taskdef

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
	"github.com/ecslint/ecslint/parsers/jsonnode"
)

// Parser is the raw task-definition JSON parser.
type Parser struct{}

// Name implements lint.Parser.
func (Parser) Name() string { return "json" }

// Accepts implements lint.Parser: any .json file except Terraform's .tf.json.
func (Parser) Accepts(path string) bool {
	return strings.HasSuffix(path, ".json") && !strings.HasSuffix(path, ".tf.json")
}

// Sniff reports whether src may be a task definition, without parsing it:
// most JSON files in a repository (package.json, tsconfig, lock files) are
// rejected here for the cost of a byte search.
func Sniff(src []byte) bool {
	if bytes.Contains(src, []byte(`"containerDefinitions"`)) {
		return true
	}
	trimmed := bytes.TrimLeft(src, " \t\r\n\xef\xbb\xbf")
	return len(trimmed) > 0 && trimmed[0] == '[' &&
		bytes.Contains(src, []byte(`"image"`)) && bytes.Contains(src, []byte(`"name"`))
}

// Parse implements lint.Parser.
func (Parser) Parse(ctx *lint.Context, paths []string) ([]*lint.Unit, bool) {
	path := paths[0]
	file := filepath.ToSlash(path)
	src, err := ctx.ReadFile(path)
	if err != nil {
		if errors.Is(err, lint.ErrTooLarge) {
			// Too large to read: an error if it may be a task definition
			// (it mentions what Sniff looks for), else not ours.
			return nil, ctx.TooLarge(path, []byte(`"containerDefinitions"`), []byte(`"image"`))
		}
		return nil, false
	}
	if !Sniff(src) {
		return nil, false
	}
	root, err := jsonnode.Parse(file, src)
	if err != nil {
		var se *jsonnode.SyntaxError
		if errors.As(err, &se) {
			ctx.Errorf(lint.Range{File: file, Start: se.Pos, End: se.Pos}, "invalid JSON: %s", se.Msg)
		} else {
			ctx.Errorf(lint.Range{File: file}, "invalid JSON: %v", err)
		}
		return nil, true
	}
	td := Decode(file, root)
	if td == nil {
		return nil, false
	}
	return []*lint.Unit{{TaskDefinitions: []*lint.TaskDefinition{td}}}, true
}

// Decode recognises the shape of a parsed JSON document and decodes it, or
// returns nil when it is not a task definition.
func Decode(file string, root *lint.Node) *lint.TaskDefinition {
	td := &lint.TaskDefinition{Resource: lint.Resource{ID: file, Type: "task-definition", Range: root.Range, Extent: root.Range}}
	switch root.Kind {
	case lint.ObjectNode:
		if root.Get("Resources") != nil {
			return nil // a CloudFormation template
		}
		doc := root
		if inner := root.Get("taskDefinition"); inner != nil && inner.Value.Kind == lint.ObjectNode {
			doc = inner.Value
			td.Range = doc.Range
		}
		f := doc.Get("containerDefinitions")
		if f == nil || (f.Value.Kind != lint.ArrayNode && f.Value.Kind != lint.NullNode) {
			return nil
		}
		d := ecsdoc.Doc{N: doc, Style: lint.CamelCase}
		if td.DocOversized = !doc.WithinSize(lint.MaxDocNodes); td.DocOversized {
			// Too large to validate: its tree is held for nothing below
			// the containers, and is 60% of what a large file costs.
			d = d.Releasing()
		}
		ecsdoc.TaskDefinition(d, td)
	case lint.ArrayNode:
		if !isContainerList(root) {
			return nil
		}
		ecsdoc.ContainersNode(root, lint.CamelCase, td)
	default:
		return nil
	}
	td.Name = file
	if td.Family.Known() && td.Family.V != "" {
		td.Name = td.Family.V
	}
	return td
}

// isContainerList reports an array of objects at least one of which has a
// name and an image, and none of which is not an object.
func isContainerList(n *lint.Node) bool {
	found := false
	for _, it := range n.Items {
		if it.Kind != lint.ObjectNode {
			return false
		}
		if it.Get("name") != nil && it.Get("image") != nil {
			found = true
		}
	}
	return found
}
