package lint

import (
	"reflect"
	"testing"
)

// TestPreferSourcesIsScopedByDirectory: a plan's finding goes to the
// source finding of the root module in the plan's own directory, to one in
// another directory only when all candidates are there, and stays at the
// plan when two other directories could be its source.
func TestPreferSourcesIsScopedByDirectory(t *testing.T) {
	src := func(file string, job int32) Finding {
		return Finding{RuleID: "ECS001", Resource: "aws_ecs_task_definition.app", Container: "web", Key: "privileged",
			Message: "runs privileged", Range: Range{File: file}, job: job}
	}
	derived := func(file string) Finding { return src(file, 0) }
	cases := []struct {
		name    string
		jobDirs []string
		in      []Finding
		// want is, for each finding left in order, its file and the
		// files of its related locations.
		want []string
	}{
		{
			name: "own directory first, whatever the order",
			// Unscoped, the state (sorted first) would take the first
			// source finding, the current configuration's: crossed.
			jobDirs: []string{"live", "live/prior", "live/prior", "live"},
			in: []Finding{
				src("live/main.tf", 1), src("live/prior/main.tf", 2),
				derived("live/prior/state.json"), derived("live/tfplan.json"),
			},
			want: []string{"live/main.tf <- live/tfplan.json", "live/prior/main.tf <- live/prior/state.json"},
		},
		{
			name:    "a module file counts for its root module's directory",
			jobDirs: []string{"prod", "staging", "prod"},
			in: []Finding{
				src("modules/app/main.tf", 1), src("modules/app/main.tf", 2), derived("prod/tfplan.json"),
			},
			want: []string{"modules/app/main.tf <- prod/tfplan.json", "modules/app/main.tf"},
		},
		{
			name:    "the only candidate, in another directory",
			jobDirs: []string{"infra", "plans"},
			in:      []Finding{src("infra/main.tf", 1), derived("plans/tfplan.json")},
			want:    []string{"infra/main.tf <- plans/tfplan.json"},
		},
		{
			name:    "two other directories: no guess",
			jobDirs: []string{"staging", "prod", "plans"},
			in:      []Finding{src("staging/main.tf", 1), src("prod/main.tf", 2), derived("plans/tfplan.json")},
			want:    []string{"staging/main.tf", "prod/main.tf", "plans/tfplan.json"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := &Result{Findings: c.in, jobDirs: c.jobDirs, derived: map[string]bool{}}
			for _, f := range c.in {
				if f.job == 0 {
					res.derived[f.Range.File] = true
				}
			}
			preferSources{}.processResult(res)
			var got []string
			for _, f := range res.Findings {
				line := f.Range.File
				for _, r := range f.Related {
					line += " <- " + r.Range.File
				}
				got = append(got, line)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("findings and their related files: got %v, want %v", got, c.want)
			}
		})
	}
}

// TestPreferSourcesSuppressionIsScoped: a suppression in another root
// module of the same addresses does not hide the plan's finding when the
// plan's own directory has the finding unsuppressed.
func TestPreferSourcesSuppressionIsScoped(t *testing.T) {
	f := func(file string, job int32) Finding {
		return Finding{RuleID: "ECS001", Resource: "aws_ecs_task_definition.app", Key: "privileged",
			Message: "runs privileged", Range: Range{File: file}, job: job}
	}
	res := &Result{
		Findings:   []Finding{f("live/main.tf", 2), f("live/tfplan.json", 0)},
		Suppressed: []SuppressedFinding{{Finding: f("other/main.tf", 1)}},
		jobDirs:    []string{"other", "live"},
		derived:    map[string]bool{"live/tfplan.json": true},
	}
	preferSources{}.processResult(res)
	if len(res.Findings) != 1 || len(res.Findings[0].Related) != 1 || res.Findings[0].Related[0].Range.File != "live/tfplan.json" {
		t.Fatalf("got %+v, want live/main.tf with the plan related", res.Findings)
	}
	// With the only source suppressed elsewhere, the suppression is the
	// only candidate and hides the plan's finding.
	res = &Result{
		Findings:   []Finding{f("plans/tfplan.json", 0)},
		Suppressed: []SuppressedFinding{{Finding: f("infra/main.tf", 1)}},
		jobDirs:    []string{"infra"},
		derived:    map[string]bool{"plans/tfplan.json": true},
	}
	preferSources{}.processResult(res)
	if len(res.Findings) != 0 {
		t.Fatalf("got %+v, want the plan's finding hidden by the source's suppression", res.Findings)
	}
}
