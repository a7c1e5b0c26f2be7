// Package ruledoc turns rules' metadata into documentation: the pages under
// docs/rules, `ecslint rules` and `ecslint explain`. Example outputs are
// produced by running the linter on the examples as `ecslint FILE` would,
// every default rule included, so the docs show what a user sees: not a
// finding the rule does not make, nor one fewer than the command prints.
package ruledoc

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/output"
	"github.com/ecslint/ecslint/linter"
)

// Run lints src as an example of rule in format (one of fs), as `ecslint
// FILE` with no config file would (rule enabled if it is off by default),
// and returns every finding and the text output a user would see.
func Run(fs formats.List, rule lint.Rule, format, src string) ([]lint.Finding, string, error) {
	f, ok := fs.Lookup(format)
	if !ok {
		return nil, "", fmt.Errorf("unknown example format %q", format)
	}
	settings := linter.Settings{
		Parsers: fs.Parsers(), NoConfig: true, Workers: 1, MaxFileSize: lint.DefaultMaxFileSize,
		StdinName: f.Example.File, Stdin: strings.NewReader(src),
	}
	if rule.Meta().Disabled {
		settings.Enable = []string{rule.Meta().ID}
	}
	res, plan, err := linter.Lint(settings, []string{"-"})
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
	if err := (output.Text{}).Format(&b, res, output.Options{Rules: plan.Options.DescribedRules(), RuleHints: true}); err != nil {
		return nil, "", err
	}
	return res.Findings, strings.TrimRight(b.String(), "\n"), nil
}
