package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ecslint/ecslint/lint"
)

// The AWS provider adds its configuration's default_tags to every resource
// it manages: the resource's tags_all is default_tags.tags merged with its
// own tags, the resource's winning on a shared key. A plan holds tags_all;
// a configuration is given one here, so that awsprovider reads both alike.

// withDefaultTags adds tags_all to an evaluated resource body when the
// provider configuration the resource uses has default_tags.
func (in *instance) withDefaultTags(bl *block, body *lint.Node, at lint.Range) {
	defaults := in.defaultTags(bl)
	if defaults == nil || body.Kind != lint.ObjectNode {
		return
	}
	own := body.Get("tags")
	keyAt := at
	if own != nil {
		keyAt = own.KeyRange
	}
	merged := &lint.Node{Kind: lint.UnknownNode, Range: keyAt}
	if known := func(n *lint.Node) bool { return n.Kind == lint.ObjectNode && len(n.Alts()) == 0 }; known(defaults) &&
		(own == nil || known(own.Value) || own.Value.Kind == lint.NullNode && len(own.Value.Alts()) == 0) {
		merged = &lint.Node{Kind: lint.ObjectNode, Range: keyAt}
		var ownKeys map[string]bool
		if own != nil && own.Value.Kind == lint.ObjectNode {
			ownKeys = map[string]bool{}
			for _, f := range own.Value.Fields {
				ownKeys[f.Key] = true
			}
		}
		for _, f := range defaults.Fields {
			if !ownKeys[f.Key] {
				merged.Fields = append(merged.Fields, f)
			}
		}
		if own != nil {
			merged.Fields = append(merged.Fields, own.Value.Fields...)
		}
	}
	body.Fields = append(body.Fields, &lint.Field{Key: "tags_all", KeyRange: keyAt, Value: merged})
}

// defaultTags evaluates default_tags.tags of the provider configuration a
// resource uses: the default provider "aws", or the alias its provider
// argument names, looked up in its module and then the modules calling it
// (a module inherits its caller's default provider). Nil when that
// configuration has no default_tags.
func (in *instance) defaultTags(bl *block) *lint.Node {
	alias := ""
	if a := bl.body.attr("provider"); a != nil {
		name, ok := providerRef(a.expr)
		if !ok {
			return &lint.Node{Kind: lint.UnknownNode, Range: a.nameRange}
		}
		local, rest, _ := strings.Cut(name, ".")
		if local != "aws" {
			return nil
		}
		alias = rest
	}
	for p := in; p != nil; p = p.parent {
		for _, pb := range p.cfg.providers {
			if providerAlias(p, pb) != alias {
				continue
			}
			for _, dt := range pb.body.blocks {
				if dt.typ != "default_tags" {
					continue
				}
				if t := dt.body.attr("tags"); t != nil {
					return in.ev.eval(p.scope(), t.expr)
				}
			}
			return nil
		}
	}
	return nil
}

// providerAlias is a provider block's alias, "" for the default one.
func providerAlias(in *instance, pb *block) string {
	a := pb.body.attr("alias")
	if a == nil {
		return ""
	}
	if n := in.ev.eval(in.scope(), a.expr); n.Kind == lint.StringNode {
		return n.Text
	}
	return "\x00unknown"
}

// providerRef reads a resource's provider argument: aws.west in HCL, the
// string "aws.west" in JSON.
func providerRef(x expression) (string, bool) {
	if x.jn != nil {
		return x.jn.Text, x.jn.Kind == lint.StringNode
	}
	st, ok := x.hx.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return "", false
	}
	return traversalText(st.Traversal), true
}
