package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// hostileTF has an escape sequence, a carriage return and a bell in a
// comment on the line a finding shows, and a container name that is one
// (JSON escapes decode to the raw characters; messages quote the name).
const hostileTF = "resource \"aws_ecs_task_definition\" \"app\" {\n" +
	"  family = \"app\"\n" +
	"  container_definitions = jsonencode([{\n" +
	"    name       = \"w\\u001b[2Jeb\"\n" +
	"    image      = \"nginx:1.25\"\n" +
	"    privileged = true # \x1b[1A\x1b[2K\rall clear\a\n" +
	"  }])\n" +
	"}\n"

// TestHostileTextIsNotPrinted (issue 16 point 7): a file name, a comment in
// a snippet line and a value quoted in a message cannot put control
// characters into text or GitHub output, where a terminal or the runner's
// log would obey them.
func TestHostileTextIsNotPrinted(t *testing.T) {
	name := "ev\x1b[31mil\r\a.tf"
	repo(t, map[string]string{name: hostileTF})
	// GitHub's own escaping turns CR into %0D, which the runner decodes.
	// Compact is one line per result: CR is shown, not kept. Checkstyle
	// keeps it, as an XML character reference (a reader decodes it, as
	// GitHub's runner does %0D).
	shown := map[string]string{"text": "ev␛[31mil␍␇.tf", "github": "ev␛[31mil%0D␇.tf",
		"compact": "ev␛[31mil␍␇.tf", "checkstyle": "ev␛[31mil&#xD;␇.tf"}
	for _, format := range []string{"text", "github", "compact", "checkstyle"} {
		code, stdout, stderr := run(t, "", "--format", format, "--color", "never", ".")
		if code != ExitFindings {
			t.Fatalf("%s: exit %d, stderr %s", format, code, stderr)
		}
		for _, c := range stdout {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
				t.Errorf("%s output holds control character %U:\n%q", format, c, stdout)
				break
			}
		}
		if !strings.Contains(stdout, shown[format]) {
			t.Errorf("%s output does not name the file with its control characters shown:\n%s", format, stdout)
		}
	}
	// GitLab shows the description to people; the path stays the file's
	// own (JSON-escaped), or GitLab could not link it.
	_, report, _ := run(t, "", "--format", "gitlab", ".")
	var issues []struct {
		Description string
		Location    struct{ Path string }
	}
	if err := json.Unmarshal([]byte(report), &issues); err != nil || len(issues) == 0 {
		t.Fatalf("gitlab: %v\n%s", err, report)
	}
	for _, i := range issues {
		if strings.ContainsFunc(i.Description, func(c rune) bool { return c < 0x20 || c == 0x7f }) || i.Location.Path != name {
			t.Errorf("gitlab issue %q at %q", i.Description, i.Location.Path)
		}
	}
	_, stdout, _ := run(t, "", "--format", "text", "--color", "never", ".")
	// The snippet keeps its columns: the underline is under the key.
	want := "    6 |     privileged = true # ␛[1A␛[2K␍all clear␇\n" +
		"      |     ^~~~~~~~~~\n"
	if !strings.Contains(stdout, want) {
		t.Errorf("snippet not shown printable and aligned; want\n%s\ngot\n%s", want, stdout)
	}
}
