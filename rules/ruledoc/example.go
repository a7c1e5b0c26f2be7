// Package ruledoc turns rules' metadata into documentation: the pages under
// docs/rules, `ecslint rules` and `ecslint explain`. Example outputs are
// produced by running the linter on the examples, so the docs cannot show a
// finding the rule does not make.
package ruledoc

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/output"
)

// exampleFiles are the names examples are linted under, by format.
var exampleFiles = map[string]string{
	"json":           "taskdef.json",
	"cloudformation": "template.yaml",
	"terraform":      "main.tf",
}

// ExampleFile returns the file name an example of the format is linted as.
func ExampleFile(format string) string { return exampleFiles[format] }

// Run lints src as an example of format with only rule enabled, and returns
// the findings and the text output a user would see.
func Run(parsers []lint.Parser, rule lint.Rule, format, src string) ([]lint.Finding, string, error) {
	name, ok := exampleFiles[format]
	if !ok {
		return nil, "", fmt.Errorf("unknown example format %q", format)
	}
	cfg := lint.Options{Parsers: parsers, Rules: []lint.Rule{rule}, Workers: 1, Stdin: []byte(src), StdinName: name}
	res, err := lint.Run(cfg, []string{"-"})
	if err != nil {
		return nil, "", err
	}
	if len(res.Errors) > 0 {
		return nil, "", fmt.Errorf("%s example of %s: %w", format, rule.Meta().ID, res.Errors[0])
	}
	if res.Files == 0 {
		return nil, "", fmt.Errorf("%s example of %s: no parser claimed it", format, rule.Meta().ID)
	}
	var b bytes.Buffer
	if err := (output.Text{}).Format(&b, res, output.Options{Rules: []lint.Rule{rule}}); err != nil {
		return nil, "", err
	}
	return res.Findings, strings.TrimRight(b.String(), "\n"), nil
}

// HasParser reports whether one of parsers handles format.
func HasParser(parsers []lint.Parser, format string) bool {
	for _, p := range parsers {
		if p.Name() == format {
			return true
		}
	}
	return false
}
