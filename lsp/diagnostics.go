package lsp

import (
	"context"
	"fmt"
	"os"
	"slices"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/output"
	"github.com/ecslint/ecslint/linter"
)

// item is one diagnostic published, with what the code actions of a
// finding need.
type item struct {
	diag protocol.Diagnostic
	// finding is set for a finding (nil for a could-not-check error).
	finding *lint.Finding
	// key is the lint target that reported it, paths its paths.
	key   string
	paths []string
	// text is the file's text as linted, for converting edits.
	text *text
}

// lintRun is one lint of a target, from the buffers as they were.
type lintRun struct {
	key      string
	paths    []string
	overlays map[string][]byte
	versions map[string]int32
	encoding string
}

func (s *server) snapshot(key string) lintRun {
	s.mu.Lock()
	defer s.mu.Unlock()
	texts, versions := s.overlays()
	return lintRun{key: key, paths: s.pathsOf(key), overlays: texts, versions: versions, encoding: s.encoding}
}

// lint runs the linter over a snapshot.
func (s *server) lint(run lintRun) (*lint.Result, error) {
	settings := s.opts.Settings
	settings.Overlays = run.overlays
	settings.NoSources = false
	settings.ReportContext = true
	s.lintMu.Lock()
	defer s.lintMu.Unlock()
	res, _, err := linter.Lint(settings, run.paths)
	return res, err
}

func (s *server) lintAndPublish(key string) {
	run := s.snapshot(key)
	if len(run.paths) == 0 {
		return
	}
	res, err := s.lint(run)
	byFile := map[string][]item{}
	for _, p := range run.paths {
		byFile[p] = nil // a file with nothing to say is cleared
	}
	if err != nil {
		// The config (or a --var-file it names) could not be read: say
		// so on every file, never publish an all-clear.
		for _, p := range run.paths {
			if _, open := run.overlays[p]; open {
				byFile[p] = []item{{key: key, paths: run.paths, text: newText(run.overlays[p]), diag: protocol.Diagnostic{
					Severity: ptr(protocol.DiagnosticSeverityError),
					Source:   ptr("ecslint"),
					Message:  "ecslint could not lint this file: " + err.Error(),
				}}}
			}
		}
	} else {
		byFile = s.items(run, res, byFile)
	}
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return
	}
	for p, v := range run.versions {
		if d := s.docs[p]; d != nil && d.version != v && slices.Contains(run.paths, p) {
			// A newer buffer is already scheduled: its lint publishes.
			s.mu.Unlock()
			return
		}
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	for f := range s.published[key] {
		if _, ok := byFile[f]; !ok {
			files = append(files, f) // no longer reported on: cleared
		}
	}
	s.published[key] = byFile
	s.mu.Unlock()
	s.publish(files)
}

// items turns a result into diagnostics by the file they are in.
func (s *server) items(run lintRun, res *lint.Result, byFile map[string][]item) map[string][]item {
	texts := map[string]*text{}
	textOf := func(file string) *text {
		if t, ok := texts[file]; ok {
			return t
		}
		src, ok := run.overlays[file]
		if !ok {
			src, ok = res.Sources[file]
		}
		if !ok {
			src, _ = os.ReadFile(file)
		}
		t := newText(src)
		texts[file] = t
		return t
	}
	related := func(rs []lint.Related) []protocol.DiagnosticRelatedInformation {
		var out []protocol.DiagnosticRelatedInformation
		for _, r := range rs {
			if r.Range.File == "" {
				continue
			}
			out = append(out, protocol.DiagnosticRelatedInformation{
				Location: protocol.Location{URI: uriOf(r.Range.File), Range: textOf(r.Range.File).rangeOf(r.Range, run.encoding)},
				Message:  r.Message,
			})
		}
		return out
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		t := textOf(f.Range.File)
		byFile[f.Range.File] = append(byFile[f.Range.File], item{
			finding: f, key: run.key, paths: run.paths, text: t,
			diag: protocol.Diagnostic{
				Range:              t.rangeOf(f.Range, run.encoding),
				Severity:           ptr(severity(f.Severity)),
				Code:               &protocol.IntegerOrString{Value: f.RuleID},
				CodeDescription:    &protocol.CodeDescription{HRef: output.RuleDocURL(f.RuleID)},
				Source:             ptr("ecslint"),
				Message:            f.RuleName + ": " + f.Message,
				RelatedInformation: related(f.Related),
			},
		})
	}
	add := func(ds []lint.Diagnostic, sev protocol.DiagnosticSeverity, prefix string) {
		for _, d := range ds {
			if d.Range.File == "" {
				continue
			}
			t := textOf(d.Range.File)
			byFile[d.Range.File] = append(byFile[d.Range.File], item{key: run.key, paths: run.paths, text: t,
				diag: protocol.Diagnostic{
					Range:              t.rangeOf(d.Range, run.encoding),
					Severity:           ptr(sev),
					Source:             ptr("ecslint"),
					Message:            prefix + d.Message,
					RelatedInformation: related(d.Related),
				}})
		}
	}
	// Errors say what could not be checked: unknown is not safe.
	add(res.Errors, protocol.DiagnosticSeverityError, "could not check: ")
	add(res.Notes, protocol.DiagnosticSeverityInformation, "")
	return byFile
}

// severity maps ecslint's severities onto the editor's: what fails a
// default CI run (high, critical) is an error, medium a warning, low
// information.
func severity(s lint.Severity) protocol.DiagnosticSeverity {
	switch s {
	case lint.Critical, lint.High:
		return protocol.DiagnosticSeverityError
	case lint.Medium:
		return protocol.DiagnosticSeverityWarning
	default:
		return protocol.DiagnosticSeverityInformation
	}
}

// publish sends the diagnostics of files: those every target reported on
// each.
func (s *server) publish(files []string) {
	slices.Sort(files)
	files = slices.Compact(files)
	s.mu.Lock()
	conn := s.conn
	type message struct {
		uri   string
		diags []protocol.Diagnostic
	}
	var out []message
	for _, f := range files {
		diags := []protocol.Diagnostic{}
		// An open JSON file that a Terraform file() also reads is linted
		// twice: one finding, one diagnostic.
		seen := map[string]bool{}
		for _, key := range sortedKeys(s.published) {
			for _, it := range s.published[key][f] {
				id := fmt.Sprintf("%v|%s|%s", it.diag.Range, code(it.diag), it.diag.Message)
				if !seen[id] {
					seen[id] = true
					diags = append(diags, it.diag)
				}
			}
		}
		uri := uriOf(f)
		if d := s.docs[f]; d != nil {
			uri = d.uri // as the client named it
		}
		out = append(out, message{uri, diags})
	}
	s.mu.Unlock()
	if conn == nil {
		return
	}
	for _, m := range out {
		_ = conn.Notify(context.Background(), "textDocument/publishDiagnostics",
			protocol.PublishDiagnosticsParams{URI: m.uri, Diagnostics: m.diags})
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// itemsIn returns the findings and errors published on a file.
func (s *server) itemsIn(path string) []item {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []item
	for _, key := range sortedKeys(s.published) {
		out = append(out, s.published[key][path]...)
	}
	return out
}

func code(d protocol.Diagnostic) any {
	if d.Code == nil {
		return nil
	}
	return d.Code.Value
}

func ptr[T any](v T) *T { return &v }
