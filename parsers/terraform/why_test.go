package terraform

import (
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// Notes about values a rule needed name their causes, at the expression.
func TestUnknownValuesNameTheirCauses(t *testing.T) {
	const td = "resource \"aws_ecs_task_definition\" \"t\" {\n  family = var.family\n  container_definitions = "
	cases := []struct {
		name  string
		files map[string]string
		want  string // the notes, "file:line:col: message", joined by newlines
	}{
		{"through a module argument", map[string]string{
			"main.tf":   "variable \"c\" {}\nmodule \"m\" {\n  source = \"./m\"\n  containers = var.c\n}\n",
			"m/main.tf": "variable \"containers\" {}\nvariable \"family\" {}\n" + td + "var.containers\n}\n",
		}, "m/main.tf:5:27: container_definitions of aws_ecs_task_definition.t not evaluated: " +
			"var.c has no value (no default, not set in a tfvars file or with --var); its containers are not checked"},
		{"through locals to a data source", map[string]string{
			"main.tf": "variable \"family\" {}\nlocals {\n  a = local.b\n  b = jsondecode(data.aws_s3_object.o.body)\n}\n" + td + "jsonencode(local.a)\n}\n",
		}, "main.tf:8:27: container_definitions of aws_ecs_task_definition.t not evaluated: " +
			"data.aws_s3_object.o.body is a data source, read only by terraform plan; its containers are not checked"},
		{"a resource attribute and a for over a variable", map[string]string{
			"main.tf": "variable \"family\" {}\nvariable \"cs\" {}\n" + td + "jsonencode(concat([for c in var.cs : c], jsondecode(aws_s3_object.o.body)))\n}\n",
		}, "main.tf:5:45: some container definitions of aws_ecs_task_definition.t not evaluated: " +
			"aws_s3_object.o.body is known only after terraform apply; var.cs has no value (no default, not set in a tfvars file or with --var); the known ones are checked\n" +
			"main.tf:5:79: some container definitions of aws_ecs_task_definition.t not evaluated: " +
			"aws_s3_object.o.body is known only after terraform apply; var.cs has no value (no default, not set in a tfvars file or with --var); the known ones are checked"},
		{"a list of known and unknown containers", map[string]string{
			"main.tf": "variable \"family\" {}\nvariable \"cs\" {}\n" + td + "jsonencode(concat([{ name = \"a\", image = \"a:1\" }], var.cs))\n}\n",
		}, "main.tf:5:27: some container definitions of aws_ecs_task_definition.t not evaluated: " +
			"var.cs has no value (no default, not set in a tfvars file or with --var); the known ones are checked"},
		{"an unknown value inside a known container is not a note", map[string]string{
			"main.tf": "variable \"family\" {}\nvariable \"image\" {}\n" + td + "jsonencode([{ name = \"a\", image = var.image }])\n}\n",
		}, ""},
		{"a function ecslint does not evaluate", map[string]string{
			"main.tf": "variable \"family\" {}\n" + td + "jsondecode(textdecodebase64(\"W10=\", \"UTF-8\"))\n}\n",
		}, "main.tf:4:27: container_definitions of aws_ecs_task_definition.t not evaluated: textdecodebase64() is not evaluated offline; its containers are not checked"},
		{"a known count and known containers", map[string]string{
			"main.tf": "variable \"family\" {}\nresource \"aws_ecs_task_definition\" \"t\" {\n  count = 2\n  family = var.family\n" +
				"  network_mode = var.family\n  container_definitions = jsonencode([{ name = \"a\", image = \"a:1\" }])\n}\n",
		}, ""},
		{"an unknown count alone changes nothing a rule sees", map[string]string{
			"main.tf": "variable \"family\" {}\nvariable \"n\" {}\nresource \"aws_ecs_task_definition\" \"t\" {\n  count = var.n\n  family = var.family\n" +
				"  container_definitions = jsonencode([{ name = \"a\", image = \"a:1\" }])\n}\n",
		}, ""},
		{"an element without the attribute a for_each body reads", map[string]string{
			"main.tf": "locals {\n  svcs = { a = { image = \"a:1\" } }\n}\nresource \"aws_ecs_task_definition\" \"t\" {\n  for_each = local.svcs\n  family = each.key\n" +
				"  container_definitions = each.value.containers\n}\n",
		}, "main.tf:7:27: container_definitions of aws_ecs_task_definition.t not evaluated: " +
			"each.value.containers is not set in the element (an optional attribute's default is not applied); its containers are not checked"},
		{"dynamic blocks: one a rule reads, one it does not", map[string]string{
			"main.tf": "variable \"vols\" {}\nvariable \"tags\" {}\nresource \"aws_ecs_task_definition\" \"t\" {\n  family = \"t\"\n" +
				"  container_definitions = jsonencode([{ name = \"a\", image = \"a:1\" }])\n" +
				"  dynamic \"volume\" {\n    for_each = var.vols\n    content {\n      name = volume.key\n    }\n  }\n" +
				"  dynamic \"tag\" {\n    for_each = var.tags\n    content {\n      key = tag.key\n    }\n  }\n}\n",
		}, "main.tf:7:16: dynamic \"volume\" blocks not evaluated: " +
			"var.vols has no value (no default, not set in a tfvars file or with --var); their number and content are unknown"},
		{"count over an unknown number, with count.index used", map[string]string{
			"main.tf": "variable \"family\" {}\nvariable \"n\" {}\nresource \"aws_ecs_task_definition\" \"t\" {\n  count = var.n\n  family = \"t-${count.index}\"\n" +
				"  container_definitions = jsonencode([{ name = \"a\", image = \"a:1\" }])\n}\n",
		}, "main.tf:4:11: count of aws_ecs_task_definition.t not evaluated: " +
			"var.n has no value (no default, not set in a tfvars file or with --var); checked as one instance with an unknown count.index"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, ctx := parseTree(t, c.files, ".", lint.ParseOptions{})
			var got []string
			for _, n := range ctx.Notes() {
				got = append(got, n.Range.String()+": "+n.Message)
			}
			if strings.Join(got, "\n") != c.want {
				t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), c.want)
			}
		})
	}
}
