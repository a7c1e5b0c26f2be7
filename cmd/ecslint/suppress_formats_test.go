package main

import (
	"strings"
	"testing"
)

// TestInlineSuppressionsPerFormat checks each fixture with suppressions
// twice: as written, and with --no-inline-suppressions, which must bring
// every suppressed finding back.
func TestInlineSuppressionsPerFormat(t *testing.T) {
	t.Chdir("../..")
	cases := []struct {
		path string
		// suppressed are findings (file:line:col: ... [RULE) hidden by a
		// comment or Metadata entry.
		suppressed []string
	}{
		{"fixtures/cloudformation/suppressions.yaml", []string{
			"suppressions.yaml:13:13: high: volume \"journal\"",
			"suppressions.yaml:21:11: high: container \"shipper\" runs privileged",
			"suppressions.yaml:38:7: high: task definition \"Legacy\"",
		}},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			_, with, _ := run(t, "", "--color", "never", "--format", "text", c.path)
			_, without, _ := run(t, "", "--color", "never", "--format", "text", "--no-inline-suppressions", c.path)
			for _, s := range c.suppressed {
				if strings.Contains(with, s) {
					t.Errorf("suppressed finding reported: %s\n%s", s, with)
				}
				if !strings.Contains(without, s) {
					t.Errorf("--no-inline-suppressions does not restore: %s\n%s", s, without)
				}
			}
			if !strings.Contains(with, "SUP001") || strings.Contains(without, "SUP001") {
				t.Errorf("suppression problems: reported with suppressions on, never with them off")
			}
		})
	}
}
