package lint

import (
	"strings"
	"unicode/utf8"
)

// Printable makes text from the scanned files (a file name, a value quoted
// in a message, a source line) safe to print to a terminal or a CI log: a
// pull request must not be able to move the cursor, erase or fake log
// lines, or ring the bell. Each C0 control character but tab, and DEL,
// becomes its Unicode Control Picture (ESC as ␛, CR as ␍, LF as ␊, BEL
// as ␇); C1 controls, the Unicode line and paragraph separators, the
// bidirectional overrides and isolates (which reorder what a reader sees)
// and bytes that are not UTF-8 become U+FFFD.
// Every character stays one character, so columns and underlines in a
// snippet still line up. Text with nothing to replace is returned as is.
func Printable(s string) string { return printable(s, false) }

// PrintableLines is Printable keeping CR and LF, for a format that escapes
// line breaks itself (GitHub's workflow commands turn them into %0D, %0A).
func PrintableLines(s string) string { return printable(s, true) }

func printable(s string, keepBreaks bool) string {
	i := firstUnprintable(s, keepBreaks)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if keepBreaks && (r == '\r' || r == '\n') {
			b.WriteRune(r)
		} else {
			b.WriteRune(printableRune(r, size))
		}
		i += size
	}
	return b.String()
}

// firstUnprintable returns the offset of the first character printable
// replaces, or -1: most text is plain ASCII, checked a byte at a time.
func firstUnprintable(s string, keepBreaks bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			kept := c == '\t' || keepBreaks && (c == '\r' || c == '\n')
			if c < 0x20 && !kept || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		// size 1 past ASCII is a byte that is not UTF-8.
		if size == 1 || printableRune(r, size) != r {
			return i
		}
		i += size
	}
	return -1
}

// printableRune is what Printable shows for one decoded character.
func printableRune(r rune, size int) rune {
	switch {
	case r == utf8.RuneError && size <= 1:
		return utf8.RuneError // a byte that is not UTF-8
	case r == '\t':
		return r
	case r < 0x20:
		return 0x2400 + r // ␀ … ␟
	case r == 0x7f:
		return 0x2421 // ␡
	case r >= 0x80 && r <= 0x9f, // C1, 0x9b is a one-byte CSI
		r == 0x2028 || r == 0x2029, // line and paragraph separators
		r >= 0x202a && r <= 0x202e, // LRE, RLE, PDF, LRO, RLO
		r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return utf8.RuneError
	}
	return r
}
