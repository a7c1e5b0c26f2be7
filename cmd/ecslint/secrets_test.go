package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// leakedSecrets are the credential values in testdata/secrets, in raw JSON,
// CloudFormation YAML (plain, quoted, block scalar, Fn::If branches,
// suppressed) and CloudFormation JSON, some on the same line as other
// findings so that their snippets show the line.
var leakedSecrets = []string{
	"AKIAQ7EXAMPLEONELINE", "ghp_OneLineTokenabcdefghijklmnopqrstuvwxyz01",
	"AKIAIOSFODNN7SECRET1", "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", "FwoGZXIvYXdzEBYaDSessionTokenSecretValue1",
	"correct-horse-battery-staple-1", "MIIEpAIBAAKCAQEAsecretkeymaterial1", "xoxb-123456789012-secretslacktoken1",
	"sk_live_SecretStripeKey1234567890ab",
	"wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY2", "AKIAIOSFODNN7SECRET2", "prod-token-secret-value-2", "dev-token-secret-value-2",
	"b3BlbnNzaC1rZXktdjEAAAAABG5vbmUsecretkeymaterial2", "suppressed-password-secret-2", "glpat-SecretGitlabToken2abcdef",
	"AKIAIOSFODNN7SECRET3", "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", "json-if-secret-value-3",
}

// TestSecretsNeverLeave runs every output format, with source snippets,
// colour, notes and the extra output files, over fixtures full of
// credentials: no credential may appear in anything ecslint writes.
func TestSecretsNeverLeave(t *testing.T) {
	src, err := filepath.Abs("testdata/secrets")
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	for _, s := range leakedSecrets {
		if !strings.Contains(all.String(), s) {
			t.Fatalf("secret %q is not in testdata/secrets: the test would prove nothing", s)
		}
	}
	out := t.TempDir()
	t.Chdir(filepath.Dir(src))
	for _, format := range []string{"text", "json", "sarif", "github", "junit"} {
		for _, extra := range [][]string{{"--color", "never"}, {"--color", "always", "--verbose"}} {
			args := append([]string{"--format", format, "secrets"}, extra...)
			args = append(args, "--output", "sarif="+filepath.Join(out, "extra.sarif"), "--output", "junit="+filepath.Join(out, "extra.xml"))
			code, stdout, stderr := run(t, "", args...)
			if code != ExitFindings || !strings.Contains(stdout, "ECS005") {
				t.Fatalf("%v: exit %d, no ECS005 finding to check:\n%s%s", args, code, stdout, stderr)
			}
			written := stdout + stderr
			for _, f := range []string{"extra.sarif", "extra.xml"} {
				b, err := os.ReadFile(filepath.Join(out, f))
				if err != nil {
					t.Fatal(err)
				}
				written += string(b)
			}
			for _, s := range leakedSecrets {
				if strings.Contains(written, s) {
					t.Errorf("%v: output contains secret %q", args, s)
				}
			}
		}
	}
	baseline := filepath.Join(out, "baseline.json")
	if code, stdout, stderr := run(t, "", "--write-baseline", baseline, "secrets"); code != ExitOK {
		t.Fatalf("--write-baseline: exit %d\n%s%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(baseline)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range leakedSecrets {
		if strings.Contains(string(b), s) {
			t.Errorf("baseline contains secret %q", s)
		}
	}
}
