package i18n

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/ecslint/ecslint/lint"
)

//go:embed ja/*.yaml zh/*.yaml ko/*.yaml fr/*.yaml
var files embed.FS

// PageUnit names the translation of the page's own words (headings, table
// labels), as a rule's ID names the rule's.
const PageUnit = "page"

// hashKey is the key of a file's map of English hashes.
const hashKey = "sha256"

// Field is one text a page shows in prose: its key in a translation file
// and its English text.
type Field struct{ Key, Text string }

// RuleFields are the texts of a rule's page that are translated, in the
// order its page shows them: summary, rationale, remediation and each
// option's description. Everything else (ID, name, severity, controls,
// option names, types, defaults, examples) is code and stays as it is.
func RuleFields(m *lint.Meta) []Field {
	fields := []Field{{"summary", m.Summary}, {"rationale", m.Rationale}, {"remediation", m.Remediation}}
	for _, o := range m.Options {
		fields = append(fields, Field{"option." + o.Name, o.Description})
	}
	return fields
}

// Hash is the recorded hash of an English text: the first 16 hex digits of
// its SHA-256, enough to tell an edit from none.
func Hash(english string) string {
	sum := sha256.Sum256([]byte(english))
	return hex.EncodeToString(sum[:8])
}

// Problem is a translation that is missing or does not match the English:
// a rule page in that language is then partly English.
type Problem struct {
	Lang  Lang
	Unit  string // a rule ID, or PageUnit
	Field string // empty when the whole file is missing or unreadable
	What  string // "missing", "stale", "unknown", or the parse error
}

// Path is the translation file a problem is about, from the repository root.
func (p Problem) Path() string { return path.Join("rules/i18n", string(p.Lang), p.Unit+".yaml") }

func (p Problem) Error() string {
	refresh := "go run ./rules/i18n/refresh " + p.Unit
	if p.Unit == PageUnit {
		refresh = "go run ./rules/i18n/refresh -page"
	}
	fix := "then run `" + refresh + "` and `go generate ./rules`"
	switch {
	case p.Field == "" && p.What == "missing":
		return fmt.Sprintf("%s (%s): no translation: write %s (copy another rule's as a template), %s", p.Unit, p.Lang, p.Path(), fix)
	case p.Field == "":
		return fmt.Sprintf("%s (%s): %s: %s", p.Unit, p.Lang, p.Path(), p.What)
	case p.What == "missing":
		return fmt.Sprintf("%s (%s): %s has no %s: translate it, %s", p.Unit, p.Lang, p.Path(), p.Field, fix)
	case p.What == "stale":
		return fmt.Sprintf("%s (%s): the English %s changed since %s translated it: re-translate it, %s", p.Unit, p.Lang, p.Field, p.Path(), fix)
	default:
		return fmt.Sprintf("%s (%s): %s has %s, which the English does not: remove it, %s", p.Unit, p.Lang, p.Path(), p.Field, fix)
	}
}

// File is one parsed translation file: the translated texts and the
// hashes of the English they were made from, by field key.
type File struct {
	Texts  map[string]string
	Hashes map[string]string
}

// Decode parses a translation file: string fields, and the map of hashes.
func Decode(data []byte) (*File, error) {
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	f := &File{Texts: map[string]string{}, Hashes: map[string]string{}}
	for k, v := range raw {
		switch v := v.(type) {
		case string:
			f.Texts[k] = v
		case map[string]any:
			if k != hashKey {
				return nil, fmt.Errorf("%s: a map where a text belongs", k)
			}
			for field, h := range v {
				s, ok := h.(string)
				if !ok {
					return nil, fmt.Errorf("%s.%s: not a string", hashKey, field)
				}
				f.Hashes[field] = s
			}
		default:
			return nil, fmt.Errorf("%s: not a string", k)
		}
	}
	return f, nil
}

// Encode writes a translation file in its one layout: a comment saying what
// it is, the texts in the English's order, then their English hashes.
// Literal blocks keep every character as written (colons, quotes, `#`).
func Encode(title string, lang Lang, english []Field, texts map[string]string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s translation of the rule page's prose (%s).\n", title, Names[lang], lang)
	b.WriteString("# Code, keys and values stay as in English. sha256 records the English each\n")
	b.WriteString("# text translates; after re-translating, run go run ./rules/i18n/refresh.\n")
	for _, f := range english {
		writeLiteral(&b, "", f.Key, texts[f.Key])
	}
	b.WriteString(hashKey + ":\n")
	for _, f := range english {
		fmt.Fprintf(&b, "  %s: %q\n", f.Key, Hash(f.Text))
	}
	return []byte(b.String())
}

// Refresh rewrites a translation file (data) with the hashes of the
// English it now translates, in Encode's layout: a field the English no
// longer has is dropped, and one not yet translated is an error, so that
// no English passes for a translation.
func Refresh(data []byte, title string, lang Lang, english []Field) ([]byte, error) {
	f, err := Decode(data)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, field := range english {
		if strings.TrimSpace(f.Texts[field.Key]) == "" {
			missing = append(missing, field.Key)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("translate %s first", strings.Join(missing, ", "))
	}
	return Encode(title, lang, english, f.Texts), nil
}

// writeLiteral writes key: |- and the text indented under it.
func writeLiteral(b *strings.Builder, indent, key, text string) {
	fmt.Fprintf(b, "%s%s: |-\n", indent, key)
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintf(b, "%s  %s\n", indent, line)
	}
}

var (
	loadOnce sync.Once
	loaded   map[Lang]map[string]*File
	loadErrs map[Lang]map[string]error
)

// load parses every embedded file once.
func load() {
	loaded = map[Lang]map[string]*File{}
	loadErrs = map[Lang]map[string]error{}
	for _, l := range Translated {
		loaded[l] = map[string]*File{}
		loadErrs[l] = map[string]error{}
		names, _ := fs.Glob(files, string(l)+"/*.yaml")
		for _, name := range names {
			unit := strings.TrimSuffix(path.Base(name), ".yaml")
			data, err := files.ReadFile(name)
			if err == nil {
				var f *File
				if f, err = Decode(data); err == nil {
					loaded[l][unit] = f
					continue
				}
			}
			loadErrs[l][unit] = err
		}
	}
}

// Units lists the units a language has files for, sorted.
func Units(lang Lang) []string {
	loadOnce.Do(load)
	var units []string
	for u := range loaded[lang] {
		units = append(units, u)
	}
	for u := range loadErrs[lang] {
		units = append(units, u)
	}
	sort.Strings(units)
	return units
}

// Translate returns unit's texts in lang, by field key: the translation of
// each English field, or the English itself where the translation is
// missing; every such field, and every stale one, is a problem. English is
// returned as it is, with no problem.
func Translate(lang Lang, unit string, english []Field) (map[string]string, []Problem) {
	out := make(map[string]string, len(english))
	for _, f := range english {
		out[f.Key] = f.Text
	}
	if lang == English {
		return out, nil
	}
	loadOnce.Do(load)
	if err := loadErrs[lang][unit]; err != nil {
		return out, []Problem{{Lang: lang, Unit: unit, What: err.Error()}}
	}
	file := loaded[lang][unit]
	if file == nil {
		return out, []Problem{{Lang: lang, Unit: unit, What: "missing"}}
	}
	var problems []Problem
	known := map[string]bool{}
	for _, f := range english {
		known[f.Key] = true
		text, ok := file.Texts[f.Key]
		switch {
		case !ok || strings.TrimSpace(text) == "":
			problems = append(problems, Problem{lang, unit, f.Key, "missing"})
			continue
		case file.Hashes[f.Key] != Hash(f.Text):
			problems = append(problems, Problem{lang, unit, f.Key, "stale"})
		}
		out[f.Key] = text
	}
	var unknown []string
	for k := range file.Texts {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		problems = append(problems, Problem{lang, unit, k, "unknown"})
	}
	return out, problems
}

// Localize returns a copy of m with its prose in lang (see Translate).
func Localize(m *lint.Meta, lang Lang) (*lint.Meta, []Problem) {
	texts, problems := Translate(lang, m.ID, RuleFields(m))
	c := *m
	c.Summary, c.Rationale, c.Remediation = texts["summary"], texts["rationale"], texts["remediation"]
	c.Options = append([]lint.Option(nil), m.Options...)
	for i := range c.Options {
		c.Options[i].Description = texts["option."+c.Options[i].Name]
	}
	return &c, problems
}
