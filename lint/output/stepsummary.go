package output

import (
	"io"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// maxSummaryRows bounds the table of a job summary: GitHub refuses a step
// summary over 1 MiB, and a reader wants the worst findings, which come
// first, not ten thousand rows.
const maxSummaryRows = 100

// StepSummary writes a Markdown job summary of a result, for GitHub
// Actions' $GITHUB_STEP_SUMMARY: the summary line, then a table of what
// could not be checked and of the findings, most severe first, as in the
// github format's annotations.
func StepSummary(w io.Writer, res *lint.Result) error {
	ew := newErrWriter(w)
	ew.printf("### ecslint\n\n%s\n", markdownText(Summary(res)))
	rows := len(res.Errors) + len(res.Findings)
	if rows == 0 {
		return ew.flush()
	}
	ew.printf("\n| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n")
	shown := 0
	row := func(severity, rule string, r lint.Range, msg string) {
		if shown < maxSummaryRows {
			ew.printf("| %s | %s | %s | %s |\n", severity, markdownText(rule), markdownText(r.String()), markdownText(msg))
		}
		shown++
	}
	for _, e := range res.Errors {
		row("error", "could not check", e.Range, e.Message)
	}
	for _, f := range MostSevereFirst(res.Findings) {
		row(f.Severity.String(), f.RuleID+" "+f.RuleName, f.Range, f.Message)
	}
	if rows > maxSummaryRows {
		ew.printf("\n%d more not shown: the annotations and `ecslint` list them all.\n", rows-maxSummaryRows)
	}
	return ew.flush()
}

// markdownText makes text from the scanned files literal in a Markdown
// table cell: printable on one line (lint.Printable turns line breaks
// into symbols), and the characters that mean something inside a table
// cell backslash-escaped (CommonMark allows it for any ASCII punctuation):
// a file or message can then neither end the cell (|) nor become a link,
// an image, emphasis, code, math or HTML. Punctuation that matters only at
// the start of a line (#, -, 1.) cannot be there.
func markdownText(s string) string {
	s = lint.Printable(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < 0x80 && strings.ContainsRune("\\`*_[]<>|&~!$", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
