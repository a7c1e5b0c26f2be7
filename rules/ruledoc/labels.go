package ruledoc

import (
	"strings"

	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/rules/i18n"
)

// Labels are the page's own words, in English: headings, table labels and
// the sentences every page has. Translations are rules/i18n/<lang>/page.yaml.
// $ID, $FILE, $COMMAND, $LANG, $CONFIG_DOC and $ENGLISH are filled in when
// the page is rendered; a translation keeps them as they are.
func Labels() []i18n.Field {
	fields := []i18n.Field{
		{Key: "severity", Text: "Severity"},
		{Key: "controls", Text: "Security Hub controls"},
		{Key: "config-rule", Text: "AWS Config rule"},
		{Key: "peers", Text: "Peer checks"},
		{Key: "formats", Text: "Formats"},
		{Key: "enabled-by-default", Text: "Enabled by default"},
		{Key: "no", Text: "no"},
		{Key: "why", Text: "Why it matters"},
		{Key: "how", Text: "How to fix it"},
		{Key: "suppress", Text: "Suppress a reviewed exception with `ecslint:ignore $ID -- reason` (see the README)."},
		{Key: "options", Text: "Options"},
		{Key: "options-intro", Text: "Set under `options: {$ID: {...}}` in `.ecslint.yaml` (see [Rule options]($CONFIG_DOC#rule-options)); an option not listed here is an error."},
		{Key: "option", Text: "Option"},
		{Key: "type", Text: "Type"},
		{Key: "default", Text: "Default"},
		{Key: "meaning", Text: "Meaning"},
		{Key: "examples", Text: "Examples"},
		{Key: "reported", Text: "Reported (`$FILE`):"},
		{Key: "says", Text: "`$COMMAND` says:"},
		{Key: "not-reported", Text: "Not reported:"},
		{Key: "index-title", Text: "Rules"},
		{Key: "index-intro", Text: "Generated from the rules' metadata by `go generate ./rules`; do not edit. `ecslint rules` lists the same table and `ecslint explain ID` prints a page."},
		{Key: "id", Text: "ID"},
		{Key: "name", Text: "Name"},
		{Key: "summary", Text: "Summary"},
		// Only translated pages show these two.
		{Key: "translation-note", Text: "This page translates the [English page]($ENGLISH), which prevails where they differ. `ecslint explain --lang $LANG $ID` prints it."},
		{Key: "index-translation-note", Text: "The rule pages in this language translate the [English pages]($ENGLISH), which prevail where they differ. `ecslint explain --lang $LANG ID` prints a page."},
	}
	for t := lint.StringOption; t <= lint.IntOption; t++ {
		fields = append(fields, i18n.Field{Key: typeKey(t), Text: t.String()})
	}
	for _, f := range formats.All() {
		fields = append(fields, i18n.Field{Key: "format." + f.Parser.Name(), Text: f.Title})
	}
	return fields
}

// typeKey is the key of an option type's name among the labels.
func typeKey(t lint.OptionType) string {
	return "option-type." + strings.ReplaceAll(t.String(), " ", "-")
}

// words are the page's words in one language.
type words struct {
	lang  i18n.Lang
	texts map[string]string
}

// wordsIn returns the page's words in lang, English where a translation is
// missing (TestTranslations fails then).
func wordsIn(lang i18n.Lang) (words, []i18n.Problem) {
	texts, problems := i18n.Translate(lang, i18n.PageUnit, Labels())
	return words{lang, texts}, problems
}

// get returns a word with its placeholders filled in from pairs ($ID, ...).
func (w words) get(key string, pairs ...string) string {
	return strings.NewReplacer(pairs...).Replace(w.texts[key])
}

// formatTitle is a format's heading, translated if it can be.
func (w words) formatTitle(f formats.Format) string {
	if t, ok := w.texts["format."+f.Parser.Name()]; ok {
		return t
	}
	return f.Title
}

// typeName is an option type's name, translated if it can be.
func (w words) typeName(t lint.OptionType) string {
	if name, ok := w.texts[typeKey(t)]; ok {
		return name
	}
	return t.String()
}
