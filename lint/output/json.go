package output

import (
	"encoding/json"
	"io"

	"github.com/ecslint/ecslint/lint"
)

// JSON writes the machine-readable contract: one object with findings and
// errors. Keys may be added, never renamed or removed.
type JSON struct{}

type jsonResult struct {
	Findings []jsonFinding `json:"findings"`
	Errors   []jsonError   `json:"errors"`
}

type jsonFinding struct {
	RuleID    string        `json:"rule_id"`
	Rule      string        `json:"rule"`
	Severity  string        `json:"severity"`
	Message   string        `json:"message"`
	File      string        `json:"file"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	EndLine   int           `json:"end_line"`
	EndColumn int           `json:"end_column"`
	Resource  string        `json:"resource,omitempty"`
	Container string        `json:"container,omitempty"`
	Controls  []string      `json:"controls"`
	Related   []jsonRelated `json:"related,omitempty"`
}

type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

type jsonError struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// Format implements Formatter.
func (JSON) Format(w io.Writer, res *lint.Result, _ Options) error {
	out := jsonResult{Findings: []jsonFinding{}, Errors: []jsonError{}}
	for _, f := range res.Findings {
		jf := jsonFinding{
			RuleID: f.RuleID, Rule: f.RuleName, Severity: f.Severity.String(), Message: f.Message,
			File: f.Range.File, Line: f.Range.Start.Line, Column: f.Range.Start.Col,
			EndLine: f.Range.End.Line, EndColumn: f.Range.End.Col,
			Resource: f.Resource, Container: f.Container, Controls: f.Controls,
		}
		if jf.Controls == nil {
			jf.Controls = []string{}
		}
		for _, r := range f.Related {
			jf.Related = append(jf.Related, jsonRelated{File: r.Range.File, Line: r.Range.Start.Line, Column: r.Range.Start.Col, Message: r.Message})
		}
		out.Findings = append(out.Findings, jf)
	}
	for _, e := range res.Errors {
		out.Errors = append(out.Errors, jsonError{File: e.Range.File, Line: e.Range.Start.Line, Column: e.Range.Start.Col, Message: e.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
