package output

import (
	"io"
	"strconv"
	"unicode/utf8"
)

// jsonStream writes JSON byte for byte as an encoding/json Encoder with
// SetIndent("", "  ") would, but as it goes, through a small buffer, and
// without reflection. A run with 100,000 findings made encoding/json build
// the whole document twice in memory (compact, then indented) and reflect
// over every field of every finding; the formats' shapes are fixed, so they
// write them member by member instead.
//
// Values inside an array are separated and indented by the value methods
// themselves; a member of an object starts with key.
type jsonStream struct {
	w          io.Writer
	buf        []byte
	err        error
	escapeHTML bool // as Encoder.SetEscapeHTML; encoding/json's default is true
	depth      int
	empty      bool // the innermost open object or array has no member yet
	afterKey   bool // a key was written; its value follows on the same line
}

// jsonFlushAt is the buffer size at which the stream writes to w: large
// enough for few writes, small enough not to matter in memory.
const jsonFlushAt = 64 << 10

func newJSONStream(w io.Writer, escapeHTML bool) *jsonStream {
	return &jsonStream{w: w, buf: make([]byte, 0, jsonFlushAt+4<<10), escapeHTML: escapeHTML}
}

// next places the next value: after its key, or on a new line of its array
// after a comma.
func (s *jsonStream) next() {
	if s.afterKey {
		s.afterKey = false
		return
	}
	if s.depth == 0 {
		return
	}
	if !s.empty {
		s.buf = append(s.buf, ',')
	}
	s.newline()
	s.empty = false
}

func (s *jsonStream) newline() {
	s.buf = append(s.buf, '\n')
	for range s.depth {
		s.buf = append(s.buf, ' ', ' ')
	}
}

// key starts an object member. Keys are the formats' own constants, none
// of which needs escaping, so they are written as they are.
func (s *jsonStream) key(k string) {
	s.next()
	s.buf = append(s.buf, '"')
	s.buf = append(s.buf, k...)
	s.buf = append(s.buf, '"', ':', ' ')
	s.afterKey = true
}

// open starts an object ('{') or array ('[').
func (s *jsonStream) open(c byte) {
	s.next()
	s.buf = append(s.buf, c)
	s.depth++
	s.empty = true
}

// close ends the innermost object ('}') or array (']'); an empty one stays
// on its line ({} or []), as encoding/json indents it.
func (s *jsonStream) close(c byte) {
	s.depth--
	if !s.empty {
		s.newline()
	}
	s.buf = append(s.buf, c)
	s.empty = false // the enclosing value holds at least this one
	s.maybeFlush()
}

func (s *jsonStream) str(v string) {
	s.next()
	s.buf = appendJSONString(s.buf, v, s.escapeHTML)
}

func (s *jsonStream) int(v int) {
	s.next()
	s.buf = strconv.AppendInt(s.buf, int64(v), 10)
}

func (s *jsonStream) bool(v bool) {
	s.next()
	s.buf = strconv.AppendBool(s.buf, v)
}

// strings writes a list of strings, [] when there is none.
func (s *jsonStream) strings(vs []string) {
	s.open('[')
	for _, v := range vs {
		s.str(v)
	}
	s.close(']')
}

func (s *jsonStream) maybeFlush() {
	// A stream without a writer (a chunk of members) keeps what it writes.
	if s.w != nil && len(s.buf) >= jsonFlushAt {
		s.flush()
	}
}

// members writes n members of the open array with write(s, i), in order.
// A long array is encoded on all cores (inOrder): a member's bytes depend
// only on the depth and on whether it is the array's first, and each
// chunk's stream starts with both, so the bytes are those of one stream.
func (s *jsonStream) members(n int, write func(s *jsonStream, i int)) {
	if !worthChunks(n) {
		for i := range n {
			write(s, i)
		}
		return
	}
	s.flush()
	inOrder(n, func(buf []byte, lo, hi int) []byte {
		part := &jsonStream{buf: buf, escapeHTML: s.escapeHTML, depth: s.depth, empty: s.empty && lo == 0}
		for i := lo; i < hi; i++ {
			write(part, i)
		}
		return part.buf
	}, func(b []byte) {
		if s.err == nil {
			_, s.err = s.w.Write(b)
		}
	})
	s.empty = false
}

func (s *jsonStream) flush() {
	if s.err == nil && len(s.buf) > 0 {
		_, s.err = s.w.Write(s.buf)
	}
	s.buf = s.buf[:0]
}

// end finishes the document with the newline Encoder.Encode writes, and
// reports the first write error.
func (s *jsonStream) end() error {
	s.buf = append(s.buf, '\n')
	s.flush()
	return s.err
}

// appendJSONString is encoding/json's string encoding: \b \f \n \r \t and
// the other control characters escaped, <, > and & as \u003c, \u003e and
// \u0026 when escapeHTML, invalid UTF-8 as \ufffd, and U+2028 and U+2029
// escaped always (they end a line in JavaScript).
func appendJSONString(dst []byte, s string, escapeHTML bool) []byte {
	const hex = "0123456789abcdef"
	safe := &jsonSafe
	if escapeHTML {
		safe = &jsonHTMLSafe
	}
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if safe[b] {
			i++
			continue
		}
		if b < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// jsonSafe and jsonHTMLSafe are the bytes a JSON string holds as they are,
// without and with HTML escaping: printable ASCII but " and \ (and <, >
// and &). Bytes from 0x80 on start a multi-byte character, checked apart.
var jsonSafe, jsonHTMLSafe = func() (safe, html [256]bool) {
	for b := ' '; b < utf8.RuneSelf; b++ {
		safe[b] = b != '"' && b != '\\'
		html[b] = safe[b] && b != '<' && b != '>' && b != '&'
	}
	return safe, html
}()
