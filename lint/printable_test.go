package lint_test

import (
	"testing"

	"github.com/ecslint/ecslint/lint"
)

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"plain text":                   "plain text",
		"tab\tkept":                    "tab\tkept",
		"héllo wörld ✓ 日本":             "héllo wörld ✓ 日本",
		"\x1b[2J\x1b[1;1Hfake":         "␛[2J␛[1;1Hfake",
		"line\r\nnext":                 "line␍␊next",
		"bell\a":                       "bell␇",
		"nul\x00del\x7f":               "nul␀del␡",
		"c1 csi \u009b31m":             "c1 csi \ufffd31m",
		"sep \u2028\u2029":             "sep \ufffd\ufffd",
		"bidi \u202eevil\u202c \u2066": "bidi \ufffdevil\ufffd \ufffd",
		"bad \xff\xfe utf8":            "bad \ufffd\ufffd utf8",
		"::error file=x::forged":       "::error file=x::forged", // GitHub's own escaping handles commands
	} {
		if got := lint.Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrintableLines(t *testing.T) {
	in := "two\r\nlines\x1b[1m"
	if got, want := lint.PrintableLines(in), "two\r\nlines␛[1m"; got != want {
		t.Errorf("PrintableLines(%q) = %q, want %q", in, got, want)
	}
}

// TestPrintableKeepsWidth: every character replaced is one character, so
// a snippet's underline stays under the range.
func TestPrintableKeepsWidth(t *testing.T) {
	in := "a\x1bb\rc\u202ed\xffe"
	if got, want := len([]rune(lint.Printable(in))), 9; got != want {
		t.Errorf("Printable(%q) has %d characters, want %d", in, got, want)
	}
}
