// Package lsp is ecslint's language server: diagnostics for the files open
// in an editor, from their unsaved text, as the user types; the rule's
// explanation on hover; and code actions that fix a finding or suppress
// it. It speaks LSP over any stream (ecslint lsp uses standard input and
// output), with the protocol types of github.com/tliron/glsp and the
// JSON-RPC of github.com/sourcegraph/jsonrpc2, and lints through the
// linter package, as the CLI does.
package lsp

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/ecslint/ecslint/config"
	"github.com/ecslint/ecslint/linter"
)

// DefaultDebounce is how long the server waits after the last change of a
// buffer before it lints: typing a word lints once, not once a key.
const DefaultDebounce = 150 * time.Millisecond

// Options configure a server.
type Options struct {
	// Settings are the run policy of every lint (parsers, rules, config
	// path, workers); the server adds the open buffers as overlays.
	Settings linter.Settings
	// Debounce is the wait after a change before linting; 0 means
	// DefaultDebounce.
	Debounce time.Duration
	// Version is reported as the server's version at initialize.
	Version string
}

// Serve runs a server on stream until the client exits or the stream
// closes.
func Serve(ctx context.Context, stream io.ReadWriteCloser, opts Options) error {
	s := newServer(opts)
	conn := jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(stream, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(s.handle))
	s.setConn(conn)
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		_ = conn.Close()
	}
	s.stop()
	return nil
}

// document is an open buffer.
type document struct {
	uri     string
	version int32
	text    []byte
}

// server is one session's state. mu guards every field but conn's own
// use; lints run one at a time under lintMu, outside mu, so that a request
// is answered while a lint runs.
type server struct {
	opts Options

	mu       sync.Mutex
	conn     *jsonrpc2.Conn
	encoding string
	// watchConfig says the client can watch files for the server.
	watchConfig bool
	docs        map[string]*document // by path
	timers      map[string]*time.Timer
	// published holds, per lint target (a file, or a Terraform module's
	// directory), the diagnostics of its last lint by the file they are
	// in: a file's diagnostics are those of every target that reported
	// on it, so a cross-file finding shows where it points, beside the
	// file's own.
	published map[string]map[string][]item
	stopped   bool

	lintMu sync.Mutex
	hover  hoverCache
}

func newServer(opts Options) *server {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	return &server{
		opts:      opts,
		encoding:  encodingUTF16,
		docs:      map[string]*document{},
		timers:    map[string]*time.Timer{},
		published: map[string]map[string][]item{},
	}
}

func (s *server) setConn(c *jsonrpc2.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conn = c
}

func (s *server) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = true
	for _, t := range s.timers {
		t.Stop()
	}
}

// initializeParams are the parts of the client's initialize request the
// server reads, with LSP 3.17's position encodings, which glsp's 3.16
// types lack.
type initializeParams struct {
	Capabilities struct {
		General struct {
			PositionEncodings []string `json:"positionEncodings"`
		} `json:"general"`
		Workspace struct {
			DidChangeWatchedFiles struct {
				DynamicRegistration bool `json:"dynamicRegistration"`
			} `json:"didChangeWatchedFiles"`
		} `json:"workspace"`
	} `json:"capabilities"`
}

// serverCapabilities adds LSP 3.17's positionEncoding to glsp's 3.16
// capabilities.
type serverCapabilities struct {
	protocol.ServerCapabilities
	PositionEncoding string `json:"positionEncoding"`
}

type initializeResult struct {
	Capabilities serverCapabilities                   `json:"capabilities"`
	ServerInfo   *protocol.InitializeResultServerInfo `json:"serverInfo,omitempty"`
}

func (s *server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	var params json.RawMessage
	if req.Params != nil {
		params = *req.Params
	}
	decode := func(v any) error {
		if err := json.Unmarshal(params, v); err != nil {
			return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: err.Error()}
		}
		return nil
	}
	switch req.Method {
	case "initialize":
		var p initializeParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		return s.initialize(p), nil
	case "initialized":
		s.registerWatchers(ctx, conn)
		return nil, nil
	case "shutdown":
		s.stop()
		return nil, nil
	case "exit":
		return nil, conn.Close()
	case "textDocument/didOpen":
		var p protocol.DidOpenTextDocumentParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		s.open(p.TextDocument.URI, p.TextDocument.Version, []byte(p.TextDocument.Text))
		return nil, nil
	case "textDocument/didChange":
		var p protocol.DidChangeTextDocumentParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		s.change(p)
		return nil, nil
	case "textDocument/didSave":
		var p protocol.DidSaveTextDocumentParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		if path, ok := pathOf(p.TextDocument.URI); ok && filepath.Base(path) == config.FileName {
			s.relintAll()
		}
		return nil, nil
	case "textDocument/didClose":
		var p protocol.DidCloseTextDocumentParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		s.close(p.TextDocument.URI)
		return nil, nil
	case "workspace/didChangeWatchedFiles":
		// The config, or a file of a module an open file belongs to,
		// changed on disk: lint every open file again, reading both anew.
		s.relintAll()
		return nil, nil
	case "workspace/didChangeConfiguration":
		s.relintAll()
		return nil, nil
	case "textDocument/hover":
		var p protocol.HoverParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		return s.hoverAt(p), nil
	case "textDocument/codeAction":
		var p protocol.CodeActionParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		return s.codeActions(p), nil
	case "$/cancelRequest", "$/setTrace", "$/progress":
		return nil, nil
	}
	if req.Notif {
		return nil, nil // unknown notifications are ignored, as the specification asks
	}
	return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "ecslint: method not supported: " + req.Method}
}

func (s *server) initialize(p initializeParams) initializeResult {
	s.mu.Lock()
	s.encoding = chooseEncoding(p.Capabilities.General.PositionEncodings)
	s.watchConfig = p.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration
	encoding := s.encoding
	s.mu.Unlock()
	incremental := protocol.TextDocumentSyncKindIncremental
	yes := true
	caps := protocol.ServerCapabilities{
		TextDocumentSync: protocol.TextDocumentSyncOptions{
			OpenClose: &yes,
			Change:    &incremental,
			Save:      protocol.SaveOptions{},
		},
		HoverProvider: true,
		CodeActionProvider: protocol.CodeActionOptions{
			CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix},
		},
	}
	version := s.opts.Version
	return initializeResult{
		Capabilities: serverCapabilities{ServerCapabilities: caps, PositionEncoding: encoding},
		ServerInfo:   &protocol.InitializeResultServerInfo{Name: "ecslint", Version: &version},
	}
}

// registerWatchers asks the client to tell the server when a config file
// or a Terraform file changes on disk, where the client can.
func (s *server) registerWatchers(ctx context.Context, conn *jsonrpc2.Conn) {
	s.mu.Lock()
	watch := s.watchConfig
	s.mu.Unlock()
	if !watch {
		return
	}
	reg := protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID:     "ecslint-watch",
		Method: "workspace/didChangeWatchedFiles",
		RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: []protocol.FileSystemWatcher{
			{GlobPattern: "**/" + config.FileName},
			{GlobPattern: "**/*.tf"},
			{GlobPattern: "**/*.tfvars"},
		}},
	}}}
	// The reply does not matter: without watchers a saved config is still
	// read on the next lint, and didSave of an open one relints.
	go func() { _ = conn.Call(ctx, "client/registerCapability", reg, nil) }()
}

func (s *server) open(uri string, version int32, text []byte) {
	path, ok := pathOf(uri)
	if !ok {
		return
	}
	s.mu.Lock()
	s.docs[path] = &document{uri: uri, version: version, text: text}
	s.mu.Unlock()
	s.schedule(path)
}

func (s *server) change(p protocol.DidChangeTextDocumentParams) {
	path, ok := pathOf(p.TextDocument.URI)
	if !ok {
		return
	}
	s.mu.Lock()
	d := s.docs[path]
	if d == nil {
		s.mu.Unlock()
		return
	}
	for _, c := range p.ContentChanges {
		switch c := c.(type) {
		case protocol.TextDocumentContentChangeEventWhole:
			d.text = []byte(c.Text)
		case protocol.TextDocumentContentChangeEvent:
			t := newText(d.text)
			from, to := t.offset(c.Range.Start, s.encoding), t.offset(c.Range.End, s.encoding)
			to = max(to, from)
			next := make([]byte, 0, len(d.text)+len(c.Text))
			next = append(next, t.src[:from]...)
			next = append(next, c.Text...)
			next = append(next, t.src[to:]...)
			d.text = next
		}
	}
	d.version = p.TextDocument.Version
	s.mu.Unlock()
	s.schedule(path)
}

func (s *server) close(uri string) {
	path, ok := pathOf(uri)
	if !ok {
		return
	}
	s.mu.Lock()
	delete(s.docs, path)
	key := target(path)
	stillOpen := false
	for p := range s.docs {
		if target(p) == key {
			stillOpen = true
		}
	}
	var cleared []string
	if !stillOpen {
		if t := s.timers[key]; t != nil {
			t.Stop()
			delete(s.timers, key)
		}
		for f := range s.published[key] {
			cleared = append(cleared, f)
		}
		delete(s.published, key)
	}
	s.mu.Unlock()
	if stillOpen {
		s.schedule(path) // its module's other files now read from disk
	}
	s.publish(cleared)
}

// relintAll lints every open file again.
func (s *server) relintAll() {
	s.mu.Lock()
	paths := make([]string, 0, len(s.docs))
	for p := range s.docs {
		paths = append(paths, p)
	}
	s.mu.Unlock()
	for _, p := range paths {
		s.schedule(p)
	}
}

// schedule lints the target of path once the buffer has been quiet for
// the debounce time.
func (s *server) schedule(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return
	}
	key := target(path)
	if t := s.timers[key]; t != nil {
		t.Stop()
	}
	s.timers[key] = time.AfterFunc(s.opts.Debounce, func() { s.lintAndPublish(key) })
}

// isTerraform reports a file of a Terraform module: linted with the
// module's other files, as Terraform reads a directory.
func isTerraform(path string) bool {
	return strings.HasSuffix(path, ".tf") || strings.HasSuffix(path, ".tf.json")
}

// target returns the lint target of a file: a Terraform file's module
// directory, as Terraform reads a directory; any other file itself.
func target(path string) string {
	if isTerraform(path) {
		return filepath.Dir(path)
	}
	return path
}

// pathsOf returns the paths a target's lint names: every .tf and .tf.json
// file of a module directory, on disk or open, or the file itself. Called
// with mu held.
func (s *server) pathsOf(key string) []string {
	module := false
	for p := range s.docs {
		if isTerraform(p) && filepath.Dir(p) == key {
			module = true
		}
	}
	if !module {
		return []string{key}
	}
	seen := map[string]bool{}
	if entries, err := os.ReadDir(key); err == nil {
		for _, e := range entries {
			p := filepath.Join(key, e.Name())
			if e.Type().IsRegular() && isTerraform(p) {
				seen[p] = true
			}
		}
	}
	for p := range s.docs {
		if filepath.Dir(p) == key && isTerraform(p) {
			seen[p] = true // a new file not yet saved
		}
	}
	paths := make([]string, 0, len(seen))
	for p := range seen {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

// overlays returns the open buffers' text, and their versions.
func (s *server) overlays() (map[string][]byte, map[string]int32) {
	texts := make(map[string][]byte, len(s.docs))
	versions := make(map[string]int32, len(s.docs))
	for p, d := range s.docs {
		texts[p] = d.text
		versions[p] = d.version
	}
	return texts, versions
}
