// Command refresh records, in translation files, the hashes of the English
// texts they now translate: run it after re-translating a rule whose
// English changed, naming the rule (TestTranslations names it), then run
// go generate ./rules. It rewrites each file in its one layout; a field
// the English no longer has is dropped, and a field not yet translated is
// an error, so that no English passes for a translation.
//
//	go run ./rules/i18n/refresh ECS013 ECS014   the rules' files, every language
//	go run ./rules/i18n/refresh -lang ja ECS013 one language
//	go run ./rules/i18n/refresh -page           the page's own words
//	go run ./rules/i18n/refresh -list           what needs translating, with its English
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/rules"
	"github.com/ecslint/ecslint/rules/i18n"
	"github.com/ecslint/ecslint/rules/ruledoc"
)

// unit is one translatable thing in English.
type unit struct {
	title  string
	fields []i18n.Field
}

func main() {
	dir := flag.String("dir", "rules/i18n", "directory of the translation files (run from the repository root)")
	langs := flag.String("lang", "", "comma-separated languages (default: every translated language)")
	page := flag.Bool("page", false, "refresh page.yaml, the page's own words")
	all := flag.Bool("all", false, "refresh every file (only after reviewing every translation)")
	list := flag.Bool("list", false, "list the missing and stale translations with their current English, and change nothing")
	flag.Parse()

	units := map[string]unit{i18n.PageUnit: {"Rule page words", ruledoc.Labels()}}
	var ids []string
	for _, r := range append(rules.All(), lint.SuppressionRule) {
		m := r.Meta()
		units[m.ID] = unit{m.ID + " " + m.Name, i18n.RuleFields(m)}
		ids = append(ids, m.ID)
	}
	if *list {
		os.Exit(listProblems(units, append(ids, i18n.PageUnit)))
	}
	names := flag.Args()
	if *page {
		names = append(names, i18n.PageUnit)
	}
	if *all {
		names = append(append([]string(nil), ids...), i18n.PageUnit)
	}
	if len(names) == 0 {
		fail("name the rules to refresh (IDs), -page or -all")
	}
	chosen := i18n.Translated
	if *langs != "" {
		chosen = nil
		for _, s := range strings.Split(*langs, ",") {
			l, ok := i18n.Parse(s)
			if !ok || l == i18n.English {
				fail(fmt.Sprintf("unknown translated language %q", s))
			}
			chosen = append(chosen, l)
		}
	}
	failed := false
	for _, name := range names {
		u, ok := units[strings.ToUpper(name)]
		if name == i18n.PageUnit {
			u, ok = units[name]
		} else {
			name = strings.ToUpper(name)
		}
		if !ok {
			fail(fmt.Sprintf("unknown rule %q", name))
		}
		for _, l := range chosen {
			if err := refresh(filepath.Join(*dir, string(l), name+".yaml"), u, l); err != nil {
				fmt.Fprintln(os.Stderr, "refresh:", err)
				failed = true
			}
		}
	}
	if failed {
		os.Exit(1)
	}
}

// refresh rewrites one file with the English's current hashes.
func refresh(path string, u unit, lang i18n.Lang) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	updated, err := i18n.Refresh(data, u.title, lang, u.fields)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	// The path is a known rule ID and language under the developer-given -dir.
	return os.WriteFile(path, updated, 0o644) //nolint:gosec // G703: see above
}

// listProblems prints every field to translate, once with the languages
// that need it and the English to translate; 1 if there is any.
func listProblems(units map[string]unit, order []string) int {
	code := 0
	for _, name := range order {
		u := units[name]
		english := map[string]string{}
		for _, f := range u.fields {
			english[f.Key] = f.Text
		}
		byField := map[string][]string{}
		var fields []string
		for _, l := range i18n.Translated {
			_, problems := i18n.Translate(l, name, u.fields)
			for _, p := range problems {
				key := p.Field + " " + p.What
				if p.Field == "" {
					key = "file " + p.What // all of RuleFields to translate
				}
				if byField[key] == nil {
					fields = append(fields, key)
				}
				byField[key] = append(byField[key], string(l))
			}
		}
		for _, key := range fields {
			code = 1
			field, _, _ := strings.Cut(key, " ")
			fmt.Printf("%s %s (%s):\n", name, key, strings.Join(byField[key], ", "))
			if text, ok := english[field]; ok {
				fmt.Printf("    %s\n", text)
			}
		}
	}
	return code
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "refresh:", msg)
	os.Exit(2)
}
