package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// hostileCase is one input built to break ecslint. Every case runs beside a
// file with a known finding (good.json) in the same run, which must still be
// reported: one bad file never stops the others from being checked.
type hostileCase struct {
	name  string
	files map[string]string
	// setup makes what files cannot: symlinks, FIFOs, modes.
	setup func(t *testing.T, dir string)
	// args are the paths (and flags) to lint; default ".".
	args []string
	// wantErr, when set, is the error the run must report (exit 2): its
	// file, its message and, if line is not 0, its position. Without it the
	// hostile file must be skipped or checked cleanly (exit 1, good.json's
	// finding only, or the findings in want).
	wantErr *wantError
	// want are findings (rule@file:line:col) the hostile file must produce.
	want []string
	// maxAlloc bounds the bytes the run may allocate (0: no bound).
	maxAlloc uint64
}

type wantError struct {
	file      string
	line, col int // 0 for any (a col of 0: anywhere on the line)
	message   string
}

// hostileFormats are extra cases by input format; a parser's author adds
// its format's cases (Terraform: file() outside the roots, module loops,
// deep expressions) by appending to this from its own _test.go file in an
// init function.
var hostileFormats = map[string][]hostileCase{}

// goodFile always yields one ECS001 finding at 7:7.
const goodFile = privilegedTD

func TestHostileInputs(t *testing.T) {
	cases := append(hostileJSONCases(), hostileYAMLCases()...)
	cases = append(cases, hostileFSCases()...)
	for _, format := range slices.Sorted(maps.Keys(hostileFormats)) {
		cases = append(cases, hostileFormats[format]...)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runHostile(t, c) })
	}
}

func runHostile(t *testing.T, c hostileCase) {
	files := map[string]string{"good.json": goodFile}
	for k, v := range c.files {
		files[k] = v
	}
	dir := repo(t, files)
	if c.setup != nil {
		c.setup(t, dir)
	}
	args := c.args
	if len(args) == 0 {
		args = []string{"."}
	}
	if !contains(args, "good.json") && !contains(args, ".") {
		args = append(args, "good.json")
	}
	type result struct {
		code           int
		stdout, stderr string
		alloc          uint64
	}
	done := make(chan result, 1)
	go func() {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		code, stdout, stderr := run(t, "", append([]string{"--format", "json"}, args...)...)
		runtime.ReadMemStats(&after)
		done <- result{code, stdout, stderr, after.TotalAlloc - before.TotalAlloc}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("run did not finish in 20s")
	}
	if strings.Contains(r.stdout+r.stderr, "internal error") || strings.Contains(r.stderr, "panic") {
		t.Fatalf("crashed:\n%s%s", r.stdout, r.stderr)
	}
	if c.maxAlloc > 0 && r.alloc > c.maxAlloc {
		t.Errorf("allocated %d MB, want at most %d MB", r.alloc>>20, c.maxAlloc>>20)
	}
	var out struct {
		Findings []struct {
			RuleID string `json:"rule_id"`
			File   string `json:"file"`
			Line   int    `json:"line"`
			Column int    `json:"column"`
		} `json:"findings"`
		Errors []struct {
			File    string `json:"file"`
			Line    int    `json:"line"`
			Column  int    `json:"column"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("exit %d, output is not JSON (%v):\n%s\nstderr: %s", r.code, err, r.stdout, r.stderr)
	}
	var got []string
	for _, f := range out.Findings {
		got = append(got, fmt.Sprintf("%s@%s:%d:%d", f.RuleID, f.File, f.Line, f.Column))
	}
	if !contains(got, "ECS001@good.json:7:7") {
		t.Errorf("good.json was not checked beside the hostile file: findings %v", got)
	}
	for _, w := range c.want {
		if !contains(got, w) {
			t.Errorf("missing finding %s; got %v", w, got)
		}
	}
	if c.wantErr == nil {
		if r.code != ExitFindings || len(out.Errors) > 0 {
			t.Errorf("exit %d with errors %+v, want exit 1 and no errors", r.code, out.Errors)
		}
		return
	}
	if r.code != ExitError {
		t.Errorf("exit %d, want %d (could not check)", r.code, ExitError)
	}
	w := c.wantErr
	for _, e := range out.Errors {
		if e.File == w.file && strings.Contains(e.Message, w.message) && (w.line == 0 || e.Line == w.line && (w.col == 0 || e.Column == w.col)) {
			return
		}
	}
	t.Errorf("no error %s:%d:%d containing %q; got %+v", w.file, w.line, w.col, w.message, out.Errors)
}

func contains(list []string, s string) bool { return slices.Contains(list, s) }

const cfnHead = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n"

func hostileJSONCases() []hostileCase {
	deep := `{"containerDefinitions": ` + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "}"
	return []hostileCase{
		{name: "truncated JSON", files: map[string]string{"td.json": "{\"containerDefinitions\": [{\"name\": \"a\",\n  \"image\": \"b\""},
			wantErr: &wantError{"td.json", 2, 15, "unexpected end of input"}},
		{name: "JSON with a missing comma", files: map[string]string{"td.json": "{\"family\": \"x\"\n \"containerDefinitions\": []}"},
			wantErr: &wantError{"td.json", 2, 2, "expected ',' or '}'"}},
		{name: "binary named .json", files: map[string]string{"blob.json": "\x00\x01\x02\xff\xfe\x89PNG\r\n\x1a\n\x00\x00"}},
		{name: "binary with a task-definition key", files: map[string]string{"blob.json": "\x00\x01\"containerDefinitions\"\xff\x00"},
			wantErr: &wantError{"blob.json", 1, 1, "invalid JSON"}},
		{name: "UTF-8 BOM", files: map[string]string{"td.json": "\xef\xbb\xbf{\"pidMode\": \"host\", \"containerDefinitions\": []}"},
			want: []string{"ECS002@td.json:1:2"}},
		{name: "CRLF and tabs", files: map[string]string{"td.json": "{\r\n\t\"family\": \"x\",\r\n\t\t\"pidMode\": \"host\",\r\n\t\"containerDefinitions\": []\r\n}\r\n"},
			want: []string{"ECS002@td.json:3:3"}},
		{name: "non-ASCII before a key", files: map[string]string{"td.json": "{\"family\": \"ünïcødé€\", \"pidMode\": \"host\", \"containerDefinitions\": []}"},
			want: []string{"ECS002@td.json:1:24"}},
		{name: "invalid UTF-8 in a JSON string", files: map[string]string{"td.json": "{\"family\": \"a\xffb\", \"containerDefinitions\": []}"},
			wantErr: &wantError{"td.json", 1, 14, "invalid UTF-8"}},
		{name: "JSON nested 100,000 levels", files: map[string]string{"td.json": deep},
			wantErr: &wantError{"td.json", 1, 538, "nesting deeper than"}},
		{name: "over the size cap", files: map[string]string{"big.json": privilegedTD + strings.Repeat(" ", 4096)},
			args:    []string{"--max-file-size", "4096", "."},
			wantErr: &wantError{"big.json", 0, 0, "larger than the size cap"}},
	}
}

func hostileYAMLCases() []hostileCase {
	// Billion laughs: ten references per level, nine levels, a billion
	// strings if expanded.
	var bomb strings.Builder
	bomb.WriteString("Metadata:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&bomb, "  l%d: &l%d [", i, i)
		for j := range 10 {
			if j > 0 {
				bomb.WriteString(", ")
			}
			fmt.Fprintf(&bomb, "*l%d", i-1)
		}
		bomb.WriteString("]\n")
	}
	bombTemplate := bomb.String() + strings.TrimPrefix(cfnHead, "AWSTemplateFormatVersion: \"2010-09-09\"\n") +
		"      Volumes: *l9\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Environment: *l9\n          Command: *l9\n"
	var ifBomb strings.Builder
	ifBomb.WriteString(cfnHead + "      X0: &b0 !If [c, true, false]\n")
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&ifBomb, "      X%d: &b%d !If [c, *b%d, *b%d]\n", i, i, i-1, i-1)
	}
	ifBomb.WriteString("      ContainerDefinitions: [{Name: a, Image: b, Privileged: *b39, Environment: [{Name: A, Value: *b39}]}]\n")
	deepFlow := cfnHead + "      Family: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n"
	var deepBlock strings.Builder
	deepBlock.WriteString(cfnHead + "      ContainerDefinitions:\n")
	indent := "        "
	for range 3000 {
		deepBlock.WriteString(indent + "- x:\n")
		indent += "  "
	}
	deepBlock.WriteString(indent + "  y\n")
	return []hostileCase{
		{name: "truncated YAML template", files: map[string]string{"t.yaml": cfnHead + "      ContainerDefinitions:\n        - Name: \"app"},
			wantErr: &wantError{"t.yaml", 7, 9, "invalid YAML"}},
		{name: "malformed YAML template", files: map[string]string{"t.yaml": cfnHead + "      Family: [a, b\n      PidMode: host\n"},
			wantErr: &wantError{"t.yaml", 6, 7, "invalid YAML"}},
		{name: "malformed JSON template", files: map[string]string{"t.template.json": "{\"Resources\": {\"T\": {\"Type\": \"AWS::ECS::TaskDefinition\",}}}"},
			wantErr: &wantError{"t.template.json", 1, 57, "invalid JSON"}},
		{name: "binary named .yaml", files: map[string]string{"blob.yaml": "\x00\x01\x02\xff\xfe\x89PNG\r\n\x1a\n\x00\x00"}},
		{name: "binary YAML mentioning Resources and AWS::", files: map[string]string{"blob.yaml": "\x00Resources\xff AWS::\x00\x01"}},
		{name: "YAML with a BOM", files: map[string]string{"t.yaml": "\xef\xbb\xbf" + cfnHead + "      PidMode: host\n      ContainerDefinitions: []\n"},
			want: []string{"ECS002@t.yaml:6:7"}},
		{name: "YAML with CRLF and a tab after the colon", files: map[string]string{"t.yaml": strings.ReplaceAll(cfnHead, "\n", "\r\n") + "      PidMode:\thost\r\n      ContainerDefinitions: []\r\n"},
			want: []string{"ECS002@t.yaml:6:7"}},
		{name: "invalid UTF-8 in a YAML template", files: map[string]string{"t.yaml": cfnHead + "      Family: a\xffb\n"},
			wantErr: &wantError{"t.yaml", 6, 16, "invalid YAML"}},
		{name: "YAML alias bomb", files: map[string]string{"t.yaml": bombTemplate}, maxAlloc: 256 << 20,
			want: []string{"ECS006@t.yaml:18:11"}},
		{name: "Fn::If alias bomb", files: map[string]string{"t.yaml": ifBomb.String()}, maxAlloc: 256 << 20},
		{name: "YAML flow nested 100,000 levels", files: map[string]string{"t.yaml": deepFlow},
			wantErr: &wantError{"t.yaml", 6, 7, "exceeded max depth"}},
		{name: "YAML block nested 3,000 levels", files: map[string]string{"t.yaml": deepBlock.String()}},
		// A minified template on one line with multi-byte characters:
		// columns were counted from the line's start for each position
		// asked out of order, 64 s for these 900 KB. Both YAML paths.
		{name: "minified non-ASCII YAML, fast path", files: map[string]string{"t.yaml": minifiedYAML("")}},
		{name: "minified non-ASCII YAML, yaml.v3", files: map[string]string{"t.yaml": minifiedYAML("A: &a 1, ")}},
		// Too large to sniff: it may be a template, so it was not checked.
		{name: "YAML over the size cap", files: map[string]string{"big.yaml": cfnHead + strings.Repeat("#\n", 4096)},
			args:    []string{"--max-file-size", "4096", "."},
			wantErr: &wantError{"big.yaml", 0, 0, "could not read: file is larger than the size cap"}},
		{name: "template over the size cap", files: map[string]string{"big.template": cfnHead + strings.Repeat("#\n", 4096)},
			args:    []string{"--max-file-size", "4096", "."},
			wantErr: &wantError{"big.template", 0, 0, "larger than the size cap"}},
		{name: "Kubernetes manifest is not ours", files: map[string]string{"k8s.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers: [{name: a, image: b, securityContext: {privileged: true}}]\n"}},
		{name: "malformed YAML that is not a template", files: map[string]string{"compose.yaml": "services:\n  web: [a\n"}},
	}
}

func hostileFSCases() []hostileCase {
	return []hostileCase{
		{name: "directory symlink loop", files: map[string]string{"a/td.json": privilegedTD},
			setup: func(t *testing.T, dir string) {
				mustSymlink(t, "..", filepath.Join(dir, "a", "loop"))
				mustSymlink(t, ".", filepath.Join(dir, "a", "self"))
			},
			want: []string{"ECS001@a/td.json:7:7"}},
		{name: "file symlink loop", setup: func(t *testing.T, dir string) {
			mustSymlink(t, "y.json", filepath.Join(dir, "x.json"))
			mustSymlink(t, "x.json", filepath.Join(dir, "y.json"))
		}},
		{name: "named file symlink loop", args: []string{"x.json"}, setup: func(t *testing.T, dir string) {
			mustSymlink(t, "y.json", filepath.Join(dir, "x.json"))
			mustSymlink(t, "x.json", filepath.Join(dir, "y.json"))
		}, wantErr: &wantError{"x.json", 0, 0, "too many levels of symbolic links"}},
		{name: "directory named x.json", files: map[string]string{"x.json/td.json": privilegedTD},
			want: []string{"ECS001@x.json/td.json:7:7"}},
		{name: "FIFO found by the walk is skipped", setup: func(t *testing.T, dir string) { mustFIFO(t, filepath.Join(dir, "pipe.json")) }},
		// A named pipe must not hang the run (nothing writes to it) and,
		// named explicitly, it is a file ecslint could not check.
		{name: "FIFO named explicitly", args: []string{"pipe.json"},
			setup:   func(t *testing.T, dir string) { mustFIFO(t, filepath.Join(dir, "pipe.json")) },
			wantErr: &wantError{"pipe.json", 0, 0, "could not read: not a regular file"}},
		{name: "unreadable file", files: map[string]string{"secret.json": privilegedTD},
			setup: func(t *testing.T, dir string) {
				p := filepath.Join(dir, "secret.json")
				if err := os.Chmod(p, 0); err != nil {
					t.Fatal(err)
				}
				if f, err := os.Open(p); err == nil {
					f.Close()
					// root reads anything: the FIFO cases cover the
					// could-not-read path there.
					t.Skip("running as a user that can read mode 000 files")
				}
			},
			wantErr: &wantError{"secret.json", 0, 0, "could not read: permission denied"}},
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// A minified task definition is one line holding every finding: no format
// may repeat the line per finding (output growing as findings times size).
// minifiedYAML is a 900 KB one-line flow template with a multi-byte
// character in each of its 40,000 items; extra goes before them.
func minifiedYAML(extra string) string {
	var b strings.Builder
	b.WriteString("Resources: {T: {Type: AWS::ECS::TaskDefinition, Properties: {" + extra + "X: [")
	for i := range 40_000 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "{ä: [!Ref x%d, b]}", i)
	}
	b.WriteString("]}}}\n")
	return b.String()
}

func TestMinifiedFileOutputIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"family":"min","containerDefinitions":[`)
	for i := range 1000 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"name":"c%d","image":"x","privileged":true}`, i)
	}
	b.WriteString("]}")
	repo(t, map[string]string{"min.json": b.String()})
	_, js, _ := run(t, "", "--format", "json", "min.json")
	findings := strings.Count(js, `"rule_id"`)
	if findings < 2000 {
		t.Fatalf("expected at least 2,000 findings, got %d", findings)
	}
	for _, format := range formatNames() {
		start := time.Now()
		code, stdout, _ := run(t, "", "--format", format, "--color", "never", "min.json")
		if code != ExitFindings {
			t.Fatalf("%s: exit %d", format, code)
		}
		// A couple of thousand bytes a finding is plenty (SARIF repeats
		// rule and location fields); the 46 KB line each is not.
		if len(stdout) > findings*2000 {
			t.Errorf("%s: %d bytes of output for a %d-byte file", format, len(stdout), b.Len())
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: took %v", format, d)
		}
	}
}
