package lint

import "strings"

// Pattern is what is known of a string some of whose parts are not: a
// CloudFormation !Sub "${Repo}:latest" with a parameter that has no
// default, a Terraform "${var.repo}:latest". The string itself stays
// unknown; a rule that can judge it by its known text (the tag after
// the last unknown part of an image) reads the pattern.
type Pattern struct {
	// Text is the string with each unknown part as the source wrote it
	// (${Repo}, ${var.repo}), for messages.
	Text string
	// Tail is the known text after the last unknown part.
	Tail string
}

// maxPatternBytes bounds a pattern's text: patterns are for short strings
// (images, ARNs), not documents.
const maxPatternBytes = 1024

// PatternBuilder builds a Pattern part by part.
type PatternBuilder struct {
	text, tail strings.Builder
	holes      bool
	tooLong    bool
}

// Known appends known text.
func (b *PatternBuilder) Known(s string) {
	if b.add(s) {
		b.tail.WriteString(s)
	}
}

// Hole appends an unknown part, as the source wrote it.
func (b *PatternBuilder) Hole(written string) {
	b.add(written)
	b.tail.Reset()
	b.holes = true
}

// Part appends a part that is itself a node: its text when it is a known
// scalar, its pattern when it has one, else a hole written as written.
func (b *PatternBuilder) Part(n *Node, written string) {
	switch {
	case n != nil && len(n.Alts()) == 0 && (n.Kind == StringNode || n.Kind == NumberNode || n.Kind == BoolNode):
		b.Known(n.Text)
	case n != nil && len(n.Alts()) == 0 && n.Pattern() != nil:
		p := n.Pattern()
		if b.add(p.Text) {
			b.tail.Reset()
			b.tail.WriteString(p.Tail)
		}
		b.holes = true
	default:
		b.Hole(written)
	}
}

// add appends to the text; false once it is too long to keep.
func (b *PatternBuilder) add(s string) bool {
	if b.tooLong || b.text.Len()+len(s) > maxPatternBytes {
		b.tooLong = true
		return false
	}
	b.text.WriteString(s)
	return true
}

// Pattern returns the pattern built, or nil when it has no unknown part or
// grew too long to keep.
func (b *PatternBuilder) Pattern() *Pattern {
	if !b.holes || b.tooLong {
		return nil
	}
	return &Pattern{Text: b.text.String(), Tail: b.tail.String()}
}
