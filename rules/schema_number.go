package rules

import (
	"math"
	"strconv"
	"strings"
)

// The schema validator reads numbers as exact rationals (math/big.Rat). A
// literal such as 1E+999999999 is a valid JSON number that big.Rat refuses
// (its SetString gives up past an exponent of a million, and the validator
// then dereferences nil), and one with an exponent just under that costs
// seconds and megabytes to convert. boundedNumber rewrites such a literal
// into one that compares the same way with every number a schema can
// write, and is an integer exactly when the literal is: the validator then
// sees the number it is (an out-of-range cpu is a finding at its key), at
// a bounded cost.

const (
	// maxExponent bounds the decimal exponent of a rewritten number: far
	// beyond any bound in the task definition schema, and cheap for Rat.
	maxExponent = 400
	// maxDigits is the significant digits kept; a schema's bounds have far
	// fewer.
	maxDigits = 40
)

// boundedNumber returns a JSON number literal's bounded equivalent; text
// must be a valid JSON number. Short literals are returned as they are.
func boundedNumber(text string) string {
	if len(text) <= 24 && !strings.ContainsAny(text, "eE") {
		return text
	}
	neg := strings.HasPrefix(text, "-")
	mant, exp := text, 0
	if i := strings.IndexAny(text, "eE"); i >= 0 {
		mant = text[:i]
		exp = parseExponent(text[i+1:])
	}
	mant = strings.TrimPrefix(mant, "-")
	intPart, frac, _ := strings.Cut(mant, ".")
	// digits is the significand; the value is 0.digits × 10^point.
	digits := intPart + frac
	point := int64(len(intPart)) + int64(exp)
	lead := len(digits) - len(strings.TrimLeft(digits, "0"))
	digits = strings.TrimRight(digits[lead:], "0")
	point -= int64(lead)
	sign := ""
	if neg {
		sign = "-"
	}
	switch {
	case digits == "":
		return "0"
	case point > maxExponent:
		// Larger than any bound, and an integer.
		return sign + "1e" + strconv.Itoa(maxExponent)
	case point < -maxExponent:
		// Nearer zero than any bound, and not an integer.
		return sign + "1e-" + strconv.Itoa(maxExponent)
	}
	if len(digits) > maxDigits {
		// Cut, and keep a nonzero digit past the cut: the value stays
		// strictly between the same neighbours of maxDigits digits. A
		// fraction's cut keeps its whole integer part (point is at most
		// maxExponent here), so it stays a fraction.
		keep := maxDigits
		if point < int64(len(digits)) && point > maxDigits {
			keep = int(point)
		}
		digits = digits[:keep] + "1"
	}
	return sign + "0." + digits + "e" + strconv.FormatInt(point, 10)
}

// parseExponent reads an exponent's digits, saturating far beyond
// maxExponent so that no length of digits overflows.
func parseExponent(s string) int {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	n := 0
	for _, c := range s {
		if n < 1<<30 {
			n = n*10 + int(c-'0')
		}
	}
	if neg {
		return -n
	}
	return n
}

// boundedFloat writes a float as a JSON number, ±Inf as the bounded
// number beyond every bound.
func boundedFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "1e" + strconv.Itoa(maxExponent)
	case math.IsInf(f, -1):
		return "-1e" + strconv.Itoa(maxExponent)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
