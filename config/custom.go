package config

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ecslint/ecslint/lint"
)

// CustomRule is one organisation rule as the config writes it: data only.
// Package custom compiles its CEL; the config loader checks everything that
// needs no CEL (the ID's namespace, duplicates, the schema).
type CustomRule struct {
	ID, Name, Severity, On string
	Violation, Message, At Text
	Summary, Rationale     string
	Remediation, HelpURL   string
	// Disabled is enabled: false.
	Disabled bool
	// Range is the rule's list item, in the file that declares it.
	Range lint.Range
}

// Text is a string value of the config with where it is written, so that
// an error inside it (a CEL expression's) can point at its line and column.
type Text struct {
	Value string
	// At is where the value starts: for a block scalar (| or >), its
	// first content line, at its indentation.
	At lint.Range
	// quoted is set when At is the opening quote; block when the value is
	// a block scalar, whose lines are the file's lines.
	quoted, block bool
}

// Pos returns where line and col (1-based, in code points, as CEL counts)
// of the value are written in the file.
func (t Text) Pos(line, col int) lint.Range {
	r := t.At
	if r.Start.IsZero() {
		return r
	}
	l0, c0 := int(t.At.Start.Line), int(t.At.Start.Col)
	switch {
	case t.block:
		r.Start = lint.LineCol(l0+line-1, c0+col-1)
	case line == 1:
		offset := col - 1
		if t.quoted {
			offset++
		}
		r.Start = lint.LineCol(l0, c0+offset)
	default:
		// A flow scalar folded over lines: the line is right, the
		// column is the value's start.
		r.Start = lint.LineCol(l0+line-1, c0)
	}
	return r
}

// reservedPrefixes are the ID namespaces of ecslint's own rules.
var reservedPrefixes = []string{"ECS", "EKS", "SUP"}

// maxIncludedFiles bounds the files include may name: a rule pack is a few
// files, and each is read and held.
const maxIncludedFiles = 100

// customRules reads the custom-rules list of the config and of the files
// it includes, and registers each rule's ID and name, so that the rest of
// the config can name them (severity, ignore, rules.disable).
func (d *decoder) customRules(doc map[string]any) {
	d.customList(d.c, doc)
	for i, pattern := range strings_(doc["include"]) {
		ptr := []string{"include", strconv.Itoa(i)}
		files, err := d.c.includeGlob(pattern)
		if err != "" {
			d.errorAt(ptr, "%s", err)
			continue
		}
		for _, f := range files {
			if len(d.c.Included) == maxIncludedFiles {
				d.errorAt(ptr, "more than %d included files; not read", maxIncludedFiles)
				return
			}
			d.c.Included = append(d.c.Included, f)
			d.include(f)
		}
	}
}

// includeGlob returns the files a pattern names, in order. A pattern is
// relative to the config's directory and stays inside it: a rule pack
// applies to the scanned repository, so it comes from it (or from beside
// the config the user named), never from elsewhere on the machine.
func (c *Config) includeGlob(pattern string) (files []string, problem string) {
	p := filepath.ToSlash(pattern)
	if path.IsAbs(p) || filepath.IsAbs(pattern) || filepath.VolumeName(pattern) != "" {
		return nil, fmt.Sprintf("%q is absolute: include names files relative to the config's directory", pattern)
	}
	if slices.Contains(strings.Split(p, "/"), "..") {
		return nil, fmt.Sprintf("%q leaves the config's directory: include reads only files inside it", pattern)
	}
	if _, err := path.Match(p, ""); err != nil {
		return nil, fmt.Sprintf("%q is not a valid glob: %v", pattern, err)
	}
	matches, err := filepath.Glob(filepath.Join(c.Dir, filepath.FromSlash(p)))
	if err != nil {
		return nil, fmt.Sprintf("%q: %v", pattern, err)
	}
	if len(matches) == 0 {
		return nil, fmt.Sprintf("%q matches no file: a rule pack that is not there must not pass for one that found nothing", pattern)
	}
	slices.Sort(matches)
	return matches, ""
}

// include reads one included file: a YAML mapping with custom-rules and
// nothing else, within the same size, alias and nesting limits as the
// config, through a sandbox rooted at the config's directory (a symlink
// out of it is not followed).
func (d *decoder) include(file string) {
	rel := filepath.ToSlash(file)
	fail := func(r lint.Range, format string, args ...any) {
		d.errs = append(d.errs, &Error{Range: r, Message: fmt.Sprintf(format, args...)})
	}
	fs, err := lint.NewFS([]string{d.c.Dir}, MaxSize)
	if err != nil {
		fail(lint.Range{File: rel}, "%s", describe(err))
		return
	}
	data, err := fs.ReadFile(file)
	if err != nil {
		msg := describe(err)
		if errors.Is(err, lint.ErrOutsideRoots) {
			msg = "not read: it is a symlink to a file outside the config's directory"
		}
		fail(lint.Range{File: rel}, "%s", msg)
		return
	}
	doc, err := oneDocument(rel, data)
	if err != nil {
		if e := (*Error)(nil); errors.As(err, &e) {
			d.errs = append(d.errs, e)
		} else {
			fail(lint.Range{File: rel}, "%v", err)
		}
		return
	}
	sub := &Config{Path: file, Dir: d.c.Dir, source: data}
	if len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" {
		return
	}
	sub.root = doc.Content[0]
	pl := &plainer{file: rel}
	value := pl.plain(sub.root, 0)
	if len(pl.errs) > 0 {
		d.errs = append(d.errs, pl.errs...)
		return
	}
	m, ok := value.(map[string]any)
	if !ok {
		fail(sub.rangeOf(nil), "an included file is a mapping with custom-rules")
		return
	}
	for _, k := range sub.keys() {
		if k != "custom-rules" {
			d.errs = append(d.errs, sub.errorAt([]string{k}, "an included file holds only custom-rules"))
		}
	}
	if failures := validator().Validate(map[string]any{"custom-rules": m["custom-rules"]}); len(failures) > 0 {
		var es Errors
		if errors.As(sub.schemaErrors(failures), &es) {
			d.errs = append(d.errs, es...)
		}
		return
	}
	d.customList(sub, m)
}

// customList decodes the custom-rules of a validated document of file c.
func (d *decoder) customList(c *Config, doc map[string]any) {
	list, _ := doc["custom-rules"].([]any)
	for i, item := range list {
		m := item.(map[string]any)
		ptr := []string{"custom-rules", strconv.Itoa(i)}
		str := func(k string) string { s, _ := m[k].(string); return s }
		r := CustomRule{
			ID: str("id"), Name: str("name"), Severity: str("severity"), On: str("on"),
			Violation: c.text(append(slices.Clone(ptr), "violation"), str("violation")),
			Message:   c.text(append(slices.Clone(ptr), "message"), str("message")),
			Summary:   str("summary"), Rationale: str("rationale"), Remediation: str("remediation"), HelpURL: str("help-url"),
			Range: c.rangeOf(ptr),
		}
		if at, ok := m["at"].(string); ok {
			r.At = c.text(append(slices.Clone(ptr), "at"), at)
		}
		if enabled, ok := m["enabled"].(bool); ok {
			r.Disabled = !enabled
		}
		if !d.customIdentity(c, ptr, r) {
			continue
		}
		d.c.CustomRules = append(d.c.CustomRules, r)
	}
}

// customIdentity checks a custom rule's ID and name and registers them;
// false means the rule is not kept.
func (d *decoder) customIdentity(c *Config, ptr []string, r CustomRule) bool {
	idAt := append(slices.Clone(ptr), "id")
	for _, p := range reservedPrefixes {
		if strings.HasPrefix(r.ID, p) {
			d.errs = append(d.errs, c.errorAt(idAt, fmt.Sprintf("%s is in ecslint's own namespace (%s...): a custom rule's ID has a prefix of its own, such as ORG001", r.ID, p)))
			return false
		}
	}
	if r.Name == lint.SuppressionRule.Meta().Name {
		d.errs = append(d.errs, c.errorAt(append(slices.Clone(ptr), "name"), fmt.Sprintf("%s is the name of ecslint's own %s", r.Name, lint.SuppressionRule.Meta().ID)))
		return false
	}
	for _, key := range []struct{ field, value string }{{"id", r.ID}, {"name", r.Name}} {
		if id, taken := d.ids[strings.ToLower(key.value)]; taken {
			d.errs = append(d.errs, c.errorAt(append(slices.Clone(ptr), key.field), fmt.Sprintf("%s is already the %s of rule %s", key.value, key.field, id)))
			return false
		}
	}
	meta := &lint.Meta{ID: r.ID, Name: r.Name, Severity: severityOf(r.Severity), Summary: r.Summary, Disabled: r.Disabled}
	d.ids[strings.ToLower(r.ID)] = r.ID
	d.ids[strings.ToLower(r.Name)] = r.ID
	d.metas[r.ID] = meta
	d.names = append(d.names, r.ID, r.Name)
	return true
}

func severityOf(s string) lint.Severity {
	for _, v := range []lint.Severity{lint.Critical, lint.High, lint.Medium, lint.Low} {
		if v.String() == s {
			return v
		}
	}
	return lint.Medium
}

// text returns the string at ptr with where it is written.
func (c *Config) text(ptr []string, value string) Text {
	n := c.nodeAt(ptr)
	t := Text{Value: value, At: lint.Range{File: filepath.ToSlash(c.Path)}}
	if n == nil {
		return t
	}
	t.At.Start = lint.LineCol(n.Line, n.Column)
	switch n.Style {
	case yaml.SingleQuotedStyle, yaml.DoubleQuotedStyle:
		t.quoted = true
	case yaml.LiteralStyle, yaml.FoldedStyle:
		t.block = true
		line, col := c.blockStart(n.Line)
		t.At.Start = lint.LineCol(line, col)
	}
	return t
}

// blockStart finds a block scalar's first content line after the
// indicator line and its indentation (1-based column).
func (c *Config) blockStart(indicatorLine int) (line, col int) {
	lines := bytes.Split(c.source, []byte("\n"))
	for i := indicatorLine; i < len(lines); i++ { // lines[indicatorLine] is the next line
		text := bytes.TrimRight(lines[i], "\r")
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		return i + 1, len(text) - len(bytes.TrimLeft(text, " ")) + 1
	}
	return indicatorLine + 1, 1
}
