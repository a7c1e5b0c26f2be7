// Package config reads .ecslint.yaml: which rules run and how severe they
// are, what is excluded or ignored, and the run's defaults. The file is
// validated against a JSON Schema embedded in the binary, and every error
// names the file, line and key.
package config

import (
	"bytes"
	"cmp"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/schema"
)

// FileName is the config file ecslint looks for.
const FileName = ".ecslint.yaml"

//go:embed schema.json
var schemaJSON string

// Schema is the JSON Schema of the config file, for docs and editors.
func Schema() string { return schemaJSON }

// schema compiles the config schema on first use: most runs (pre-commit on
// a few files) read no config file, and compiling takes longer than
// linting a file. Its options section is cut down to "a mapping per
// rule": decode checks each rule's options against the rule's own
// declarations, which know every spelling of a rule and what was meant,
// and the rules' sections (there for editors) would triple the compile
// time.
var validator = sync.OnceValue(func() *schema.Schema {
	start, end, err := valueRange([]byte(schemaJSON), "properties", "options")
	if err != nil {
		panic(err)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(validatedSchema(schemaJSON, start, end)), &doc); err != nil {
		panic(err)
	}
	v, err := schema.New(doc, "#")
	if err != nil {
		panic(err)
	}
	return v
})

// validatedSchema is the schema with its options section cut down.
func validatedSchema(full string, start, end int) string {
	return full[:start] + `{"type": "object", "additionalProperties": {"type": "object"}}` + full[end:]
}

// Config is a parsed config file. Paths in it are relative to Dir.
type Config struct {
	// Path is the file as found; Dir its directory.
	Path string
	Dir  string

	Enable, Disable []string
	Severity        map[string]lint.Severity
	FailOn          string
	Exclude         []string
	// Options are keyed by rule ID, then option name; each value is of
	// the Go type the rule's lint.Option declares.
	Options  map[string]map[string]any
	VarFiles []string
	// VarFileRanges are where each of VarFiles is written.
	VarFileRanges []lint.Range
	Vars          []string
	Ignores       []lint.ConfigIgnore
	// InlineSuppressions is nil when unset.
	InlineSuppressions *bool
	StrictSuppressions bool
	Baseline           string
	BaselineRange      lint.Range
	// CustomRules are the organisation rules of the file and of the files
	// it includes (Included, in order).
	CustomRules []CustomRule
	Included    []string

	// positions of keys, for errors found after schema validation (an
	// unknown rule name).
	root *yaml.Node
	// source is the file's text, for positions inside block scalars.
	source []byte
}

// MaxSize bounds the config file: a config is a page of settings, and the
// file comes from the repository being checked.
const MaxSize = 1 << 20

// maxValues bounds the values (mappings, lists, scalars) the file expands
// to once aliases are followed: a few lines of anchors and aliases can
// stand for billions (the "billion laughs"), and a cycle for infinitely
// many. maxDepth bounds nesting.
const (
	maxValues = 100_000
	maxDepth  = 64
)

// Error is a problem in a config file, with its position.
type Error struct {
	Range   lint.Range
	Key     string
	Message string
}

// Error renders the problem as file:line:col: key: message. Keys and
// values in it come from the file: they are made printable.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Range.File)
	if !e.Range.Start.IsZero() {
		fmt.Fprintf(&b, ":%d:%d", e.Range.Start.Line, e.Range.Start.Col)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key + ": ")
	}
	b.WriteString(e.Message)
	return lint.Printable(b.String())
}

// Errors are all the problems found in a config file, sorted by position,
// one a line.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// sorted orders the errors by position, then message, and drops exact
// repeats, and returns them as an error (nil when there are none).
func (es Errors) sorted() error {
	if len(es) == 0 {
		return nil
	}
	slices.SortStableFunc(es, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Range.Start.Line, b.Range.Start.Line), cmp.Compare(a.Range.Start.Col, b.Range.Start.Col),
			cmp.Compare(a.Key, b.Key), cmp.Compare(a.Message, b.Message))
	})
	es = slices.CompactFunc(es, func(a, b *Error) bool { return *a == *b })
	if len(es) > maxErrors {
		more := &Error{Range: lint.Range{File: es[0].Range.File}, Message: fmt.Sprintf("%d more errors", len(es)-maxErrors)}
		es = append(es[:maxErrors:maxErrors], more)
	}
	return es
}

// maxErrors bounds the errors listed for one file: a list of thousands of
// bad items says no more than its first few.
const maxErrors = 20

// Find looks for FileName (of any type) in dir and its parents, stopping
// after the directory that holds .git (a repository's config does not come from
// above it). It returns "" when there is none.
func Find(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(abs, FileName)
		// Whatever it is, it is the config: LoadConfined refuses a FIFO, a
		// directory or a symlink out, loudly; skipping it would check the
		// repository without the config it meant to have.
		if _, err := os.Lstat(p); err == nil {
			return p
		}
		if _, err := os.Stat(filepath.Join(abs, ".git")); err == nil {
			return ""
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs = parent
	}
}

// Load reads and validates a config file the user named (--config): it
// may be anywhere, but it must be a regular file under MaxSize. rules are
// the known rules, so that every rule named in the file is checked to
// exist.
func Load(path string, rules []lint.Rule) (*Config, error) {
	data, err := lint.ReadOwnFile(path, MaxSize)
	if err != nil {
		return nil, &Error{Range: lint.Range{File: filepath.ToSlash(path)}, Message: describe(err)}
	}
	return Parse(path, data, rules)
}

// LoadConfined reads a config file that Find found, through fs: a
// .ecslint.yaml that is a symlink out of the scanned roots and the
// directory it was found in is not read, nor one over MaxSize.
func LoadConfined(path string, fs *lint.FS, rules []lint.Rule) (*Config, error) {
	data, err := fs.ReadFile(path)
	if err != nil {
		msg := describe(err)
		if errors.Is(err, lint.ErrOutsideRoots) {
			msg = "not read: it is a symlink to a file outside the scanned paths and the directory it is in"
		}
		return nil, &Error{Range: lint.Range{File: filepath.ToSlash(path)}, Message: msg}
	}
	return Parse(path, data, rules)
}

// Parse reads a config file's content.
func Parse(path string, data []byte, rules []lint.Rule) (*Config, error) {
	file := filepath.ToSlash(path)
	if len(data) > MaxSize {
		return nil, &Error{Range: lint.Range{File: file}, Message: fmt.Sprintf("config file is larger than %d bytes", MaxSize)}
	}
	doc, err := oneDocument(file, data)
	if err != nil {
		return nil, err
	}
	c := &Config{Path: path, Dir: filepath.Dir(path), Severity: map[string]lint.Severity{}, Options: map[string]map[string]any{}}
	if len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" {
		return c, nil // an empty file (or "---", or "~") is a valid, empty config
	}
	c.root = doc.Content[0]
	c.source = data
	pl := &plainer{file: file}
	value := pl.plain(c.root, 0)
	if err := pl.errs.sorted(); err != nil {
		return nil, err
	}
	if failures := validator().Validate(value); len(failures) > 0 {
		return nil, c.schemaErrors(failures)
	}
	if err := c.decode(value.(map[string]any), rules); err != nil {
		return nil, err
	}
	return c, nil
}

// decode fills c from a validated document. It walks maps in the order the
// file writes them, so that what it sets and the errors it finds are the
// same on every run, and collects every error rather than the first.
func (c *Config) decode(doc map[string]any, rules []lint.Rule) error {
	d := &decoder{c: c, ids: map[string]string{}, metas: map[string]*lint.Meta{}}
	for _, r := range append(append([]lint.Rule(nil), rules...), lint.SuppressionRule) {
		m := r.Meta()
		d.ids[strings.ToLower(m.ID)] = m.ID
		d.ids[strings.ToLower(m.Name)] = m.ID
		d.metas[m.ID] = m
		d.names = append(d.names, m.ID, m.Name)
	}
	d.customRules(doc)
	if r, ok := doc["rules"].(map[string]any); ok {
		d.ruleLists(r)
	}
	d.severities(doc)
	if v, ok := doc["fail-on"].(string); ok {
		c.FailOn = v
	}
	c.Exclude = strings_(doc["exclude"])
	d.options(doc)
	if tf, ok := doc["terraform"].(map[string]any); ok {
		d.terraform(tf)
	}
	d.ignores(doc)
	if v, ok := doc["inline-suppressions"].(bool); ok {
		c.InlineSuppressions = &v
	}
	c.StrictSuppressions, _ = doc["strict-suppressions"].(bool)
	if v, ok := doc["baseline"].(string); ok {
		c.Baseline = c.Resolve(v)
		c.BaselineRange = c.rangeOf([]string{"baseline"})
	}
	return d.errs.sorted()
}

// decoder holds what decode needs across keys: rule IDs by lower-case ID
// and name, rules by ID, every rule's ID and name (for suggestions), and
// the errors so far.
type decoder struct {
	c     *Config
	ids   map[string]string
	metas map[string]*lint.Meta
	names []string
	errs  Errors
}

func (d *decoder) errorAt(ptr []string, format string, args ...any) {
	d.errs = append(d.errs, d.c.errorAt(ptr, fmt.Sprintf(format, args...)))
}

// rule resolves a rule name or ID; "" (and an error at ptr) if unknown.
func (d *decoder) rule(name string, ptr ...string) string {
	if id, ok := d.ids[strings.ToLower(name)]; ok {
		return id
	}
	d.errorAt(ptr, "%s", d.unknownRule(name))
	return ""
}

// unknownRule says a rule name is unknown, with the nearest known ID or
// name when one is close ("ECS01", "privileged-containers").
func (d *decoder) unknownRule(name string) string {
	msg := fmt.Sprintf("unknown rule %q", name)
	if near := lint.Nearest(name, d.names); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	return msg + " (see `ecslint rules`)"
}

// ruleLists reads rules.enable and rules.disable. A rule in both is an
// error: which one wins would be a guess.
func (d *decoder) ruleLists(r map[string]any) {
	where := map[string]string{} // rule ID -> "enable" or "disable"
	for _, which := range []string{"enable", "disable"} {
		list, _ := r[which].([]any)
		for i, v := range list {
			ptr := []string{"rules", which, strconv.Itoa(i)}
			id := d.rule(v.(string), ptr...)
			if id == "" {
				continue
			}
			if other, ok := where[id]; ok && other != which {
				d.errorAt(ptr, "%s is both enabled and disabled", id)
				continue
			}
			where[id] = which
			if which == "enable" {
				d.c.Enable = append(d.c.Enable, id)
			} else {
				d.c.Disable = append(d.c.Disable, id)
			}
		}
	}
}

// severities reads the severity map. The same rule named twice (by ID and
// by name) with different severities is an error, at the second.
func (d *decoder) severities(doc map[string]any) {
	m, ok := doc["severity"].(map[string]any)
	if !ok {
		return
	}
	set := map[string]string{} // rule ID -> key that set it
	for _, name := range d.c.keys("severity") {
		ptr := []string{"severity", name}
		id := d.rule(name, ptr...)
		if id == "" {
			continue
		}
		sev, _ := lint.ParseSeverity(m[name].(string))
		if first, ok := set[id]; ok && d.c.Severity[id] != sev {
			d.errorAt(ptr, "%s's severity is also set, to %s, by %q", id, d.c.Severity[id], first)
			continue
		}
		set[id] = name
		d.c.Severity[id] = sev
	}
}

// options reads per-rule options, typed as each rule declares them. An
// option the rule does not declare, or a value of another type, is an
// error at its key, as is the same rule twice with different options.
// The published schema has the same declarations, for editors.
func (d *decoder) options(doc map[string]any) {
	m, ok := doc["options"].(map[string]any)
	if !ok {
		return
	}
	set := map[string]string{}
	for _, name := range d.c.keys("options") {
		ptr := []string{"options", name}
		id, ok := d.ids[strings.ToLower(name)]
		if !ok {
			d.errorAt(ptr, "%s", d.unknownRule(name))
			continue
		}
		opts, errs := lint.DecodeOptions(d.metas[id], m[name].(map[string]any))
		for _, e := range errs {
			msg := e.Message
			if e.Unknown {
				msg += d.declaredBy(e.Path[0])
			}
			d.errorAt(append(slices.Clone(ptr), e.Path...), "%s", msg)
		}
		if len(errs) > 0 {
			continue
		}
		if first, ok := set[id]; ok && !reflect.DeepEqual(d.c.Options[id], map[string]any(opts)) {
			d.errorAt(ptr, "%s's options are also set, differently, by %q", id, first)
			continue
		}
		set[id] = name
		d.c.Options[id] = opts
	}
}

// declaredBy names the rules that do declare an option, for one given to
// the wrong rule: "" when none does.
func (d *decoder) declaredBy(option string) string {
	var ids []string
	for _, id := range slices.Sorted(maps.Keys(d.metas)) {
		if slices.ContainsFunc(d.metas[id].Options, func(o lint.Option) bool { return o.Name == option }) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return ""
	}
	return fmt.Sprintf("; it is an option of %s", strings.Join(ids, " and "))
}

// terraformName is what Terraform accepts as a variable name: --var
// NAME=VALUE splits at the first "=", so a key with "=" or spaces in it
// would set another variable than it says.
var terraformName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// terraform reads var-files and vars, in the file's order.
func (d *decoder) terraform(tf map[string]any) {
	for i, f := range strings_(tf["var-files"]) {
		d.c.VarFiles = append(d.c.VarFiles, d.c.Resolve(f))
		d.c.VarFileRanges = append(d.c.VarFileRanges, d.c.rangeOf([]string{"terraform", "var-files", strconv.Itoa(i)}))
	}
	vars, ok := tf["vars"].(map[string]any)
	if !ok {
		return
	}
	for _, k := range d.c.keys("terraform", "vars") {
		if !terraformName.MatchString(k) {
			d.errorAt([]string{"terraform", "vars", k}, "%q is not a Terraform variable name", k)
			continue
		}
		d.c.Vars = append(d.c.Vars, fmt.Sprintf("%s=%v", k, vars[k]))
	}
}

// ignores reads the ignore list.
func (d *decoder) ignores(doc map[string]any) {
	list, _ := doc["ignore"].([]any)
	for i, item := range list {
		m := item.(map[string]any)
		ptr := []string{"ignore", strconv.Itoa(i)}
		if d.rule(m["rule"].(string), append(ptr, "rule")...) == "" {
			continue
		}
		until, _ := m["until"].(string)
		var untilAt lint.Range
		if until != "" {
			untilAt = d.c.valueRange(append(slices.Clone(ptr), "until"))
		}
		d.c.Ignores = append(d.c.Ignores, lint.ConfigIgnore{Path: m["path"].(string), Suppression: lint.Suppression{
			Rule: m["rule"].(string), Reason: m["reason"].(string), Until: until, UntilRange: untilAt, Range: d.c.rangeOf(ptr),
		}})
	}
}

// keys returns the keys of the mapping at ptr in the order the file
// writes them (plain has made sure each is there once).
func (c *Config) keys(ptr ...string) []string {
	n := c.nodeAt(ptr)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	keys := make([]string, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		keys = append(keys, n.Content[i].Value)
	}
	return keys
}

// Resolve makes a path written in the config relative to the config's
// directory usable from the working directory.
func (c *Config) Resolve(p string) string {
	if filepath.IsAbs(p) || c.Dir == "" {
		return p
	}
	return filepath.Join(c.Dir, p)
}

// Rel turns a path as the run names it into the slash path relative to the
// config's directory that globs are written against.
func (c *Config) Rel(p string) string {
	abs, err := filepath.Abs(filepath.FromSlash(p))
	if err != nil {
		return p
	}
	dir, err := filepath.Abs(c.Dir)
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return p
	}
	return filepath.ToSlash(rel)
}

func strings_(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, x.(string))
	}
	return out
}

// schemaErrors reports every most specific cause of a validation failure
// at the key it concerns, sorted by position: the validator visits
// properties in map order, so "the first" cause differs from run to run.
func (c *Config) schemaErrors(failures []schema.Error) error {
	var errs Errors
	for _, e := range failures {
		if keyword, ok := strings.CutSuffix(e.KeywordLocation, "/additionalProperties"); ok {
			if unknown, ok := c.unknownKeys(instancePointer(e), keyword); ok {
				errs = append(errs, unknown...)
				continue
			}
		}
		errs = append(errs, c.schemaError(e))
	}
	return errs.sorted()
}

// schemaError places one leaf cause; an unknown key at the key itself. A
// value outside an enumeration ("hgh") says which one was meant.
func (c *Config) schemaError(leaf schema.Error) *Error {
	ptr := instancePointer(leaf)
	msg := leaf.Message
	// The absolute location: the keyword location goes through $ref.
	_, abs, _ := strings.Cut(leaf.AbsoluteKeywordLocation, "#")
	if enum, ok := strings.CutSuffix(abs, "/enum"); ok {
		if n := c.nodeAt(ptr); n != nil && n.Kind == yaml.ScalarNode {
			if near := lint.Nearest(n.Value, schemaEnum(enum)); near != "" && near != n.Value {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
		}
	}
	return c.errorAt(ptr, msg)
}

// schemaEnum returns the text values of the enumeration of the schema
// object a JSON pointer names.
func schemaEnum(pointer string) []string {
	var at any = schemaDoc()
	for _, p := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		if p == "" {
			continue
		}
		m, ok := at.(map[string]any)
		if !ok {
			return nil
		}
		at = m[pointerUnescaper.Replace(p)]
	}
	m, _ := at.(map[string]any)
	list, _ := m["enum"].([]any)
	var out []string
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// pointerUnescaper decodes a JSON pointer segment.
var pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

// instancePointer is the path in the file a validation error is about.
func instancePointer(leaf schema.Error) []string {
	var ptr []string
	for _, p := range strings.Split(strings.TrimPrefix(leaf.InstanceLocation, "/"), "/") {
		if p != "" {
			ptr = append(ptr, pointerUnescaper.Replace(p))
		}
	}
	return ptr
}

// unknownKeys reports each key of the mapping at ptr that the schema
// object at keyword (a JSON pointer into the schema) does not define, at
// the key, in the file's order. The validator's own message lists them in
// map order. ok is false when the schema object cannot be found.
func (c *Config) unknownKeys(ptr []string, keyword string) (errs Errors, ok bool) {
	allowed, ok := schemaProperties(keyword)
	n := c.nodeAt(ptr)
	if !ok || n == nil || n.Kind != yaml.MappingNode {
		return nil, false
	}
	names := slices.Sorted(maps.Keys(allowed))
	known := strings.Join(names, ", ")
	for _, k := range c.keys(ptr...) {
		if _, ok := allowed[k]; !ok {
			msg := "unknown key"
			if near := lint.Nearest(k, names); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			errs = append(errs, c.errorAt(append(slices.Clone(ptr), k), msg+" (known here: "+known+")"))
		}
	}
	return errs, true
}

// schemaDoc is the schema as plain JSON, for the keys an object allows.
var schemaDoc = sync.OnceValue(func() map[string]any {
	var doc map[string]any
	if err := json.Unmarshal([]byte(schemaJSON), &doc); err != nil {
		panic(err)
	}
	return doc
})

// schemaProperties returns the properties of the schema object a JSON
// pointer names.
func schemaProperties(pointer string) (map[string]any, bool) {
	var at any = schemaDoc()
	for _, p := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		if p == "" {
			continue
		}
		m, ok := at.(map[string]any)
		if !ok {
			return nil, false
		}
		at = m[pointerUnescaper.Replace(p)]
	}
	m, _ := at.(map[string]any)
	props, ok := m["properties"].(map[string]any)
	return props, ok
}

func (c *Config) errorAt(ptr []string, msg string) *Error {
	return &Error{Range: c.rangeOf(ptr), Key: keyName(ptr), Message: msg}
}

// keyName renders a pointer as the dotted key users write: rules.disable[0].
func keyName(ptr []string) string {
	var b strings.Builder
	for _, p := range ptr {
		if _, err := strconv.Atoi(p); err == nil {
			b.WriteString("[" + p + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// rangeOf finds the YAML node a pointer names: the key for a mapping
// entry, the item for a list element; the deepest node that exists when
// the pointer goes further.
func (c *Config) rangeOf(ptr []string) lint.Range {
	at, _ := c.walk(ptr)
	r := lint.Range{File: filepath.ToSlash(c.Path)}
	if at != nil {
		r.Start = lint.LineCol(at.Line, at.Column)
	}
	return r
}

// valueRange is where the value a pointer names is written (rangeOf is
// where its key is).
func (c *Config) valueRange(ptr []string) lint.Range {
	r := lint.Range{File: filepath.ToSlash(c.Path)}
	if n := c.nodeAt(ptr); n != nil {
		r.Start = lint.LineCol(n.Line, n.Column)
	}
	return r
}

// nodeAt returns the value node a pointer names, nil if there is none.
func (c *Config) nodeAt(ptr []string) *yaml.Node {
	_, n := c.walk(ptr)
	return n
}

// walk follows a pointer from the root, through aliases: at is the node
// to report (a mapping key, a list item), n the value it names.
func (c *Config) walk(ptr []string) (at, n *yaml.Node) {
	n = c.root
	at = n
	for _, p := range ptr {
		for n != nil && n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		if n == nil {
			break
		}
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == p {
					at, next = n.Content[i], n.Content[i+1]
					break
				}
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(p); err == nil && i < len(n.Content) {
				at, next = n.Content[i], n.Content[i]
			}
		}
		n = next
	}
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return at, n
}

// plainer converts YAML to the JSON data model the schema validates,
// within maxValues and maxDepth, and finds what the data model cannot
// hold: a key written twice (which one would count?), a key that is not
// text, a merge key.
type plainer struct {
	file   string
	values int
	errs   Errors
	// expanding are the aliases being followed: one inside its own anchor
	// is a cycle, and the first is the one the user wrote where the
	// values overflowed.
	expanding []*yaml.Node
	overflow  bool
}

func (p *plainer) errorAt(n *yaml.Node, format string, args ...any) {
	p.errs = append(p.errs, &Error{Range: lint.Range{File: p.file, Start: lint.LineCol(n.Line, n.Column)}, Message: fmt.Sprintf(format, args...)})
}

// plain converts n. Scalars keep YAML's types except timestamps, which
// stay text (until: 2027-03-31).
func (p *plainer) plain(n *yaml.Node, depth int) any {
	if p.overflow {
		return nil
	}
	p.values++
	if p.values > maxValues || depth > maxDepth {
		p.overflow = true
		if len(p.expanding) > 0 {
			n = p.expanding[0]
		}
		p.errorAt(n, "the config expands to more than %d values or %d levels (through aliases?); not read", maxValues, maxDepth)
		return nil
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			return p.plain(n.Content[0], depth)
		}
		return nil
	case yaml.AliasNode:
		return p.alias(n, depth)
	case yaml.MappingNode:
		return p.mapping(n, depth)
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			l = append(l, p.plain(c, depth+1))
		}
		return l
	}
	return scalar(n)
}

func (p *plainer) alias(n *yaml.Node, depth int) any {
	if n.Alias == nil {
		return nil
	}
	if slices.ContainsFunc(p.expanding, func(a *yaml.Node) bool { return a.Alias == n.Alias }) {
		p.errorAt(n, "alias *%s refers to itself", n.Value)
		return nil
	}
	p.expanding = append(p.expanding, n)
	v := p.plain(n.Alias, depth)
	p.expanding = p.expanding[:len(p.expanding)-1]
	return v
}

func (p *plainer) mapping(n *yaml.Node, depth int) any {
	m := make(map[string]any, len(n.Content)/2)
	seen := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		switch {
		case k.Kind != yaml.ScalarNode:
			p.errorAt(k, "a key must be text")
			continue
		case k.Tag == "!!merge":
			p.errorAt(k, "merge keys (<<) are not supported: write the keys out")
			continue
		}
		if first, ok := seen[k.Value]; ok {
			p.errorAt(k, "key %q is already set at line %d", k.Value, first.Line)
			continue
		}
		seen[k.Value] = k
		m[k.Value] = p.plain(n.Content[i+1], depth+1)
	}
	return m
}

// scalar converts a scalar to a JSON value: booleans and numbers typed,
// the rest (timestamps included) its text.
func scalar(n *yaml.Node) any {
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int", "!!float":
		var f float64
		if n.Decode(&f) == nil {
			return f
		}
	}
	return n.Value
}

// oneDocument parses the file's YAML document. A second document would
// be ignored by a plain Unmarshal, its settings silently dropped: it is an
// error at its start (an empty one, a trailing "---", is not).
func oneDocument(file string, data []byte) (yaml.Node, error) {
	var doc, next yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return doc, yamlError(file, err)
	}
	for {
		next = yaml.Node{}
		err := dec.Decode(&next)
		switch {
		case errors.Is(err, io.EOF):
			return doc, nil
		case err != nil:
			return doc, yamlError(file, err)
		}
		if len(next.Content) > 0 && next.Content[0].Tag != "!!null" {
			break // a document with something in it
		}
	}
	return doc, &Error{Range: lint.Range{File: file, Start: lint.LineCol(next.Line, next.Column)},
		Message: "a second YAML document: a config file holds one (its settings would be ignored)"}
}

// yamlError turns a YAML syntax error ("yaml: line 3: ...") into an Error
// with the line.
func yamlError(path string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	r := lint.Range{File: filepath.ToSlash(path)}
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, after, ok := strings.Cut(rest, ": "); ok {
			if ln, err := strconv.Atoi(num); err == nil {
				r.Start = lint.LineCol(ln, 1)
				msg = after
			}
		}
	}
	return &Error{Range: r, Message: "invalid YAML: " + msg}
}

func describe(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Sandbox returns the file system that confines the files the config
// names (var-files, baseline) to the scanned roots and the config's own
// directory tree, as Terraform's file() is confined: the config comes from
// the repository being checked, and a var file's values are quoted in
// findings. It reports every named path outside it as an error at the
// line that names it.
func (c *Config) Sandbox(roots []string, maxFileSize int64) (*lint.FS, error) {
	fs, err := lint.NewFS(append([]string{c.Dir}, roots...), maxFileSize)
	if err != nil {
		return nil, err
	}
	var errs Errors
	outside := func(r lint.Range, key string) {
		errs = append(errs, &Error{Range: r, Key: key,
			Message: "names a file outside the scanned paths and the config file's directory; a config may only name files in the repository (pass it on the command line instead)"})
	}
	for i, f := range c.VarFiles {
		if !fs.Within(f) {
			at := lint.Range{File: filepath.ToSlash(c.Path)}
			if i < len(c.VarFileRanges) {
				at = c.VarFileRanges[i]
			}
			outside(at, fmt.Sprintf("terraform.var-files[%d]", i))
		}
	}
	if c.Baseline != "" && !fs.Within(c.Baseline) {
		outside(c.BaselineRange, "baseline")
	}
	if err := errs.sorted(); err != nil {
		return nil, err
	}
	return fs, nil
}
