package ruledoc

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/rules/i18n"
)

// Page renders a rule's documentation page in Markdown, in English.
// Examples in a format not among fs are left out.
func Page(fs formats.List, rule lint.Rule) (string, error) {
	page, _, err := PageIn(fs, rule, i18n.English)
	return page, err
}

// PageIn renders a rule's page in lang, as it stands in docs/rules/<lang>
// (links are relative to it). The problems are the translations missing
// or stale, shown in English or as last translated.
func PageIn(fs formats.List, rule lint.Rule, lang i18n.Lang) (string, []i18n.Problem, error) {
	runs, err := runExamples(fs, rule)
	if err != nil {
		return "", nil, err
	}
	w, problems := wordsIn(lang)
	page, more := render(fs, rule.Meta(), runs, w)
	return page, append(problems, more...), nil
}

// exampleRun is one example with the output the command prints for it: the
// same in every language, since it is what ecslint prints.
type exampleRun struct {
	format formats.Format
	ex     lint.Example
	badOut string
}

// runExamples lints every example of rule whose format is among fs, and
// checks that it shows what its page says.
func runExamples(fs formats.List, rule lint.Rule) ([]exampleRun, error) {
	m := rule.Meta()
	var runs []exampleRun
	for _, ex := range lint.ExamplesOf(m) {
		f, ok := fs.Lookup(ex.Format)
		if !ok {
			continue
		}
		bad, badOut, err := Run(fs, rule, ex.Format, ex.Bad)
		if err != nil {
			return nil, err
		}
		good, _, err := Run(fs, rule, ex.Format, ex.Good)
		if err != nil {
			return nil, err
		}
		// The reported example must show this rule's finding (others may
		// come with it: the output shows them all); the one not reported
		// must be clean under every rule, or a reader who copies it is
		// told off by another rule.
		if !reports(bad, m.ID) || len(good) > 0 {
			return nil, fmt.Errorf("%s %s example: bad gives %d findings of %s, good %d findings (%s)", m.ID, ex.Format, count(bad, m.ID), m.ID, len(good), ruleIDs(good))
		}
		runs = append(runs, exampleRun{f, ex, badOut})
	}
	return runs, nil
}

// render writes a rule's page from its metadata and example runs, with the
// prose and the page's words in w's language.
func render(fs formats.List, english *lint.Meta, runs []exampleRun, w words) (string, []i18n.Problem) {
	m, problems := i18n.Localize(english, w.lang)
	configDoc, englishPage := "../config.md", ""
	if w.lang != i18n.English {
		configDoc, englishPage = "../../config.md", "../"+m.ID+".md"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %s\n\n", m.ID, m.Name)
	if w.lang != i18n.English {
		fmt.Fprintf(&b, "> %s\n\n", w.get("translation-note", "$ENGLISH", englishPage, "$LANG", string(w.lang), "$ID", m.ID))
	}
	fmt.Fprintf(&b, "%s\n\n", m.Summary)
	fmt.Fprintf(&b, "| | |\n|---|---|\n| %s | %s |\n", w.get("severity"), m.Severity)
	if len(m.Controls) > 0 {
		fmt.Fprintf(&b, "| %s | %s |\n", w.get("controls"), strings.Join(m.Controls, ", "))
	}
	if m.ConfigRule != "" {
		fmt.Fprintf(&b, "| %s | `%s` |\n", w.get("config-rule"), m.ConfigRule)
	}
	if len(m.Peers) > 0 {
		fmt.Fprintf(&b, "| %s | %s |\n", w.get("peers"), strings.Join(m.Peers, ", "))
	}
	fmt.Fprintf(&b, "| %s | %s |\n", w.get("formats"), strings.Join(fs.For(m.Reads).Names(), ", "))
	if m.Disabled {
		fmt.Fprintf(&b, "| %s | %s |\n", w.get("enabled-by-default"), w.get("no"))
	}
	fmt.Fprintf(&b, "\n## %s\n\n%s\n\n## %s\n\n%s\n", w.get("why"), m.Rationale, w.get("how"), m.Remediation)
	if m.ID != lint.SuppressionMeta.ID { // suppression problems are not suppressed
		fmt.Fprintf(&b, "\n%s\n", w.get("suppress", "$ID", m.ID))
	}
	b.WriteString(optionsSection(m, w, configDoc))
	if len(runs) > 0 {
		fmt.Fprintf(&b, "\n## %s\n", w.get("examples"))
	}
	for _, r := range runs {
		fence, file := r.format.Example.Fence, r.format.Example.File
		fmt.Fprintf(&b, "\n### %s\n\n%s\n\n```%s\n%s```\n\n", w.formatTitle(r.format), w.get("reported", "$FILE", file), fence, r.ex.Bad)
		fmt.Fprintf(&b, "%s\n\n```text\n%s\n```\n\n", w.get("says", "$COMMAND", ExampleCommand(m, file)), r.badOut)
		fmt.Fprintf(&b, "%s\n\n```%s\n%s```\n", w.get("not-reported"), fence, r.ex.Good)
	}
	return b.String(), problems
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
	page, _ := IndexIn(rules, i18n.English)
	return page
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

// IndexIn renders the index of the rule pages in lang (docs/rules/<lang>/README.md).
func IndexIn(rules []lint.Rule, lang i18n.Lang) (string, []i18n.Problem) {
	w, problems := wordsIn(lang)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", w.get("index-title"), w.get("index-intro"))
	if lang == i18n.English {
		links := make([]string, len(i18n.Translated))
		for i, l := range i18n.Translated {
			links[i] = fmt.Sprintf("[%s](%s/README.md)", i18n.Names[l], l)
		}
		fmt.Fprintf(&b, "Translations: %s (`ecslint explain --lang ja|zh|ko|fr ID`).\n\n", strings.Join(links, " · "))
	} else {
		fmt.Fprintf(&b, "%s\n\n", w.get("index-translation-note", "$ENGLISH", "../README.md", "$LANG", string(lang)))
	}
	fmt.Fprintf(&b, "| %s | %s | %s | Security Hub | %s |\n|---|---|---|---|---|\n", w.get("id"), w.get("name"), w.get("severity"), w.get("summary"))
	for _, r := range rules {
		m, more := i18n.Localize(r.Meta(), lang)
		problems = append(problems, more...)
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s | %s |\n", m.ID, m.ID, m.Name, m.Severity, strings.Join(m.Controls, ", "), m.Summary)
	}
	if lang == i18n.English {
		// The control titles are AWS's English ones; the translated
		// indexes link here for them.
		b.WriteString(controlsIndex(rules))
	}
	return b.String(), problems
}

// Files renders every docs/rules file, keyed by its path under docs/rules:
// the English pages and index, and each translation's under <lang>/.
// Missing or stale translations are rendered as they stand (English where
// missing); TestTranslations reports them, so that changing the English
// never blocks regenerating the English pages.
func Files(fs formats.List, rules []lint.Rule) (map[string]string, error) {
	out := map[string]string{}
	langs := i18n.Supported()
	all := make([]words, len(langs))
	for i, l := range langs {
		all[i], _ = wordsIn(l)
		out[prefix(l)+"README.md"], _ = IndexIn(rules, l)
	}
	for _, r := range rules {
		runs, err := runExamples(fs, r)
		if err != nil {
			return nil, err
		}
		for _, w := range all {
			out[prefix(w.lang)+r.Meta().ID+".md"], _ = render(fs, r.Meta(), runs, w)
		}
	}
	return out, nil
}

// prefix is the directory of a language's pages under docs/rules.
func prefix(l i18n.Lang) string {
	if l == i18n.English {
		return ""
	}
	return string(l) + "/"
}

// ExampleCommand is the command line a page shows an example run with: a
// rule off by default is enabled for it.
func ExampleCommand(m *lint.Meta, file string) string {
	if m.Disabled {
		return "ecslint --enable " + m.ID + " " + file
	}
	return "ecslint " + file
}
