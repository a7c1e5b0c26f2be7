// Package config reads .ecslint.yaml: which rules run and how severe they
// are, what is excluded or ignored, and the run's defaults. The file is
// validated against a JSON Schema embedded in the binary, and every error
// names the file, line and key.
package config

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"gopkg.in/yaml.v3"

	"github.com/ecslint/ecslint/lint"
)

// FileName is the config file ecslint looks for.
const FileName = ".ecslint.yaml"

//go:embed schema.json
var schemaJSON string

// Schema is the JSON Schema of the config file, for docs and editors.
func Schema() string { return schemaJSON }

// schema compiles the config schema on first use: most runs (pre-commit on
// a few files) read no config file, and compiling takes longer than
// linting a file.
var schema = sync.OnceValue(func() *jsonschema.Schema {
	c := jsonschema.NewCompiler()
	if err := c.AddResource("config.schema.json", strings.NewReader(schemaJSON)); err != nil {
		panic(err)
	}
	return c.MustCompile("config.schema.json")
})

// Config is a parsed config file. Paths in it are relative to Dir.
type Config struct {
	// Path is the file as found; Dir its directory.
	Path string
	Dir  string

	Enable, Disable []string
	Severity        map[string]lint.Severity
	FailOn          string
	Exclude         []string
	Options         map[string]map[string]any
	VarFiles        []string
	Vars            []string
	Ignores         []lint.ConfigIgnore
	// InlineSuppressions is nil when unset.
	InlineSuppressions *bool
	StrictSuppressions bool
	Baseline           string

	// positions of keys, for errors found after schema validation (an
	// unknown rule name).
	root *yaml.Node
}

// Error is a problem in a config file, with its position.
type Error struct {
	Range   lint.Range
	Key     string
	Message string
}

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
	return b.String()
}

// Find looks for FileName in dir and its parents, stopping after the
// directory that holds .git (a repository's config does not come from
// above it). It returns "" when there is none.
func Find(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(abs, FileName)
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
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

// Load reads and validates a config file. rules are the known rules, so
// that every rule named in the file is checked to exist.
func Load(path string, rules []lint.Rule) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Range: lint.Range{File: path}, Message: describe(err)}
	}
	return Parse(path, data, rules)
}

// Parse reads a config file's content.
func Parse(path string, data []byte, rules []lint.Rule) (*Config, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(path, err)
	}
	c := &Config{Path: path, Dir: filepath.Dir(path), Severity: map[string]lint.Severity{}, Options: map[string]map[string]any{}}
	if len(doc.Content) == 0 {
		return c, nil // an empty file is a valid, empty config
	}
	c.root = doc.Content[0]
	value := plain(c.root)
	if err := schema().Validate(value); err != nil {
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			return nil, c.schemaError(ve)
		}
		return nil, &Error{Range: lint.Range{File: path}, Message: err.Error()}
	}
	if err := c.decode(value.(map[string]any), rules); err != nil {
		return nil, err
	}
	return c, nil
}

// decode fills c from a validated document.
func (c *Config) decode(doc map[string]any, rules []lint.Rule) error {
	ids := map[string]string{}
	for _, r := range append(append([]lint.Rule(nil), rules...), lint.SuppressionRule) {
		ids[strings.ToLower(r.Meta().ID)] = r.Meta().ID
		ids[strings.ToLower(r.Meta().Name)] = r.Meta().ID
	}
	rule := func(name string, ptr ...string) (string, error) {
		if id, ok := ids[strings.ToLower(name)]; ok {
			return id, nil
		}
		return "", c.errorAt(ptr, fmt.Sprintf("unknown rule %q (see `ecslint rules`)", name))
	}
	if r, ok := doc["rules"].(map[string]any); ok {
		for _, which := range []string{"enable", "disable"} {
			list, _ := r[which].([]any)
			for i, v := range list {
				id, err := rule(v.(string), "rules", which, strconv.Itoa(i))
				if err != nil {
					return err
				}
				if which == "enable" {
					c.Enable = append(c.Enable, id)
				} else {
					c.Disable = append(c.Disable, id)
				}
			}
		}
	}
	if m, ok := doc["severity"].(map[string]any); ok {
		for name, v := range m {
			id, err := rule(name, "severity", name)
			if err != nil {
				return err
			}
			c.Severity[id], _ = lint.ParseSeverity(v.(string))
		}
	}
	if v, ok := doc["fail-on"].(string); ok {
		c.FailOn = v
	}
	c.Exclude = strings_(doc["exclude"])
	if m, ok := doc["options"].(map[string]any); ok {
		for name, v := range m {
			id, err := rule(name, "options", name)
			if err != nil {
				return err
			}
			c.Options[id] = v.(map[string]any)
		}
	}
	if tf, ok := doc["terraform"].(map[string]any); ok {
		for _, f := range strings_(tf["var-files"]) {
			c.VarFiles = append(c.VarFiles, c.Resolve(f))
		}
		if vars, ok := tf["vars"].(map[string]any); ok {
			for k, v := range vars {
				c.Vars = append(c.Vars, fmt.Sprintf("%s=%v", k, v))
			}
		}
	}
	if list, ok := doc["ignore"].([]any); ok {
		for i, item := range list {
			m := item.(map[string]any)
			ptr := []string{"ignore", strconv.Itoa(i)}
			if _, err := rule(m["rule"].(string), append(ptr, "rule")...); err != nil {
				return err
			}
			until, _ := m["until"].(string)
			c.Ignores = append(c.Ignores, lint.ConfigIgnore{Path: m["path"].(string), Suppression: lint.Suppression{
				Rule: m["rule"].(string), Reason: m["reason"].(string), Until: until, Range: c.rangeOf(ptr),
			}})
		}
	}
	if v, ok := doc["inline-suppressions"].(bool); ok {
		c.InlineSuppressions = &v
	}
	c.StrictSuppressions, _ = doc["strict-suppressions"].(bool)
	if v, ok := doc["baseline"].(string); ok {
		c.Baseline = c.Resolve(v)
	}
	return nil
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

// Excluded reports whether a walked path matches an exclude glob.
func (c *Config) Excluded(p string) bool {
	rel := c.Rel(p)
	for _, g := range c.Exclude {
		if lint.MatchGlob(g, rel) {
			return true
		}
	}
	return false
}

func strings_(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, x.(string))
	}
	return out
}

// schemaError reports the most specific cause of a validation failure at
// the key it concerns.
func (c *Config) schemaError(ve *jsonschema.ValidationError) error {
	leaf := ve
	for len(leaf.Causes) > 0 {
		leaf = leaf.Causes[0]
	}
	var ptr []string
	for _, p := range strings.Split(strings.TrimPrefix(leaf.InstanceLocation, "/"), "/") {
		if p != "" {
			ptr = append(ptr, strings.NewReplacer("~1", "/", "~0", "~").Replace(p))
		}
	}
	msg := leaf.Message
	if strings.HasPrefix(msg, "additionalProperties ") {
		msg = "unknown key " + strings.TrimPrefix(msg, "additionalProperties ")
	}
	return c.errorAt(ptr, msg)
}

func (c *Config) errorAt(ptr []string, msg string) error {
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
	n := c.root
	at := n
	for _, p := range ptr {
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
	r := lint.Range{File: filepath.ToSlash(c.Path)}
	if at != nil {
		r.Start = lint.Pos{Line: at.Line, Col: at.Column}
	}
	return r
}

// plain converts YAML to the JSON data model the schema validates. Scalars
// keep YAML's types except timestamps, which stay text (until: 2027-03-31).
func plain(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			return plain(n.Content[0])
		}
		return nil
	case yaml.AliasNode:
		return plain(n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = plain(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			l = append(l, plain(c))
		}
		return l
	}
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

// yamlError turns a YAML syntax error ("yaml: line 3: ...") into an Error
// with the line.
func yamlError(path string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	r := lint.Range{File: filepath.ToSlash(path)}
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, after, ok := strings.Cut(rest, ": "); ok {
			if ln, err := strconv.Atoi(num); err == nil {
				r.Start = lint.Pos{Line: ln, Col: 1}
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
