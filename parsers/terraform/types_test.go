package terraform

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ecslint/ecslint/lint"
)

// converted applies the type constraint typ (HCL text) to the value val
// (HCL text, written after it in one file t.tf, so positions count from the
// type's line 1) and returns the result written compactly with each
// value's kind and, for the fields named in at, the key's position.
func converted(t *testing.T, typ, val string, mutate func(*lint.Node)) (*lint.Node, string) {
	t.Helper()
	text := typ + "\n" + val
	f := newSrcFile("t.tf", []byte(text))
	tx, diags := hclsyntax.ParseExpression(f.src[:len(typ)], f.key, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	start := hcl.Pos{Line: 2, Column: 1, Byte: len(typ) + 1}
	vx, diags := hclsyntax.ParseExpression(f.src[len(typ)+1:], f.key, start)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ev := newEvaluator(lint.NewContext(nil, lint.ParseOptions{}))
	v := ev.evalHCL(&scope{}, f, vx)
	if mutate != nil {
		mutate(v)
	}
	out := ev.withDefaults(f, tx, v, 0)
	return out, compact(out)
}

// compact writes a node as kind:text, [..] and {key=..} in field order;
// a partial collection ends in "...".
func compact(n *lint.Node) string {
	var b strings.Builder
	var walk func(*lint.Node)
	walk = func(n *lint.Node) {
		switch n.Kind {
		case lint.ArrayNode:
			b.WriteString("[")
			for i, it := range n.Items {
				if i > 0 {
					b.WriteString(" ")
				}
				walk(it)
			}
			if n.Partial {
				b.WriteString(" ...")
			}
			b.WriteString("]")
		case lint.ObjectNode:
			b.WriteString("{")
			for i, fl := range n.Fields {
				if i > 0 {
					b.WriteString(" ")
				}
				b.WriteString(fl.Key + "=")
				walk(fl.Value)
			}
			if n.Partial {
				b.WriteString(" ...")
			}
			b.WriteString("}")
		default:
			b.WriteString(n.Kind.String() + ":" + n.Text)
		}
		for _, a := range n.Alts() {
			b.WriteString("|")
			walk(a)
		}
	}
	walk(n)
	return b.String()
}

func TestTypeConversion(t *testing.T) {
	for _, c := range []struct{ name, typ, val, want string }{
		{"number from string", `number`, `"80"`, "number:80"},
		{"number from exponent string", `number`, `"1e3"`, "number:1000"},
		{"not a number stays", `number`, `"0x50"`, "string:0x50"},
		{"bool from strings", `list(bool)`, `["true", "1", "false", "0", "yes", "True"]`,
			"[boolean:true boolean:true boolean:false boolean:false string:yes string:True]"},
		{"string from number and bool", `map(string)`, `{ a = 80, b = 1.50, c = true }`, "{a=string:80 b=string:1.5 c=string:true}"},
		{"any keeps", `map(any)`, `{ a = "80" }`, "{a=string:80}"},
		{"null and unknown stay", `list(number)`, `[null, var.x]`, "[null: unknown:]"},
		{"optional default and null", `object({ a = optional(bool, true), b = optional(string), c = number })`, `{ c = "1" }`,
			"{c=number:1 a=boolean:true b=null:}"},
		{"caller's value wins, null gets the default", `object({ a = optional(bool, true), b = optional(string, "x") })`, `{ a = false, b = null }`,
			"{a=boolean:false b=string:x}"},
		{"undeclared attributes dropped", `object({ name = string })`, `{ name = "a", privileged = true }`, "{name=string:a}"},
		{"missing required attribute: not converted, kept", `object({ name = string, port = number })`, `{ port = "80", privileged = true }`,
			"{port=number:80 privileged=boolean:true}"},
		{"nested optional object default gets its own defaults", `object({ log = optional(object({ driver = optional(string, "awslogs"), opts = optional(map(string)) }), {}) })`, `{}`,
			"{log={driver=string:awslogs opts=null:}}"},
		{"null object is not given defaults", `object({ log = optional(object({ driver = optional(string, "awslogs") })) })`, `{ log = null }`,
			"{log=null:}"},
		{"list of objects in a map", `map(list(object({ p = optional(bool, true) })))`, `{ x = [{}, { p = "false" }] }`,
			"{x=[{p=boolean:true} {p=boolean:false}]}"},
		{"tuple by position", `tuple([string, number])`, `[1, "2"]`, "[string:1 number:2]"},
		{"tuple of another length stays", `tuple([string])`, `[1, 2]`, "[number:1 number:2]"},
		{"set", `set(string)`, `[1]`, "[string:1]"},
		{"alternatives each converted", `bool`, `var.x ? "true" : "0"`, "boolean:true|boolean:false"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, got := converted(t, c.typ, c.val, nil); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// A key absent from a partial object may be set by its hole: it stays
// absent (unknown) rather than taking the default; a null the object does
// hold still takes it.
func TestTypeDefaultsPartialObject(t *testing.T) {
	_, got := converted(t, `object({ a = optional(bool, true), b = optional(bool, true), c = string })`, `{ b = null, x = 1 }`,
		func(n *lint.Node) { n.Partial = true })
	if want := "{b=boolean:true ...}"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// Positions: what the value wrote keeps its place; a default points at
// its text in the type; a converted primitive keeps its literal's range.
func TestTypeDefaultsPositions(t *testing.T) {
	n, _ := converted(t, `object({ a = optional(bool, true), b = number })`, `{ b = "80" }`, nil)
	a, b := n.Get("a"), n.Get("b")
	if a == nil || b == nil {
		t.Fatalf("fields: %s", compact(n))
	}
	at(t, a.Value.Range, "t.tf:1:29")
	at(t, a.KeyRange, "t.tf:1:29")
	at(t, b.Value.Range, "t.tf:2:7")
	at(t, b.KeyRange, "t.tf:2:3")
}

// The value given is never changed: a variable's default is shared by
// every instance that reads it.
func TestTypeDefaultsCopy(t *testing.T) {
	ev := newEvaluator(lint.NewContext(nil, lint.ParseOptions{}))
	f := newSrcFile("t.tf", []byte(`object({ a = optional(bool, true), b = bool })`))
	tx, _ := hclsyntax.ParseExpression(f.src, f.key, hcl.InitialPos)
	v := object(lint.Range{}, "b", strNode("true", lint.Range{}))
	out := ev.withDefaults(f, tx, v, 0)
	if compact(v) != "{b=string:true}" || compact(out) != "{b=boolean:true a=boolean:true}" {
		t.Errorf("given %s, converted %s", compact(v), compact(out))
	}
}

// In .tf.json the type is a string holding the type expression: its
// defaults apply and are reported inside the string; a type that does not
// parse is an error at its place, as Terraform rejects it. The user
// default "10\u0030" ("100") has JSON and HCL escapes before it on the
// line, which positions must map through.
func TestTypeConstraintJSON(t *testing.T) {
	u, ctx := parseTree(t, map[string]string{"main.tf.json": `{
  "variable": {
    "ok": {"type": "object({ privileged = optional(bool, true), user = optional(string, \"10\\u0030\") })", "default": {}},
    "bad": {"type": "list(", "default": []}
  },
  "resource": {"aws_ecs_task_definition": {"t": {"family": "t",
    "container_definitions": "${jsonencode([merge({ name = \"a\", image = \"a:1\", x = var.bad }, var.ok)])}"}}}
}`}, ".", lint.ParseOptions{})
	c := u.TaskDefinitions[0].Containers[0]
	if !c.Privileged.V || c.User.V != "100" {
		t.Errorf("defaults: privileged %v, user %q", c.Privileged.V, c.User.V)
	}
	at(t, c.Privileged.Range, "main.tf.json:3:58")
	at(t, c.User.Range, "main.tf.json:3:89")
	errs := ctx.Errors()
	if len(errs) != 1 || errs[0].Range.String() != "main.tf.json:4:27" {
		t.Errorf("errors: %v", errs)
	}
}
