package output

import (
	"io"

	"github.com/ecslint/ecslint/lint"
)

// JSON writes the machine-readable contract: one object with findings and
// errors, notes and a summary. Keys may be added, never renamed or removed.
//
// The document is streamed (see jsonStream) in the shape and key order it
// had as encoding/json output of these structs:
//
//	{"findings": [{rule_id, rule, severity, message, file, line, column,
//	  end_line, end_column, resource (omitempty), container (omitempty),
//	  controls ([] when none), related (omitempty): [{file, line, column,
//	  message}], fixes (omitempty): [{description, edits: [{file, line,
//	  column, end_line, end_column, offset, end_offset, new_text}]}]}],
//	 "errors": [{file, line (omitempty), column (omitempty), message,
//	  related (omitempty), as for findings}],
//	 "notes": [same as errors: what could not be evaluated, and why],
//	 "summary": {files, findings, errors, notes, suppressed, baselined, skipped}}
//
// notes and summary came later than findings and errors; with them a
// script can tell a clean result from one that could not see everything.
// fixes came later still: an edit replaces the bytes from offset to
// end_offset (0-based, in the file as read) with new_text; its lines and
// columns are the same place, for display.
type JSON struct{}

// Format implements Formatter.
func (JSON) Format(w io.Writer, res *lint.Result, _ Options) error {
	s := newJSONStream(w, true)
	s.open('{')
	s.key("findings")
	s.open('[')
	s.members(len(res.Findings), func(s *jsonStream, i int) { writeFinding(s, &res.Findings[i]) })
	s.close(']')
	s.key("errors")
	writeDiagnostics(s, res.Errors)
	s.key("notes")
	writeDiagnostics(s, res.Notes)
	s.key("summary")
	s.open('{')
	for _, c := range []struct {
		key string
		n   int
	}{{"files", res.Files}, {"findings", len(res.Findings)}, {"errors", len(res.Errors)},
		{"notes", len(res.Notes)}, {"suppressed", len(res.Suppressed)}, {"baselined", res.Baselined}, {"skipped", len(res.Skipped)}} {
		s.key(c.key)
		s.int(c.n)
	}
	s.close('}')
	s.close('}')
	return s.end()
}

// writeFinding writes one finding as a member of the findings array.
func writeFinding(s *jsonStream, f *lint.Finding) {
	s.open('{')
	s.key("rule_id")
	s.str(f.RuleID)
	s.key("rule")
	s.str(f.RuleName)
	s.key("severity")
	s.str(f.Severity.String())
	s.key("message")
	s.str(f.Message)
	s.key("file")
	s.str(f.Range.File)
	s.key("line")
	s.int(int(f.Range.Start.Line))
	s.key("column")
	s.int(int(f.Range.Start.Col))
	s.key("end_line")
	s.int(int(f.Range.End.Line))
	s.key("end_column")
	s.int(int(f.Range.End.Col))
	if f.Resource != "" {
		s.key("resource")
		s.str(f.Resource)
	}
	if f.Container != "" {
		s.key("container")
		s.str(f.Container)
	}
	s.key("controls")
	s.strings(f.Controls)
	writeRelated(s, f.Related)
	writeFixes(s, f.Fixes)
	s.close('}')
}

// writeDiagnostics writes errors or notes: positions where known.
func writeDiagnostics(s *jsonStream, ds []lint.Diagnostic) {
	s.open('[')
	for _, e := range ds {
		s.open('{')
		s.key("file")
		s.str(e.Range.File)
		if e.Range.Start.Line != 0 {
			s.key("line")
			s.int(int(e.Range.Start.Line))
		}
		if e.Range.Start.Col != 0 {
			s.key("column")
			s.int(int(e.Range.Start.Col))
		}
		s.key("message")
		s.str(e.Message)
		writeRelated(s, e.Related)
		s.close('}')
	}
	s.close(']')
}

// writeRelated writes a finding's or an error's related locations, if any.
func writeRelated(s *jsonStream, related []lint.Related) {
	if len(related) == 0 {
		return
	}
	s.key("related")
	s.open('[')
	for _, r := range related {
		s.open('{')
		s.key("file")
		s.str(r.Range.File)
		s.key("line")
		s.int(int(r.Range.Start.Line))
		s.key("column")
		s.int(int(r.Range.Start.Col))
		s.key("message")
		s.str(r.Message)
		s.close('}')
	}
	s.close(']')
}

// writeFixes writes a finding's fixes, if any.
func writeFixes(s *jsonStream, fixes []lint.Fix) {
	if len(fixes) == 0 {
		return
	}
	s.key("fixes")
	s.open('[')
	for _, f := range fixes {
		s.open('{')
		s.key("description")
		s.str(f.Description)
		s.key("edits")
		s.open('[')
		for _, e := range f.Edits {
			s.open('{')
			s.key("file")
			s.str(e.Range.File)
			for _, m := range []struct {
				key string
				v   int32
			}{{"line", e.Range.Start.Line}, {"column", e.Range.Start.Col}, {"end_line", e.Range.End.Line},
				{"end_column", e.Range.End.Col}, {"offset", e.Range.Start.Offset}, {"end_offset", e.Range.End.Offset}} {
				s.key(m.key)
				s.int(int(m.v))
			}
			s.key("new_text")
			s.str(e.NewText)
			s.close('}')
		}
		s.close(']')
		s.close('}')
	}
	s.close(']')
}
