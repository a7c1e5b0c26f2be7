package terraform

import (
	"testing"
	"time"

	"github.com/zclconf/go-cty/cty"
)

// A literal with a huge exponent parses in microseconds but has hundreds of
// millions of digits: formatNumber must not write them out.
func TestFormatNumberIsBounded(t *testing.T) {
	cases := []struct{ in, want string }{
		{"42", "42"},
		{"-1.5", "-1.5"},
		{"1e600000000", "1e600000000"},
		{"-2.5e-600000000", "-2.5e-600000000"},
		{"1E+999999999", "1e999999999"}, // past big.Float's range: +Inf
		{"-1E+999999999", "-1e999999999"},
		{"1e-999999999", "0"}, // past big.Float's range: zero
	}
	for _, c := range cases {
		v, err := cty.ParseNumberVal(c.in)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		got := formatNumber(v.AsBigFloat())
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("formatNumber(%s) took %s", c.in, d)
		}
		if got != c.want {
			t.Errorf("formatNumber(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}
