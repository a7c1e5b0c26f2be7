package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Inputs of a few lines that ask for exponential work. Before the job
// budget each of them ran the process out of memory or stack (fatal in Go:
// every file's result lost); now each is an error at the expression that
// exhausted the budget, and good.json beside it is still checked.
const couldNotCheck = "could not check completely"

func budgetCases() []hostileCase {
	td := func(containers string) string {
		return "resource \"aws_ecs_task_definition\" \"t\" {\n  family = \"t\"\n  container_definitions = " + containers + "\n}\n"
	}
	doubling := func(first, next string, n int) string {
		var b strings.Builder
		b.WriteString("locals {\n  v0 = " + first + "\n")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "  v%d = "+next+"\n", i, i-1, i-1)
		}
		b.WriteString("}\n")
		return b.String()
	}
	// Sixteen module levels, each calling the next for two keys: 65,536
	// instances from sixteen small files.
	fanOut := map[string]string{}
	dir := ""
	for lvl := range 16 {
		body := "variable \"x\" { default = \"a\" }\nresource \"aws_ecs_task_definition\" \"t\" {\n  family = var.x\n}\n"
		if lvl < 15 {
			body += fmt.Sprintf("module \"m%d\" {\n  for_each = toset([\"a\", \"b\"])\n  source   = \"./m%d\"\n  x        = each.key\n}\n", lvl, lvl)
		}
		fanOut[dir+"main.tf"] = body
		dir += fmt.Sprintf("m%d/", lvl)
	}
	big := strings.Repeat(strings.Repeat("abcdefghij", 10)+"\n", 1000) // 100 KB
	cfnDoubling := func(levels int, form, last string) string {
		var b strings.Builder
		b.WriteString(cfnHead + "      X0: &s0 ab\n")
		for i := 1; i <= levels; i++ {
			fmt.Fprintf(&b, "      X%d: &s%d "+form+"\n", i, i, i-1, i-1)
		}
		return b.String() + last
	}
	image := func(n int) string { return fmt.Sprintf("      ContainerDefinitions: [{Name: a, Image: *s%d}]\n", n) }
	var cfnMap strings.Builder
	cfnMap.WriteString("Mappings:\n  M:\n    K0: {v: ab}\n")
	for i := 1; i <= 32; i++ {
		fmt.Fprintf(&cfnMap, "    K%d: {v: !Join [\"\", [!FindInMap [M, K%d, v], !FindInMap [M, K%d, v]]]}\n", i, i-1, i-1)
	}
	cfnMap.WriteString(strings.TrimPrefix(cfnHead, "AWSTemplateFormatVersion: \"2010-09-09\"\n") +
		"      ContainerDefinitions: [{Name: a, Image: !FindInMap [M, K32, v]}]\n")
	// A base of 40,000 keys merged into twenty mappings: 79 s when each
	// merged key was looked up among the fields already set.
	var merges strings.Builder
	merges.WriteString("Metadata:\n  base: &b\n")
	for i := range 40_000 {
		fmt.Fprintf(&merges, "    k%d: v\n", i)
	}
	for i := range 20 {
		fmt.Fprintf(&merges, "  m%d:\n    <<: *b\n    own: x\n", i)
	}
	merges.WriteString(strings.TrimPrefix(cfnHead, "AWSTemplateFormatVersion: \"2010-09-09\"\n") + "      PidMode: host\n")
	const join, sub = `!Join ["", [*s%[3]d, *s%[4]d]]`, `!Sub ["${a}${a}", {a: *s%[3]d}]`

	return []hostileCase{
		{name: "a local string doubled 40 times", maxAlloc: 512 << 20,
			files:   map[string]string{"main.tf": doubling(`"ab"`, `"${local.v%d}${local.v%d}"`, 40) + td(`jsonencode([{name = "a", image = local.v40}])`)},
			wantErr: &wantError{"main.tf", 27, 9, couldNotCheck}},
		{name: "a local list doubled 40 times", maxAlloc: 512 << 20,
			files:   map[string]string{"main.tf": doubling(`["ab"]`, `concat(local.v%d, local.v%d)`, 40) + td(`jsonencode([{name = "a", image = "x", command = local.v40}])`)},
			wantErr: &wantError{"main.tf", 21, 9, couldNotCheck}}, // where the list passes 64 MiB of ElementCost
		{name: "a list nested in itself 60 times, then encoded", maxAlloc: 512 << 20,
			files:   map[string]string{"main.tf": doubling(`["ab"]`, `[local.v%d, local.v%d]`, 60) + td(`jsonencode([{name = "a", image = "x", command = flatten(local.v60)}])`)},
			wantErr: &wantError{"main.tf", 66, 75, couldNotCheck}},
		// 12 MB of "[]," within budget, decoded into four million nodes
		// (1 GB and 6 s before; 2 GB and 13 s one level more).
		{name: "jsondecode() of a string doubled 22 times", maxAlloc: 512 << 20,
			files:   map[string]string{"main.tf": doubling(`"[],"`, `"${local.v%d}${local.v%d}"`, 22) + td(`jsonencode([{name = "a", image = "x", command = jsondecode("[${local.v22}[]]")}])`)},
			wantErr: &wantError{"main.tf", 28, 86, couldNotCheck}},
		// HCL parses a literal in quadratic time as it reads it: 36 s.
		{name: "a number literal of three million digits", files: map[string]string{"main.tf": td(`jsonencode([{name = "a", image = "b:1", cpu = ` + strings.Repeat("9", 3_000_000) + `}])`)},
			wantErr: &wantError{"main.tf", 3, 73, "number of 3000000 digits is too long to check"}},
		{name: "a string of three million digits is not a number", files: map[string]string{"main.tf": td(`jsonencode([{name = "a", image = "b:1", cpu = 1, command = ["` + strings.Repeat("9", 3_000_000) + `"], privileged = true}])`)},
			want: []string{"ECS001@main.tf:3:3000092"}},
		{name: "a template that renders itself", files: map[string]string{
			"main.tf": td(`templatefile("${path.module}/t.tpl", {p = "${path.module}/t.tpl"})`),
			"t.tpl":   "${templatefile(p, {p = p})}\n",
		}, wantErr: &wantError{"t.tpl", 1, 3, couldNotCheck}},
		{name: "module fan-out, 16 levels of two", files: fanOut, maxAlloc: 512 << 20,
			wantErr: &wantError{"m0/m1/m2/m3/m4/m5/m6/m7/m8/m9/m10/m11/m12/main.tf", 5, 1, couldNotCheck}},
		{name: "replace() over a file inside a for over range(1000)", maxAlloc: 1 << 30, files: map[string]string{
			"big.txt": big,
			"main.tf": "locals {\n  r = [for i in range(1000) : replace(file(\"${path.module}/big.txt\"), \"/a/\", \"b\")]\n}\n" + td(`jsonencode([{name = "a", image = "x", command = local.r}])`),
		}, wantErr: &wantError{"main.tf", 2, 31, couldNotCheck}},
		{name: "regexall() over a file inside a for over range(1000)", maxAlloc: 1 << 30, files: map[string]string{
			"big.txt": big,
			"main.tf": "locals {\n  r = [for i in range(1000) : length(regexall(\"a\", file(\"${path.module}/big.txt\")))]\n}\n" + td(`jsonencode([{name = "a", image = "x", command = local.r}])`),
		}, wantErr: &wantError{"main.tf", 2, 38, couldNotCheck}},
		{name: "format() with a huge width", files: map[string]string{"main.tf": td(`jsonencode([{name = "a", image = format("%999999999999d", 1)}])`)},
			wantErr: &wantError{"main.tf", 3, 60, couldNotCheck}},
		{name: "!Join of an alias with itself, 32 levels", maxAlloc: 512 << 20, files: map[string]string{"t.yaml": cfnDoubling(32, join, image(32))},
			wantErr: &wantError{"t.yaml", 31, 12, couldNotCheck}},
		{name: "!Sub of an alias twice, 32 levels", maxAlloc: 512 << 20, files: map[string]string{"t.yaml": cfnDoubling(32, sub, image(32))},
			wantErr: &wantError{"t.yaml", 31, 12, couldNotCheck}},
		{name: "Mappings entries that FindInMap each other twice, 32 levels", maxAlloc: 512 << 20, files: map[string]string{"t.yaml": cfnMap.String()},
			wantErr: &wantError{"t.yaml", 28, 14, couldNotCheck}},
		{name: "a base of 40,000 keys merged twenty times", files: map[string]string{"t.yaml": merges.String()},
			want: []string{"ECS002@t.yaml:40067:7"}},
		// Within budget: the same constructions a few levels deep are
		// evaluated, and their findings reported.
		{name: "a local string doubled 10 times is evaluated", files: map[string]string{
			"main.tf": doubling(`"ab"`, `"${local.v%d}${local.v%d}"`, 10) + td(`jsonencode([{name = "a", image = "x", privileged = length(local.v10) == 2048}])`)},
			want: []string{"ECS001@main.tf:16:65"}},
		{name: "!Sub of an alias twice, 10 levels, is evaluated", files: map[string]string{
			"t.yaml": cfnDoubling(10, sub, image(10))},
			want: []string{"ECS014@t.yaml:17:40"}},
	}
}

// TestHostileBudget runs the cases like TestHostileInputs, and bounds their
// time: each ends in under a second on an idle machine, or the budget does
// not bound time; before it, they ran out of memory or took minutes. The
// bound allows ten seconds (more under the race detector): a 2-core runner
// shared with other builds took over two seconds for cases that take 0.3 s
// alone, and a bound that flakes proves nothing.
func TestHostileBudget(t *testing.T) {
	for _, c := range budgetCases() {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			runHostile(t, c)
			if d := time.Since(start); d > 10*time.Second*raceSlowdown {
				t.Errorf("took %s", d)
			}
		})
	}
}
