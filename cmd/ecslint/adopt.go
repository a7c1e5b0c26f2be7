package main

// The controls a team needs to run ecslint on an existing repository and
// in CI: a config file, suppressions, a baseline, and several outputs from
// one run. cli.go calls into here at three points: flag registration, the
// run's settings, and after the run. What the settings mean (which config
// file, which rules, excludes, suppressions, severity overrides, the
// baseline) is the library's, in package linter.

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ecslint/ecslint/config"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/output"
	"github.com/ecslint/ecslint/linter"
)

type adoptOptions struct {
	configPath         string
	noConfig           bool
	outputs            multiFlag // FORMAT=FILE
	outputSARIF        string
	baseline           string
	writeBaseline      string
	noInline           bool
	strictSuppressions bool
	enable, disable    multiFlag
	only               multiFlag
	exclude            multiFlag
}

func (a *adoptOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&a.configPath, "config", "", "config file (default: "+config.FileName+" in the first PATH's directory or the nearest parent)")
	shortFor(fs, "c", "config")
	fs.BoolVar(&a.noConfig, "no-config", false, "do not read a config file")
	fs.Var(&a.outputs, "output", "also write `FORMAT=FILE`, e.g. sarif=results.sarif (repeatable)")
	fs.StringVar(&a.outputSARIF, "output-sarif", "", "also write SARIF to this file (same as --output sarif=FILE)")
	fs.StringVar(&a.baseline, "baseline", "", "report only findings not recorded in this baseline file")
	fs.StringVar(&a.writeBaseline, "write-baseline", "", "record the current findings in this baseline file and exit 0")
	fs.BoolVar(&a.noInline, "no-inline-suppressions", false, "ignore suppressions written in the sources (comments, CloudFormation Metadata)")
	fs.BoolVar(&a.strictSuppressions, "strict-suppressions", false, "report unused, expired, malformed or reason-less suppressions as errors")
	fs.Var(&a.enable, "enable", "turn a `RULE` on, by ID or name (repeatable)")
	fs.Var(&a.disable, "disable", "turn a `RULE` off, by ID or name (repeatable)")
	fs.Var(&a.only, "only", "run only this `RULE`, by ID or name, even one off by default; the config's and --enable's choice do not apply (repeatable)")
	fs.Var(&a.exclude, "exclude", "skip paths matching this `GLOB` (repeatable; ** spans directories)")
}

// flagSet reports whether a flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

// settings are the run's settings as the flags give them; the library
// (package linter) reads the config file and lets the flags win over it.
func (a *adoptOptions) settings(s *linter.Settings) {
	if a.outputSARIF != "" {
		// Before anything asks which outputs show source (showsSource).
		a.outputs = append(a.outputs, "sarif="+a.outputSARIF)
	}
	s.ConfigPath = a.configPath
	s.NoConfig = a.noConfig
	s.Enable, s.Disable, s.Exclude = a.enable, a.disable, a.exclude
	s.Only = a.only
	s.NoInlineSuppressions = a.noInline
	s.StrictSuppressions = a.strictSuppressions
	s.Baseline = a.baseline
	s.RecordingBaseline = a.writeBaseline != ""
}

// checkOutputs checks the extra FORMAT=FILE outputs before the run.
func (a *adoptOptions) checkOutputs() error {
	for _, spec := range a.outputs {
		name, file, ok := strings.Cut(spec, "=")
		if !ok || file == "" {
			return fmt.Errorf("--output %q: expected FORMAT=FILE", spec)
		}
		if _, err := output.Lookup(name); err != nil {
			return fmt.Errorf("--output: %w", err)
		}
	}
	return nil
}

func mustGetwd() string {
	wd, _ := os.Getwd()
	return wd
}

// errBaselineIncomplete: the baseline was written, but some files could
// not be checked.
var errBaselineIncomplete = errors.New("the baseline lacks the files that could not be checked")

// recordBaseline writes a new baseline when asked. done is true when the
// run ends here (baseline written).
func (a *adoptOptions) recordBaseline(res *lint.Result, stderr io.Writer) (done bool, err error) {
	if a.writeBaseline == "" {
		return false, nil
	}
	var buf bytes.Buffer
	// Paths relative to the baseline's directory: the baseline then
	// matches a run from anywhere, however its paths are typed.
	if err := lint.NewBaselineIn(filepath.Dir(a.writeBaseline), res.Findings).Write(&buf); err != nil {
		return true, err
	}
	if err := os.WriteFile(a.writeBaseline, buf.Bytes(), 0o644); err != nil {
		return true, err
	}
	fmt.Fprintf(stderr, "ecslint: recorded %d %s in %s\n", len(res.Findings), plural(len(res.Findings), "finding"), a.writeBaseline)
	// Files that could not be checked are missing from the baseline:
	// say which, and fail, so the gap is not silent.
	for _, e := range res.Errors {
		fmt.Fprintf(stderr, "%s: error: %s\n", lint.Printable(e.Range.String()), lint.Printable(e.Message))
	}
	if len(res.Errors) > 0 {
		return true, errBaselineIncomplete
	}
	return true, nil
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// showsSource reports whether the main format or any extra output shows
// source snippets.
func (a *adoptOptions) showsSource(format string) bool {
	if output.ShowsSource(format) {
		return true
	}
	for _, spec := range a.outputs {
		if name, _, _ := strings.Cut(spec, "="); output.ShowsSource(name) {
			return true
		}
	}
	return false
}

// writeOutputs writes the extra FORMAT=FILE outputs.
func (a *adoptOptions) writeOutputs(res *lint.Result, opts output.Options) error {
	for _, spec := range a.outputs {
		name, file, _ := strings.Cut(spec, "=")
		f, _ := output.Lookup(name)
		o := opts
		o.Color = false
		if err := writeOutput(f, file, res, o); err != nil {
			return err
		}
	}
	return nil
}

// writeOutput streams one format to a file, as os.WriteFile would create
// it, without holding the output in memory first: the SARIF log of a
// large repository is tens of megabytes.
func writeOutput(f output.Formatter, file string, res *lint.Result, opts output.Options) error {
	out, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644) //nolint:gosec // G302: a report others read, as os.WriteFile made it
	if err != nil {
		return err
	}
	if err := f.Format(out, res, opts); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

// runInit writes a starter config in the working directory.
func runInit(args []string, stdout, stderr io.Writer) int {
	path := config.FileName
	if len(args) > 1 {
		fmt.Fprintf(stderr, "ecslint: init takes one FILE at most, got %d arguments\nRun 'ecslint init --help' for usage.\n", len(args))
		return ExitError
	}
	for _, arg := range args {
		if strings.HasPrefix(arg, "-") && arg != "-" {
			// Taken for a file name, `ecslint init --force` would write a
			// config called "--force".
			fmt.Fprintf(stderr, "ecslint: init: flag provided but not defined: %s\nRun 'ecslint init --help' for usage.\n", arg)
			return ExitError
		}
		path = arg
	}
	// A config file is meant to be committed and read by the team: 0644.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644) //nolint:gosec // G302: see above
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			fmt.Fprintf(stderr, "ecslint: %s already exists; not overwriting it\n", path)
		} else {
			fmt.Fprintf(stderr, "ecslint: %v\n", err)
		}
		return ExitError
	}
	defer f.Close()
	if _, err := io.WriteString(f, config.Starter(allRules())); err != nil {
		fmt.Fprintf(stderr, "ecslint: %v\n", err)
		return ExitError
	}
	fmt.Fprintf(stdout, "wrote %s\n", path)
	return ExitOK
}
