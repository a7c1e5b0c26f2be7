package config

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// reference is the config schema compiled by a general JSON Schema
// validator: package schema must find exactly the failures it finds, worded
// the same, as the config's error messages pass them on. The binary does
// not link the reference.
var reference = sync.OnceValue(func() *jsonschema.Schema {
	start, end, err := valueRange([]byte(schemaJSON), "properties", "options")
	if err != nil {
		panic(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("config.schema.json", strings.NewReader(validatedSchema(schemaJSON, start, end))); err != nil {
		panic(err)
	}
	return c.MustCompile("config.schema.json")
})

func referenceLeaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, referenceLeaves(c)...)
	}
	return out
}

func TestValidatorAgreesWithReference(t *testing.T) {
	configs := []string{
		Starter(rules), "", "{}\n",
		"severity: {ECS001: low, privileged-container: high}\n",
		"severity: {ECS001: lowest}\n",
		"severity: [ECS001]\n",
		"severity: {ECS001: 3}\n",
		"rules: {enable: [ECS001], disable: [privileged-container]}\n",
		"rules: {enable: ECS001, disable: [1, true, null]}\n",
		"rules: {enabel: [ECS001]}\n",
		"exclude: [\"**/a/**/b/*.json\", \"[x\"]\nignore:\n  - {path: \"**/*.tf\", rule: ECS001, reason: r, until: 2027-01-01}\n",
		"ignore:\n  - {path: \"\", rule: \"\", reason: \"\"}\n  - {rule: ECS001}\n  - {path: a, rule: ECS001, reason: r, until: tomorrow}\n  - x\n",
		"ignore: {path: a}\n",
		"terraform:\n  var-files: [a.tfvars]\n  vars: {env: prod, n: 3, ok: true}\n",
		"terraform:\n  var-files: a.tfvars\n  vars: [env]\n  colour: blue\n",
		"fail-on: low\n", "fail-on: nothing\n", "fail-on: 1\n", "fail-on: [low]\n",
		"options:\n  ECS011: {allowed-capabilities: [NET_ADMIN]}\n  ECS001: {allowed-capability: [3]}\n",
		"options: [ECS011]\noptions2: {}\n",
		"options:\n  ECS011: [NET_ADMIN]\n",
		"baseline: base.json\ninline-suppressions: false\nstrict-suppressions: true\n",
		"baseline: 3\ninline-suppressions: maybe\nstrict-suppressions: [true]\n",
		"exclude: [1, 2.5, {a: b}, [c]]\n",
		"\"sev\\e[2J\": {}\n",
		"severity: {ECS001: .inf}\nexclude: [.nan]\n",
	}
	for _, src := range configs {
		doc, err := oneDocument("c.yaml", []byte(src))
		if err != nil || len(doc.Content) == 0 {
			continue
		}
		pl := &plainer{file: "c.yaml"}
		value := pl.plain(doc.Content[0], 0)
		if pl.errs.sorted() != nil {
			continue
		}
		var got, want []string
		for _, e := range validator().Validate(value) {
			got = append(got, e.KeywordLocation+" @"+e.InstanceLocation+" "+e.Message)
		}
		var ve *jsonschema.ValidationError
		if err := reference().Validate(value); errors.As(err, &ve) {
			for _, leaf := range referenceLeaves(ve) {
				want = append(want, leaf.KeywordLocation+" @"+leaf.InstanceLocation+" "+normalise(leaf))
			}
		} else if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q:\n  ours      %q\n  reference %q", src, got, want)
		}
	}
}

// normalise is the reference's message, with the names in an
// additionalProperties message in sorted order: it lists them in map
// order, and the config reports each unknown key on its own anyway.
func normalise(leaf *jsonschema.ValidationError) string {
	names, ok := strings.CutPrefix(leaf.Message, "additionalProperties ")
	if !ok {
		return leaf.Message
	}
	names, _ = strings.CutSuffix(names, " not allowed")
	list := strings.Split(names, ", ")
	slices.Sort(list)
	return "additionalProperties " + strings.Join(list, ", ") + " not allowed"
}
