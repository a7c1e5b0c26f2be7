package terraform

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ecslint/ecslint/lint"
)

// renderTemplate renders a template text with the given known string
// variables (any other name is unknown) into its readings.
func renderTemplate(t *testing.T, text string, vars map[string]string) (*evaluator, []*rendered) {
	t.Helper()
	f := newSrcFile("t.tpl", []byte(text))
	tx, diags := hclsyntax.ParseTemplate(f.src, f.key, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ev := newEvaluator(lint.NewContext(nil, lint.ParseOptions{}))
	names := map[string]*lint.Node{}
	for k, v := range vars {
		names[k] = strNode(v, lint.Range{})
	}
	parts := []hclsyntax.Expression{tx}
	if te, ok := tx.(*hclsyntax.TemplateExpr); ok {
		parts = te.Parts
	}
	rs := ev.render(&scope{names: names}, f, parts, nil, false)
	return ev, rs
}

// source finds the n-th (from 1) occurrence of needle in text and returns
// its position as "line:col".
func source(t *testing.T, text, needle string, n int) string {
	t.Helper()
	off := -1
	for range n {
		i := strings.Index(text[off+1:], needle)
		if i < 0 {
			t.Fatalf("%q not in the template", needle)
		}
		off += 1 + i
	}
	p := lint.NewLineIndex([]byte(text), 0, false).Pos(off)
	return lint.Range{File: "t.tpl", Start: p}.String()
}

func TestRenderedPositionsAreExact(t *testing.T) {
	// A known value longer than its ${...}, an escaped $${, and a key after
	// both on the same line.
	text := `[{"image": "${img}", "note": "$${x}", "privileged": true}]`
	_, rs := renderTemplate(t, text, map[string]string{"img": "registry.example.com/team/web:1.25.3"})
	if len(rs) != 1 {
		t.Fatalf("readings: %d", len(rs))
	}
	n, err := parseHoleJSON(rs[0])
	if err != nil {
		t.Fatal(err)
	}
	c := n.Items[0]
	if got := c.Get("image").Value.Text; got != "registry.example.com/team/web:1.25.3" {
		t.Errorf("image %q", got)
	}
	if got := c.Get("note").Value.Text; got != "${x}" {
		t.Errorf("note %q", got)
	}
	at(t, c.Get("privileged").KeyRange, source(t, text, `"privileged"`, 1))
	if r := c.Get("privileged").KeyRange; int(r.End.Col-r.Start.Col) != len(`"privileged"`) {
		t.Errorf("key range %v-%v", r.Start, r.End)
	}
	// The substituted value spans its interpolation in the source.
	img := c.Get("image").Value.Range
	at(t, img, source(t, text, `"${img}"`, 1))
	if int(img.End.Col) != int(img.Start.Col)+len(`"${img}"`) {
		t.Errorf("value range %v-%v", img.Start, img.End)
	}
}

func TestRenderedStripMarkersAndIndent(t *testing.T) {
	text := "[\n  %{~ if true ~}\n    {\"a\": 1,\n     \"b\": 2}\n  %{~ endif ~}\n]\n"
	_, rs := renderTemplate(t, text, nil)
	n, err := parseHoleJSON(rs[0])
	if err != nil {
		t.Fatal(err)
	}
	at(t, n.Items[0].Get("b").KeyRange, source(t, text, `"b"`, 1))
	at(t, n.Items[0].Range, source(t, text, `{"a"`, 1))
}

func TestHoleJSON(t *testing.T) {
	text := `[{"cpu": ${cpu}, "image": "web:${tag}", "environment": [${env}, {"name": "A"}], ${extra}},
 {"name": "b", "${k}": 1}]`
	_, rs := renderTemplate(t, text, nil)
	n, err := parseHoleJSON(rs[0])
	if err != nil {
		t.Fatal(err)
	}
	c := n.Items[0]
	cpu := c.Get("cpu").Value
	if cpu.Kind != lint.UnknownNode {
		t.Errorf("cpu: %v", cpu.Kind)
	}
	at(t, cpu.Range, source(t, text, "${cpu}", 1))
	if int(cpu.Range.End.Col) != int(cpu.Range.Start.Col)+len("${cpu}") {
		t.Errorf("cpu range %v-%v", cpu.Range.Start, cpu.Range.End)
	}
	if img := c.Get("image").Value; img.Kind != lint.UnknownNode {
		t.Errorf("a string with a hole: %v %q", img.Kind, img.Text)
	}
	env := c.Get("environment").Value
	if !env.Partial || len(env.Items) != 1 || env.Items[0].Get("name").Value.Text != "A" {
		t.Errorf("environment: partial=%v items=%d", env.Partial, len(env.Items))
	}
	if !c.Partial || len(c.Fields) != 3 {
		t.Errorf("member hole: partial=%v fields=%d", c.Partial, len(c.Fields))
	}
	if b := n.Items[1]; !b.Partial || len(b.Fields) != 1 {
		t.Errorf("unknown key: partial=%v fields=%d", b.Partial, len(b.Fields))
	}
	if n.Partial {
		t.Errorf("the outer array has no hole")
	}
}

func TestHoleJSONErrors(t *testing.T) {
	for _, tc := range []struct {
		text, at string
		near     bool
	}{
		{`[{"a": ${x} "b": 1}]`, `"b"`, true},
		{`[{"a": "${x}" "b": 1}]`, `"b"`, false},
		{`[{"a": 1,}, ${x}]`, `}`, false},
		{`[{"a": tru}]`, `tru`, false},
	} {
		_, rs := renderTemplate(t, tc.text, nil)
		_, err := parseHoleJSON(rs[0])
		var se *holeSyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%s: error %v", tc.text, err)
			continue
		}
		at(t, rs[0].rng(se.off, se.off), source(t, tc.text, tc.at, 1))
		if se.nearHole != tc.near {
			t.Errorf("%s: nearHole %v", tc.text, se.nearHole)
		}
	}
}

func TestDirectiveReadings(t *testing.T) {
	text := `[%{ for n in names ~}
{"name": "${n}", "privileged": %{ if debug }true%{ else }false%{ endif }},
%{ endfor ~}
{"name": "last"}]`
	ev, rs := renderTemplate(t, text, nil)
	// names is unknown: the for is a hole, and the if inside it is not read.
	if len(rs) != 1 || !rs[0].holed() {
		t.Fatalf("unknown collection: %d readings", len(rs))
	}
	n, err := parseHoleJSON(rs[0])
	if err != nil || !n.Partial || len(n.Items) != 1 {
		t.Fatalf("unknown for: %v %+v", err, n)
	}

	// A known collection repeats the body at its text; the unknown
	// condition forks each iteration.
	f := newSrcFile("t.tpl", []byte(text))
	tx, _ := hclsyntax.ParseTemplate(f.src, f.key, hcl.InitialPos)
	list := &lint.Node{Kind: lint.ArrayNode, Items: []*lint.Node{strNode("a", lint.Range{}), strNode("b", lint.Range{})}}
	rs = ev.render(&scope{names: map[string]*lint.Node{"names": list}}, f, tx.(*hclsyntax.TemplateExpr).Parts, nil, false)
	if len(rs) != 4 {
		t.Fatalf("two unknown conditions: %d readings", len(rs))
	}
	var vals []*lint.Node
	for _, r := range rs {
		v, err := parseHoleJSON(r)
		if err != nil {
			t.Fatal(err)
		}
		vals = append(vals, v)
	}
	m := mergeReadings(vals)
	if len(m.Items) != 3 || len(m.Alts()) != 0 {
		t.Fatalf("merged: %d items, %d alternatives", len(m.Items), len(m.Alts()))
	}
	for i, name := range []string{"a", "b"} {
		c := m.Items[i]
		if c.Get("name").Value.Text != name {
			t.Errorf("item %d: %q", i, c.Get("name").Value.Text)
		}
		at(t, c.Get("privileged").KeyRange, source(t, text, `"privileged"`, 1))
		p := c.Get("privileged").Value
		if len(p.Alts()) != 1 {
			t.Fatalf("privileged %d: %d alternatives", i, len(p.Alts()))
		}
		at(t, p.Range, source(t, text, "true", 1))
		at(t, p.Alts()[0].Range, source(t, text, "false", 1))
	}
}

func TestDirectiveVariantCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for i := range 6 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`%{ if c }1%{ else }2%{ endif }`)
	}
	b.WriteString("]")
	_, rs := renderTemplate(t, b.String(), nil)
	if len(rs) != maxTemplateVariants {
		t.Fatalf("readings: %d, want the cap %d", len(rs), maxTemplateVariants)
	}
	n, err := parseHoleJSON(rs[0])
	if err != nil {
		t.Fatal(err)
	}
	// Past the cap the conditions are holes, which in an array stand for
	// elements: four known items, and unknown ones.
	if len(n.Items) != 4 || !n.Partial {
		t.Errorf("items %d, partial %v", len(n.Items), n.Partial)
	}
}

func TestHeredocHolesThroughTheParser(t *testing.T) {
	u, _ := parseTree(t, map[string]string{"main.tf": `variable "cpu" {}
locals {
  env = [{ name = "A", value = "b" }]
}
resource "aws_ecs_task_definition" "app" {
  container_definitions = <<EOT
[{"name": "web", "cpu": ${var.cpu}, "environment": ${jsonencode(local.env)}, "privileged": true}]
EOT
}
resource "aws_ecs_task_definition" "quoted" {
  container_definitions = "[{\"name\": \"${var.cpu}\", \"privileged\": true}]"
}
`}, ".", lint.ParseOptions{})
	tds := u.TaskDefinitions
	if len(tds) != 2 || len(tds[0].Containers) != 1 || len(tds[1].Containers) != 1 {
		t.Fatalf("task definitions: %d", len(tds))
	}
	c := tds[0].Containers[0]
	at(t, c.Privileged.Range, "main.tf:7:78")
	if len(c.Environment) != 1 {
		t.Fatalf("environment: %d", len(c.Environment))
	}
	// jsonencode() kept the positions of the object literal.
	at(t, c.Environment[0].Name.Range, "main.tf:3:12")
	q := tds[1].Containers[0]
	if q.Name.State != lint.Unknown || !q.Privileged.V {
		t.Errorf("quoted: name %v, privileged %v", q.Name.State, q.Privileged.V)
	}
	at(t, q.Privileged.Range, "main.tf:11:56")
}

func TestInterpolatedConditionalForks(t *testing.T) {
	text := `[{"name": "a", "privileged": ${debug ? true : false}, "cpu": ${debug ? 1 : 2}}]`
	_, rs := renderTemplate(t, text, nil)
	if len(rs) != 4 {
		t.Fatalf("readings: %d", len(rs))
	}
	var vals []*lint.Node
	for _, r := range rs {
		v, err := parseHoleJSON(r)
		if err != nil {
			t.Fatal(err)
		}
		vals = append(vals, v)
	}
	p := mergeReadings(vals).Items[0].Get("privileged").Value
	if p.Text != "true" || len(p.Alts()) != 1 || p.Alts()[0].Text != "false" {
		t.Fatalf("privileged: %q %d", p.Text, len(p.Alts()))
	}
	at(t, p.Range, source(t, text, "${debug ? true", 1))
}

func TestRenderedSizeIsBounded(t *testing.T) {
	text := "[%{ for x in xs }" + strings.Repeat(" ", 200) + "1,%{ endfor }2]"
	f := newSrcFile("t.tpl", []byte(text))
	tx, _ := hclsyntax.ParseTemplate(f.src, f.key, hcl.InitialPos)
	xs := &lint.Node{Kind: lint.ArrayNode}
	for range 100_000 {
		xs.Items = append(xs.Items, strNode("x", lint.Range{}))
	}
	ev := newEvaluator(lint.NewContext(nil, lint.ParseOptions{}))
	rs := ev.render(&scope{names: map[string]*lint.Node{"xs": xs}}, f, tx.(*hclsyntax.TemplateExpr).Parts, nil, false)
	if n := len(rs[0].buf); n > maxRenderedBytes+1024 {
		t.Fatalf("rendered %d bytes", n)
	}
	v, err := parseHoleJSON(rs[0])
	if err != nil {
		t.Fatal(err)
	}
	if !v.Partial || len(v.Items) < 1000 {
		t.Errorf("items %d, partial %v", len(v.Items), v.Partial)
	}
}

func TestOptionalElementsAreReadOnce(t *testing.T) {
	text := `[{"name": "web"}, %{ if agent }{"name": "agent"},%{ endif } {"name": "last"}]`
	_, rs := renderTemplate(t, text, nil)
	var vals []*lint.Node
	for _, r := range rs {
		v, err := parseHoleJSON(r)
		if err != nil {
			t.Fatal(err)
		}
		vals = append(vals, v)
	}
	m := mergeReadings(vals)
	var names []string
	for _, it := range m.Items {
		names = append(names, it.Get("name").Value.Text)
	}
	if strings.Join(names, ",") != "web,agent,last" || len(m.Alts()) != 0 {
		t.Errorf("items %v, %d alternatives", names, len(m.Alts()))
	}
}
