package rules

import (
	"math/big"
	"strings"
	"testing"
)

func TestBoundedNumber(t *testing.T) {
	cases := []struct{ in, want string }{
		{"42", "42"},
		{"-3.5", "-3.5"},
		{"1E+999999999", "1e400"},
		{"-1E+999999999", "-1e400"},
		{"1e-999999999", "1e-400"},
		{"-0.0001e-999999999", "-1e-400"},
		{"0e999999999", "0"},
		{"-0.000e5", "0"},
		{"12.5e3", "0.125e5"},
		{"0.0012", "0.0012"},
		{"0.0012e0", "0.12e-2"},
		{"1e399", "0.1e400"},
		{"1e401", "1e400"},
		// Beyond 40 significant digits: cut, with a digit kept past the cut.
		{"1234567890123456789012345678901234567890123", "0.12345678901234567890123456789012345678901e43"},
		{"1." + zeros(60) + "1", "0.10000000000000000000000000000000000000001e1"},
		{"1" + zeros(45) + ".5", "0.10000000000000000000000000000000000000000000001e46"},
	}
	for _, c := range cases {
		if got := boundedNumber(c.in); got != c.want {
			t.Errorf("boundedNumber(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}

// TestBoundedNumberKeepsIntegersAndOrder checks, with exact rationals, that
// a rewritten literal is an integer exactly when the literal is, and sits
// on the same side of every small bound.
func TestBoundedNumberKeepsIntegersAndOrder(t *testing.T) {
	ins := []string{"1" + zeros(45), "1" + zeros(45) + ".5", "1." + zeros(60) + "1", "0.9" + nines(60),
		"-12345678901234567890123456789012345678901234567890", "7e-3", "5e2", "123456789012345678901234567890123456789012.25"}
	bounds := []string{"0", "1", "-1", "10", "200", "1e45", "-1e45", "1e46"}
	for _, in := range ins {
		orig, _ := new(big.Rat).SetString(in)
		got, ok := new(big.Rat).SetString(boundedNumber(in))
		if !ok {
			t.Fatalf("%s: %s does not parse", in, boundedNumber(in))
		}
		if orig.IsInt() != got.IsInt() {
			t.Errorf("%s: integer %v, rewritten %s integer %v", in, orig.IsInt(), boundedNumber(in), got.IsInt())
		}
		for _, b := range bounds {
			br, _ := new(big.Rat).SetString(b)
			if orig.Cmp(br) != got.Cmp(br) {
				t.Errorf("%s compares %d with %s, rewritten %s compares %d", in, orig.Cmp(br), b, boundedNumber(in), got.Cmp(br))
			}
		}
	}
}

func zeros(n int) string { return strings.Repeat("0", n) }
func nines(n int) string { return strings.Repeat("9", n) }
