package lsp

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/ecslint/ecslint/lint"
)

// reasonPlaceholder ends every suppression a code action writes: a
// suppression needs a reason, and the user is to replace it.
const reasonPlaceholder = "-- reason"

// codeActions returns, for each finding in the range, its rule's quick
// fix where it has one, and the suppressions that would hide it: a comment
// on the line above or at the end of its line, above its resource, or for
// the whole file. Each suppression offered was tried: the file is linted
// with it, and it is offered only if the finding is gone and nothing else
// broke. That is also how the form fits the format: a comment in raw JSON
// breaks the file, in a heredoc it is text; both fail the try.
func (s *server) codeActions(p protocol.CodeActionParams) []protocol.CodeAction {
	path, ok := pathOf(p.TextDocument.URI)
	if !ok {
		return nil
	}
	actions := []protocol.CodeAction{}
	for _, it := range s.itemsIn(path) {
		f := it.finding
		if f == nil || !intersects(it.diag.Range, p.Range) {
			continue
		}
		diags := []protocol.Diagnostic{it.diag}
		for _, fix := range f.Fixes {
			if edit, ok := s.workspaceEdit(fix.Edits, it); ok {
				actions = append(actions, protocol.CodeAction{
					Title: "ecslint: " + fix.Description, Kind: ptr(protocol.CodeActionKindQuickFix),
					Diagnostics: diags, IsPreferred: ptr(true), Edit: edit,
				})
			}
		}
		suppressions := s.suppressions(it)
		for _, a := range suppressions {
			a.Diagnostics = diags
			actions = append(actions, a)
		}
		if len(suppressions) == 0 {
			actions = append(actions, protocol.CodeAction{
				Title: fmt.Sprintf("ecslint: suppress %s with an ignore entry in .ecslint.yaml", f.RuleID),
				Kind:  ptr(protocol.CodeActionKindQuickFix), Diagnostics: diags,
				Disabled: &struct {
					Reason string `json:"reason"`
				}{Reason: fmt.Sprintf("%s cannot hold a suppression comment (JSON has no comments): "+
					"add {path: %s, rule: %s, reason: ...} under ignore: in .ecslint.yaml, "+
					"or in a CloudFormation template Metadata: {ecslint: {ignore: [{rule: %s, reason: ...}]}} on the resource",
					filepath.Base(f.Range.File), filepath.Base(f.Range.File), f.RuleID, f.RuleID)},
			})
		}
	}
	return actions
}

// workspaceEdit converts a fix's edits into the client's positions.
func (s *server) workspaceEdit(edits []lint.Edit, it item) (*protocol.WorkspaceEdit, bool) {
	changes := map[protocol.DocumentUri][]protocol.TextEdit{}
	for _, e := range edits {
		if e.Range.File != it.finding.Range.File {
			return nil, false // the text of another file is not at hand
		}
		changes[s.uriFor(e.Range.File)] = append(changes[s.uriFor(e.Range.File)], protocol.TextEdit{
			Range: it.text.rangeOf(e.Range, s.currentEncoding()), NewText: e.NewText,
		})
	}
	return &protocol.WorkspaceEdit{Changes: changes}, len(changes) > 0
}

func (s *server) uriFor(path string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.docs[path]; d != nil {
		return d.uri
	}
	return uriOf(path)
}

func (s *server) currentEncoding() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.encoding
}

// insertion is a suppression comment to try: NewText at byte At.
type insertion struct {
	title string
	at    int
	text  string
}

// suppressions returns the suppression actions that work for a finding.
func (s *server) suppressions(it item) []protocol.CodeAction {
	f := it.finding
	t := it.text
	eol := "\n"
	if bytes.Contains(t.src, []byte("\r\n")) {
		eol = "\r\n"
	}
	lineStart := func(off int) (start int, indent string) {
		start = t.starts[lineAt(t.starts, off)]
		end := start
		for end < len(t.src) && (t.src[end] == ' ' || t.src[end] == '\t') {
			end++
		}
		return start, string(t.src[start:end])
	}
	lineEnd := func(off int) int {
		end := off
		for end < len(t.src) && t.src[end] != '\n' && t.src[end] != '\r' {
			end++
		}
		return end
	}
	comment := "# ecslint:ignore " + f.RuleID + " " + reasonPlaceholder
	at := t.offsetOf(f.Range.Start)
	start, indent := lineStart(at)
	// Each group offers its first form that works.
	groups := [][]insertion{
		{
			{"suppress " + f.RuleID + " here", start, indent + comment + eol},
			{"suppress " + f.RuleID + " here", lineEnd(at), " " + comment},
		},
		{{"suppress " + f.RuleID + " in this file", 0, "# ecslint:ignore-file " + f.RuleID + " " + reasonPlaceholder + eol}},
	}
	if !f.ResourceRange.Start.IsZero() && f.Resource != "" {
		title := "suppress " + f.RuleID + " for " + f.Resource
		var forms []insertion
		rs, rindent := lineStart(t.offsetOf(f.ResourceRange.Start))
		if rs != start {
			forms = append(forms, insertion{title, rs, rindent + comment + eol})
		}
		if ins, ok := metadataIgnore(t.src, t.offsetOf(f.ResourceRange.End), f.RuleID, eol); ok {
			ins.title = title
			// A .json template read as YAML takes a comment too, but
			// then is no longer JSON: there Metadata comes first.
			if strings.EqualFold(filepath.Ext(f.Range.File), ".json") {
				forms = append([]insertion{ins}, forms...)
			} else {
				forms = append(forms, ins)
			}
		}
		if len(forms) > 0 {
			groups = append(groups[:1], append([][]insertion{forms}, groups[1:]...)...)
		}
	}
	// A .json file takes no comment: read as YAML, a CloudFormation JSON
	// template would accept one and still lint, but it would no longer be
	// JSON for the tools that read it as such (cfn-lint, the AWS CLI's
	// --template-body of a .json, editors' JSON schemas).
	jsonFile := strings.EqualFold(filepath.Ext(f.Range.File), ".json")
	var out []protocol.CodeAction
	for _, g := range groups {
		for _, ins := range g {
			if jsonFile && strings.Contains(ins.text, "# ecslint:") {
				continue
			}
			if !s.suppresses(it, ins) {
				continue
			}
			pos := t.position(ins.at, s.currentEncoding())
			out = append(out, protocol.CodeAction{
				Title: "ecslint: " + ins.title, Kind: ptr(protocol.CodeActionKindQuickFix),
				Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{
					s.uriFor(f.Range.File): {{Range: protocol.Range{Start: pos, End: pos}, NewText: ins.text}},
				}},
			})
			break
		}
	}
	return out
}

// suppresses lints the finding's target with the insertion made and
// reports whether the finding is gone and no new error came.
func (s *server) suppresses(it item, ins insertion) bool {
	f := it.finding
	run := s.snapshot(it.key)
	src := append(append(append([]byte(nil), it.text.src[:ins.at]...), ins.text...), it.text.src[ins.at:]...)
	run.overlays[f.Range.File] = src
	res, err := s.lint(run)
	if err != nil {
		return false
	}
	for _, g := range res.Findings {
		if g.RuleID == f.RuleID && g.Message == f.Message && g.Resource == f.Resource &&
			g.Container == f.Container && g.Key == f.Key && g.Range.File == f.Range.File {
			return false
		}
	}
	before := 0
	for _, other := range s.itemsIn(f.Range.File) {
		if other.finding == nil && strings.HasPrefix(other.diag.Message, "could not check") {
			before++
		}
	}
	after := 0
	for _, e := range res.Errors {
		if e.Range.File == f.Range.File {
			after++
		}
	}
	return after <= before
}

// metadataIgnore is the suppression for a CloudFormation resource whose
// logical ID ends at byte at and whose value is an object written in
// braces, as in a JSON template: its Metadata ecslint ignore (README,
// "Suppressing findings"), as the object's first member. In an object
// laid out one member a line, the member gets a line of its own at the
// next member's indentation. A resource that already has Metadata would
// have it twice, which the try (suppresses) turns down.
func metadataIgnore(src []byte, at int, rule, eol string) (insertion, bool) {
	i := skipSpace(src, at)
	if i >= len(src) || src[i] != ':' {
		return insertion{}, false
	}
	i = skipSpace(src, i+1)
	if i >= len(src) || src[i] != '{' {
		return insertion{}, false
	}
	member := fmt.Sprintf(`"Metadata": {"ecslint": {"ignore": [{"rule": %q, "reason": "reason"}]}}`, rule)
	next := skipSpace(src, i+1)
	if next < len(src) && src[next] == '}' {
		return insertion{at: i + 1, text: member}, true // an empty object
	}
	if bytes.IndexByte(src[i+1:next], '\n') < 0 {
		return insertion{at: next, text: member + ", "}, true
	}
	indent := src[bytes.LastIndexByte(src[:next], '\n')+1 : next]
	return insertion{at: next, text: member + "," + eol + string(indent)}, true
}

// skipSpace returns the offset of the first byte from i on that is not
// JSON whitespace.
func skipSpace(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i++
	}
	return i
}
