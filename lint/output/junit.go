package output

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// JUnit writes JUnit XML for CI systems that show test reports: one test
// suite per checked file and one test case per rule in it, failed when the
// rule found something there. A file that could not be checked gets an
// errored "parse" case; a file named on the command line that is not ECS
// input (Result.Skipped) gets a suite whose one "parse" case is skipped, so
// that a report of only such files does not read as an empty, passing run.
//
// The document is valid against the common JUnit schema (the one Jenkins
// validates reports with; testdata/junit.xsd is written to its rules): the
// file is an attribute of the suite, not of a test case, and every level
// has a time. The times are 0: a linter does not time rules per file, and
// the run's wall time would make the report differ between two runs over
// the same files, which every format promises not to do (see
// TestOutputIsDeterministic).
type JUnit struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitProperties struct {
	Property []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitSuite struct {
	Name     string `xml:"name,attr"`
	Tests    int    `xml:"tests,attr"`
	Failures int    `xml:"failures,attr"`
	Errors   int    `xml:"errors,attr"`
	Skipped  int    `xml:"skipped,attr,omitempty"`
	Time     string `xml:"time,attr"`
	File     string `xml:"file,attr"`
	// Properties count the file's notes, which system-out lists with
	// positions: a CI report then shows that a passing file could not be
	// seen in full.
	Properties *junitProperties `xml:"properties"`
	Cases      []junitCase      `xml:"testcase"`
	SystemOut  string           `xml:"system-out,omitempty"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
	Skipped   *junitProblem `xml:"skipped"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// Format implements Formatter.
func (JUnit) Format(w io.Writer, res *lint.Result, opts Options) error {
	byFile := map[string]map[string][]lint.Finding{}
	files := map[string]bool{}
	for _, f := range res.CheckedFiles {
		files[f] = true
	}
	for _, f := range res.Findings {
		files[f.Range.File] = true
		if byFile[f.Range.File] == nil {
			byFile[f.Range.File] = map[string][]lint.Finding{}
		}
		byFile[f.Range.File][f.RuleID] = append(byFile[f.Range.File][f.RuleID], f)
	}
	errs := map[string][]lint.Diagnostic{}
	for _, e := range res.Errors {
		files[e.Range.File] = true
		errs[e.Range.File] = append(errs[e.Range.File], e)
	}
	skipped := map[string]bool{}
	for _, f := range res.Skipped {
		files[f] = true
		skipped[f] = true
	}
	notes := map[string][]lint.Diagnostic{}
	for _, n := range res.Notes {
		files[n.Range.File] = true
		notes[n.Range.File] = append(notes[n.Range.File], n)
	}
	names := map[string]string{}
	var ruleIDs []string
	for _, r := range opts.Rules {
		ruleIDs = append(ruleIDs, r.Meta().ID)
		names[r.Meta().ID] = r.Meta().Name
	}
	for _, fs := range byFile {
		for id, list := range fs {
			if _, ok := names[id]; !ok {
				names[id] = list[0].RuleName
				ruleIDs = append(ruleIDs, id)
			}
		}
	}
	sort.Strings(ruleIDs)
	sortedFiles := make([]string, 0, len(files))
	for f := range files {
		sortedFiles = append(sortedFiles, f)
	}
	sort.Strings(sortedFiles)

	out := junitSuites{Name: "ecslint", Time: noTime}
	for _, file := range sortedFiles {
		suite := junitSuite{Name: file, File: file, Time: noTime}
		if ns := notes[file]; len(ns) > 0 {
			var text strings.Builder
			for _, n := range ns {
				fmt.Fprintf(&text, "%s: note: %s\n", n.Range.String(), n.Message)
			}
			suite.Properties = &junitProperties{[]junitProperty{{Name: "ecslint.notes", Value: fmt.Sprint(len(ns))}}}
			suite.SystemOut = notEvaluated(len(ns)) + ":\n" + text.String()
		}
		if es := errs[file]; len(es) > 0 {
			var text strings.Builder
			for _, e := range es {
				fmt.Fprintf(&text, "%s: %s\n", e.Range.String(), withRelated(e))
			}
			suite.Cases = append(suite.Cases, junitCase{Name: "parse", ClassName: file, Time: noTime,
				Error: &junitProblem{Message: es[0].Message, Type: "error", Text: text.String()}})
			suite.Errors++
		}
		if skipped[file] {
			// No rule ran on it: no rule's case passes or fails.
			suite.Cases = append(suite.Cases, junitCase{Name: "parse", ClassName: file, Time: noTime,
				Skipped: &junitProblem{Message: skippedMessage}})
			suite.Skipped++
			suite.Tests = len(suite.Cases)
			out.Tests += suite.Tests
			out.Errors += suite.Errors
			out.Suites = append(out.Suites, suite)
			continue
		}
		for _, id := range ruleIDs {
			c := junitCase{Name: id + " " + names[id], ClassName: file, Time: noTime}
			if list := byFile[file][id]; len(list) > 0 {
				var text strings.Builder
				worst := lint.Low
				for _, f := range list {
					fmt.Fprintf(&text, "%s: %s: %s\n", f.Range.String(), f.Severity, f.Message)
					worst = max(worst, f.Severity)
				}
				c.Failure = &junitProblem{
					Message: failureMessage(list),
					Type:    worst.String(), Text: text.String(),
				}
				suite.Failures++
			} else if len(errs[file]) > 0 {
				// A file that could not be parsed has no passing rules.
				continue
			}
			suite.Cases = append(suite.Cases, c)
		}
		suite.Tests = len(suite.Cases)
		out.Tests += suite.Tests
		out.Failures += suite.Failures
		out.Errors += suite.Errors
		out.Suites = append(out.Suites, suite)
	}
	return writeXML(w, out)
}

// noTime is the time of what is not timed on its own (see JUnit).
const noTime = "0"

// maxNamedFindings bounds the findings a failure message names; the
// failure's text lists them all.
const maxNamedFindings = 3

// failureMessage names a rule's findings in a file, as a CI report's list
// of failures shows the message and not the text under it: "2 findings"
// said nothing a reader could act on.
func failureMessage(list []lint.Finding) string {
	if len(list) == 1 {
		return list[0].Message
	}
	var msgs []string
	for _, f := range list[:min(len(list), maxNamedFindings)] {
		msgs = append(msgs, f.Message)
	}
	if more := len(list) - len(msgs); more > 0 {
		msgs = append(msgs, fmt.Sprintf("and %d more", more))
	}
	return fmt.Sprintf("%d findings: %s", len(list), strings.Join(msgs, "; "))
}
