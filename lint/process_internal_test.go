package lint

import (
	"slices"
	"testing"
)

func finding(rule string, line int32, sev Severity) Finding {
	return Finding{RuleID: rule, Severity: sev, Message: "m", Key: rule, Range: Range{File: "a.json", Start: Pos{Line: line, Col: 1}}}
}

func TestSeverityOverridesChangeFindingsNotSuppressed(t *testing.T) {
	res := &Result{
		Findings:   []Finding{finding("ECS006", 1, High), finding("ECS001", 2, High)},
		Suppressed: []SuppressedFinding{{Finding: finding("ECS006", 3, High)}},
	}
	severityOverrides{"ECS006": Low}.processResult(res)
	if res.Findings[0].Severity != Low || res.Findings[1].Severity != High {
		t.Errorf("findings: %v %v, want low high", res.Findings[0].Severity, res.Findings[1].Severity)
	}
	if res.Suppressed[0].Finding.Severity != High {
		t.Errorf("a suppressed finding was overridden: %v", res.Suppressed[0].Finding.Severity)
	}
}

func TestBaselineFilterHidesRecordedFindingsOnce(t *testing.T) {
	old := finding("ECS001", 1, High)
	b := NewBaseline([]Finding{old})
	moved := old
	moved.Range.Start.Line = 9 // a line inserted above it
	res := &Result{Findings: []Finding{moved, moved, finding("ECS002", 2, High)}}
	baselineFilter{b}.processResult(res)
	if len(res.Findings) != 2 || res.Findings[0].RuleID != "ECS001" || res.Findings[1].RuleID != "ECS002" {
		t.Errorf("got %v, want the second ECS001 (a new one) and ECS002", res.Findings)
	}
}

func TestSortAndDedupeOrdersFindingsAndSuppressed(t *testing.T) {
	res := &Result{
		Findings:   []Finding{finding("B", 2, High), finding("A", 2, High), finding("A", 1, High), finding("A", 1, High)},
		Suppressed: []SuppressedFinding{{Finding: finding("A", 5, High)}, {Finding: finding("A", 4, High)}},
	}
	sortAndDedupe{}.processResult(res)
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Range.String()+" "+f.RuleID)
	}
	if want := []string{"a.json:1:1 A", "a.json:2:1 A", "a.json:2:1 B"}; !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
	if res.Suppressed[0].Finding.Range.Start.Line != 4 {
		t.Errorf("suppressed not sorted: %v", res.Suppressed)
	}
}

func TestTidyDiagnosticsSortsAndCompacts(t *testing.T) {
	d := func(file, msg string) Diagnostic { return Diagnostic{Range: Range{File: file}, Message: msg} }
	res := &Result{
		Errors:       []Diagnostic{d("b", "x"), d("a", "y"), d("b", "x")},
		Notes:        []Diagnostic{d("n", "1"), d("n", "1")},
		CheckedFiles: []string{"z", "a"},
	}
	tidyDiagnostics{}.processResult(res)
	same := func(a, b Diagnostic) bool { return a.Range == b.Range && a.Message == b.Message }
	if !slices.EqualFunc(res.Errors, []Diagnostic{d("a", "y"), d("b", "x")}, same) || len(res.Notes) != 1 || !slices.Equal(res.CheckedFiles, []string{"a", "z"}) {
		t.Errorf("got errors %v notes %v checked %v", res.Errors, res.Notes, res.CheckedFiles)
	}
}

func TestConfigIgnoreFilterHidesMatchingFindings(t *testing.T) {
	rules := []Rule{fakeRule{&Meta{ID: "ECS001", Name: "one"}}, fakeRule{&Meta{ID: "ECS002", Name: "two"}}}
	sc := &SuppressConfig{Ignores: []ConfigIgnore{{Path: "a.json", Suppression: Suppression{Rule: "ECS001", Reason: "accepted"}}}}
	sup := newSuppressor(sc, rules)
	j := &jobFindings{findings: []Finding{finding("ECS001", 1, High), finding("ECS002", 2, High)}}
	configIgnoreFilter{newConfigIgnores(sup, sc.Ignores, nil)}.processJob(j)
	if len(j.findings) != 1 || j.findings[0].RuleID != "ECS002" || len(j.suppressed) != 1 || j.suppressed[0].Reason != "accepted" {
		t.Errorf("kept %v, suppressed %v", j.findings, j.suppressed)
	}
}

type fakeRule struct{ meta *Meta }

func (r fakeRule) Meta() *Meta { return r.meta }
func (fakeRule) Check(*Pass)   {}

// The rules an output describes carry the severity the run gives their
// findings (a SARIF descriptor that said error for a note was the defect),
// without changing the rules themselves.
func TestDescribedRulesFollowSeverityOverrides(t *testing.T) {
	own := &Meta{ID: "ECS006", Name: "six", Severity: High}
	opts := Options{Rules: []Rule{fakeRule{own}, fakeRule{&Meta{ID: "ECS001", Severity: Critical}}}, Severity: map[string]Severity{"ECS006": Low, SuppressionMeta.ID: Medium}}
	got := opts.DescribedRules()
	if len(got) != 3 || got[0].Meta().Severity != Low || got[0].Meta().Name != "six" || got[1].Meta().Severity != Critical || got[2].Meta().ID != SuppressionMeta.ID || got[2].Meta().Severity != Medium {
		t.Fatalf("described: %v %v %v", got[0].Meta(), got[1].Meta(), got[2].Meta())
	}
	if own.Severity != High || SuppressionMeta.Severity != Low || opts.Rules[0].Meta() != own {
		t.Errorf("the rules themselves changed")
	}
}

// The inline step alone: a comment hides the finding on its line, and a
// problem with a suppression is held back as a problem (not a finding a
// later config ignore could hide).
func TestInlineSuppressionsHideAndHoldProblems(t *testing.T) {
	rules := []Rule{fakeRule{&Meta{ID: "ECS001", Name: "one"}}}
	src := []byte("a: 1 # ecslint:ignore ECS001 -- reviewed\nb: 2 # ecslint:ignore NOPE -- no such rule\n")
	j := &jobFindings{
		findings: []Finding{finding("ECS001", 1, High)},
		files:    []string{"a.yaml"},
		comments: func(file string) ([]byte, []Comment) {
			if file != "a.yaml" {
				return nil, nil
			}
			return src, []Comment{
				{Range: Range{File: file, Start: Pos{Line: 1, Col: 6, Offset: 5}, End: Pos{Line: 1, Col: 41, Offset: 40}}, Text: " ecslint:ignore ECS001 -- reviewed"},
				{Range: Range{File: file, Start: Pos{Line: 2, Col: 6, Offset: 46}, End: Pos{Line: 2, Col: 44, Offset: 84}}, Text: " ecslint:ignore NOPE -- no such rule"},
			}
		},
	}
	for i := range j.findings {
		j.findings[i].Range.File = "a.yaml"
	}
	inlineSuppressions{newSuppressor(&SuppressConfig{Today: "2026-06-01"}, rules)}.processJob(j)
	if len(j.findings) != 0 || len(j.suppressed) != 1 || j.suppressed[0].Reason != "reviewed" || !j.suppressed[0].InSource {
		t.Errorf("kept %v, suppressed %v", j.findings, j.suppressed)
	}
	if len(j.problems) != 1 || j.problems[0].RuleID != SuppressionMeta.ID {
		t.Errorf("problems %v, want one SUP001 for the unknown rule", j.problems)
	}
}
