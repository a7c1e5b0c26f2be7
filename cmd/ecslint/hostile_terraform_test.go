package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// Terraform's hostile inputs: broken HCL and embedded JSON, reads that try
// to leave the scanned root, cycles, and expressions built to explode.
func init() {
	td := func(containers string) string {
		return "resource \"aws_ecs_task_definition\" \"t\" {\n  family = \"t\"\n  container_definitions = " + containers + "\n}\n"
	}
	deep := strings.Repeat("[", 20_000) + strings.Repeat("]", 20_000)
	heredoc := func(n int) string {
		var b strings.Builder
		b.WriteString("<<EOT\n[\n")
		for i := range n {
			if i > 0 {
				b.WriteString(",\n")
			}
			b.WriteString(`  {"name": "c", "image": "x:1", "environment": [{"name": "A", "value": "b"}]}`)
		}
		b.WriteString("\n]\nEOT")
		return b.String()
	}

	hostileFormats["terraform"] = []hostileCase{
		{name: "truncated HCL", files: map[string]string{"main.tf": "resource \"aws_ecs_task_definition\" \"t\" {\n  family = \"t"},
			wantErr: &wantError{"main.tf", 2, 14, "invalid HCL"}},
		{name: "binary named .tf mentioning aws_ecs_", files: map[string]string{"main.tf": "\x00\x01aws_ecs_\xff\xfe{{"},
			wantErr: &wantError{"main.tf", 1, 1, "invalid HCL"}},
		{name: "binary named .tf.json", files: map[string]string{"main.tf.json": "\x00{\"resource\": {\"aws_ecs_cluster\": 1}}"},
			wantErr: &wantError{"main.tf.json", 1, 1, "invalid JSON"}},
		{name: "heredoc that is not JSON", files: map[string]string{"main.tf": td("<<EOT\nname: web\nEOT")},
			wantErr: &wantError{"main.tf", 4, 1, "invalid JSON in container_definitions"}},
		{name: "HCL with CRLF and tabs", files: map[string]string{"main.tf": strings.ReplaceAll("resource \"aws_ecs_task_definition\" \"t\" {\n\tpid_mode\t= \"host\"\n}\n", "\n", "\r\n")},
			want: []string{"ECS002@main.tf:2:2"}},
		{name: "file() of /etc/passwd is refused", files: map[string]string{"main.tf": td(`file("/etc/passwd")`)}},
		{name: "templatefile() climbing out of the root is refused", files: map[string]string{"main.tf": td(`templatefile("${path.module}/../../../../../../../etc/passwd", {})`)}},
		{name: "file() through a symlink that leaves the root is refused", files: map[string]string{"main.tf": td(`file("c.json")`)},
			setup: func(t *testing.T, dir string) { mustSymlink(t, "/etc/passwd", filepath.Join(dir, "c.json")) }},
		{name: "file() of a FIFO does not hang", files: map[string]string{"main.tf": td(`file("pipe.json")`)},
			setup: func(t *testing.T, dir string) { mustFIFO(t, filepath.Join(dir, "pipe.json")) }},
		{name: "file() of a file over the size cap", args: []string{"--max-file-size", "4096", "."},
			files:   map[string]string{"main.tf": td(`file("big.json")`), "big.json": "[" + strings.Repeat(" ", 8192) + "]"},
			wantErr: &wantError{"main.tf", 3, 27, "larger than the size cap"}},
		{name: "local module cycle", files: map[string]string{
			"main.tf":     "module \"a\" {\n  source = \"./a\"\n}\n",
			"a/main.tf":   "module \"b\" {\n  source = \"../b\"\n}\n",
			"b/main.tf":   "module \"a\" {\n  source = \"../a\"\n}\nresource \"aws_ecs_task_definition\" \"t\" {\n  ipc_mode = \"host\"\n}\n",
			"b/vars.tf":   "variable \"x\" {}\n",
			"a/README.md": "not terraform",
		}, want: []string{"ECS010@b/main.tf:5:3"}},
		{name: "locals that depend on each other", files: map[string]string{"main.tf": "locals {\n  a = local.b\n  b = [local.a]\n}\n" + td("jsonencode(local.a)")}},
		// A billion elements from three ranges within cty's cap of 1,024
		// each (range(100000), as written before, is refused by cty itself
		// and so tested nothing): the budget stops it at its position.
		// Which part of line 2 (the innermost for at column 55, or its
		// range(1000) at 65) is the charge that crosses the limit depends
		// on lint.ElementCost, the size of a node: any column of the line.
		{name: "for expressions built to explode", maxAlloc: 2 << 30, files: map[string]string{"main.tf": "locals {\n  n = [for i in range(1000) : [for j in range(1000) : [for k in range(1000) : k]]]\n}\n" + td("jsonencode(local.n)")},
			wantErr: &wantError{"main.tf", 2, 0, "could not check completely"}},
		// Recursive descent over 20,000 levels took 440 MB of stack: past
		// maxSourceNesting levels the file is an error, found by the lexer.
		{name: "HCL nested 20,000 levels", files: map[string]string{"main.tf": td(deep)}, maxAlloc: 64 << 20,
			wantErr: &wantError{"main.tf", 3, 27 + 511, "nested more than 512 levels deep"}}, // the resource block is one level
		{name: "HCL objects nested 20,000 levels", maxAlloc: 64 << 20,
			files:   map[string]string{"main.tf": td("jsonencode(local.x)") + "locals {\n  x = " + strings.Repeat("{a = ", 20_000) + strings.Repeat("}", 20_000) + "\n}\n"},
			wantErr: &wantError{"main.tf", 6, 7 + 5*511, "nested more than 512 levels deep"}},
		{name: "template interpolations nested 20,000 levels", maxAlloc: 64 << 20,
			files: map[string]string{"main.tf": td(`templatefile("${path.module}/c.tpl", {})`),
				"c.tpl": strings.Repeat(`${"`, 20_000) + strings.Repeat(`"}`, 20_000)},
			wantErr: &wantError{"c.tpl", 1, 1 + 3*255 + 2, "nested more than 512 levels deep"}}, // ${ and " are a level each
		{name: "HCL nested 512 levels with its block is read", files: map[string]string{"main.tf": td(strings.Repeat("[", 511) + strings.Repeat("]", 511))}},
		{name: "a heredoc of 2,000 containers", files: map[string]string{"main.tf": td(heredoc(2000))}, maxAlloc: 1 << 30,
			want: []string{"ECS006@main.tf:5:3"}},
		{name: "a heredoc of 20,000 lines is refused", files: map[string]string{"main.tf": td(heredoc(20_000))}, maxAlloc: 1 << 30,
			wantErr: &wantError{"main.tf", 3, 27, "heredoc of 5001 lines is too long"}},
		// Columns were counted from the line's start for every position:
		// minutes for a megabyte on one line with multi-byte characters.
		{name: "a minified .tf.json with multi-byte characters", files: map[string]string{"main.tf.json": minifiedTFJSON(10_000)}},
	}
}

// minifiedTFJSON is a one-line .tf.json whose container definitions, n of
// them, each hold multi-byte characters.
func minifiedTFJSON(n int) string {
	var cds strings.Builder
	cds.WriteString("[")
	for i := range n {
		if i > 0 {
			cds.WriteString(",")
		}
		fmt.Fprintf(&cds, `{"name":"ä%d","image":"x","environment":[{"name":"A","value":"ü"}]}`, i)
	}
	cds.WriteString("]")
	doc := map[string]any{"resource": map[string]any{"aws_ecs_task_definition": map[string]any{"a": map[string]any{
		"family": "ü", "container_definitions": cds.String()}}}}
	b, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return string(b)
}
