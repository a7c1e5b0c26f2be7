package cloudformation

import (
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// source maps between byte offsets and the positions findings use (1-based
// lines, columns in code points). yaml.v3 reports where a node starts but not
// where it ends, so ends are found by scanning the text, and scans work on
// bytes.
type source struct {
	*lint.LineIndex
	file string
	src  []byte
}

func newSource(file string, src []byte) *source {
	first := 0
	// A UTF-8 byte order mark is not part of the document and is not a
	// column, for yaml.v3 as for editors.
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		first = 3
	}
	// A lone CR is a line break in YAML, as LF and CRLF are.
	return &source{LineIndex: lint.NewLineIndex(src, first, true), file: file, src: src}
}

// offset returns the byte offset of a 1-based line and column.
func (s *source) offset(line, col int) int { return s.Offset(line, col) }

// pos returns the position of a byte offset.
func (s *source) pos(off int) lint.Pos { return s.Pos(off) }

// rng returns the range between two byte offsets.
func (s *source) rng(from, to int) lint.Range {
	return lint.Range{File: s.file, Start: s.pos(from), End: s.pos(to)}
}

// collectionRange spans a mapping or sequence starting at off (its tag,
// if any): a flow collection to its closing bracket, a block one to the end
// of its last value.
func (s *source) collectionRange(start int, flow, nonEmpty bool, last lint.Range) lint.Range {
	if flow {
		open := start
		for s.at(open, '!') || s.at(open, '&') {
			open = s.skipTag(open)
		}
		return s.rng(start, s.matchBracket(open))
	}
	if !nonEmpty || last.IsZero() {
		return s.rng(start, start)
	}
	end := s.offset(int(last.End.Line), int(last.End.Col))
	return s.rng(start, max(start, end))
}

// scalarRange spans the scalar starting at start, including its tag, anchor
// and quotes; block is a literal or folded scalar, value its text.
func (s *source) scalarRange(start int, block bool, value string, flow bool) lint.Range {
	off := start
	// A tag (!Ref, !!str) and an anchor (&name) come before the text.
	for s.at(off, '!') || s.at(off, '&') {
		off = s.skipTag(off)
	}
	var end int
	switch {
	case s.at(off, '*'):
		end = s.plainEnd(off, flow, "")
	case s.at(off, '"'):
		end = s.quotedEnd(off, '"')
	case s.at(off, '\''):
		end = s.quotedEnd(off, '\'')
	case block:
		end = s.blockEnd(off, value)
	default:
		end = s.plainEnd(off, flow, value)
	}
	return s.rng(start, end)
}

// intrinsic rewrites node n, written with the short-form tag at start, into
// the long form.
func (s *source) intrinsic(tag string, start int, n *lint.Node) *lint.Node {
	inner := *n
	inner.Range = startingAt(n.Range, s.pos(s.skipTag(start)))
	return &lint.Node{Kind: lint.ObjectNode, Range: n.Range,
		Fields: []*lint.Field{{Key: intrinsicKey(tag), KeyRange: s.rng(start, s.tagEnd(start)), Value: &inner}}}
}

// intrinsicKey is the long-form key of a short-form tag: !Ref is "Ref",
// !GetAtt is "Fn::GetAtt".
func intrinsicKey(tag string) string {
	switch name := tag[1:]; name {
	case "Ref", "Condition":
		return name
	default:
		return "Fn::" + name
	}
}

// startingAt is r from p on: a tagged value's own text starts after its
// tag.
func startingAt(r lint.Range, p lint.Pos) lint.Range {
	r.Start = p
	if r.End.Before(r.Start) {
		r.End = r.Start
	}
	return r
}

// at reports whether the byte at off is b.
func (s *source) at(off int, b byte) bool { return off >= 0 && off < len(s.src) && s.src[off] == b }

// tagEnd returns the end of the token (a tag, an anchor) starting at off.
func (s *source) tagEnd(off int) int {
	for off < len(s.src) {
		switch s.src[off] {
		case ' ', '\t', '\r', '\n', '[', '{', ',', ']', '}':
			return off
		}
		off++
	}
	return off
}

// skipTag returns the offset of what follows the token at off, past the
// spaces and line breaks (a tag may stand on the line before its value).
func (s *source) skipTag(off int) int {
	off = s.tagEnd(off)
	for off < len(s.src) {
		switch s.src[off] {
		case ' ', '\t', '\r', '\n':
			off++
			continue
		case '#':
			for off < len(s.src) && s.src[off] != '\n' {
				off++
			}
			continue
		}
		break
	}
	return off
}

// quotedEnd returns the offset after the quoted scalar opening at off.
func (s *source) quotedEnd(off int, quote byte) int {
	for i := off + 1; i < len(s.src); i++ {
		switch s.src[i] {
		case '\\':
			if quote == '"' {
				i++
			}
		case quote:
			if quote == '\'' && i+1 < len(s.src) && s.src[i+1] == '\'' {
				i++
				continue
			}
			return i + 1
		}
	}
	return len(s.src)
}

// plainEnd returns the offset after the plain scalar starting at off. A
// plain scalar ends at a comment, at ": ", or (in flow context) at a flow
// indicator; one that folds over several lines (value is the folded text)
// continues on the lines below.
func (s *source) plainEnd(off int, flow bool, value string) int {
	end := s.plainLineEnd(off, flow)
	if value == "" || strings.Contains(string(s.src[off:end]), value) {
		return end
	}
	got := len(strings.TrimSpace(string(s.src[off:end])))
	for got < len(value) && end < len(s.src) {
		nl := bytesIndexFrom(s.src, end, '\n')
		if nl < 0 {
			break
		}
		next := nl + 1
		for next < len(s.src) && (s.src[next] == ' ' || s.src[next] == '\t') {
			next++
		}
		lineEnd := s.plainLineEnd(next, flow)
		if lineEnd == next {
			break
		}
		got += 1 + len(strings.TrimSpace(string(s.src[next:lineEnd])))
		end = lineEnd
	}
	return end
}

func (s *source) plainLineEnd(off int, flow bool) int {
	i := off
	for i < len(s.src) {
		switch b := s.src[i]; b {
		case '\r', '\n':
			return trimEnd(s.src, off, i)
		case ':':
			if i+1 >= len(s.src) || isSpace(s.src[i+1]) || flow && isFlowIndicator(s.src[i+1]) {
				return trimEnd(s.src, off, i)
			}
		case '#':
			if i > off && isSpace(s.src[i-1]) {
				return trimEnd(s.src, off, i)
			}
		case ',', ']', '}', '[', '{':
			if flow {
				return trimEnd(s.src, off, i)
			}
		}
		i++
	}
	return trimEnd(s.src, off, i)
}

// blockEnd returns the end of a literal or folded block scalar whose
// indicator is at off: the last line its value covers.
func (s *source) blockEnd(off int, value string) int {
	lines := strings.Count(value, "\n")
	if value != "" && !strings.HasSuffix(value, "\n") {
		lines++
	}
	end := s.plainLineEnd(off, false)
	for range lines {
		nl := bytesIndexFrom(s.src, end, '\n')
		if nl < 0 {
			break
		}
		next := nl + 1
		lineEnd := next
		for lineEnd < len(s.src) && s.src[lineEnd] != '\n' && s.src[lineEnd] != '\r' {
			lineEnd++
		}
		end = trimEnd(s.src, next, lineEnd)
		if end == next {
			// An empty line inside the block: keep the line, not its end.
			end = lineEnd
		}
	}
	return end
}

// matchBracket returns the offset after the bracket that closes the one at
// off, skipping quoted text and comments.
func (s *source) matchBracket(off int) int {
	depth := 0
	for i := off; i < len(s.src); i++ {
		switch s.src[i] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '"', '\'':
			if i > off && !isSpace(s.src[i-1]) && !isFlowIndicator(s.src[i-1]) && s.src[i-1] != ':' {
				continue // an apostrophe inside a plain scalar
			}
			i = s.quotedEnd(i, s.src[i]) - 1
		case '#':
			if i > off && isSpace(s.src[i-1]) {
				for i < len(s.src) && s.src[i] != '\n' {
					i++
				}
			}
		}
	}
	return len(s.src)
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

func isFlowIndicator(b byte) bool { return b == ',' || b == '[' || b == ']' || b == '{' || b == '}' }

func trimEnd(src []byte, from, to int) int {
	for to > from && (src[to-1] == ' ' || src[to-1] == '\t') {
		to--
	}
	return to
}

func bytesIndexFrom(b []byte, from int, c byte) int {
	for i := from; i < len(b); i++ {
		if b[i] == c {
			return from + (i - from)
		}
	}
	return -1
}
