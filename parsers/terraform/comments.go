package terraform

import (
	"bytes"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ecslint/ecslint/lint"
)

// Comments implements lint.CommentSource: the comment tokens of a file in
// HCL's native syntax, as hclsyntax lexes it, so that a '#' inside a
// heredoc or a quoted string is text. JSON files (.tf.json, .tfvars.json,
// a file() target) and templates have no comments.
func (Parser) Comments(file string, src []byte) []lint.Comment {
	if !nativeSyntax(file) {
		return nil
	}
	// Lexing never fails outright: a file with a syntax error still has
	// its comments, so a suppression in it is still read (and reported as
	// unused if it hides nothing).
	tokens, _ := hclsyntax.LexConfig(src, file, hcl.InitialPos)
	lines := newSrcFile(file, src).lines
	var out []lint.Comment
	for _, t := range tokens {
		if t.Type != hclsyntax.TokenComment {
			continue
		}
		start, end := t.Range.Start.Byte, t.Range.End.Byte
		text := t.Bytes
		switch {
		case bytes.HasPrefix(text, []byte("/*")):
			text = bytes.TrimSuffix(text[2:], []byte("*/"))
		default: // # or //, with the line break that ends it
			text = bytes.TrimRight(text, "\r\n")
			end = start + len(text)
			if bytes.HasPrefix(text, []byte("#")) {
				text = text[1:]
			} else {
				text = text[2:]
			}
		}
		lineStart := lines.Starts[lines.Line(start)-1]
		out = append(out, lint.Comment{
			Range:   lint.Range{File: file, Start: lines.Pos(start), End: lines.Pos(end)},
			Text:    string(text),
			OwnLine: len(bytes.TrimSpace(src[lineStart:start])) == 0,
		})
	}
	return out
}

// nativeSyntax reports whether Terraform reads the file as HCL's native
// syntax: configuration and variable files not written in JSON.
func nativeSyntax(file string) bool {
	switch strings.ToLower(path.Ext(file)) {
	case ".tf", ".tfvars", ".hcl":
		return true
	}
	return false
}
