package output

import (
	"encoding/xml"
	"io"
	"sort"

	"github.com/ecslint/ecslint/lint"
)

// Checkstyle writes Checkstyle XML, which reviewdog (-f=checkstyle),
// Jenkins' Warnings plugin and many code-review tools read: one file
// element per file with a finding or error, one error element per result.
type Checkstyle struct{}

type checkstyleDoc struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr,omitempty"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	// Source is the checker's name, by convention dotted: ecslint.ECS001.
	Source string `xml:"source,attr"`
}

// Format implements Formatter. Messages go through lint.PrintableLines, as
// in GitHub's annotations: review tools show them to people, in terminals
// too (reviewdog -reporter=local). encoding/xml escapes the rest, line
// breaks in attributes as character references.
func (Checkstyle) Format(w io.Writer, res *lint.Result, _ Options) error {
	byFile := map[string][]checkstyleError{}
	for _, f := range res.Findings {
		byFile[f.Range.File] = append(byFile[f.Range.File], checkstyleError{
			Line: int(f.Range.Start.Line), Column: int(f.Range.Start.Col),
			Severity: checkstyleSeverity(f.Severity),
			Message:  lint.PrintableLines(f.Message + " [" + f.RuleID + " " + f.RuleName + "]"),
			Source:   "ecslint." + f.RuleID,
		})
	}
	for _, e := range res.Errors {
		byFile[e.Range.File] = append(byFile[e.Range.File], checkstyleError{
			Line: int(e.Range.Start.Line), Column: int(e.Range.Start.Col),
			Severity: "error", Message: lint.PrintableLines(withRelated(e)), Source: "ecslint.error",
		})
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	doc := checkstyleDoc{Version: "4.3"}
	for _, f := range files {
		doc.Files = append(doc.Files, checkstyleFile{Name: lint.PrintableLines(f), Errors: byFile[f]})
	}
	return writeXML(w, doc)
}

// checkstyleSeverity maps to Checkstyle's levels as GitHub's mapping
// does (see githubLevel), so a finding has the same weight everywhere.
func checkstyleSeverity(s lint.Severity) string {
	switch githubLevel(s) {
	case "error":
		return "error"
	case "warning":
		return "warning"
	}
	return "info"
}

// writeXML writes an XML document with its header, indented, ending in a
// newline.
func writeXML(w io.Writer, doc any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
