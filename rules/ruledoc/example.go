// Package ruledoc turns rules' metadata into documentation: the pages under
// docs/rules, `ecslint rules` and `ecslint explain`. Example outputs are
// produced by running the linter on the examples, so the docs cannot show a
// finding the rule does not make.
package ruledoc

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/output"
)

// Run lints src as an example in format (one of fs) with only rule
// enabled, and returns the findings and the text output a user would see.
func Run(fs formats.List, rule lint.Rule, format, src string) ([]lint.Finding, string, error) {
	f, ok := fs.Lookup(format)
	if !ok {
		return nil, "", fmt.Errorf("unknown example format %q", format)
	}
	name := f.Example.File
	cfg := lint.Options{Parsers: fs.Parsers(), Rules: []lint.Rule{rule}, Workers: 1, Stdin: []byte(src), StdinName: name}
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
