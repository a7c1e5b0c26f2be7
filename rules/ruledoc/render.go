package ruledoc

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
)

// Page renders a rule's documentation page in Markdown. Examples in a
// format not among fs are left out.
func Page(fs formats.List, rule lint.Rule) (string, error) {
	m := rule.Meta()
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %s\n\n", m.ID, m.Name)
	fmt.Fprintf(&b, "%s\n\n", m.Summary)
	fmt.Fprintf(&b, "| | |\n|---|---|\n| Severity | %s |\n", m.Severity)
	if len(m.Controls) > 0 {
		fmt.Fprintf(&b, "| Security Hub controls | %s |\n", strings.Join(m.Controls, ", "))
	}
	if m.ConfigRule != "" {
		fmt.Fprintf(&b, "| AWS Config rule | `%s` |\n", m.ConfigRule)
	}
	if len(m.Peers) > 0 {
		fmt.Fprintf(&b, "| Peer checks | %s |\n", strings.Join(m.Peers, ", "))
	}
	fmt.Fprintf(&b, "| Formats | %s |\n", strings.Join(fs.For(m.Reads).Names(), ", "))
	if m.Disabled {
		b.WriteString("| Enabled by default | no |\n")
	}
	fmt.Fprintf(&b, "\n## Why it matters\n\n%s\n\n## How to fix it\n\n%s\n", m.Rationale, m.Remediation)
	if m.ID != lint.SuppressionMeta.ID { // suppression problems are not suppressed
		fmt.Fprintf(&b, "\nSuppress a reviewed exception with `ecslint:ignore %s -- reason` (see the README).\n", m.ID)
	}
	b.WriteString(optionsSection(m))
	if len(m.Examples) > 0 {
		b.WriteString("\n## Examples\n")
	}
	for _, ex := range m.Examples {
		f, ok := fs.Lookup(ex.Format)
		if !ok {
			continue
		}
		bad, badOut, err := Run(fs, rule, ex.Format, ex.Bad)
		if err != nil {
			return "", err
		}
		good, _, err := Run(fs, rule, ex.Format, ex.Good)
		if err != nil {
			return "", err
		}
		// The reported example must show this rule's finding (others may
		// come with it: the output shows them all); the one not reported
		// must be clean under every rule, or a reader who copies it is
		// told off by another rule.
		if !reports(bad, m.ID) || len(good) > 0 {
			return "", fmt.Errorf("%s %s example: bad gives %d findings of %s, good %d findings (%s)", m.ID, ex.Format, count(bad, m.ID), m.ID, len(good), ruleIDs(good))
		}
		fence := f.Example.Fence
		fmt.Fprintf(&b, "\n### %s\n\nReported (`%s`):\n\n```%s\n%s```\n\n", f.Title, f.Example.File, fence, ex.Bad)
		fmt.Fprintf(&b, "`%s` says:\n\n```text\n%s\n```\n\n", ExampleCommand(m, f.Example.File), badOut)
		fmt.Fprintf(&b, "Not reported:\n\n```%s\n%s```\n", fence, ex.Good)
	}
	return b.String(), nil
}

// reports says whether findings include one of rule id.
func reports(findings []lint.Finding, id string) bool { return count(findings, id) > 0 }

// count counts the findings of rule id.
func count(findings []lint.Finding, id string) int {
	n := 0
	for _, f := range findings {
		if f.RuleID == id {
			n++
		}
	}
	return n
}

// ruleIDs lists the findings' rules, for an error message.
func ruleIDs(findings []lint.Finding) string {
	ids := make([]string, len(findings))
	for i, f := range findings {
		ids[i] = f.RuleID
	}
	return strings.Join(ids, " ")
}

// Index renders docs/rules/README.md: every rule, one line each.
func Index(rules []lint.Rule) string {
	var b strings.Builder
	b.WriteString("# Rules\n\nGenerated from the rules' metadata by `go generate ./rules`; do not edit. " +
		"`ecslint rules` lists the same table and `ecslint explain ID` prints a page.\n\n")
	b.WriteString("| ID | Name | Severity | Security Hub | Summary |\n|---|---|---|---|---|\n")
	for _, r := range rules {
		m := r.Meta()
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s | %s |\n", m.ID, m.ID, m.Name, m.Severity, strings.Join(m.Controls, ", "), m.Summary)
	}
	b.WriteString(controlsIndex(rules))
	return b.String()
}

// controlsIndex maps every Security Hub ECS and EKS control to the rules
// that judge it, or says why none does.
func controlsIndex(rules []lint.Rule) string {
	var b strings.Builder
	b.WriteString("\n## Security Hub controls\n\nEvery Security Hub CSPM control for Amazon ECS and Amazon EKS, " +
		"with the rules that judge it from the source.\n\n")
	b.WriteString("| Control | Title | Rules | Notes |\n|---|---|---|---|\n")
	for _, c := range lint.SecurityHubControls {
		var ids []string
		for _, r := range rules {
			if slices.Contains(r.Meta().Controls, c.ID) {
				ids = append(ids, fmt.Sprintf("[%s](%s.md)", r.Meta().ID, r.Meta().ID))
			}
		}
		title := c.Title
		if c.Retired != "" {
			title += " (retired " + c.Retired + ")"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", c.ID, title, strings.Join(ids, ", "), c.Note)
	}
	return b.String()
}

// Files renders every docs/rules file, keyed by file name.
func Files(fs formats.List, rules []lint.Rule) (map[string]string, error) {
	out := map[string]string{"README.md": Index(rules)}
	for _, r := range rules {
		page, err := Page(fs, r)
		if err != nil {
			return nil, err
		}
		out[r.Meta().ID+".md"] = page
	}
	return out, nil
}

// ExampleCommand is the command line a page shows an example run with: a
// rule off by default is enabled for it.
func ExampleCommand(m *lint.Meta, file string) string {
	if m.Disabled {
		return "ecslint --enable " + m.ID + " " + file
	}
	return "ecslint " + file
}
