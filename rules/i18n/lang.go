// Package i18n holds the rule pages' translations (Japanese, Simplified
// Chinese, Korean, French) beside the English metadata they translate, and
// chooses a language from a flag or the locale.
//
// Each translation is one file per rule per language, <lang>/<ID>.yaml,
// embedded in the binary (explain works offline, from any directory); the
// page's own words (headings, table labels) are <lang>/page.yaml. One file
// per rule keeps a rule's translations apart as its code is: a change to
// one rule touches, and can conflict on, only that rule's files. A file
// records, for every text it translates, a hash of the English it was made
// from, so a changed English text is caught by the tests instead of living
// on as a stale translation. The texts are YAML literal blocks, which keep
// code spans, quotes and colons exactly as written.
//
// After changing a rule's English text (or adding a rule):
//
//	go run ./rules/i18n/refresh -list             what to translate, with the English
//	(edit rules/i18n/<lang>/<ID>.yaml in each language; a new rule: copy another's)
//	go run ./rules/i18n/refresh ECS013 [ID...]    record the new English hashes (-page for page.yaml)
//	go generate ./rules                           rewrite docs/rules/<lang>
//
// TestTranslations names each rule, language and field that needs it.
package i18n

import "strings"

// Lang is a language a rule page can be shown in: its ISO 639-1 code.
type Lang string

// The languages rule pages come in. English is the metadata itself; the
// others are translations of it.
const (
	English  Lang = "en"
	Japanese Lang = "ja"
	Chinese  Lang = "zh" // Simplified, as AWS's zh_cn documentation
	Korean   Lang = "ko"
	French   Lang = "fr"
)

// Translated are the languages with translation files, in the order docs
// list them.
var Translated = []Lang{Japanese, Chinese, Korean, French}

// Supported lists every language, English first, as a usage message names
// them.
func Supported() []Lang { return append([]Lang{English}, Translated...) }

// Names are the languages' names in themselves, for links between pages.
var Names = map[Lang]string{English: "English", Japanese: "日本語", Chinese: "简体中文", Korean: "한국어", French: "Français"}

// Parse reads a --lang value: one of the codes, in any case.
func Parse(s string) (Lang, bool) {
	for _, l := range Supported() {
		if strings.EqualFold(s, string(l)) {
			return l, true
		}
	}
	return "", false
}

// FromLocale reads the language of the messages locale from the
// environment, as POSIX orders it: LC_ALL, then LC_MESSAGES, then LANG,
// the first that is set and not empty deciding. A locale without a
// translation (C, POSIX, de_DE, or Traditional Chinese, which the
// Simplified pages do not serve) is English.
func FromLocale(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return localeLang(v)
		}
	}
	return English
}

// localeLang maps a locale name (language[_territory][.codeset][@modifier])
// to a language.
func localeLang(locale string) Lang {
	name, _, _ := strings.Cut(locale, ".")
	name, modifier, _ := strings.Cut(name, "@")
	language, territory, _ := strings.Cut(strings.ReplaceAll(name, "-", "_"), "_")
	l, ok := Parse(language)
	if !ok || l == English {
		return English
	}
	if l == Chinese && traditional(territory, modifier) {
		return English
	}
	return l
}

// traditional says whether a Chinese locale is written in Traditional
// characters: Taiwan, Hong Kong and Macau by default, or a Hant script.
func traditional(territory, modifier string) bool {
	switch strings.ToUpper(territory) {
	case "TW", "HK", "MO", "HANT":
		return true
	}
	return strings.EqualFold(modifier, "hant") || strings.HasPrefix(strings.ToUpper(territory), "HANT")
}
