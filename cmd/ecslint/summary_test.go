package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSummaryInEveryReadFormat: the summary of text, compact (on standard
// error: its standard output is results only), github and json counts the
// findings suppressions and the baseline hid and the named files that were
// skipped, and says when nothing at all was checked. A run that hid or
// skipped everything must not read as a clean one in any of them.
func TestSummaryInEveryReadFormat(t *testing.T) {
	const suppressed = `Resources:
  TD:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: a
          Image: nginx:1.27
          User: "1000"
          ReadonlyRootFilesystem: true
          LogConfiguration: {LogDriver: awslogs, Options: {awslogs-group: /ecs/a, awslogs-region: eu-west-1}}
          Privileged: true # ecslint:ignore ECS001 -- needs /dev/fuse, OPS-1
`
	repo(t, map[string]string{
		"td.json":      privilegedTD,
		"t.yaml":       suppressed,
		"package.json": `{"name": "not-ecs"}`,
		"other.yaml":   "a: 1\n",
	})
	if code, _, stderr := run(t, "", "--write-baseline", "base.json", "td.json"); code != ExitOK {
		t.Fatalf("--write-baseline: exit %d: %s", code, stderr)
	}
	hid := []string{"--baseline", "base.json", "td.json", "t.yaml", "package.json"}
	// The baseline's count is the privileged task definition's findings,
	// asserted below.
	const hidSummary = "no findings in 2 files checked; 1 file skipped (not ECS input); 1 suppressed; "
	allSkipped := []string{"package.json", "other.yaml"}
	const skippedSummary = "no findings in 0 files checked; 2 files skipped (not ECS input): nothing was checked\n"

	for _, c := range []struct {
		format, stream string // where the summary is: "stdout" or "stderr"
		prefix         string
	}{
		{"text", "stdout", ""},
		{"compact", "stderr", "ecslint: "},
		{"github", "stdout", "ecslint: "},
	} {
		for _, tc := range []struct {
			args    []string
			summary string
		}{{hid, hidSummary}, {allSkipped, skippedSummary}} {
			code, stdout, stderr := run(t, "", append([]string{"-f", c.format, "--color", "never"}, tc.args...)...)
			where := stdout
			if c.stream == "stderr" {
				where = stderr
			}
			if want := c.prefix + tc.summary; code != ExitOK || !strings.Contains(where, want) {
				t.Errorf("%s %v: exit %d, want %q on %s:\nstdout:\n%s\nstderr:\n%s", c.format, tc.args, code, want, c.stream, stdout, stderr)
			}
			if c.format == "compact" && strings.Contains(stdout, "checked") {
				t.Errorf("compact %v: the summary is on standard output, among the results:\n%s", tc.args, stdout)
			}
		}
	}
	_, hidBaselined, _ := run(t, "", append([]string{"--color", "never"}, hid...)...)
	if !strings.Contains(hidBaselined, " in the baseline\n") {
		t.Errorf("text summary does not count the baselined findings:\n%s", hidBaselined)
	}

	type summary struct {
		Files, Findings, Suppressed, Baselined, Skipped int
	}
	jsonSummary := func(args ...string) summary {
		t.Helper()
		_, stdout, stderr := run(t, "", append([]string{"-f", "json"}, args...)...)
		var doc struct{ Summary summary }
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatalf("%v: %v\n%s%s", args, err, stdout, stderr)
		}
		return doc.Summary
	}
	if s := jsonSummary(hid...); s.Files != 2 || s.Findings != 0 || s.Suppressed != 1 || s.Baselined < 1 || s.Skipped != 1 {
		t.Errorf("json summary of the hidden findings: %+v", s)
	}
	// Nothing was checked: files 0 beside skipped 2 says so.
	if s := jsonSummary(allSkipped...); s != (summary{Skipped: 2}) {
		t.Errorf("json summary of only skipped files: %+v", s)
	}
}
