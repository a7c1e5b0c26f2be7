package terraform

import (
	"strings"
	"testing"
)

func TestOverdeepNesting(t *testing.T) {
	deep, shallow := maxSourceNesting+1, maxSourceNesting
	brackets := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	for _, tc := range []struct {
		name     string
		src      string
		template bool
		at       int // -1: not too deep
	}{
		{"brackets at the limit", "x = " + brackets(shallow), false, -1},
		{"brackets past the limit", "x = " + brackets(deep), false, 4 + maxSourceNesting},
		{"mixed openers", "x = " + strings.Repeat("{a = [(", deep), false, 1200}, // the 513th opener: the third of the 171st "{a = [("
		{"brackets in a comment", "# " + brackets(deep) + "\nx = 1", false, -1},
		{"brackets in a block comment", "/* " + brackets(deep) + " */ x = 1", false, -1},
		{"brackets in a line comment", "// " + strings.Repeat("[", deep) + "\nx = 1", false, -1},
		{"brackets in a string", `x = "` + strings.Repeat("[", deep) + `"`, false, -1},
		{"closers in a string do not close", "x = " + strings.Repeat(`["}]"`, 1) + strings.Repeat(`[ "}" `, deep), false, 3071}, // a string is a level: the quote in the 511th "[ "}" "
		{"escaped quote stays in the string", `x = "\"` + strings.Repeat("[", deep) + `"`, false, -1},
		{"brackets in a heredoc", "x = <<EOT\n" + strings.Repeat("[", deep) + "\nEOT\ny = 1", false, -1},
		{"interpolations in a heredoc", "x = <<-EOT\n  " + strings.Repeat("${[", deep/2+1) + "\n  EOT\n", false, 780}, // the heredoc, then two a "${[": its 256th "["
		{"escaped interpolations", `x = "` + strings.Repeat("$${", deep) + `"`, false, -1},
		{"template interpolations", strings.Repeat("${(", deep), true, 767},    // the template, then two a "${(": its 256th "("
		{"template directives", strings.Repeat("%{ if a }", deep), true, 4590}, // the template, the open ifs and the 511th "%{" itself
		{"closed directives do not add up", strings.Repeat("%{ if a }x%{ endif }", deep), true, -1},
		{"escaped directives", strings.Repeat("%%{ if a }", deep), true, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at, over := overdeepNesting([]byte(tc.src), tc.template)
			switch {
			case tc.at < 0 && over:
				t.Errorf("too deep at %d (%.20q), want not too deep", at, tc.src[at:])
			case tc.at >= 0 && !over:
				t.Errorf("not too deep, want too deep at %d", tc.at)
			case tc.at >= 0 && at != tc.at:
				t.Errorf("too deep at %d (%.20q), want %d (%.20q)", at, tc.src[at:], tc.at, tc.src[tc.at:])
			}
		})
	}
}

// BenchmarkOverdeepNesting measures the scan every .tf file pays.
func BenchmarkOverdeepNesting(b *testing.B) {
	src := []byte(strings.Repeat("resource \"aws_ecs_service\" \"s\" {\n  name = \"${var.prefix}-web\" # comment [\n  tags = { a = [1, 2] }\n}\n", 2000))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		overdeepNesting(src, false)
	}
}
