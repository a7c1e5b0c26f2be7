package lint

import (
	"unicode/utf16"
	"unicode/utf8"
)

// decodeText returns a file's text as UTF-8, which every parser reads: a
// file that starts with a UTF-16 byte order mark (as Windows editors and
// PowerShell's Out-File write them) is decoded, without the mark, so that
// it is checked rather than skipped as binary, and positions count the
// code points of the decoded text, as an editor shows them. Anything else
// is returned as it is (a UTF-8 byte order mark is for the parsers, which
// skip it). An unpaired surrogate, or a last odd byte, becomes U+FFFD.
func decodeText(b []byte) []byte {
	if len(b) < 2 {
		return b
	}
	var bigEndian bool
	switch {
	case b[0] == 0xFF && b[1] == 0xFE:
	case b[0] == 0xFE && b[1] == 0xFF:
		bigEndian = true
	default:
		return b
	}
	body := b[2:]
	units := make([]uint16, len(body)/2)
	for i := range units {
		hi, lo := body[2*i+1], body[2*i]
		if bigEndian {
			hi, lo = lo, hi
		}
		units[i] = uint16(hi)<<8 | uint16(lo)
	}
	out := make([]byte, 0, len(body)+len(body)/2)
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	if len(body)%2 == 1 {
		out = utf8.AppendRune(out, utf8.RuneError)
	}
	return out
}
