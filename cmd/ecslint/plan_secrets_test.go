package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanSensitiveValuesNeverLeave: a plan prints sensitive values in
// plain text (a sensitive variable, an SSM parameter's value, a secret
// string); none may appear in anything ecslint writes, alone or with the
// source beside the plan, in any format, snippets and --verbose included.
func TestPlanSensitiveValuesNeverLeave(t *testing.T) {
	t.Chdir("../..")
	// sensitive_messages has them where no rule finds a secret: in the
	// image ECS014 quotes, and on the line of an ECS001 finding.
	secrets := []string{"s3cr3t-fixture-password", "ak_live_51HxFixtureNotARealKey", "imagetoken-9f8e7d", "level-token-1a2b3c"}
	var paths []string
	for _, s := range []string{"sensitive_values", "sensitive_messages"} {
		dir := filepath.Join("fixtures", "plan", s)
		paths = append(paths, filepath.Join(dir, "tfplan.json"), dir)
	}
	for _, path := range paths {
		for _, format := range formatNames() {
			args := []string{"--format", format, "--color", "always", "--verbose", path}
			code, stdout, stderr := run(t, "", args...)
			if code != ExitFindings || !strings.Contains(stdout, "ECS005") {
				t.Fatalf("%v: exit %d, no ECS005 finding to check:\n%s%s", args, code, stdout, stderr)
			}
			for _, s := range secrets {
				if strings.Contains(stdout+stderr, s) {
					t.Errorf("%v: %q printed", args, s)
				}
			}
		}
	}
}
