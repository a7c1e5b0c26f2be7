package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/rules/ruledoc"
)

// TestRuleDocsShowWhatTheCommandPrints runs every example of every rule
// page through the command itself, as the file the page names in an empty
// repository: the "`ecslint FILE` says" block must be exactly what it
// prints, every finding included, and the example shown as not reported
// must exit 0 with nothing on standard error. (ruledoc renders the pages
// through the library; this keeps the library and the command from
// drifting apart.)
func TestRuleDocsShowWhatTheCommandPrints(t *testing.T) {
	docs, err := filepath.Abs(filepath.Join("..", "..", "docs", "rules"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range describedRules() {
		m := r.Meta()
		page, err := os.ReadFile(filepath.Join(docs, m.ID+".md"))
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range lint.ExamplesOf(m) {
			f, ok := formats.All().Lookup(ex.Format)
			if !ok {
				continue
			}
			file := f.Example.File
			t.Run(m.ID+"/"+ex.Format, func(t *testing.T) {
				args := []string{"--color", "never", file}
				if m.Disabled {
					args = append([]string{"--enable", m.ID}, args...)
				}
				repo(t, map[string]string{file: ex.Bad})
				code, stdout, stderr := run(t, "", args...)
				if code != ExitFindings || stderr != "" {
					t.Errorf("reported example: exit %d, stderr %q", code, stderr)
				}
				command := ruledoc.ExampleCommand(m, file)
				if block := "`" + command + "` says:\n\n```text\n" + stdout + "```\n"; !strings.Contains(string(page), block) {
					t.Errorf("docs/rules/%s.md does not show what `%s` prints:\n%s", m.ID, command, stdout)
				}
				repo(t, map[string]string{file: ex.Good})
				if code, stdout, stderr := run(t, "", args...); code != ExitOK || stderr != "" {
					t.Errorf("example shown as not reported: exit %d\n%s%s", code, stdout, stderr)
				}
			})
			checked++
		}
	}
	if checked < 50 {
		t.Errorf("only %d examples checked: are the examples still found?", checked)
	}
}
