package lint

import (
	"path"
	"slices"
)

// preferSources reports a finding in a derived file (Context.Derived: a
// Terraform plan) once when the file it derives from was read too: a
// finding of the same rule about the same resource, container and key in
// another file is the same finding, and is reported there, where it can
// be fixed, with the derived file's position related. A finding that a
// suppression in the source hid is hidden in the derived file too. A
// finding only the derived file makes (a value only the plan knows) stays
// where it is.
//
// The match is scoped by directory (see scopeToSource), because resource
// addresses are unique only within one Terraform configuration: two root
// modules of a repository (staging and prod, or a configuration and its
// earlier version) often declare the same addresses.
type preferSources struct{}

func (preferSources) processResult(res *Result) {
	if len(res.derived) == 0 {
		return
	}
	type key struct{ rule, resource, container, key string }
	keyOf := func(f *Finding) key { return key{f.RuleID, f.Resource, f.Container, f.Key} }
	// A source candidate is a finding, or a suppressed one (hides the
	// derived finding too), with the directory of the job that made it:
	// for Terraform, the root module's, whichever module file the finding
	// is in.
	type candidate struct {
		finding    int // index in res.Findings; -1 for a suppressed one
		dir        string
		suppressed bool
	}
	dirOf := func(f *Finding) string {
		if f.job > 0 && int(f.job) <= len(res.jobDirs) {
			return res.jobDirs[f.job-1]
		}
		return path.Dir(f.Range.File)
	}
	// Candidates by key, in order, each matched at most once: a rule may
	// report one key of a resource twice (two capabilities).
	cands := map[key][]candidate{}
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Resource != "" && !res.derived[f.Range.File] {
			cands[keyOf(f)] = append(cands[keyOf(f)], candidate{finding: i, dir: dirOf(f)})
		}
	}
	for i := range res.Suppressed {
		f := &res.Suppressed[i].Finding
		if f.Resource != "" && !res.derived[f.Range.File] {
			cands[keyOf(f)] = append(cands[keyOf(f)], candidate{finding: -1, dir: dirOf(f), suppressed: true})
		}
	}
	drop := make([]bool, len(res.Findings))
	for i := range res.Findings {
		f := &res.Findings[i]
		if !res.derived[f.Range.File] || f.Resource == "" {
			continue
		}
		k := keyOf(f)
		dirs := make([]string, len(cands[k]))
		for j, c := range cands[k] {
			dirs[j] = c.dir
		}
		allowed := scopeToSource(dirs, path.Dir(f.Range.File))
		at := pick(allowed, func(j int) (bool, bool) {
			c := cands[k][j]
			return !c.suppressed, !c.suppressed && res.Findings[c.finding].Message == f.Message
		})
		if at < 0 {
			continue
		}
		c := cands[k][at]
		cands[k] = slices.Delete(cands[k], at, at+1)
		drop[i] = true
		if !c.suppressed {
			res.Findings[c.finding].Related = append(res.Findings[c.finding].Related,
				Related{Range: f.Range, Message: "the same finding in the plan JSON, for " + f.Resource})
		}
	}
	kept := res.Findings[:0]
	for i, f := range res.Findings {
		if !drop[i] {
			kept = append(kept, f)
		}
	}
	res.Findings = kept
}

// scopeToSource picks which source candidates, by the directory of the
// Terraform root module each comes from, a finding of a plan or state in
// planDir may be matched to. A plan is made from the root module in the
// directory Terraform runs in, where `terraform plan -out` writes it by
// default, so candidates there are preferred, and only they are used when
// there are any. Otherwise the candidates of another directory are used
// only when they all come from that one directory (a plan kept under
// plans/, its configuration under infra/). With two or more directories
// and none of them the plan's, which configuration the plan came from is
// a guess: nil, and the finding stays at the plan position.
func scopeToSource(dirs []string, planDir string) []int {
	var own, other []int
	otherDir := ""
	several := false
	for i, d := range dirs {
		switch {
		case d == planDir:
			own = append(own, i)
		case len(other) == 0:
			otherDir = d
			other = append(other, i)
		default:
			several = several || d != otherDir
			other = append(other, i)
		}
	}
	if len(own) > 0 {
		return own
	}
	if several {
		return nil
	}
	return other
}

// pick chooses among the allowed candidates: the first that is a finding
// with the same message, else the first finding, else the first (a
// suppressed one); -1 when none is allowed. kind tells of candidate j
// whether it is a finding and whether its message is the same.
func pick(allowed []int, kind func(j int) (finding, sameMessage bool)) int {
	firstFinding := -1
	for _, j := range allowed {
		isFinding, same := kind(j)
		if same {
			return j
		}
		if isFinding && firstFinding < 0 {
			firstFinding = j
		}
	}
	if firstFinding >= 0 {
		return firstFinding
	}
	if len(allowed) > 0 {
		return allowed[0]
	}
	return -1
}
