package terraform

// maxSourceNesting bounds how deeply brackets, braces, parentheses,
// template sequences and template directives may nest in HCL source.
// hclsyntax parses by recursive descent and the evaluator walks the result
// the same way: 20,000 levels, an 80 KB file, took 440 MB of stack and
// seconds. Evaluation stops at lint.DefaultBudget's 256 levels anyway, so
// a file past twice that could not be checked whatever the parser did.
const maxSourceNesting = 512

// overdeepNesting finds where HCL source first nests deeper than
// maxSourceNesting, as a byte offset; template says src is a template file
// (templatefile()'s target), not a configuration file.
//
// It is a scanner of its own rather than hclsyntax's lexer, which
// allocates some 400 bytes per token (40 MB for a 100 KB file of
// interpolations): this one allocates nothing beyond its stack of open
// constructs, bounded by the limit, and reads each byte once. It
// follows HCL's lexical structure only as far as nesting needs: comments,
// quoted strings with escapes, heredocs, ${ and %{ sequences (with their
// $${ and %%{ escapes) and the if/for directives they open.
func overdeepNesting(src []byte, template bool) (int, bool) {
	s := nestScanner{src: src}
	if template {
		s.push(frame{kind: templateFrame})
	}
	return s.scan()
}

type frameKind uint8

const (
	codeFrame     frameKind = iota // { [ ( or a ${ %{ sequence
	quotedFrame                    // "...", a template of its own
	heredocFrame                   // <<EOT ... EOT
	templateFrame                  // a whole template file
)

type frame struct {
	kind frameKind
	// sequence marks a code frame opened by ${ or %{ (closed by }).
	sequence bool
	// marker is a heredoc's closing word, as a range of src.
	markerFrom, markerTo int
}

type nestScanner struct {
	src   []byte
	stack []frame
	// directives counts open %{ if } and %{ for } directives: hclsyntax
	// nests their bodies like brackets.
	directives int
	overAt     int
	over       bool
}

func (s *nestScanner) push(f frame) {
	s.stack = append(s.stack, f)
}

// deepen checks the level just opened at offset at; past the limit the
// scan ends there.
func (s *nestScanner) deepen(at int) {
	if len(s.stack)+s.directives > maxSourceNesting && !s.over {
		s.over, s.overAt = true, at
	}
}

func (s *nestScanner) top() *frame {
	if len(s.stack) == 0 {
		return nil
	}
	return &s.stack[len(s.stack)-1]
}

func (s *nestScanner) pop() {
	if len(s.stack) > 0 {
		s.stack = s.stack[:len(s.stack)-1]
	}
}

func (s *nestScanner) scan() (int, bool) {
	src := s.src
	lineStart := true
	for i := 0; i < len(src) && !s.over; {
		t := s.top()
		if t != nil && (t.kind == quotedFrame || t.kind == heredocFrame || t.kind == templateFrame) {
			i, lineStart = s.text(t, i, lineStart)
			continue
		}
		if !codeSpecial[src[i]] {
			i++
			for i < len(src) && !codeSpecial[src[i]] {
				i++
			}
			continue
		}
		c := src[i]
		switch {
		case c == '#' || c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			i += 2
			for i+1 < len(src) && (src[i] != '*' || src[i+1] != '/') {
				i++
			}
			i += 2
			continue
		case c == '"':
			s.push(frame{kind: quotedFrame})
			s.deepen(i)
		case c == '<' && i+1 < len(src) && src[i+1] == '<':
			if from, to, next, ok := heredocMarker(src, i+2); ok {
				s.push(frame{kind: heredocFrame, markerFrom: from, markerTo: to})
				s.deepen(i)
				i, lineStart = next, true
				continue
			}
			i++
		case c == '{' || c == '[' || c == '(':
			s.push(frame{kind: codeFrame})
			s.deepen(i)
		case c == '}' || c == ']' || c == ')':
			if t != nil && t.kind == codeFrame {
				s.pop()
			}
		}
		i++
	}
	return s.overAt, s.over
}

// text scans template text (a quoted string, a heredoc, a template file)
// from i to the next construct that changes the stack, and returns where
// to go on.
func (s *nestScanner) text(t *frame, i int, lineStart bool) (int, bool) {
	src := s.src
	if t.kind == heredocFrame && lineStart {
		j := i
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		marker := src[t.markerFrom:t.markerTo]
		end := j + len(marker)
		if end <= len(src) && string(src[j:end]) == string(marker) && (end == len(src) || src[end] == '\n' || src[end] == '\r') {
			s.pop()
			return end, false
		}
	}
	if !textSpecial[src[i]] {
		i++
		for i < len(src) && !textSpecial[src[i]] {
			i++
		}
		return i, false
	}
	c := src[i]
	switch {
	case c == '\n':
		if t.kind == quotedFrame { // unterminated: HCL reports it; stop counting it
			s.pop()
		}
		return i + 1, true
	case c == '\\' && t.kind == quotedFrame:
		return i + 2, false
	case c == '"' && t.kind == quotedFrame:
		s.pop()
		return i + 1, false
	case (c == '$' || c == '%') && i+2 < len(src) && src[i+1] == c && src[i+2] == '{':
		return i + 3, false // $${ and %%{ are literal text
	case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
		if c == '%' {
			s.directive(i + 2)
		}
		s.push(frame{kind: codeFrame, sequence: true})
		s.deepen(i)
		return i + 2, false
	}
	return i + 1, false
}

// codeSpecial and textSpecial are the bytes that may change the stack in
// code and in template text: the scan skips runs of the others.
var codeSpecial, textSpecial = byteSet("#/\"<{[(}])"), byteSet("\n\\\"$%")

func byteSet(chars string) (set [256]bool) {
	for i := range len(chars) {
		set[chars[i]] = true
	}
	return set
}

// directive counts the if and for directives a %{ at i opens or closes.
func (s *nestScanner) directive(i int) {
	src := s.src
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '~') {
		i++
	}
	word := i
	for i < len(src) && (src[i] >= 'a' && src[i] <= 'z') {
		i++
	}
	switch string(src[word:i]) {
	case "if", "for":
		s.directives++
	case "endif", "endfor":
		s.directives = max(s.directives-1, 0)
	}
}

// heredocMarker reads a heredoc's opening after "<<" at i: an optional
// "-", a word, the end of the line. It returns the word's range and where
// the body starts.
func heredocMarker(src []byte, i int) (from, to, body int, ok bool) {
	if i < len(src) && src[i] == '-' {
		i++
	}
	from = i
	for i < len(src) && (src[i] == '_' || src[i] >= 'A' && src[i] <= 'Z' || src[i] >= 'a' && src[i] <= 'z' || src[i] >= '0' && src[i] <= '9' && i > from) {
		i++
	}
	to = i
	if to == from {
		return 0, 0, 0, false
	}
	if i < len(src) && src[i] == '\r' {
		i++
	}
	if i >= len(src) || src[i] != '\n' {
		return 0, 0, 0, false
	}
	return from, to, i + 1, true
}
