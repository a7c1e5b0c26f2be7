package lint

import "slices"

// preferSources reports a finding in a derived file (Context.Derived: a
// Terraform plan) once when the file it derives from was read too: a
// finding of the same rule about the same resource, container and key in
// another file is the same finding, and is reported there, where it can
// be fixed, with the derived file's position related. A finding that a
// suppression in the source hid is hidden in the derived file too. A
// finding only the derived file makes (a value only the plan knows) stays
// where it is.
type preferSources struct{}

func (preferSources) processResult(res *Result) {
	if len(res.derived) == 0 {
		return
	}
	type key struct{ rule, resource, container, key string }
	keyOf := func(f *Finding) key { return key{f.RuleID, f.Resource, f.Container, f.Key} }
	// Source findings by key, in order, each matched at most once: a rule
	// may report one key of a resource twice (two capabilities).
	sources := map[key][]int{}
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Resource != "" && !res.derived[f.Range.File] {
			sources[keyOf(f)] = append(sources[keyOf(f)], i)
		}
	}
	hidden := map[key]int{}
	for _, sf := range res.Suppressed {
		if sf.Finding.Resource != "" && !res.derived[sf.Finding.Range.File] {
			hidden[keyOf(&sf.Finding)]++
		}
	}
	drop := make([]bool, len(res.Findings))
	for i := range res.Findings {
		f := &res.Findings[i]
		if !res.derived[f.Range.File] || f.Resource == "" {
			continue
		}
		k := keyOf(f)
		if at := matching(res.Findings, sources[k], f.Message); at >= 0 {
			src := sources[k][at]
			sources[k] = slices.Delete(sources[k], at, at+1)
			res.Findings[src].Related = append(res.Findings[src].Related,
				Related{Range: f.Range, Message: "the same finding in the plan JSON, for " + f.Resource})
			drop[i] = true
		} else if hidden[k] > 0 {
			hidden[k]--
			drop[i] = true
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

// matching picks, among the source findings at idx, the one with msg, or
// else the first; -1 when there is none.
func matching(fs []Finding, idx []int, msg string) int {
	for j, i := range idx {
		if fs[i].Message == msg {
			return j
		}
	}
	if len(idx) > 0 {
		return 0
	}
	return -1
}
