package schema_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/schema"
)

func load(t *testing.T, src string) *schema.Schema {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	s, err := schema.New(doc, "#")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func failures(s *schema.Schema, inst string) []string {
	d := json.NewDecoder(strings.NewReader(inst))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		panic(err)
	}
	var out []string
	for _, e := range s.Validate(v) {
		out = append(out, e.AbsoluteKeywordLocation+" @"+e.InstanceLocation+": "+e.Message)
	}
	return out
}

// A schema with a keyword the validator does not implement is refused,
// never half-applied.
func TestUnknownKeywordsAreRefused(t *testing.T) {
	for _, src := range []string{
		`{"properties": {"a": {"pattern": "^x", "maxLength": 3}}}`,
		`{"$defs": {"x": {"oneOf": []}}}`,
		`{"items": {"uniqueItems": true}}`,
		`{"$ref": "#/$defs/missing"}`,
		`{"pattern": "("}`,
	} {
		var doc map[string]any
		if err := json.Unmarshal([]byte(src), &doc); err != nil {
			t.Fatal(err)
		}
		if _, err := schema.New(doc, "#"); err == nil {
			t.Errorf("%s was accepted", src)
		}
	}
}

func TestKeywords(t *testing.T) {
	s := load(t, `{"type": "object", "required": ["n"], "additionalProperties": false, "properties": {
		"n": {"type": "integer", "minimum": 1, "maximum": 1e6},
		"s": {"type": "string", "minLength": 2, "pattern": "^[a-z]+$", "enum": ["ab", "cd"]},
		"l": {"type": "array", "items": {"$ref": "#/$defs/flag"}},
		"a b": {"type": "boolean"}},
		"$defs": {"flag": {"type": ["boolean", "null"]}}}`)
	for inst, want := range map[string]string{
		`{"n": 1}`:         ``,
		`{"n": 1.0}`:       ``, // an integer however written
		`{"n": 1e3}`:       ``,
		`{"n": 1.5}`:       `#/properties/n/type @/n: expected integer, but got number`,
		`{"n": 0}`:         `#/properties/n/minimum @/n: must be >= 1 but found 0`,
		`{"n": 2000000}`:   `#/properties/n/maximum @/n: must be <= 1e+06 but found 2000000`,
		`{}`:               `# /required @: missing properties: 'n'`,
		`{"n": 1, "x": 1}`: `#/additionalProperties @: additionalProperties 'x' not allowed`,
		`{"n": 1, "s": "A"}`: `#/properties/s/enum @/s: value must be one of "ab", "cd"|` +
			`#/properties/s/minLength @/s: length must be >= 2, but got 1|#/properties/s/pattern @/s: does not match pattern '^[a-z]+$'`,
		`{"n": 1, "s": 3}`:         `#/properties/s/type @/s: expected string, but got number`,
		`{"n": 1, "l": [true, 3]}`: `#/$defs/flag/type @/l/1: expected boolean or null, but got number`,
		`{"n": 1, "a b": 1}`:       `#/properties/a%20b/type @/a%20b: expected boolean, but got number`,
	} {
		got := strings.Join(failures(s, inst), "|")
		want = strings.ReplaceAll(want, "# /required", "#/required")
		if got != want && !sameSet(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", inst, got, want)
		}
	}
}

func sameSet(a, b string) bool {
	as, bs := strings.Split(a, "|"), strings.Split(b, "|")
	if len(as) != len(bs) {
		return false
	}
	seen := map[string]int{}
	for _, x := range as {
		seen[x]++
	}
	for _, x := range bs {
		seen[x]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

// A $ref chain that consumes no instance ends instead of recursing for ever.
func TestRefLoopEnds(t *testing.T) {
	s := load(t, `{"$ref": "#/$defs/a", "$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}}`)
	if got := failures(s, `1`); len(got) != 0 {
		t.Errorf("got %v", got)
	}
}
