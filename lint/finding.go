package lint

import (
	"fmt"
	"strings"
)

// Severity ranks findings. The zero value is invalid so that a rule that
// forgets to set one is caught by the registry test.
type Severity uint8

const (
	Low Severity = iota + 1
	Medium
	High
	Critical
)

var severityNames = map[Severity]string{Low: "low", Medium: "medium", High: "high", Critical: "critical"}

func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return "invalid"
}

// ParseSeverity reads a severity name (case-insensitive).
func ParseSeverity(name string) (Severity, error) {
	for s, n := range severityNames {
		if strings.EqualFold(n, name) {
			return s, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q: expected one of \"critical\", \"high\", \"medium\", \"low\"", name)
}

// Finding is a statement about the user's source: a rule found something.
type Finding struct {
	RuleID   string
	RuleName string
	Severity Severity
	Message  string
	Range    Range
	// Resource and Container name what the finding is about, for messages,
	// baselines and suppressions. ResourceRange is the resource's declaration:
	// a suppression above it covers the whole resource.
	Resource      string
	ResourceRange Range
	Container     string
	// Key is the field the finding is about (for example
	// "environment.DB_PASSWORD"); baselines fingerprint with it instead of
	// line numbers.
	Key      string
	Controls []string
	Related  []Related
	// Redact lists source ranges that hold secret values. Every output
	// masks them; messages never contain them.
	Redact []Range
	// Fixes are changes to the source that would resolve the finding,
	// for editors and SARIF; nil for most findings.
	Fixes []Fix

	// job is the engine's number (from 1) of the job that found it: the
	// same text read by two jobs is one finding (see SortFindings).
	job int32
}

// Related is another location that explains a finding.
type Related struct {
	Range   Range
	Message string
}

// Diagnostic is an error: ecslint could not check (part of) a file.
// Related points at other text that explains it: the first of two
// duplicate keys, the construct a syntax error is in.
type Diagnostic struct {
	Range   Range
	Message string
	Related []Related
}

func (d Diagnostic) Error() string {
	if d.Range.Start.IsZero() {
		return d.Range.File + ": " + d.Message
	}
	return d.Range.String() + ": " + d.Message
}
