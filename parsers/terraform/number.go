package terraform

import (
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// maxNumberDigits is the significant digits a number literal keeps when
// it is handed to cty. cty parses numbers into 512-bit floats (about 154
// decimal digits), so digits past 200 cannot change the value, but
// big.ParseFloat reads all of them in quadratic time: two seconds for a
// million, minutes for the ten million a file may hold.
const maxNumberDigits = 200

// shortNumber returns a decimal literal with at most maxNumberDigits
// significant digits and an exponent that fits an int, for cty to parse:
// the digits past the cut are replaced by one nonzero digit when any is
// nonzero, so the value rounds the same way. Short literals and text that
// is not a decimal literal are returned as they are.
func shortNumber(text string) string {
	if len(text) <= maxNumberDigits {
		return text
	}
	sign, rest := "", text
	if strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "+") {
		sign, rest = rest[:1], rest[1:]
	}
	mant, exp := rest, int64(0)
	if i := strings.IndexAny(rest, "eE"); i >= 0 {
		mant = rest[:i]
		e, err := strconv.ParseInt(rest[i+1:], 10, 64)
		if err != nil {
			// Past int64: far past big.Float's range either way.
			e = 1 << 40
			if strings.HasPrefix(rest[i+1:], "-") {
				e = -e
			}
		}
		exp = e
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := intPart + frac
	if strings.Trim(digits, "0123456789") != "" || digits == "" {
		return text
	}
	// The value is 0.digits × 10^point.
	point := int64(len(intPart)) + exp
	lead := len(digits) - len(strings.TrimLeft(digits, "0"))
	digits, point = strings.TrimRight(digits[lead:], "0"), point-int64(lead)
	if digits == "" {
		return "0"
	}
	if len(digits) > maxNumberDigits {
		// The digits cut end in a nonzero one (trailing zeros are gone).
		digits = digits[:maxNumberDigits] + "1"
	}
	point = max(min(point, 1<<40), -(1 << 40))
	return sign + "0." + digits + "e" + strconv.FormatInt(point, 10)
}

// maxLiteralDigits bounds a number literal in HCL source. hclsyntax parses
// literals with cty.ParseNumberVal as it reads them, in quadratic time (two
// seconds for a million digits, minutes for the ten million a file may
// hold), before ecslint sees them; Terraform could not evaluate such a file
// either.
const maxLiteralDigits = 10_000

// overlongNumber finds a number literal of more than maxLiteralDigits
// characters without parsing: the offset of its start and its length.
// Digits are counted in one pass; only a file with a run that long (a
// string or comment may hold one too) is lexed to tell.
func overlongNumber(src []byte) (int, int, bool) {
	run, long := 0, false
	for _, c := range src {
		if c >= '0' && c <= '9' {
			run++
			if run > maxLiteralDigits {
				long = true
				break
			}
			continue
		}
		run = 0
	}
	if !long {
		return 0, 0, false
	}
	tokens, _ := hclsyntax.LexConfig(src, "", hcl.InitialPos)
	for _, tok := range tokens {
		if tok.Type == hclsyntax.TokenNumberLit && len(tok.Bytes) > maxLiteralDigits {
			return tok.Range.Start.Byte, len(tok.Bytes), true
		}
	}
	return 0, 0, false
}
