package main

import (
	"path"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/cmd/ecslint/internal/corpus"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/postest"
)

// Every range a run reports, in findings (their resources, related
// locations, secrets and fixes), errors and notes, over the fixtures and a
// generated corpus, has offsets that agree with its lines and columns.
func TestReportedOffsetsAgreeWithLinesAndColumns(t *testing.T) {
	gen := t.TempDir()
	if _, err := corpus.Generate(gen, 200, 5); err != nil {
		t.Fatal(err)
	}
	t.Chdir("../..")
	res, err := lint.Run(testConfig(), []string{"fixtures", gen})
	if err != nil {
		t.Fatal(err)
	}
	// HCL breaks lines at LF only; YAML, and JSON as ecslint reads it,
	// at a lone CR too.
	hcl, other := &postest.Checker{}, &postest.Checker{LoneCR: true}
	hcl.Skip = func(r lint.Range) bool { return !isHCL(r.File) }
	other.Skip = func(r lint.Range) bool { return isHCL(r.File) }
	var findings []lint.Finding
	findings = append(findings, res.Findings...)
	for _, s := range res.Suppressed {
		findings = append(findings, s.Finding)
	}
	for _, c := range []*postest.Checker{hcl, other} {
		c.Check(t, findings)
		c.Check(t, res.Errors)
		c.Check(t, res.Notes)
	}
	if hcl.Checked < 1000 || other.Checked < 1000 {
		t.Errorf("only %d positions in HCL and %d in other files checked", hcl.Checked, other.Checked)
	}
}

func isHCL(file string) bool {
	switch strings.ToLower(path.Ext(file)) {
	case ".tf", ".tfvars", ".hcl":
		return true
	}
	return false
}
