package output

import (
	"io"

	"github.com/ecslint/ecslint/lint"
)

// Compact writes one line per finding, file:line:col: severity rule
// message, and one per error, file:line:col: error: message: the shape
// editors' and reviewdog's error formats, grep and sort read. It has no
// snippets and no summary, so every line is a result.
type Compact struct{}

// Format implements Formatter. Everything from the scanned files goes
// through lint.Printable, which also turns line breaks into escapes: a
// message is one line, or a reader would take its rest for another result.
func (Compact) Format(w io.Writer, res *lint.Result, _ Options) error {
	ew := newErrWriter(w)
	for _, f := range res.Findings {
		ew.printf("%s: %s %s %s\n", lint.Printable(f.Range.String()), f.Severity, f.RuleID, lint.Printable(f.Message))
	}
	for _, e := range res.Errors {
		ew.printf("%s: error: %s\n", lint.Printable(e.Range.String()), lint.Printable(e.Message))
	}
	return ew.flush()
}
