package terraform

import (
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ecslint/ecslint/lint"
)

// called evaluates one expression (HCL text in t.tf, from line 1) where the
// names u (unknown, a reference), s (a sensitive variable's string) and obj
// (an object) are defined, and writes the result compactly: its value, where
// it stands, its reference and its origin.
func called(t *testing.T, ev *evaluator, expr string) string {
	t.Helper()
	f := newSrcFile("t.tf", []byte(expr))
	x, diags := hclsyntax.ParseExpression(f.src, f.key, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s: %v", expr, diags)
	}
	r := func(col int32) lint.Range {
		return lint.Range{File: "vars.tf", Start: lint.Pos{Line: 9, Col: col}, End: lint.Pos{Line: 9, Col: col + 1}}
	}
	secret := strNode("hunter2", r(2))
	secret.SetOrigin(&lint.Origin{Expr: "var.s", Sensitive: true})
	s := &scope{names: map[string]*lint.Node{
		"u":    unknownRef(r(1), "var.u"),
		"s":    secret,
		"tmpl": strNode("n=${n}", r(8)),
		"obj": {Kind: lint.ObjectNode, Range: r(3), Fields: []*lint.Field{
			{Key: "b", KeyRange: r(4), Value: strNode("2", r(5))},
			{Key: "a", KeyRange: r(6), Value: numNode(1, r(7))},
		}},
	}}
	v := ev.evalHCL(s, f, x)
	var b strings.Builder
	if isErr(v) {
		b.WriteString("error") // its text is a marker no HCL literal can write
	} else {
		b.WriteString(compact(v))
	}
	b.WriteString(" @" + v.Range.String())
	if v.Ref() != "" {
		b.WriteString(" ref=" + v.Ref())
	}
	for o := v.Origin(); o != nil; o = o.Next {
		b.WriteString(" origin=" + o.Expr)
		if o.Sensitive {
			b.WriteString("(sensitive)")
		}
	}
	return b.String()
}

// TestFunctionCalls pins what each function ecslint evaluates itself gives,
// at the edges too (wrong arity, unknown or conditional arguments, values
// cty refuses), and where the result stands: an element a function passes
// through keeps its own position, a value it computes stands at the call.
func TestFunctionCalls(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("present.txt", []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("present.yaml", []byte("a:\n  b: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys, err := lint.NewFS([]string{"."}, 0)
	if err != nil {
		t.Fatal(err)
	}
	ev := newEvaluator(lint.NewContext(fsys, lint.ParseOptions{}))
	cases := []struct{ expr, want string }{
		{`f(u...)`, `unknown: @t.tf:1:1`},
		// A final list... is spread into arguments; null or a map is refused.
		{`merge([{a = 1}, {b = 2}]...)`, `{a=number:1 b=number:2} @t.tf:1:1`},
		{`merge({c = 3}, [obj]...)`, `{c=number:3 b=string:2 a=number:1} @t.tf:1:1`},
		{`concat([[1], [2]]...)`, `[number:1 number:2] @t.tf:1:1`},
		{`max([1, 5]...)`, `number:5 @t.tf:1:1`},
		{`format("%s-%s", ["a", "b"]...)`, `string:a-b @t.tf:1:1`},
		{`merge(u...)`, `unknown: @t.tf:1:1`},
		{`merge(null...)`, `error @t.tf:1:1`},
		{`merge({a = 1}...)`, `error @t.tf:1:1`},
		{`merge([]...)`, `{} @t.tf:1:1`},
		{`try([1]...)`, `unknown: @t.tf:1:1`},
		{`jsonencode([s]...)`, `string:"hunter2" @t.tf:1:1 origin=var.s(sensitive)`},
		{`upper([s]...)`, `string:HUNTER2 @t.tf:1:1 origin=var.s(sensitive)`},
		{`provider::aws::arn_parse("x")`, `unknown: @t.tf:1:1`},
		{`try(lookup({}, "z"), "b")`, `string:b @t.tf:1:22`},
		{`try(lookup({}, "z"))`, `error @t.tf:1:1`},
		{`try(nope, "b")`, `unknown: @t.tf:1:5`},
		{`can(lookup({}, "z"))`, `boolean:false @t.tf:1:1`},
		{`can(u)`, `unknown: @t.tf:1:1`},
		{`can("x")`, `boolean:true @t.tf:1:1`},
		{`can("x", "y")`, `error @t.tf:1:1`},
		{`upper(lookup({}, "z"))`, `error @t.tf:1:7`},
		{`jsonencode({a = [1, true, "x"]})`, `string:{"a":[1,true,"x"]} @t.tf:1:1`},
		{`jsonencode(u)`, `unknown: @t.tf:1:1`},
		{`jsonencode(s)`, `string:"hunter2" @t.tf:1:1 origin=var.s(sensitive)`},
		{`jsonencode()`, `error @t.tf:1:1`},
		{`jsondecode("{\"a\": [1]}")`, `{a=[number:1]} @t.tf:1:13`},
		{`jsondecode(s)`, `unknown: @vars.tf:9:2 origin=var.s(sensitive)`},
		{`jsondecode("x", "y")`, `error @t.tf:1:1`},
		{`fileexists("present.txt")`, `boolean:true @t.tf:1:1`},
		{`fileexists("absent.txt")`, `boolean:false @t.tf:1:1`},
		{`fileexists("/etc/passwd")`, `unknown: @t.tf:1:1`},
		{`fileexists(u)`, `unknown: @t.tf:1:1`},
		{`file("present.txt")`, `string:hello @t.tf:1:1`},
		{`file("a", "b")`, `error @t.tf:1:1`},
		{`templatefile("present.txt")`, `error @t.tf:1:1`},
		// templatestring renders a string from elsewhere; a literal (which
		// Terraform refuses) is an error, so try() moves on.
		{`templatestring(tmpl, {n = 1})`, `string:n=1 @t.tf:1:1`},
		{`templatestring(tmpl, {n = s})`, `string:n=hunter2 @t.tf:1:1 origin=var.s(sensitive)`},
		{`templatestring("n=${n}", {n = 1})`, `error @t.tf:1:1`},
		{`try(templatestring("x", {}), "y")`, `string:y @t.tf:1:30`},
		{`templatestring(u, {n = 1})`, `unknown: @vars.tf:9:1 ref=var.u`},
		{`templatestring(tmpl)`, `error @t.tf:1:1`},
		{`merge(obj, null, {b = 3})`, `{a=number:1 b=number:3} @t.tf:1:1`},
		{`merge(obj, u)`, `unknown: @t.tf:1:1`},
		{`concat([1], u, [2])`, `[number:1 unknown: number:2] @t.tf:1:1`},
		{`concat([1], "x")`, `error @t.tf:1:1`},
		{`flatten([[1, [2]], 3])`, `[number:1 number:2 number:3] @t.tf:1:1`},
		{`flatten([u])`, `unknown: @t.tf:1:1`},
		{`flatten()`, `error @t.tf:1:1`},
		{`lookup(obj, "a")`, `number:1 @vars.tf:9:7`},
		{`lookup(obj, "z", "d")`, `string:d @t.tf:1:18`},
		{`lookup(obj, "z")`, `error @t.tf:1:1`},
		{`lookup(u, "z")`, `unknown: @t.tf:1:1`},
		{`lookup(obj)`, `error @t.tf:1:1`},
		{`element(["a", "b"], 3)`, `string:b @t.tf:1:15`},
		{`element(["a"], -1)`, `error @t.tf:1:1`},
		{`element([], 0)`, `unknown: @t.tf:1:1`},
		{`coalesce(null, "", "x")`, `string:x @t.tf:1:20`},
		{`coalesce("", u, "x")`, `unknown: @vars.tf:9:1 ref=var.u`},
		{`coalesce("", null)`, `error @t.tf:1:1`},
		{`one([])`, `null: @t.tf:1:1`},
		{`one(["a"])`, `string:a @t.tf:1:6`},
		{`one(["a", "b"])`, `error @t.tf:1:1`},
		{`one(u)`, `unknown: @t.tf:1:1 ref=var.u`},
		{`one("x")`, `unknown: @t.tf:1:1`},
		{`toset(["b", "a", "b"])`, `[string:a string:b] @t.tf:1:7`},
		{`toset([1, 1])`, `[number:1 number:1] @t.tf:1:7`},
		{`toset()`, `error @t.tf:1:1`},
		{`sensitive("x")`, `string:x @t.tf:1:11 origin=sensitive("x")(sensitive)`},
		{`sensitive()`, `error @t.tf:1:1`},
		{`tolist(["a"])`, `[string:a] @t.tf:1:8`},
		{`nonsensitive(s)`, `string:hunter2 @vars.tf:9:2 origin=var.s(sensitive)`},
		{`tonumber("1", "2")`, `error @t.tf:1:1`},
		// Terraform's own functions (funcs_tf.go): a decisive element
		// decides alltrue/anytrue beside an unknown one.
		{`strcontains("docker:dind", "dind")`, `boolean:true @t.tf:1:1`},
		{`startswith("abc", "b")`, `boolean:false @t.tf:1:1`},
		{`endswith("abc", "c")`, `boolean:true @t.tf:1:1`},
		{`strcontains(u, "b")`, `unknown: @t.tf:1:1`},
		{`startswith(s, "h")`, `boolean:true @t.tf:1:1`},
		{`alltrue([true, "true"])`, `boolean:true @t.tf:1:1`},
		{`alltrue([])`, `boolean:true @t.tf:1:1`},
		{`anytrue([])`, `boolean:false @t.tf:1:1`},
		{`anytrue([false, true])`, `boolean:true @t.tf:1:1`},
		{`alltrue([true, u])`, `unknown: @t.tf:1:1`},
		{`anytrue([u, true])`, `boolean:true @t.tf:1:1`},
		{`alltrue(["x"])`, `error @t.tf:1:1`},
		{`sum([1, 2.5])`, `number:3.5 @t.tf:1:1`},
		{`sum([])`, `error @t.tf:1:1`},
		{`sum(["1", 2])`, `number:3 @t.tf:1:1`},
		{`index(["a", "b"], "b")`, `number:1 @t.tf:1:1`},
		{`index(["a"], "z")`, `error @t.tf:1:1`},
		{`index([1, 2], "2")`, `number:1 @t.tf:1:1`},
		{`index(obj, "a")`, `error @t.tf:1:1`},
		{`base64decode("eA==")`, `string:x @t.tf:1:1`},
		{`base64decode("!")`, `error @t.tf:1:1`},
		{`base64decode("/w==")`, `error @t.tf:1:1`},
		{`startswith(1, "1")`, `boolean:true @t.tf:1:1`},
		// for expressions: grouping (k => v...) lists the values under a
		// key; a key met twice without grouping is an error.
		{`{for x in ["a", "b", "a"] : x => upper(x)...}`, `{a=[string:A string:A] b=[string:B]} @t.tf:1:1`},
		{`{for k, v in {a = "x", b = "y", c = "x"} : v => k...}`, `{x=[string:a string:c] y=[string:b]} @t.tf:1:1`},
		{`{for x in ["a", "a"] : x => x}`, `error @t.tf:1:1`},
		{`{for x in ["a", "b"] : x => x...}["b"][0]`, `string:b @t.tf:1:17`},
		{`{for x in [] : x => x...}`, `{} @t.tf:1:1`},
		{`{for k, v in obj : "k" => v...}`, `{k=[number:1 string:2]} @t.tf:1:1`},
		// yamldecode reads what YAML 1.1 and 1.2 agree on; the rest
		// (yes, 0x1F, 1_000, anchors, several documents) is unknown.
		{`yamldecode("a: 1\nb: [x, 'y', true, null, 1.5]\n")`, `{a=number:1 b=[string:x string:y boolean:true null: number:1.5]} @t.tf:1:1`},
		{`yamldecode("")`, `null: @t.tf:1:1`},
		{`yamldecode("a: yes")`, `unknown: @t.tf:1:1`},
		{`yamldecode("a: 0x1F")`, `unknown: @t.tf:1:1`},
		{`yamldecode("a: 1_000")`, `unknown: @t.tf:1:1`},
		{`yamldecode("a: 1:30")`, `unknown: @t.tf:1:1`},
		{`yamldecode("a: &x 1\nb: *x")`, `unknown: @t.tf:1:1`},
		{`yamldecode("a: 1\n---\nb: 2")`, `unknown: @t.tf:1:1`},
		{`yamldecode("a: [")`, `unknown: @t.tf:1:1`},
		{`yamldecode("a: !!str 1")`, `unknown: @t.tf:1:1`},
		{`yamldecode("a: True")`, `{a=boolean:true} @t.tf:1:1`},
		{`yamldecode("a: 2001-12-14")`, `unknown: @t.tf:1:1`},
		{`yamldecode("a: 1\na: 2")`, `unknown: @t.tf:1:1`},
		{`yamldecode("<<: {a: 1}")`, `unknown: @t.tf:1:1`},
		{`yamldecode(u)`, `unknown: @t.tf:1:1`},
		{`yamldecode(s)`, `string:hunter2 @t.tf:1:1 origin=var.s(sensitive)`},
		{`yamldecode("- nginx:1.27\n- \"1.0\"\n- 007")`, `unknown: @t.tf:1:1`},
		{`yamldecode("x")`, `string:x @t.tf:1:1`},
		{`yamldecode("1: a")`, `unknown: @t.tf:1:1`},
		// A file read whole keeps its lines.
		{`yamldecode(file("present.yaml")).a.b`, `boolean:true @present.yaml:2:6`},
		// tobool and tonumber convert as Terraform does, in place.
		{`tobool("true")`, `boolean:true @t.tf:1:8`},
		{`tobool("yes")`, `error @t.tf:1:1`},
		{`tobool(true)`, `boolean:true @t.tf:1:8`},
		{`tobool(1)`, `error @t.tf:1:1`},
		{`tobool(null)`, `null: @t.tf:1:8`},
		{`tobool(u)`, `unknown: @vars.tf:9:1 ref=var.u`},
		{`tonumber("08")`, `number:8 @t.tf:1:10`},
		{`tonumber("x")`, `error @t.tf:1:1`},
		{`tonumber(true)`, `error @t.tf:1:1`},
		{`try(tobool("yes"), false)`, `boolean:false @t.tf:1:20`},
		{`tostring(1)`, `string:1 @t.tf:1:10`},
		{`tostring(true)`, `string:true @t.tf:1:10`},
		{`tostring("x")`, `string:x @t.tf:1:10`},
		{`tostring()`, `error @t.tf:1:1`},
		{`reverse(["a", "b"])`, `[string:b string:a] @t.tf:1:1`},
		{`reverse(u)`, `unknown: @t.tf:1:1`},
		// Terraform converts the tuple to list(string) first.
		{`sort(["b", 1])`, `[string:1 string:b] @t.tf:1:1`},
		{`sort(["b", true, 1e3])`, `[string:1000 string:b string:true] @t.tf:1:1`},
		{`sort(["b", {}])`, `error @t.tf:1:1`},
		{`join(":", ["0", 0])`, `string:0:0 @t.tf:1:1`},
		{`upper(join("_", ["sys", "admin"]))`, `string:SYS_ADMIN @t.tf:1:1`},
		{`distinct(["a", 1, "1"])`, `[string:a string:1] @t.tf:1:1`},
		{`toset(["b", 1, "b"])`, `[string:1 string:b] @t.tf:1:7`},
		{`compact(["", 1, null])`, `[string:1] @t.tf:1:1`},
		{`length(["a", "b"])`, `number:2 @t.tf:1:1`},
		{`length(obj)`, `number:2 @t.tf:1:1`},
		{`length("héllo")`, `number:5 @t.tf:1:1`},
		{`length(u)`, `unknown: @t.tf:1:1`},
		{`keys(obj)`, `[string:a string:b] @t.tf:1:1`},
		{`values(obj)`, `[number:1 string:2] @t.tf:1:1`},
		{`keys(u)`, `unknown: @t.tf:1:1`},
		{`base64encode("hi")`, `string:aGk= @t.tf:1:1`},
		{`base64encode(s)`, `string:aHVudGVyMg== @t.tf:1:1`},
		{`base64encode(1)`, `unknown: @t.tf:1:1`},
		{`replace("a-b-c", "-", "+")`, `string:a+b+c @t.tf:1:1`},
		{`replace("a1b22", "/[0-9]+/", "#")`, `string:a#b# @t.tf:1:1`},
		{`replace(s, "2", "3")`, `string:hunter3 @t.tf:1:1 origin=var.s(sensitive)`}, // still the secret
		{`replace("a", "b")`, `error @t.tf:1:1`},
		{`replace(u, "a", "b")`, `unknown: @t.tf:1:1`},
		{`range(3)`, `[number:0 number:1 number:2] @t.tf:1:1`},
		{`range(1e12)`, `unknown: @t.tf:1:1`},
		{`upper(s)`, `string:HUNTER2 @t.tf:1:1 origin=var.s(sensitive)`},
		{`length(s)`, `number:7 @t.tf:1:1`},
		{`md5(s)`, `unknown: @t.tf:1:1`},
		{`newfunc(s)`, `unknown: @t.tf:1:1 origin=var.s(sensitive)`},
		{`substr("abc", 5, 1)`, `string: @t.tf:1:1`},
	}
	for _, c := range cases {
		if got := called(t, ev, c.expr); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.expr, got, c.want)
		}
	}
}
