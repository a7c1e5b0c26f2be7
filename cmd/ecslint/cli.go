package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ecslint/ecslint/cmd/ecslint/internal/buildversion"
	"github.com/ecslint/ecslint/config"
	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/output"
	"github.com/ecslint/ecslint/linter"
	"github.com/ecslint/ecslint/rules"
)

// Exit codes. They are part of the interface CI relies on; never reuse one
// for another meaning.
const (
	// ExitOK: no findings at or above the failure threshold, and no errors.
	ExitOK = 0
	// ExitFindings: findings at or above the threshold.
	ExitFindings = 1
	// ExitError: a usage error, or a file ecslint recognised as its own could
	// not be read or parsed. Errors win over findings.
	ExitError = 2
)

// version is set at build time with -ldflags "-X main.version=..." (the
// release process does); unset, ecslintVersion reads the build info.
var version string

// ecslintVersion is the version --version prints and SARIF records.
func ecslintVersion() string { return buildversion.FromBuild(version) }

// parsers returns the input formats' parsers in the order a file is
// offered to them.
func parsers() []lint.Parser { return formats.All().Parsers() }

type options struct {
	format        string
	failOn        string
	color         string
	stdinFilename string
	verbose       bool
	maxFileSize   int64
	memoryBudget  int64
	workers       int
	vars          multiFlag
	varFiles      multiFlag
	showVersion   bool
	adopt         adoptOptions
	fix           fixOptions
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// newFlagSet declares the flags. It reports nothing itself: Main says
// what went wrong in one line, and prints the help only when asked.
func newFlagSet(o *options) *flag.FlagSet {
	fs := flag.NewFlagSet("ecslint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.StringVar(&o.format, "format", "text", "output format: "+strings.Join(unquoted(output.Names()), ", "))
	shortFor(fs, "f", "format")
	fs.StringVar(&o.failOn, "fail-on", "low", "lowest severity that makes the exit code 1: critical, high, medium, low, or none (findings never fail the run; errors still do)")
	fs.StringVar(&o.color, "color", "auto", "colour text output: auto, always, never (NO_COLOR is honoured)")
	fs.StringVar(&o.stdinFilename, "stdin-filename", "", "lint standard input as if it were this file")
	fs.BoolVar(&o.verbose, "verbose", false, "also print notes: values that could not be evaluated and why")
	fs.Int64Var(&o.maxFileSize, "max-file-size", lint.DefaultMaxFileSize, "largest input file to read, in bytes (a Terraform plan or state JSON: at least 128 MiB)")
	fs.Int64Var(&o.memoryBudget, "memory-budget", 0, "estimated memory, in bytes, of the files checked at one time; a Terraform module tree or file needing more is refused (default: 1.5 GiB, or 48 times --max-file-size if more)")
	fs.IntVar(&o.workers, "j", 0, "files to check in parallel (default: number of CPUs)")
	fs.Var(&o.vars, "var", "set a Terraform variable, `NAME=VALUE` (repeatable)")
	fs.Var(&o.varFiles, "var-file", "read Terraform variables from a `FILE` (repeatable)")
	fs.BoolVar(&o.showVersion, "version", false, "print the version and exit")
	fs.BoolVar(&o.fix.apply, "fix", false, "apply the findings' safe fixes to the files in place, then report what is left")
	fs.BoolVar(&o.fix.dryRun, "fix-dry-run", false, "print the safe fixes as a unified diff instead of the findings; change nothing")
	o.adopt.register(fs)
	return fs
}

// parseInterleaved parses flags that may come before or after paths, as
// users write `ecslint infra/ --format json`.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return paths, nil
		}
		if rest[0] == "--" {
			return append(paths, rest[1:]...), nil
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}

// Main runs ecslint with the given arguments and streams and returns the
// exit code. Tests call it with buffers.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if subcommandHelp(args, stdout) {
		return ExitOK
	}
	if len(args) > 1 && args[1] == "init" {
		return runInit(args[2:], stdout, stderr)
	}
	if isLSP(args) {
		return runLSP(args, stdin, stdout, stderr)
	}
	if len(args) > 1 && args[1] == "config-schema" {
		fmt.Fprint(stdout, config.Schema())
		return ExitOK
	}
	if code, ok := catalogueCommand(args, stdout, stderr); ok {
		return code
	}
	if len(args) > 1 && args[1] == "completion" {
		return runCompletion(args[2:], stdout, stderr)
	}
	var o options
	fs := newFlagSet(&o)
	paths, err := parseInterleaved(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(fs, stdout)
			return ExitOK
		}
		// One line and where to look, not the whole help: the mistake is
		// then the last thing on the screen.
		fmt.Fprintf(stderr, "ecslint: %v\nRun 'ecslint --help' for usage.\n", err)
		return ExitError
	}
	if o.showVersion {
		fmt.Fprintln(stdout, "ecslint", ecslintVersion())
		return ExitOK
	}
	usage := func(format string, a ...any) int {
		// One "ecslint:" line per problem: a config error lists them all.
		for _, line := range strings.Split(fmt.Sprintf(format, a...), "\n") {
			fmt.Fprintf(stderr, "ecslint: %s\n", line)
		}
		return ExitError
	}
	formatter, err := output.Lookup(o.format)
	if err != nil {
		return usage("%v", err)
	}
	settings := linter.Settings{
		Parsers:      parsers(),
		Rules:        allRules(),
		Workers:      o.workers,
		MaxFileSize:  o.maxFileSize,
		MemoryBudget: o.memoryBudget,
		// The soft memory limit follows what the engine admits.
		AdmittedMemory: memoryAdmitted,
		StdinName:      o.stdinFilename,
		Stdin:          stdin,
		Vars:           o.vars,
		VarFiles:       o.varFiles,
	}
	o.adopt.settings(&settings)
	settings.NoSources = !o.adopt.showsSource(o.format) && !o.fix.wanted() // fixes edit the texts linted
	if err := o.fix.check(paths); err != nil {
		return usage("%v", err)
	}
	plan, err := linter.Prepare(settings, paths)
	if err != nil {
		return usage("%v", err)
	}
	for _, c := range plan.PassedOver {
		// Silently linting a subdirectory under another config than its
		// own would be a surprise; the run goes on.
		used := "here none"
		if plan.Config != nil {
			used = plan.Config.Path
		}
		fmt.Fprintf(stderr, "ecslint: note: %s is not used: a run uses one config, found above every path (%s); lint its directory on its own to use it\n",
			lint.Printable(c), lint.Printable(used))
	}
	if err := o.adopt.checkOutputs(); err != nil {
		return usage("%v", err)
	}
	failOnName := plan.FailOn
	if flagSet(fs, "fail-on") {
		// The flag wins over the config, even when it is empty.
		failOnName = o.failOn
	}
	failOn, err := parseFailOn(failOnName)
	if err != nil {
		return usage("--fail-on: %v", err)
	}
	useColor, err := colorWanted(o.color, stdout)
	if err != nil {
		return usage("%v", err)
	}

	res, err := plan.Run()
	if err != nil {
		return usage("%v", err)
	}
	if o.fix.wanted() {
		files, err := fixPlan(res)
		if err != nil {
			return usage("--fix: %v", err)
		}
		if o.fix.dryRun {
			if err := printFixDiff(stdout, files); err != nil {
				fmt.Fprintf(stderr, "ecslint: writing output: %v\n", err)
				return ExitError
			}
			return exitCode(res, failOn)
		}
		fixErr := applyFixes(stderr, files)
		// What is left is what the fixed files say: lint them again.
		if plan, err = linter.Prepare(settings, paths); err == nil {
			res, err = plan.Run()
		}
		if err != nil {
			return usage("%v", err)
		}
		if fixErr != nil {
			res.Errors = append(res.Errors, lint.Diagnostic{Message: "--fix: " + fixErr.Error()})
		}
	}
	if done, err := o.adopt.recordBaseline(res, stderr); err != nil {
		return usage("%v", err)
	} else if done {
		return ExitOK
	}
	outOpts := output.Options{Color: useColor, Verbose: o.verbose, Rules: plan.Options.DescribedRules(), Version: ecslintVersion(), BaseDir: mustGetwd(), RuleHints: true}
	if err := formatter.Format(stdout, res, outOpts); err != nil {
		fmt.Fprintf(stderr, "ecslint: writing output: %v\n", err)
		return ExitError
	}
	if o.format == "compact" {
		// Compact's standard output is results only, one a line, for
		// error formats and reviewdog; without a summary somewhere a run
		// that skipped every file, or hid findings in suppressions and
		// the baseline, would say nothing at all.
		fmt.Fprintf(stderr, "ecslint: %s\n", output.Summary(res))
	}
	if err := o.adopt.writeOutputs(res, outOpts); err != nil {
		fmt.Fprintf(stderr, "ecslint: writing output: %v\n", err)
		return ExitError
	}
	if usesGitHub(o.format, o.adopt.outputs) {
		if err := appendStepSummary(res); err != nil {
			fmt.Fprintf(stderr, "ecslint: writing the job summary: %v\n", err)
			return ExitError
		}
	}
	return exitCode(res, failOn)
}

// failNever is the --fail-on none threshold: above every severity (Critical
// is the highest), so findings never fail the run; errors still do.
const failNever = lint.Critical + 1

// parseFailOn reads a --fail-on or config fail-on value: a severity, or
// none for a run that reports without failing (a soft start in CI).
func parseFailOn(name string) (lint.Severity, error) {
	if strings.EqualFold(name, "none") {
		return failNever, nil
	}
	s, err := lint.ParseSeverity(name)
	if err != nil {
		return 0, fmt.Errorf("%w, or \"none\"", err)
	}
	return s, nil
}

func exitCode(res *lint.Result, failOn lint.Severity) int {
	if len(res.Errors) > 0 {
		return ExitError
	}
	for _, f := range res.Findings {
		if f.Severity >= failOn {
			return ExitFindings
		}
	}
	return ExitOK
}

// colorWanted decides on colour: --color always/never win; auto means a
// terminal and no NO_COLOR.
func colorWanted(mode string, stdout io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if _, ok := os.LookupEnv("NO_COLOR"); ok {
			return false, nil
		}
		f, ok := stdout.(*os.File)
		return ok && f == os.Stdout && stdoutIsColorTerminal(), nil
	}
	return false, fmt.Errorf("--color: unknown mode %q: expected one of \"always\", \"auto\", \"never\"", mode)
}

// allRules returns the rules a run uses.
func allRules() []lint.Rule { return rules.All() }
