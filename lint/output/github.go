package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// GitHub writes GitHub Actions workflow commands: each finding becomes an
// annotation on the pull request's diff, with its severity mapped to error,
// warning or notice.
type GitHub struct{}

// Format implements Formatter.
func (GitHub) Format(w io.Writer, res *lint.Result, _ Options) error {
	ew := newErrWriter(w)
	for _, f := range res.Findings {
		props := []string{"file=" + escapeProperty(f.Range.File)}
		props = append(props, regionProperties(f.Range)...)
		props = append(props, "title="+escapeProperty(fmt.Sprintf("%s %s (%s)", f.RuleID, f.RuleName, f.Severity)))
		ew.printf("::%s %s::%s\n", githubLevel(f.Severity), strings.Join(props, ","), escapeData(f.Message))
	}
	for _, e := range res.Errors {
		props := []string{"file=" + escapeProperty(e.Range.File)}
		props = append(props, regionProperties(e.Range)...)
		props = append(props, "title="+escapeProperty("ecslint could not check this file"))
		ew.printf("::error %s::%s\n", strings.Join(props, ","), escapeData(withRelated(e)))
	}
	return ew.flush()
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

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

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
