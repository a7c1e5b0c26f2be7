package lsp

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/ecslint/ecslint/lint"
)

// initialized is the part of the initialize result the tests read (glsp's
// ServerCapabilities decodes itself, without 3.17's positionEncoding).
type initialized struct {
	Capabilities struct {
		PositionEncoding string `json:"positionEncoding"`
	} `json:"capabilities"`
}

// published and diagnostic decode publishDiagnostics on their own:
// glsp's IntegerOrString cannot decode (its UnmarshalJSON has a value
// receiver), so a diagnostic's code would read as nil.
type published struct {
	URI         string       `json:"uri"`
	Diagnostics []diagnostic `json:"diagnostics"`
}

type diagnostic struct {
	Range           protocol.Range `json:"range"`
	Severity        int            `json:"severity"`
	Code            string         `json:"code"`
	CodeDescription *struct {
		HRef string `json:"href"`
	} `json:"codeDescription"`
	Message            string                                  `json:"message"`
	RelatedInformation []protocol.DiagnosticRelatedInformation `json:"relatedInformation"`
}

// client is a test's end of an LSP session over an in-memory pipe: the
// server runs as ecslint lsp runs it, only the stream differs.
type client struct {
	t     *testing.T
	conn  *jsonrpc2.Conn
	diags chan published
	// registrations receives the client/registerCapability calls.
	registrations chan json.RawMessage
}

func startClient(t *testing.T, offered []string, watch bool) (*client, initialized) {
	t.Helper()
	serverEnd, clientEnd := net.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = Serve(ctx, serverEnd, Options{Debounce: 10 * time.Millisecond})
	}()
	c := &client{t: t, diags: make(chan published, 100), registrations: make(chan json.RawMessage, 10)}
	c.conn = jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(clientEnd, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
			switch req.Method {
			case "textDocument/publishDiagnostics":
				var p published
				if err := json.Unmarshal(*req.Params, &p); err != nil {
					t.Errorf("publishDiagnostics: %v", err)
				}
				c.diags <- p
			case "client/registerCapability":
				c.registrations <- *req.Params
			}
			return nil, nil
		}))
	t.Cleanup(func() {
		_ = c.conn.Call(context.Background(), "shutdown", nil, nil)
		_ = c.conn.Notify(context.Background(), "exit", nil)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Error("the server did not exit")
		}
		cancel()
	})
	params := map[string]any{
		"processId":    nil,
		"rootUri":      nil,
		"capabilities": map[string]any{"general": map[string]any{"positionEncodings": offered}, "workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": watch}}},
	}
	var res initialized
	c.call("initialize", params, &res)
	c.notify("initialized", map[string]any{})
	return c, res
}

func (c *client) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) open(path, text string) string {
	uri := uriOf(path)
	c.notify("textDocument/didOpen", protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri, LanguageID: "json", Version: 1, Text: text,
	}})
	return uri
}

// waitFor returns the next diagnostics published for uri that satisfy ok.
func (c *client) waitFor(uri string, ok func([]diagnostic) bool) []diagnostic {
	c.t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case p := <-c.diags:
			if p.URI == uri && ok(p.Diagnostics) {
				return p.Diagnostics
			}
		case <-deadline:
			c.t.Fatalf("no diagnostics as expected for %s", uri)
		}
	}
}

func withRule(id string) func([]diagnostic) bool {
	return func(ds []diagnostic) bool { return find(ds, id) != nil }
}

func find(ds []diagnostic, id string) *diagnostic {
	for i := range ds {
		if ds[i].Code == id {
			return &ds[i]
		}
	}
	return nil
}

// taskJSON has multi-byte text before the finding on its line: é is two
// UTF-8 bytes and one UTF-16 unit, 🙂 four bytes and two UTF-16 units.
// "privileged" starts at code point 45 (1-based) of line 4.
const taskJSON = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n" +
	"    {\"name\": \"wéb🙂\", \"image\": \"nginx:1.25\", \"privileged\": true}\n  ]\n}\n"

func TestPositionEncodings(t *testing.T) {
	for _, tc := range []struct {
		offered []string
		want    string
		start   uint32 // "privileged" in the encoding's units, 0-based
	}{
		{nil, encodingUTF16, 44 + 1},
		{[]string{"utf-32", "utf-16"}, encodingUTF32, 44},
		{[]string{"utf-8"}, encodingUTF8, 44 + 1 + 3},
		{[]string{"utf-7", "utf-16"}, encodingUTF16, 44 + 1},
	} {
		t.Run(tc.want, func(t *testing.T) {
			c, init := startClient(t, tc.offered, false)
			if init.Capabilities.PositionEncoding != tc.want {
				t.Fatalf("positionEncoding %q, want %q", init.Capabilities.PositionEncoding, tc.want)
			}
			path := filepath.Join(t.TempDir(), "task.json") // never on disk: an unsaved buffer
			uri := c.open(path, taskJSON)
			d := find(c.waitFor(uri, withRule("ECS001")), "ECS001")
			// The key with its quotes: 12 code points, as many units in
			// every encoding (ASCII).
			want := protocol.Range{Start: protocol.Position{Line: 3, Character: tc.start}, End: protocol.Position{Line: 3, Character: tc.start + 12}}
			if d.Range != want {
				t.Errorf("ECS001 at %+v, want %+v", d.Range, want)
			}
			if d.Severity != int(protocol.DiagnosticSeverityError) || d.CodeDescription == nil ||
				!strings.HasSuffix(d.CodeDescription.HRef, "/docs/rules/ECS001.md") {
				t.Errorf("ECS001 diagnostic %+v: want an error with the rule's docs link", d)
			}
		})
	}
}

func TestChangesAreLintedDebounced(t *testing.T) {
	c, _ := startClient(t, nil, false)
	path := filepath.Join(t.TempDir(), "task.json")
	uri := c.open(path, taskJSON)
	c.waitFor(uri, withRule("ECS001"))
	// An incremental change: "true" -> "false" at line 4, after the
	// multi-byte name (UTF-16 units: "privileged": starts at 45, true
	// at 45+14).
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{
			"range": protocol.Range{Start: protocol.Position{Line: 3, Character: 59}, End: protocol.Position{Line: 3, Character: 63}},
			"text":  "false",
		}},
	})
	ds := c.waitFor(uri, func(ds []diagnostic) bool { return find(ds, "ECS001") == nil })
	if find(ds, "ECS007") == nil {
		t.Errorf("after the change: %+v, want ECS007 still", ds)
	}
}

// A Terraform file is linted with its module's other files: the variable
// declared in another (unsaved) buffer of the module is known.
func TestTerraformModuleWithOpenBuffers(t *testing.T) {
	c, _ := startClient(t, nil, false)
	dir := t.TempDir()
	main := filepath.Join(dir, "main.tf")
	if err := os.WriteFile(main, []byte(tfMain), 0o600); err != nil {
		t.Fatal(err)
	}
	uri := c.open(main, tfMain)
	// Without a declaration var.privileged is an error: could not check.
	c.waitFor(uri, func(ds []diagnostic) bool { return find(ds, "ECS001") == nil && len(ds) > 0 })
	vars := filepath.Join(dir, "variables.tf")
	c.open(vars, "variable \"privileged\" {\n  default = true\n}\n")
	d := find(c.waitFor(uri, withRule("ECS001")), "ECS001")
	if d.Range.Start.Line != 6 {
		t.Errorf("ECS001 at %+v, want line 7", d.Range)
	}
}

const tfMain = `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([
    {
      name       = "web"
      image      = "nginx:1.25"
      privileged = var.privileged
    }
  ])
}
`

func TestConfigChangeIsPickedUp(t *testing.T) {
	c, _ := startClient(t, nil, true)
	select {
	case <-c.registrations:
	case <-time.After(10 * time.Second):
		t.Fatal("no file watchers registered")
	}
	dir := t.TempDir()
	uri := c.open(filepath.Join(dir, "task.json"), taskJSON)
	c.waitFor(uri, withRule("ECS001"))
	cfg := filepath.Join(dir, ".ecslint.yaml")
	if err := os.WriteFile(cfg, []byte("rules:\n  disable: [ECS001]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: uriOf(cfg), Type: protocol.FileChangeTypeCreated}}})
	ds := c.waitFor(uri, func(ds []diagnostic) bool { return find(ds, "ECS001") == nil })
	if find(ds, "ECS007") == nil {
		t.Errorf("after the config change: %+v, want ECS007 still", ds)
	}
}

func TestHoverExplainsTheRule(t *testing.T) {
	c, _ := startClient(t, nil, false)
	uri := c.open(filepath.Join(t.TempDir(), "task.json"), taskJSON)
	d := find(c.waitFor(uri, withRule("ECS001")), "ECS001")
	var h protocol.Hover
	c.call("textDocument/hover", protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: d.Range.Start,
	}}, &h)
	b, _ := json.Marshal(h.Contents)
	if !strings.Contains(string(b), "# ECS001 privileged-container") {
		t.Errorf("hover %s, want the ECS001 page", b)
	}
}

const taskYAML = "Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n" +
	"        - Name: \"wéb🙂\"\n          Image: nginx:1.25\n          Privileged: true\n"

// actions asks for the code actions at a diagnostic.
func (c *client) actions(uri string, d *diagnostic) []protocol.CodeAction {
	var as []protocol.CodeAction
	c.call("textDocument/codeAction", protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Range: d.Range,
	}, &as)
	return as
}

// apply applies a code action's edits to text, in the UTF-16 positions
// the session uses.
func apply(t *testing.T, text string, a protocol.CodeAction) string {
	t.Helper()
	tx := newText([]byte(text))
	var edits []lint.Edit
	for _, es := range a.Edit.Changes {
		for _, e := range es {
			from, to := tx.offset(e.Range.Start, encodingUTF16), tx.offset(e.Range.End, encodingUTF16)
			edits = append(edits, lint.Edit{Range: lint.Range{Start: lint.Pos{Offset: int32(from)}, End: lint.Pos{Offset: int32(to)}}, NewText: e.NewText})
		}
	}
	out, err := lint.ApplyEdits([]byte(text), edits)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func titles(as []protocol.CodeAction) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Title)
	}
	return out
}

func TestSuppressActionsInYAML(t *testing.T) {
	c, _ := startClient(t, nil, false)
	uri := c.open(filepath.Join(t.TempDir(), "task.yaml"), taskYAML)
	d := find(c.waitFor(uri, withRule("ECS001")), "ECS001")
	as := c.actions(uri, d)
	want := map[string]string{
		"ecslint: suppress ECS001 here":         "          # ecslint:ignore ECS001 -- reason\n          Privileged: true\n",
		"ecslint: suppress ECS001 for Task":     "  # ecslint:ignore ECS001 -- reason\n  Task:\n",
		"ecslint: suppress ECS001 in this file": "# ecslint:ignore-file ECS001 -- reason\nResources:\n",
	}
	got := map[string]bool{}
	for _, a := range as {
		if a.Disabled != nil || a.Edit == nil {
			continue
		}
		fixed := apply(t, taskYAML, a)
		if w, ok := want[a.Title]; ok {
			got[a.Title] = true
			if !strings.Contains(fixed, w) {
				t.Errorf("%s gives\n%s\nwant it to hold\n%s", a.Title, fixed, w)
			}
		}
	}
	for title := range want {
		if !got[title] {
			t.Errorf("no action %q among %q", title, titles(as))
		}
	}
}

func TestRawJSONOffersConfigIgnore(t *testing.T) {
	c, _ := startClient(t, nil, false)
	uri := c.open(filepath.Join(t.TempDir(), "task.json"), taskJSON)
	d := find(c.waitFor(uri, withRule("ECS001")), "ECS001")
	as := c.actions(uri, d)
	var disabled *protocol.CodeAction
	for i := range as {
		if as[i].Disabled != nil {
			disabled = &as[i]
		} else if strings.Contains(as[i].Title, "suppress") {
			t.Errorf("a comment suppression %q offered in raw JSON", as[i].Title)
		}
	}
	if disabled == nil || !strings.Contains(disabled.Disabled.Reason, "ignore:") {
		t.Errorf("actions %q: want a disabled one pointing to the config's ignore", titles(as))
	}
}

// A finding in the JSON a Terraform file() reads is published on that
// JSON file, which need not be open; opened too, it is not doubled.
func TestCrossFileFindingIsPublishedWhereItPoints(t *testing.T) {
	c, _ := startClient(t, nil, false)
	dir := t.TempDir()
	mainTF := "resource \"aws_ecs_task_definition\" \"web\" {\n  family = \"web\"\n  container_definitions = file(\"${path.module}/c.json\")\n}\n"
	containers := "[\n  {\"name\": \"wéb\", \"image\": \"nginx:1.25\", \"privileged\": true}\n]\n"
	for name, text := range map[string]string{"main.tf": mainTF, "c.json": containers} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	c.open(filepath.Join(dir, "main.tf"), mainTF)
	jsonURI := uriOf(filepath.Join(dir, "c.json"))
	d := find(c.waitFor(jsonURI, withRule("ECS001")), "ECS001")
	want := protocol.Range{Start: protocol.Position{Line: 1, Character: 41}, End: protocol.Position{Line: 1, Character: 53}}
	if d.Range != want {
		t.Errorf("ECS001 at %+v, want %+v", d.Range, want)
	}
	c.open(filepath.Join(dir, "c.json"), containers)
	time.Sleep(200 * time.Millisecond) // both lints publish
	var last []diagnostic
	for drained := false; !drained; {
		select {
		case p := <-c.diags:
			if p.URI == jsonURI {
				last = p.Diagnostics
			}
		case <-time.After(300 * time.Millisecond):
			drained = true
		}
	}
	n := 0
	for _, d := range last {
		if d.Code == "ECS001" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("c.json has %d ECS001 diagnostics, want 1: %+v", n, last)
	}
}

// The rule's quick fix is offered in the client's positions: on the line
// with multi-byte text, UTF-16 units.
func TestQuickFixOnAMultiByteLine(t *testing.T) {
	c, _ := startClient(t, nil, false)
	uri := c.open(filepath.Join(t.TempDir(), "task.json"), taskJSON)
	d := find(c.waitFor(uri, withRule("ECS001")), "ECS001")
	var fix *protocol.CodeAction
	as := c.actions(uri, d)
	for i := range as {
		if as[i].Title == "ecslint: set privileged to false" {
			fix = &as[i]
		}
	}
	if fix == nil || fix.IsPreferred == nil || !*fix.IsPreferred {
		t.Fatalf("actions %q: want the preferred quick fix", titles(as))
	}
	want := strings.Replace(taskJSON, `"privileged": true`, `"privileged": false`, 1)
	if got := apply(t, taskJSON, *fix); got != want {
		t.Errorf("fixed:\n%s\nwant:\n%s", got, want)
	}
	e := fix.Edit.Changes[uri][0].Range
	if e.Start != (protocol.Position{Line: 3, Character: 59}) || e.End != (protocol.Position{Line: 3, Character: 63}) {
		t.Errorf("edit at %+v, want line 3, characters 59 to 63 (UTF-16)", e)
	}
}

// In a Terraform heredoc a comment is text: the comment above the finding
// would suppress nothing and is not offered; the one above the resource
// block works and is.
func TestSuppressActionsInAHeredoc(t *testing.T) {
	c, _ := startClient(t, nil, false)
	src := "resource \"aws_ecs_task_definition\" \"web\" {\n  family = \"web\"\n  container_definitions = <<EOT\n" +
		"[{\"name\": \"app\", \"image\": \"nginx:1.27\",\n  \"privileged\": true}]\nEOT\n}\n"
	path := filepath.Join(t.TempDir(), "main.tf")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	uri := c.open(path, src)
	d := find(c.waitFor(uri, withRule("ECS001")), "ECS001")
	as := c.actions(uri, d)
	got := titles(as)
	joined := strings.Join(got, "\n")
	if strings.Contains(joined, "suppress ECS001 here") {
		t.Errorf("a comment inside the heredoc was offered: %q", got)
	}
	for _, want := range []string{"ecslint: suppress ECS001 for aws_ecs_task_definition.web", "ecslint: suppress ECS001 in this file", "ecslint: set privileged to false"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no %q among %q", want, got)
		}
	}
	for _, a := range as {
		if a.Title == "ecslint: suppress ECS001 for aws_ecs_task_definition.web" {
			if fixed := apply(t, src, a); !strings.HasPrefix(fixed, "# ecslint:ignore ECS001 -- reason\nresource ") {
				t.Errorf("suppressed:\n%s", fixed)
			}
		}
	}
}

// cfnJSON has two task definitions: the first laid out one member a
// line, the second on one line.
const cfnJSON = "{\n  \"Resources\": {\n    \"Task\": {\n      \"Type\": \"AWS::ECS::TaskDefinition\",\n" +
	"      \"Properties\": {\"ContainerDefinitions\": [{\"Name\": \"app\", \"Image\": \"nginx:1.27\", \"Privileged\": true}]}\n    },\n" +
	"    \"Other\": {\"Type\": \"AWS::ECS::TaskDefinition\", \"Properties\": {\"ContainerDefinitions\": " +
	"[{\"Name\": \"b\", \"Image\": \"nginx:1.27\", \"Privileged\": true}]}}\n  }\n}\n"

// A CloudFormation JSON template cannot hold a comment: the resource's
// suppression is its Metadata ignore, tried like the comments (the
// finding gone, the other resource's finding kept).
func TestSuppressInCloudFormationJSONMetadata(t *testing.T) {
	c, _ := startClient(t, nil, false)
	uri := c.open(filepath.Join(t.TempDir(), "template.json"), cfnJSON)
	ds := c.waitFor(uri, func(ds []diagnostic) bool { return len(ds) >= 2 })
	want := map[string]string{
		"Task": "    \"Task\": {\n      \"Metadata\": {\"ecslint\": {\"ignore\": [{\"rule\": \"ECS001\", \"reason\": \"reason\"}]}},\n" +
			"      \"Type\": \"AWS::ECS::TaskDefinition\",\n",
		"Other": "    \"Other\": {\"Metadata\": {\"ecslint\": {\"ignore\": [{\"rule\": \"ECS001\", \"reason\": \"reason\"}]}}, \"Type\": ",
	}
	seen := 0
	for i := range ds {
		d := &ds[i]
		if d.Code != "ECS001" {
			continue
		}
		seen++
		var got []string
		for _, a := range c.actions(uri, d) {
			if a.Edit != nil && !json.Valid([]byte(apply(t, cfnJSON, a))) {
				// A comment would lint (read as YAML) but leave no JSON.
				t.Errorf("%s leaves the template invalid JSON", a.Title)
			}
			if a.Disabled != nil || a.Edit == nil || !strings.HasPrefix(a.Title, "ecslint: suppress ECS001 for ") {
				continue
			}
			res := strings.TrimPrefix(a.Title, "ecslint: suppress ECS001 for ")
			got = append(got, res)
			fixed := apply(t, cfnJSON, a)
			if !strings.Contains(fixed, want[res]) || !json.Valid([]byte(fixed)) {
				t.Errorf("%s gives\n%s\nwant JSON that holds\n%s", a.Title, fixed, want[res])
			}
		}
		if len(got) != 1 {
			t.Errorf("line %d: resource suppressions %q, want one", d.Range.Start.Line, got)
		}
	}
	if seen != 2 {
		t.Errorf("%d ECS001 diagnostics, want 2: %+v", seen, ds)
	}
}
