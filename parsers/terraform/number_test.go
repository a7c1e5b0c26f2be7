package terraform

import (
	"strings"
	"testing"
	"time"

	"github.com/zclconf/go-cty/cty"

	"github.com/ecslint/ecslint/lint"
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

// A long literal (JSON in a heredoc may hold one) is cut before cty parses
// it, to the same 512-bit value.
func TestShortNumber(t *testing.T) {
	long := "1" + strings.Repeat("0", 999_999) + ".5"
	cases := []struct{ in, want string }{
		{"12.5", "12.5"},
		{"-" + strings.Repeat("0", 300) + "42", "-0.42e2"},
		{strings.Repeat("9", 300), "0." + strings.Repeat("9", 200) + "1e300"},
		{"1" + strings.Repeat("0", 300), "0.1e301"},
		{"0." + strings.Repeat("0", 250) + "7e-99999999999999999999", "0.7e-1099511627776"},
		{strings.Repeat("x", 300), strings.Repeat("x", 300)},
	}
	for _, c := range cases {
		if got := shortNumber(c.in); got != c.want {
			t.Errorf("shortNumber(%.30s…) = %.60s…, want %.60s…", c.in, got, c.want)
		}
	}
	start := time.Now()
	got := nodeToCty(&lint.Node{Kind: lint.NumberNode, Text: long})
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("a million digits took %s to convert", d)
	}
	want, _ := cty.ParseNumberVal("1e999999")
	if got.AsBigFloat().Cmp(want.AsBigFloat()) != 0 {
		t.Errorf("got %s", got.AsBigFloat().Text('g', 10))
	}
}
