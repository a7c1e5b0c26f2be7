package jsonnode

import (
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ecslint/ecslint/lint"
)

// ParseInString parses the JSON document that a JSON string holds (a
// Terraform plan's container_definitions, a policy attribute), with
// positions in the file that holds the string: src is that file, and lit
// the string's node as Parse returned it, whose range covers its quotes.
// Positions are those of the escaped text: the key "image" inside
// "[{\"image\":...}]" starts at its backslash.
func ParseInString(file string, src []byte, lit *lint.Node) (*lint.Node, error) {
	from, to := int(lit.Range.Start.Offset)+1, int(lit.Range.End.Offset)-1
	if lit.Kind != lint.StringNode || from > to || to > len(src) || src[from-1] != '"' {
		// Not a string of this file: parse its value, counted from
		// its first character.
		start := lit.Range.Start
		start.Col++
		start.Offset++
		return ParseAt(file, []byte(lit.Text), start)
	}
	decoded, at := unescape(src[from:to], lit.Range.Start)
	n, err := ParseAt(file, decoded, lint.Pos{Line: 1, Col: 1})
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			return nil, &SyntaxError{Pos: at.place(se.Pos), Msg: se.Msg}
		}
		return nil, err
	}
	at.fix(n)
	return n, nil
}

// stringMap maps each byte of a decoded string to the position of the
// source text that wrote it (an escape maps all its bytes to its
// backslash), with one more entry for the closing quote.
type stringMap []lint.Pos

func (m stringMap) place(p lint.Pos) lint.Pos {
	if p.Offset < 0 || int(p.Offset) >= len(m) {
		return m[len(m)-1]
	}
	return m[p.Offset]
}

func (m stringMap) fix(n *lint.Node) {
	n.Range.Start, n.Range.End = m.place(n.Range.Start), m.place(n.Range.End)
	switch n.Kind {
	case lint.ArrayNode:
		for _, it := range n.Items {
			m.fix(it)
		}
	case lint.ObjectNode:
		for _, f := range n.Fields {
			f.KeyRange.Start, f.KeyRange.End = m.place(f.KeyRange.Start), m.place(f.KeyRange.End)
			m.fix(f.Value)
		}
	}
}

// unescape decodes a JSON string's body (valid: the parser read it) and
// maps it to the source. quote is the position of the opening quote; a
// JSON string holds no raw line break, so the body is on its line.
func unescape(body []byte, quote lint.Pos) ([]byte, stringMap) {
	out := make([]byte, 0, len(body))
	at := make(stringMap, 0, len(body)+1)
	line, col, off := int(quote.Line), int(quote.Col)+1, int(quote.Offset)+1
	emit := func(b []byte, p lint.Pos) {
		out = append(out, b...)
		for range b {
			at = append(at, p)
		}
	}
	for i := 0; i < len(body); {
		p := lint.MakePos(line, col, off+i)
		c := body[i]
		if c != '\\' || i+1 >= len(body) {
			_, size := utf8.DecodeRune(body[i:])
			emit(body[i:i+size], p)
			i += size
			col++
			continue
		}
		n := 2
		switch body[i+1] {
		case 'b':
			emit([]byte{'\b'}, p)
		case 'f':
			emit([]byte{'\f'}, p)
		case 'n':
			emit([]byte{'\n'}, p)
		case 'r':
			emit([]byte{'\r'}, p)
		case 't':
			emit([]byte{'\t'}, p)
		case 'u':
			r, size := hexRune(body[i:])
			n = size
			emit(utf8.AppendRune(nil, r), p)
		default:
			emit(body[i+1:i+2], p)
		}
		i += n
		col += n // escapes are ASCII: a byte is a code point
	}
	at = append(at, lint.MakePos(line, col, off+len(body)))
	return out, at
}

// hexRune decodes the \uXXXX escape (or surrogate pair of them) at the
// start of s, as the parser does, and returns the bytes it spans.
func hexRune(s []byte) (rune, int) {
	if len(s) < 6 {
		return utf8.RuneError, len(s)
	}
	v, err := strconv.ParseUint(string(s[2:6]), 16, 16)
	if err != nil {
		return utf8.RuneError, 6
	}
	r := rune(v)
	if utf16.IsSurrogate(r) && len(s) >= 12 && s[6] == '\\' && s[7] == 'u' {
		if v2, err := strconv.ParseUint(string(s[8:12]), 16, 16); err == nil {
			if pair := utf16.DecodeRune(r, rune(v2)); pair != utf8.RuneError {
				return pair, 12
			}
		}
	}
	return r, 6
}
