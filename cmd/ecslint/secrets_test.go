package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/output"
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
	// Written away from where they are used (resolved.json, tfjson,
	// tfvars): a parameter default, a mapping entry, a Sub's parameter,
	// the first of two duplicate keys, a .tf.json variable default reached
	// through "${var.pw}", a tfvars entry; and a module source URL's
	// credentials, quoted by a --verbose note.
	"AKIAPARAMDEFAULTSEC4", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYMAPPINGSEC4", "sub-param-secret-value-4",
	"dup-first-secret-value-4", "dup-last-secret-value-4", "AKIATFJSONDEFAULTSE4", "AKIATFVARSENTRYSEC04",
	"ghp_ModuleSourceTokenabcdefghijklmnopqr4", "module-query-token-secret-4",
	// tffunc: tfvars entries that a function (format) or a template
	// ("pw:${var.password}") made into the value found secret.
	"tfvars-format-secret-value-5", "tfvars-template-secret-value-5",
}

// secretsFixtures returns the text of every file in testdata/secrets, and
// checks that each of leakedSecrets is in it: else the tests would prove
// nothing.
func secretsFixtures(t *testing.T, src string) {
	t.Helper()
	var all strings.Builder
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		all.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range leakedSecrets {
		if !strings.Contains(all.String(), s) {
			t.Fatalf("secret %q is not in testdata/secrets: the test would prove nothing", s)
		}
	}
}

// assertNoSecret fails for every secret that what (the output of args)
// contains.
func assertNoSecret(t *testing.T, args []string, what string) {
	t.Helper()
	for _, s := range leakedSecrets {
		if strings.Contains(what, s) {
			t.Errorf("%v: output contains secret %q", args, s)
		}
	}
}

// TestSecretsNeverLeave runs every output format, with source snippets,
// colour, notes and the extra output files, over fixtures full of
// credentials: no credential may appear in anything ecslint writes.
func TestSecretsNeverLeave(t *testing.T) {
	src, err := filepath.Abs("testdata/secrets")
	if err != nil {
		t.Fatal(err)
	}
	secretsFixtures(t, src)
	out := t.TempDir()
	t.Chdir(filepath.Dir(src))
	// The github format's Markdown job summary is written too.
	t.Setenv(stepSummaryEnv, filepath.Join(out, "summary.md"))
	for _, format := range formatNames() {
		for _, extra := range [][]string{{"--color", "never"}, {"--color", "always", "--verbose"}} {
			args := append([]string{"--format", format, "secrets"}, extra...)
			args = append(args, "--output", "sarif="+filepath.Join(out, "extra.sarif"), "--output", "junit="+filepath.Join(out, "extra.xml"))
			code, stdout, stderr := run(t, "", args...)
			if code != ExitFindings || !strings.Contains(stdout, "ECS005") {
				t.Fatalf("%v: exit %d, no ECS005 finding to check:\n%s%s", args, code, stdout, stderr)
			}
			written := stdout + stderr
			for _, f := range []string{"extra.sarif", "extra.xml", "summary.md"} {
				if f == "summary.md" && format != "github" {
					continue
				}
				b, err := os.ReadFile(filepath.Join(out, f))
				if err != nil {
					t.Fatal(err)
				}
				written += string(b)
			}
			assertNoSecret(t, args, written)
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
	assertNoSecret(t, []string{"--write-baseline"}, string(b))
}

// TestBaselinedSecretsStayMasked hides the secret findings with a baseline:
// the other findings on their lines still show those lines, and the
// secrets in them must still be masked, in every format.
func TestBaselinedSecretsStayMasked(t *testing.T) {
	src, err := filepath.Abs("testdata/secrets")
	if err != nil {
		t.Fatal(err)
	}
	secretsFixtures(t, src)
	out := t.TempDir()
	t.Chdir(filepath.Dir(src))
	all := filepath.Join(out, "all.json")
	if code, stdout, stderr := run(t, "", "--write-baseline", all, "secrets"); code != ExitOK {
		t.Fatalf("--write-baseline: exit %d\n%s%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(all)
	if err != nil {
		t.Fatal(err)
	}
	base, err := lint.ReadBaseline(b)
	if err != nil {
		t.Fatal(err)
	}
	kept := base.Findings[:0]
	for _, e := range base.Findings {
		if e.RuleID == "ECS005" {
			kept = append(kept, e)
		}
	}
	if len(kept) == 0 {
		t.Fatal("no ECS005 finding to baseline: the test would prove nothing")
	}
	base.Findings = kept
	var buf bytes.Buffer
	if err := base.Write(&buf); err != nil {
		t.Fatal(err)
	}
	secretOnly := filepath.Join(out, "ecs005.json")
	if err := os.WriteFile(secretOnly, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, format := range formatNames() {
		args := []string{"--format", format, "--verbose", "--baseline", secretOnly, "secrets"}
		code, stdout, stderr := run(t, "", args...)
		if code != ExitFindings || !strings.Contains(stdout, "ECS001") {
			t.Fatalf("%v: exit %d, want ECS001 findings:\n%s%s", args, code, stdout, stderr)
		}
		if format == "text" && strings.Contains(stdout, "[ECS005 ") {
			t.Fatalf("%v: the baseline did not hide ECS005:\n%s", args, stdout)
		}
		assertNoSecret(t, args, stdout+stderr)
	}
}

// formatNames are every output format, so a new one is checked without
// being added here.
func formatNames() []string {
	names := output.Names()
	for i, n := range names {
		names[i] = strings.Trim(n, `"`)
	}
	if len(names) < 8 {
		panic("fewer formats than ecslint has")
	}
	return names
}
