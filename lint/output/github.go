package output

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// GitHub writes GitHub Actions workflow commands: each finding becomes an
// annotation on the pull request's diff, with its severity mapped to error,
// warning or notice.
//
// GitHub shows at most 10 annotations of each level per step and drops the
// rest, so the order is what matters most first: files that could not be
// checked, then findings from the most severe down. The closing summary is
// a plain log line, not an annotation, so it never takes one of the ten.
type GitHub struct{}

// Format implements Formatter.
func (GitHub) Format(w io.Writer, res *lint.Result, _ Options) error {
	ew := newErrWriter(w)
	for _, e := range res.Errors {
		props := []string{"file=" + escapeProperty(e.Range.File)}
		props = append(props, regionProperties(e.Range)...)
		props = append(props, "title="+escapeProperty("ecslint could not check this file"))
		ew.printf("::error %s::%s\n", strings.Join(props, ","), escapeData(withRelated(e)))
	}
	for _, f := range MostSevereFirst(res.Findings) {
		props := []string{"file=" + escapeProperty(f.Range.File)}
		props = append(props, regionProperties(f.Range)...)
		props = append(props, "title="+escapeProperty(fmt.Sprintf("%s %s (%s)", f.RuleID, f.RuleName, f.Severity)))
		ew.printf("::%s %s::%s\n", githubLevel(f.Severity), strings.Join(props, ","), escapeData(f.Message))
	}
	// One notice, not an annotation per note: a reader of the run learns
	// that the result is not a full all-clear without a diff full of notes.
	if n := len(res.Notes); n > 0 {
		ew.printf("::notice title=%s::%s\n", escapeProperty("ecslint: not everything was evaluated"),
			escapeData(notEvaluated(n)+"; run ecslint --verbose to see which and why"))
	}
	ew.printf("ecslint: %s\n", lint.Printable(Summary(res)))
	return ew.flush()
}

// MostSevereFirst returns the findings ordered by severity, most severe
// first, keeping the result's order (file, position) within a severity.
func MostSevereFirst(findings []lint.Finding) []lint.Finding {
	sorted := slices.Clone(findings)
	slices.SortStableFunc(sorted, func(a, b lint.Finding) int { return cmp.Compare(b.Severity, a.Severity) })
	return sorted
}

func regionProperties(r lint.Range) []string {
	if r.Start.IsZero() {
		return nil
	}
	props := []string{fmt.Sprintf("line=%d", r.Start.Line), fmt.Sprintf("col=%d", r.Start.Col)}
	if !r.End.IsZero() && !r.End.Before(r.Start) {
		props = append(props, fmt.Sprintf("endLine=%d", r.End.Line))
		// GitHub honours endColumn only for an annotation on one line.
		if r.End.Line == r.Start.Line {
			props = append(props, fmt.Sprintf("endColumn=%d", r.End.Col))
		}
	}
	return props
}

func githubLevel(s lint.Severity) string {
	switch s {
	case lint.Critical, lint.High:
		return "error"
	case lint.Medium:
		return "warning"
	}
	return "notice"
}

// escapeData escapes a workflow command's message the way the Actions
// runner unescapes it.
var dataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")

// propertyEscaper also escapes the separators of the property list.
var propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")

// Both first make the text printable (see lint.PrintableLines): the
// runner's log shows a message, and an escape sequence in it would be
// obeyed. Line breaks are left for the runner's own escaping, which keeps
// a multi-line message one annotation.
func escapeData(s string) string     { return dataEscaper.Replace(lint.PrintableLines(s)) }
func escapeProperty(s string) string { return propertyEscaper.Replace(lint.PrintableLines(s)) }

// withRelated is an error's message followed by its related locations,
// for formats that have one text per error.
func withRelated(e lint.Diagnostic) string {
	if len(e.Related) == 0 {
		return e.Message
	}
	var b strings.Builder
	b.WriteString(e.Message)
	for _, r := range e.Related {
		b.WriteString("\n" + r.Range.String() + ": " + r.Message)
	}
	return b.String()
}
