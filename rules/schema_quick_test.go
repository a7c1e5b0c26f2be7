package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/schema"
)

// schemaDoc is one document ECS000 validates.
type schemaDoc struct {
	n          *lint.Node
	style      lint.KeyStyle
	containers bool
	at         lint.Range
}

// parseDocs parses a file with whichever parser claims it and returns the
// documents ECS000 validates.
func parseDocs(p string) []schemaDoc {
	fsys, _ := lint.NewFS([]string{filepath.Dir(p)}, 0)
	var docs []schemaDoc
	for _, ps := range formats.All().Parsers() {
		if !ps.Accepts(p) {
			continue
		}
		us, claimed := ps.Parse(lint.NewContext(fsys, lint.ParseOptions{}), []string{p})
		if !claimed {
			continue
		}
		for _, u := range us {
			for _, td := range u.TaskDefinitions {
				switch {
				case td.Doc != nil:
					docs = append(docs, schemaDoc{td.Doc, td.DocStyle, false, td.Range})
				case td.ContainersDoc != nil && td.ContainersState == lint.Known:
					docs = append(docs, schemaDoc{td.ContainersDoc, td.DocStyle, true, td.Range})
				}
			}
		}
		break
	}
	return docs
}

func fixtureDocs() []schemaDoc {
	var docs []schemaDoc
	_ = filepath.WalkDir("../fixtures", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(p, ".out") {
			docs = append(docs, parseDocs(p)...)
		}
		return nil
	})
	return docs
}

// judge runs both checks on a document and fails the test if the quick
// check passes what the validator rejects, or if the validator rejects a
// document and ECS000 words no violation from its errors (as it once did
// for a required key that AWS::NoValue leaves out of one variant). The
// validator's verdict is its own errors, so the first check does not rely
// on explain.
func judge(t *testing.T, d schemaDoc, what string) (quick, invalid bool) {
	t.Helper()
	s := schemaFor(d.style)
	var errs []string
	s.failures(d.n, d.containers, func(_ *variant, leaf schema.Error) {
		errs = append(errs, leaf.InstanceLocation+": "+leaf.Message)
	})
	agreeWithReference(t, s, d, what)
	quick = s.quick(d.containers).valid(d.n)
	if quick && len(errs) > 0 {
		t.Errorf("%s%s: the quick check passes a document the validator rejects: %v", d.at, what, errs)
	}
	if len(errs) > 0 {
		if vs, err := validateDoc(d.n, d.style, d.containers); err != nil || len(vs) == 0 {
			t.Errorf("%s%s: the validator rejects the document (%v) but ECS000 reports nothing", d.at, what, errs)
		}
	}
	return quick, len(errs) > 0
}

// quickValid may only say "valid" when the validator agrees; over every
// document the fixtures hold it must, and it must say so for most of them
// (else it saves nothing).
func TestQuickValidAgreesWithValidator(t *testing.T) {
	var quick, invalid, docs int
	for _, d := range fixtureDocs() {
		docs++
		q, bad := judge(t, d, "")
		if q {
			quick++
		}
		if bad {
			invalid++
		}
	}
	if docs < 100 || invalid == 0 || quick < (docs-invalid)*8/10 {
		t.Errorf("%d documents, %d invalid, %d passed by the quick check", docs, invalid, quick)
	}
	t.Logf("%d documents, %d invalid, %d passed by the quick check", docs, invalid, quick)
}

// The same over the fixtures' documents with one value at a time given an
// alternative (absent, null, unknown, another value of the document, or
// itself), put behind an absent first branch, or made unknown: the
// readings Fn::If, AWS::NoValue and Terraform's conditionals produce, at
// every kind of place (the root, a field, an array item).
func TestQuickValidAgreesWithValidatorOnAlternatives(t *testing.T) {
	var mutants, quick, invalid int
	for _, d := range fixtureDocs() {
		var nodes []*lint.Node
		var walk func(*lint.Node)
		walk = func(n *lint.Node) {
			nodes = append(nodes, n)
			for _, it := range n.Items {
				walk(it)
			}
			for _, f := range n.Fields {
				walk(f.Value)
			}
		}
		walk(d.n)
		// A dozen places a document keep the test quick under -race.
		step := max(1, len(nodes)/12)
		for i := 0; i < len(nodes); i += step {
			// A copy, as other may hold n.
			n, other := nodes[i], clone(nodes[(i+len(nodes)/2)%len(nodes)])
			other.SetAlts(nil)
			self := *n
			self.SetAlts(nil)
			for _, m := range []struct {
				name   string
				mutate func()
			}{
				{"an absent alternative", func() { n.SetAlts(append(n.Alts(), &lint.Node{Kind: lint.AbsentNode})) }},
				{"a null alternative", func() { n.SetAlts(append(n.Alts(), &lint.Node{Kind: lint.NullNode})) }},
				{"an unknown alternative", func() { n.SetAlts(append(n.Alts(), &lint.Node{Kind: lint.UnknownNode})) }},
				{"another value as alternative", func() { n.SetAlts(append(n.Alts(), other)) }},
				{"itself as alternative", func() { n.SetAlts(append(n.Alts(), &self)) }},
				{"an absent first branch", func() { *n = lint.Node{Kind: lint.AbsentNode}; n.SetAlts([]*lint.Node{&self}) }},
				{"an unknown value", func() { *n = lint.Node{Kind: lint.UnknownNode} }},
			} {
				saved := *n
				m.mutate()
				q, bad := judge(t, d, ", the value at "+saved.Range.String()+" given "+m.name)
				*n = saved
				mutants++
				if q {
					quick++
				}
				if bad {
					invalid++
				}
			}
		}
	}
	// Both answers must be common, or the test proves little.
	if quick < mutants/2 || invalid < mutants/20 {
		t.Errorf("%d mutants, %d invalid, %d passed by the quick check", mutants, invalid, quick)
	}
	t.Logf("%d mutants, %d invalid, %d passed by the quick check", mutants, invalid, quick)
}

func clone(n *lint.Node) *lint.Node {
	c := *n
	c.Items, c.Fields = nil, nil
	c.SetAlts(nil)
	for _, it := range n.Items {
		c.Items = append(c.Items, clone(it))
	}
	for _, f := range n.Fields {
		c.Fields = append(c.Fields, &lint.Field{Key: f.Key, KeyRange: f.KeyRange, Value: clone(f.Value)})
	}
	for _, a := range n.Alts() {
		c.SetAlts(append(c.Alts(), clone(a)))
	}
	return &c
}

// Documents that are valid in every branch are the quick check's to pass;
// one wrong or left-out key in any branch is the validator's.
func TestQuickValidDecidesAlternatives(t *testing.T) {
	for _, c := range []struct {
		cfn, tf        string // a CloudFormation container's YAML lines, or a Terraform container's HCL
		quick, invalid bool
	}{
		{cfn: "Privileged: !If [Debug, true, false]", quick: true},
		{cfn: "Privileged: !If [Debug, true, !Ref AWS::NoValue]", quick: true},
		{cfn: "Privileged: !If [Debug, !Ref AWS::NoValue, !Ref Unknown]", quick: true},
		{cfn: "Ulimits:\n  - !If [Debug, {Name: nofile, SoftLimit: 1, HardLimit: 2}, !Ref AWS::NoValue]", quick: true},
		{cfn: "HealthCheck: !If [Debug, !Ref AWS::NoValue, {Command: [CMD, x], Intervall: 30}]", invalid: true},
		{cfn: "Privileged: !If [Debug, true, {}]", invalid: true},
		{cfn: "Bogus: !If [Debug, !Ref AWS::NoValue, 1]", invalid: true},
		// Left out where it is required: the validator rejects it (though
		// explain finds no key to report).
		{cfn: "DependsOn:\n  - ContainerName: db\n    Condition: !If [Debug, START, !Ref AWS::NoValue]", invalid: true},
		{tf: "privileged = var.debug ? true : false", quick: true},
		{tf: `privileged = var.debug ? true : "yes"`, invalid: true},
	} {
		file := [2]string{"main.tf", tfTask(`{ name = "app", image = "nginx:1.27", ` + c.tf + ` }`)}
		if c.cfn != "" {
			lines := "        - Name: app\n          Image: nginx:1.27\n          " + strings.ReplaceAll(c.cfn, "\n", "\n          ") + "\n"
			file = [2]string{"template.yaml", cfnTask(lines)}
		}
		what := c.cfn + c.tf
		p := filepath.Join(t.TempDir(), file[0])
		if err := os.WriteFile(p, []byte(file[1]), 0o600); err != nil {
			t.Fatal(err)
		}
		docs := parseDocs(p)
		if len(docs) != 1 || len(withAlternatives(docs[0].n, nil)) == 0 {
			t.Errorf("%s: %d documents, or none with alternatives", what, len(docs))
			continue
		}
		quick, invalid := judge(t, docs[0], ", "+what)
		if quick != c.quick || invalid != c.invalid {
			t.Errorf("%s: quick %v, invalid %v; want %v, %v", what, quick, invalid, c.quick, c.invalid)
		}
	}
}

// referenceSchemas are the schemas compiled by a general JSON Schema
// validator, the reference the full validator must agree with; the binary
// does not link it.
var referenceSchemas sync.Map // *styleSchema -> [2]*jsonschema.Schema

func referenceSchema(t *testing.T, s *styleSchema, containers bool) *jsonschema.Schema {
	t.Helper()
	if got, ok := referenceSchemas.Load(s); ok {
		return got.([2]*jsonschema.Schema)[boolIndex(containers)]
	}
	b, err := json.Marshal(s.doc)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	const url = "ecslint:taskdef.schema.json"
	if err := c.AddResource(url, bytes.NewReader(b)); err != nil {
		t.Fatal(err)
	}
	task, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	list, err := c.Compile(url + "#/$defs/containerList")
	if err != nil {
		t.Fatal(err)
	}
	referenceSchemas.Store(s, [2]*jsonschema.Schema{task, list})
	return [2]*jsonschema.Schema{task, list}[boolIndex(containers)]
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// agreeWithReference checks that the full validator finds exactly the
// failures the reference validator finds, in every variant: the same
// keywords at the same schema and instance locations, worded the same
// where explain uses the wording.
func agreeWithReference(t *testing.T, s *styleSchema, d schemaDoc, what string) {
	t.Helper()
	ref := referenceSchema(t, s, d.containers)
	sch := s.task
	if d.containers {
		sch = s.containers
	}
	variants := []map[*lint.Node]int{{}}
	for _, alt := range withAlternatives(d.n, nil) {
		for j := range alt.Alts() {
			if len(variants) < maxVariants {
				variants = append(variants, map[*lint.Node]int{alt: j + 1})
			}
		}
	}
	for _, choice := range variants {
		inst := (&variant{choose: choice, unknown: map[string]bool{}, partial: map[string]bool{}}).instance(d.n, "")
		var got, want []string
		for _, e := range sch.Validate(inst) {
			got = append(got, describeFailure(e.AbsoluteKeywordLocation, e.InstanceLocation, e.Message))
		}
		var ve *jsonschema.ValidationError
		if err := ref.Validate(inst); errors.As(err, &ve) {
			for _, leaf := range referenceLeaves(ve) {
				want = append(want, describeFailure(leaf.AbsoluteKeywordLocation, leaf.InstanceLocation, leaf.Message))
			}
		} else if err != nil {
			t.Fatal(err)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s%s: the full validator finds\n  %v\nthe reference finds\n  %v", d.at, what, got, want)
		}
	}
}

// describeFailure is what two validators must agree on: the keyword's
// place in the schema, the instance's, and the wording explain passes on.
func describeFailure(keyword, instance, message string) string {
	_, frag, _ := strings.Cut(keyword, "#")
	name := frag[strings.LastIndexByte(frag, '/')+1:]
	if name != "minimum" && name != "maximum" {
		message = ""
	}
	return frag + " @" + instance + " " + message
}

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
