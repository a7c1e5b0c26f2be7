// Package jsonnode parses JSON into lint.Node trees that keep the range of
// every key and value. encoding/json cannot do this (it forgets positions),
// and findings must point at the exact key.
package jsonnode

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ecslint/ecslint/lint"
)

// MaxDepth bounds nesting so that hostile input cannot exhaust the stack.
const MaxDepth = 512

// SyntaxError is a JSON syntax error at a position.
type SyntaxError struct {
	Pos lint.Pos
	Msg string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg)
}

// Parse parses src as one JSON value. Positions are reported in file,
// starting at line 1, column 1.
func Parse(file string, src []byte) (*lint.Node, error) {
	return ParseAt(file, src, lint.Pos{Line: 1, Col: 1})
}

// ParseAt parses src whose first byte sits at start in file: JSON embedded in
// another file (a Terraform heredoc) gets positions in that file, offsets
// counted from start.Offset.
func ParseAt(file string, src []byte, start lint.Pos) (*lint.Node, error) {
	p := &parser{file: file, src: src, line: int(start.Line), col: int(start.Col), base: int(start.Offset)}
	// A UTF-8 byte order mark is not part of the document.
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		p.off = 3
	}
	p.skipSpace()
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.off < len(p.src) {
		return nil, p.errf("unexpected %s after the top-level value", p.describe())
	}
	return n, nil
}

type parser struct {
	file      string
	src       []byte
	off       int
	line, col int
	// base is the offset in the file of src's first byte.
	base  int
	arena lint.Arena
	// strings holds one copy of each short string seen: keys and enum-like
	// values repeat thousands of times in a large file ("name", "value",
	// "awslogs"), and each copy would be an allocation kept as long as the
	// tree.
	strings map[string]string
}

// Interning is bounded: strings longer than maxInterned are rarely
// repeated, and a file of unique keys (CloudFormation logical IDs) must not
// grow a table as large as itself.
const (
	maxInterned     = 32
	maxInternedSize = 4096
)

// intern returns s as a string, shared with earlier equal short strings.
func (p *parser) intern(s []byte) string {
	if len(s) > maxInterned {
		return string(s)
	}
	if v, ok := p.strings[string(s)]; ok { // the lookup does not allocate
		return v
	}
	v := string(s)
	if p.strings == nil {
		p.strings = make(map[string]string, 64)
	}
	if len(p.strings) < maxInternedSize {
		p.strings[v] = v
	}
	return v
}

// node returns a new node of the given kind and range.
func (p *parser) node(kind lint.NodeKind, text string, r lint.Range) *lint.Node {
	n := p.arena.Node(kind)
	n.Text, n.Range = text, r
	return n
}

func (p *parser) pos() lint.Pos {
	return lint.MakePos(p.line, p.col, p.base+p.off)
}

func (p *parser) errf(format string, args ...any) error {
	return &SyntaxError{Pos: p.pos(), Msg: fmt.Sprintf(format, args...)}
}

// advance moves past one byte, counting lines and code points.
func (p *parser) advance() {
	b := p.src[p.off]
	p.off++
	switch {
	case b == '\n':
		p.line++
		p.col = 1
	case b == '\r':
		// CRLF is one line break; a lone CR counts as one too.
		if p.off < len(p.src) && p.src[p.off] == '\n' {
			return
		}
		p.line++
		p.col = 1
	case b&0xC0 != 0x80:
		p.col++
	}
}

func (p *parser) skipSpace() {
	for p.off < len(p.src) {
		switch p.src[p.off] {
		case ' ', '\t', '\n', '\r':
			p.advance()
		default:
			return
		}
	}
}

func (p *parser) describe() string {
	if p.off >= len(p.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.src[p.off:])
	if r == utf8.RuneError {
		return "invalid UTF-8"
	}
	return strconv.QuoteRune(r)
}

func (p *parser) rangeFrom(start lint.Pos) lint.Range {
	return lint.Range{File: p.file, Start: start, End: p.pos()}
}

func (p *parser) value(depth int) (*lint.Node, error) {
	if depth > MaxDepth {
		return nil, p.errf("nesting deeper than %d levels", MaxDepth)
	}
	if p.off >= len(p.src) {
		return nil, p.errf("unexpected end of input, expected a value")
	}
	start := p.pos()
	switch c := p.src[p.off]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return p.node(lint.StringNode, s, p.rangeFrom(start)), nil
	case c == '-' || (c >= '0' && c <= '9'):
		text, err := p.number()
		if err != nil {
			return nil, err
		}
		return p.node(lint.NumberNode, text, p.rangeFrom(start)), nil
	default:
		for _, lit := range [...]struct {
			word string
			kind lint.NodeKind
		}{{"true", lint.BoolNode}, {"false", lint.BoolNode}, {"null", lint.NullNode}} {
			if strings.HasPrefix(string(p.src[p.off:min(len(p.src), p.off+len(lit.word))]), lit.word) {
				for range len(lit.word) {
					p.advance()
				}
				n := p.node(lit.kind, "", p.rangeFrom(start))
				if lit.kind == lint.BoolNode {
					n.Text = lit.word
				}
				return n, nil
			}
		}
		return nil, p.errf("unexpected %s, expected a value", p.describe())
	}
}

func (p *parser) object(depth int) (*lint.Node, error) {
	start := p.pos()
	p.advance() // {
	n := p.arena.Node(lint.ObjectNode)
	p.skipSpace()
	if p.off < len(p.src) && p.src[p.off] == '}' {
		p.advance()
		n.Range = p.rangeFrom(start)
		return n, nil
	}
	for {
		p.skipSpace()
		if p.off >= len(p.src) || p.src[p.off] != '"' {
			return nil, p.errf("unexpected %s, expected a string key", p.describe())
		}
		keyStart := p.pos()
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		keyRange := p.rangeFrom(keyStart)
		p.skipSpace()
		if p.off >= len(p.src) || p.src[p.off] != ':' {
			return nil, p.errf("unexpected %s, expected ':' after key %q", p.describe(), key)
		}
		p.advance()
		p.skipSpace()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Fields = append(n.Fields, p.arena.Field(key, keyRange, v))
		p.skipSpace()
		if p.off >= len(p.src) {
			return nil, p.errf("unexpected end of input, expected ',' or '}'")
		}
		switch p.src[p.off] {
		case ',':
			p.advance()
		case '}':
			p.advance()
			n.Range = p.rangeFrom(start)
			return n, nil
		default:
			return nil, p.errf("unexpected %s, expected ',' or '}'", p.describe())
		}
	}
}

func (p *parser) array(depth int) (*lint.Node, error) {
	start := p.pos()
	p.advance() // [
	n := p.arena.Node(lint.ArrayNode)
	p.skipSpace()
	if p.off < len(p.src) && p.src[p.off] == ']' {
		p.advance()
		n.Range = p.rangeFrom(start)
		return n, nil
	}
	for {
		p.skipSpace()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Items = append(n.Items, v)
		p.skipSpace()
		if p.off >= len(p.src) {
			return nil, p.errf("unexpected end of input, expected ',' or ']'")
		}
		switch p.src[p.off] {
		case ',':
			p.advance()
		case ']':
			p.advance()
			n.Range = p.rangeFrom(start)
			return n, nil
		default:
			return nil, p.errf("unexpected %s, expected ',' or ']'", p.describe())
		}
	}
}

// str reads a quoted string and returns its decoded value.
func (p *parser) str() (string, error) {
	p.advance() // opening quote
	begin := p.off
	// Fast path: no escapes.
	for p.off < len(p.src) {
		c := p.src[p.off]
		if c == '"' {
			s := p.src[begin:p.off]
			if !utf8.Valid(s) {
				return "", p.invalidUTF8(s, false)
			}
			p.advance()
			return p.intern(s), nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		p.advance()
	}
	var b strings.Builder
	b.Write(p.src[begin:p.off])
	for {
		if p.off >= len(p.src) {
			return "", p.errf("unexpected end of input in string")
		}
		c := p.src[p.off]
		switch {
		case c == '"':
			p.advance()
			// Escapes decode to valid UTF-8, so an invalid byte is in the
			// source text; point at it.
			if raw := p.src[begin : p.off-1]; !utf8.Valid(raw) {
				return "", p.invalidUTF8(raw, true)
			}
			s := b.String()
			return s, nil
		case c < 0x20:
			return "", p.errf("control character %q in string", c)
		case c == '\\':
			escAt := p.pos()
			p.advance()
			if p.off >= len(p.src) {
				return "", p.errf("unexpected end of input in string escape")
			}
			e := p.src[p.off]
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, err := p.hex4()
				if err != nil {
					return "", err
				}
				// A surrogate pair is two escapes. Only a low surrogate
				// completes a high one; anything else is decoded on its
				// own, as encoding/json does ("\ud800\u0041" is U+FFFD, "A").
				if utf16.IsSurrogate(r) && p.off+6 < len(p.src) && p.src[p.off+1] == '\\' && p.src[p.off+2] == 'u' {
					if r2, err := strconv.ParseUint(string(p.src[p.off+3:p.off+7]), 16, 16); err == nil {
						if pair := utf16.DecodeRune(r, rune(r2)); pair != utf8.RuneError {
							p.advance()
							p.advance()
							if _, err := p.hex4(); err != nil {
								return "", err
							}
							r = pair
						}
					}
				}
				b.WriteRune(r)
			default:
				return "", &SyntaxError{Pos: escAt, Msg: fmt.Sprintf("invalid escape %q in string", "\\"+string(e))}
			}
			p.advance()
		default:
			b.WriteByte(c)
			p.advance()
		}
	}
}

// invalidUTF8 is the error for a string whose source text s holds an
// invalid byte: it points at that byte, counting columns back from the
// cursor, which is on the closing quote (or just past it, pastQuote).
func (p *parser) invalidUTF8(s []byte, pastQuote bool) error {
	bad := 0
	for bad < len(s) {
		r, size := utf8.DecodeRune(s[bad:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		bad += size
	}
	back, backBytes := 0, len(s)-bad
	for _, c := range s[bad:] {
		if c&0xC0 != 0x80 {
			back++
		}
	}
	if pastQuote {
		back++
		backBytes++
	}
	end := p.pos()
	return &SyntaxError{Pos: lint.MakePos(int(end.Line), int(end.Col)-back, int(end.Offset)-backBytes), Msg: "invalid UTF-8 in string"}
}

// hex4 reads the four hex digits after \u; it leaves the cursor on the last.
func (p *parser) hex4() (rune, error) {
	if p.off+4 >= len(p.src) {
		return 0, p.errf("unexpected end of input in \\u escape")
	}
	v, err := strconv.ParseUint(string(p.src[p.off+1:p.off+5]), 16, 16)
	if err != nil {
		return 0, p.errf("invalid \\u escape")
	}
	for range 4 {
		p.advance()
	}
	return rune(uint16(v)), nil
}

func (p *parser) number() (string, error) {
	begin := p.off
	if p.src[p.off] == '-' {
		p.advance()
	}
	digits := func() int {
		n := 0
		for p.off < len(p.src) && p.src[p.off] >= '0' && p.src[p.off] <= '9' {
			p.advance()
			n++
		}
		return n
	}
	if p.off < len(p.src) && p.src[p.off] == '0' {
		// JSON forbids leading zeros: 0 is a whole integer part.
		p.advance()
		if p.off < len(p.src) && p.src[p.off] >= '0' && p.src[p.off] <= '9' {
			return "", p.errf("invalid number: leading zero")
		}
	} else if digits() == 0 {
		return "", p.errf("invalid number: expected a digit")
	}
	if p.off < len(p.src) && p.src[p.off] == '.' {
		p.advance()
		if digits() == 0 {
			return "", p.errf("invalid number: expected a digit after '.'")
		}
	}
	if p.off < len(p.src) && (p.src[p.off] == 'e' || p.src[p.off] == 'E') {
		p.advance()
		if p.off < len(p.src) && (p.src[p.off] == '+' || p.src[p.off] == '-') {
			p.advance()
		}
		if digits() == 0 {
			return "", p.errf("invalid number: expected a digit in the exponent")
		}
	}
	return string(p.src[begin:p.off]), nil
}
