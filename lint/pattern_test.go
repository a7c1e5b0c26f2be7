package lint

import (
	"strings"
	"testing"
)

func TestPatternBuilder(t *testing.T) {
	var b PatternBuilder
	b.Known("registry/")
	b.Hole("${var.repo}")
	b.Known(":latest")
	p := b.Pattern()
	if p == nil || p.Text != "registry/${var.repo}:latest" || p.Tail != ":latest" {
		t.Fatalf("got %+v", p)
	}

	// A part that is itself a pattern carries its text and tail.
	inner := NewUnknown(Range{}, "", nil)
	inner.SetPattern(p)
	var outer PatternBuilder
	outer.Part(inner, "${local.image}")
	outer.Part(&Node{Kind: StringNode, Text: "-x"}, "")
	if q := outer.Pattern(); q == nil || q.Text != "registry/${var.repo}:latest-x" || q.Tail != ":latest-x" {
		t.Fatalf("nested: %+v", q)
	}

	var known PatternBuilder
	known.Known("nginx:1")
	if known.Pattern() != nil {
		t.Error("a string without unknown parts has no pattern")
	}

	var long PatternBuilder
	long.Hole("${x}")
	long.Known(strings.Repeat("a", maxPatternBytes))
	if long.Pattern() != nil {
		t.Error("an over-long pattern is kept")
	}
}
