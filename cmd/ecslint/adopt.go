package main

// The controls a team needs to run ecslint on an existing repository and
// in CI: a config file, suppressions, a baseline, and several outputs from
// one run. cli.go calls into here at three points: flag registration, run
// configuration, and after the run.

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ecslint/ecslint/config"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/output"
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
	exclude            multiFlag

	cfg *config.Config
	// cfgFS confines what the config names (see config.Sandbox).
	cfgFS *lint.FS
	// baselineFS is cfgFS when the baseline comes from the config, nil
	// when --baseline names it.
	baselineFS  *lint.FS
	maxBaseline int64
}

func (a *adoptOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&a.configPath, "config", "", "config file (default: "+config.FileName+" in the first PATH's directory or the nearest parent)")
	fs.BoolVar(&a.noConfig, "no-config", false, "do not read a config file")
	fs.Var(&a.outputs, "output", "also write FORMAT=FILE, e.g. sarif=results.sarif (repeatable)")
	fs.StringVar(&a.outputSARIF, "output-sarif", "", "also write SARIF to this file (same as --output sarif=FILE)")
	fs.StringVar(&a.baseline, "baseline", "", "report only findings not recorded in this baseline file")
	fs.StringVar(&a.writeBaseline, "write-baseline", "", "record the current findings in this baseline file and exit 0")
	fs.BoolVar(&a.noInline, "no-inline-suppressions", false, "ignore suppressions written in the sources (comments, CloudFormation Metadata)")
	fs.BoolVar(&a.strictSuppressions, "strict-suppressions", false, "report unused, expired, malformed or reason-less suppressions as errors")
	fs.Var(&a.enable, "enable", "turn a rule on, by ID or name (repeatable)")
	fs.Var(&a.disable, "disable", "turn a rule off, by ID or name (repeatable)")
	fs.Var(&a.exclude, "exclude", "skip paths matching this glob (repeatable; ** spans directories)")
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

// configure loads the config file and applies it and the flags to the run.
// Flags win over the file.
func (a *adoptOptions) configure(fs *flag.FlagSet, o *options, cfg *lint.Options, paths []string) error {
	known := allRules()
	if !a.noConfig {
		path := a.configPath
		if path == "" {
			start := "."
			if o.stdinFilename != "" && (len(paths) == 0 || paths[0] == "-") {
				start = filepath.Dir(o.stdinFilename)
			} else if len(paths) > 0 && paths[0] != "-" {
				start = paths[0]
				// The user's own argument: finding the config next to it is the point.
				if info, err := os.Stat(start); err == nil && !info.IsDir() { //nolint:gosec // G703: user-given path
					start = filepath.Dir(start)
				}
			}
			path = config.Find(start)
			if path != "" {
				if rel, err := filepath.Rel(mustGetwd(), path); err == nil && !strings.HasPrefix(rel, "..") {
					path = rel
				}
			}
		}
		if path != "" {
			c, err := loadConfig(path, a.configPath != "", scanRoots(paths, o.stdinFilename), known)
			if err != nil {
				return err
			}
			a.cfg = c
		}
	}
	c := a.cfg
	if c == nil {
		c = &config.Config{Dir: "."}
	}

	// Rules: defaults, then the file, then the flags.
	enabled := map[string]bool{}
	for _, r := range known {
		enabled[r.Meta().ID] = !r.Meta().Disabled
	}
	resolve := func(names []string) ([]string, error) {
		var ids []string
		for _, n := range names {
			id := ruleID(known, n)
			if id == "" {
				return nil, fmt.Errorf("unknown rule %q (see the rules in the README)", n)
			}
			ids = append(ids, id)
		}
		return ids, nil
	}
	en, err := resolve(a.enable)
	if err != nil {
		return fmt.Errorf("--enable: %w", err)
	}
	dis, err := resolve(a.disable)
	if err != nil {
		return fmt.Errorf("--disable: %w", err)
	}
	for _, step := range [][2][]string{{c.Enable, c.Disable}, {en, dis}} {
		for _, id := range step[0] {
			enabled[id] = true
		}
		for _, id := range step[1] {
			enabled[id] = false
		}
	}
	var rules []lint.Rule
	for _, r := range known {
		if enabled[r.Meta().ID] {
			rules = append(rules, r)
		}
	}
	cfg.Rules = rules
	cfg.RuleOptions = c.Options

	if c.FailOn != "" && !flagSet(fs, "fail-on") {
		o.failOn = c.FailOn
	}
	if a.cfg != nil {
		sandbox, err := a.cfg.Sandbox(scanRoots(paths, o.stdinFilename), cfg.MaxFileSize)
		if err != nil {
			return err
		}
		a.cfgFS = sandbox
		cfg.ParseOptions.ConfigFS = sandbox
		cfg.ParseOptions.TerraformConfigVarFiles = slices.Clone(c.VarFiles)
	}
	cfg.ParseOptions.TerraformVars = append(slices.Clone(c.Vars), cfg.ParseOptions.TerraformVars...)

	excl := append(slices.Clone(c.Exclude), a.exclude...)
	if len(excl) > 0 {
		cfg.Exclude = func(p string) bool {
			for _, g := range c.Exclude {
				if lint.MatchGlob(g, c.Rel(p)) {
					return true
				}
			}
			for _, g := range a.exclude {
				if lint.MatchGlob(g, p) {
					return true
				}
			}
			return false
		}
	}

	noInline := a.noInline
	if c.InlineSuppressions != nil && !*c.InlineSuppressions {
		noInline = true
	}
	cfg.Suppress = &lint.SuppressConfig{
		NoInline: noInline,
		Strict:   a.strictSuppressions || c.StrictSuppressions,
		Ignores:  c.Ignores,
		Known:    known,
	}
	if c.Path != "" {
		// Globs are written relative to the config file; findings name
		// paths as the user gave them.
		cfg.Suppress.IgnorePath = c.Rel
	}
	a.maxBaseline = cfg.MaxFileSize
	if a.baseline == "" && c.Baseline != "" && a.writeBaseline == "" {
		// Sandbox has checked that it is inside; missing, it is not made yet.
		if _, err := os.Stat(c.Baseline); err == nil {
			a.baseline, a.baselineFS = c.Baseline, a.cfgFS
		}
	}
	if a.outputSARIF != "" {
		a.outputs = append(a.outputs, "sarif="+a.outputSARIF)
	}
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

// loadConfig reads the config file: one named with --config is the user's
// and may be anywhere; one found beside the scanned paths comes from the
// repository, and is read only if it is inside the scanned roots or the
// directory it was found in (not through a symlink out of them).
func loadConfig(path string, named bool, roots []string, known []lint.Rule) (*config.Config, error) {
	if named {
		return config.Load(path, known)
	}
	fs, err := lint.NewFS(append([]string{filepath.Dir(path)}, roots...), config.MaxSize)
	if err != nil {
		return nil, err
	}
	return config.LoadConfined(path, fs, known)
}

// scanRoots are the directories a run reads from, as the user named them:
// each directory argument, the directory of each file argument and of the
// standard input's name.
func scanRoots(paths []string, stdinName string) []string {
	var roots []string
	for _, p := range paths {
		if p == "-" {
			continue
		}
		if info, err := os.Stat(p); err == nil && !info.IsDir() { //nolint:gosec // G703: user-given path
			p = filepath.Dir(p)
		}
		roots = append(roots, p)
	}
	if len(paths) == 0 {
		roots = append(roots, ".")
	}
	if stdinName != "" {
		roots = append(roots, filepath.Dir(stdinName))
	}
	return roots
}

// readBaseline reads the baseline: through the config's sandbox when the
// config names it, else as the user's own file; a regular file within
// the size cap either way (/dev/zero as a baseline never ends).
func (a *adoptOptions) readBaseline() ([]byte, error) {
	if a.baselineFS != nil {
		return a.baselineFS.ReadFile(a.baseline)
	}
	return lint.ReadOwnFile(a.baseline, a.maxBaseline)
}

func mustGetwd() string {
	wd, _ := os.Getwd()
	return wd
}

func ruleID(rules []lint.Rule, name string) string {
	for _, r := range append(slices.Clone(rules), lint.SuppressionRule) {
		if strings.EqualFold(r.Meta().ID, name) || strings.EqualFold(r.Meta().Name, name) {
			return r.Meta().ID
		}
	}
	return ""
}

// errBaselineIncomplete: the baseline was written, but some files could
// not be checked.
var errBaselineIncomplete = errors.New("the baseline lacks the files that could not be checked")

// afterRun applies severity overrides and the baseline, and writes a new
// baseline when asked. done is true when the run ends here (baseline
// written).
func (a *adoptOptions) afterRun(res *lint.Result, stderr io.Writer) (done bool, err error) {
	if a.cfg != nil && len(a.cfg.Severity) > 0 {
		for i := range res.Findings {
			if s, ok := a.cfg.Severity[res.Findings[i].RuleID]; ok {
				res.Findings[i].Severity = s
			}
		}
	}
	if a.writeBaseline != "" {
		var buf bytes.Buffer
		if err := lint.NewBaseline(res.Findings).Write(&buf); err != nil {
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
	if a.baseline != "" {
		data, err := a.readBaseline()
		if err != nil {
			return false, fmt.Errorf("--baseline: %w", err)
		}
		b, err := lint.ReadBaseline(data)
		if err != nil {
			return false, fmt.Errorf("--baseline %s: %w", a.baseline, err)
		}
		res.Findings, _ = b.Filter(res.Findings)
	}
	return false, nil
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
	if len(args) > 0 {
		path = args[0]
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
	if _, err := io.WriteString(f, config.Starter); err != nil {
		fmt.Fprintf(stderr, "ecslint: %v\n", err)
		return ExitError
	}
	fmt.Fprintf(stdout, "wrote %s\n", path)
	return ExitOK
}
