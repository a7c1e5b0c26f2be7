package lint

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// OptionType is the type of a rule option's value.
type OptionType int

// The option types. Values are held as the Go type named beside each.
const (
	StringOption     OptionType = iota + 1 // string
	StringListOption                       // []string
	StringMapOption                        // map[string]string
	BoolOption                             // bool
	IntOption                              // int
)

// String names the type as the docs and errors write it.
func (t OptionType) String() string {
	switch t {
	case StringOption:
		return "string"
	case StringListOption:
		return "list of strings"
	case StringMapOption:
		return "map of strings"
	case BoolOption:
		return "boolean"
	case IntOption:
		return "integer"
	}
	return fmt.Sprintf("OptionType(%d)", int(t))
}

// Option declares a setting a rule reads from config. The config schema,
// the config reference, the rule's docs and `ecslint init` are generated
// from these declarations, and the config loader checks what a file sets
// against them, so an option exists only where a rule declares it.
type Option struct {
	// Name is the kebab-case key (allowed-capabilities).
	Name string
	Type OptionType
	// Default is the value when the option is not set, of the Go type the
	// Type names; nil is the type's zero value.
	Default any
	// Example is a value worth showing in the starter config, of the same
	// Go type; nil shows Default.
	Example any
	// Pattern, when set, is a regular expression every string of the value
	// must match. It is written for both RE2 and ECMA-262 (editors check
	// the config schema with JavaScript's), so: no look-arounds, no (?i).
	Pattern     string
	Description string
	// Inherits, when set, is the ID of another rule that declares an
	// option of the same name and type: unset here, that rule's setting
	// applies (ECS301's checks of ECS011's trait take ECS011's
	// allowed-capabilities unless ECS301 sets its own).
	Inherits string
}

// OptionValues are one rule's option settings, keyed by option name, each
// value of the Go type its Option declares. Read them with the typed
// accessors, which fall back to the declared default. What they return is
// shared (with the config, or the rule's default): rules do not modify it.
type OptionValues map[string]any

// StringList reads a StringListOption.
func (v OptionValues) StringList(o Option) []string { return read[[]string](v, o, StringListOption) }

// StringValue reads a StringOption.
func (v OptionValues) StringValue(o Option) string { return read[string](v, o, StringOption) }

// StringMap reads a StringMapOption.
func (v OptionValues) StringMap(o Option) map[string]string {
	return read[map[string]string](v, o, StringMapOption)
}

// BoolValue reads a BoolOption.
func (v OptionValues) BoolValue(o Option) bool { return read[bool](v, o, BoolOption) }

// IntValue reads an IntOption.
func (v OptionValues) IntValue(o Option) int { return read[int](v, o, IntOption) }

// read returns the value set for o, or its default. A value not of o's
// type (a library caller's options not decoded by DecodeOptions) is
// decoded here; one that does not decode counts as unset, as the loader
// would have refused it.
func read[T any](v OptionValues, o Option, want OptionType) T {
	if o.Type != want {
		// A rule reading an option as another type than it declares is a
		// bug in the rule, which every test of it shows.
		panic(fmt.Sprintf("option %s is a %s, read as a %s", o.Name, o.Type, want))
	}
	if raw, ok := v[o.Name]; ok {
		if t, ok := raw.(T); ok {
			return t
		}
		if d, err := o.decode(raw); err == nil {
			return d.(T)
		}
	}
	t, _ := o.Default.(T)
	return t
}

// Render writes a value of the option's type in YAML flow style, spaced
// as people write it (and valid JSON), for the docs and the starter
// config: nil is the type's zero value.
func (o Option) Render(v any) string {
	switch x := v.(type) {
	case []string:
		items := make([]string, len(x))
		for i, s := range x {
			items[i] = quoted(s)
		}
		return "[" + strings.Join(items, ", ") + "]"
	case map[string]string:
		var items []string
		for _, k := range slices.Sorted(maps.Keys(x)) {
			items = append(items, quoted(k)+": "+quoted(x[k]))
		}
		return "{" + strings.Join(items, ", ") + "}"
	case string:
		return quoted(x)
	case nil:
		return o.Render(zero[o.Type])
	}
	return fmt.Sprint(v)
}

// zero are the values of unset options without a default.
var zero = map[OptionType]any{
	StringOption: "", StringListOption: []string{}, StringMapOption: map[string]string{},
	BoolOption: false, IntOption: 0,
}

func quoted(s string) string {
	out, _ := json.Marshal(s) // a string always marshals
	return string(out)
}

// OptionError is a problem with one option setting. Path leads from the
// rule's options to the offending key or item: the option's name, then a
// list index or map key when the problem is inside the value.
type OptionError struct {
	Path    []string
	Message string
	// Unknown is set when the rule declares no option of that name.
	Unknown bool
}

// DecodeOptions checks settings written in config (in the JSON data
// model: strings, float64 numbers, bools, []any, map[string]any) against
// the options rule declares, and returns them typed. It reports every
// unknown option and every value of the wrong type, in the order of names;
// an unknown option's message suggests the declared one it most likely
// meant.
func DecodeOptions(rule *Meta, raw map[string]any) (OptionValues, []OptionError) {
	declared := rule.Options
	out := OptionValues{}
	var errs []OptionError
	names := make([]string, 0, len(declared))
	for _, o := range declared {
		names = append(names, o.Name)
	}
	for _, name := range slices.Sorted(maps.Keys(raw)) {
		i := slices.Index(names, name)
		if i < 0 {
			errs = append(errs, OptionError{Path: []string{name}, Message: unknownOption(rule.ID, name, names), Unknown: true})
			continue
		}
		v, err := declared[i].decode(raw[name])
		if err != nil {
			err.Path = append([]string{name}, err.Path...)
			errs = append(errs, *err)
			continue
		}
		out[name] = v
	}
	return out, errs
}

func unknownOption(rule, name string, known []string) string {
	if len(known) == 0 {
		return "unknown option: " + rule + " takes no options"
	}
	if near := Nearest(name, known); near != "" {
		return fmt.Sprintf("unknown option of %s; did you mean %q?", rule, near)
	}
	return fmt.Sprintf("unknown option of %s (its options: %s)", rule, strings.Join(known, ", "))
}

// decode converts a value in the JSON data model (or already of the
// option's Go type) to the option's Go type.
func (o Option) decode(raw any) (any, *OptionError) {
	switch o.Type {
	case StringOption:
		s, ok := raw.(string)
		if !ok {
			return nil, typeError(o.Type, raw)
		}
		return s, o.match(s)
	case StringListOption:
		return decodeList(o, raw)
	case StringMapOption:
		return decodeMap(o, raw)
	case BoolOption:
		b, ok := raw.(bool)
		if !ok {
			return nil, typeError(o.Type, raw)
		}
		return b, nil
	case IntOption:
		// YAML integers reach the data model as float64; one with a
		// fraction, or beyond what a float64 holds exactly, is no integer.
		f, ok := raw.(float64)
		if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return nil, typeError(o.Type, raw)
		}
		return int(f), nil
	}
	return nil, &OptionError{Message: "option of unknown type " + o.Type.String()}
}

func decodeList(o Option, raw any) (any, *OptionError) {
	switch l := raw.(type) {
	case []string:
		return l, nil
	case []any:
		out := make([]string, 0, len(l))
		for i, item := range l {
			s, ok := item.(string)
			if !ok {
				err := typeError(StringOption, item)
				err.Path = []string{fmt.Sprint(i)}
				return nil, err
			}
			if err := o.match(s); err != nil {
				err.Path = []string{fmt.Sprint(i)}
				return nil, err
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, typeError(o.Type, raw)
}

func decodeMap(o Option, raw any) (any, *OptionError) {
	switch m := raw.(type) {
	case map[string]string:
		return m, nil
	case map[string]any:
		out := make(map[string]string, len(m))
		for _, k := range slices.Sorted(maps.Keys(m)) {
			s, ok := m[k].(string)
			if !ok {
				err := typeError(StringOption, m[k])
				err.Path = []string{k}
				return nil, err
			}
			if err := o.match(s); err != nil {
				err.Path = []string{k}
				return nil, err
			}
			out[k] = s
		}
		return out, nil
	}
	return nil, typeError(o.Type, raw)
}

// optionPatterns holds each declared pattern compiled once: options are
// checked for every config file and every list item in it.
var optionPatterns sync.Map // string -> *regexp.Regexp

func compiledPattern(p string) *regexp.Regexp {
	if re, ok := optionPatterns.Load(p); ok {
		return re.(*regexp.Regexp)
	}
	re := regexp.MustCompile(p) // declared by a rule: a bad one is a bug the registry test catches
	optionPatterns.Store(p, re)
	return re
}

// match checks a string against the option's pattern.
func (o Option) match(s string) *OptionError {
	if o.Pattern == "" || compiledPattern(o.Pattern).MatchString(s) {
		return nil
	}
	return &OptionError{Message: fmt.Sprintf("%q does not match pattern %s", s, o.Pattern)}
}

func typeError(want OptionType, got any) *OptionError {
	article := "a "
	if want == IntOption {
		article = "an "
	}
	return &OptionError{Message: fmt.Sprintf("must be %s%s, not %s", article, want, jsonTypeName(got))}
}

// jsonTypeName names a value of the JSON data model as a config's author
// would.
func jsonTypeName(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case float64:
		if x == math.Trunc(x) {
			return "an integer"
		}
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "a map"
	}
	return fmt.Sprintf("%T", v)
}

// InheritOptions returns the rules' settings with every unset option that
// Inherits another rule's filled in from that rule's setting, if it has
// one. options is not modified: what changes is copied.
func InheritOptions(rules []Rule, options map[string]map[string]any) map[string]map[string]any {
	out, copied := options, false
	for _, r := range rules {
		m := r.Meta()
		for _, o := range m.Options {
			if o.Inherits == "" {
				continue
			}
			if _, set := out[m.ID][o.Name]; set {
				continue
			}
			v, ok := options[o.Inherits][o.Name]
			if !ok {
				continue
			}
			if !copied {
				out, copied = maps.Clone(options), true
			}
			own := maps.Clone(out[m.ID])
			if own == nil {
				own = map[string]any{}
			}
			own[o.Name] = v
			out[m.ID] = own
		}
	}
	return out
}
