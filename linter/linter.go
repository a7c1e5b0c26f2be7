// Package linter is the run policy of ecslint as a library: from what a user
// asks for (the CLI's flags, an editor's open buffers) and the config file
// found beside the paths, to the lint.Options of one run and its result.
// It decides which config file is read, which rules run, which paths are
// excluded, how suppressions, severity overrides and the baseline apply;
// lint.Run then discovers, parses, checks and processes. The CLI, standard
// input and an editor session all go through it, so they agree.
package linter

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ecslint/ecslint/config"
	"github.com/ecslint/ecslint/custom"
	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/rules"
)

// Settings are what a user asks of a run. The zero value lints every
// input format with the config file found above the paths, as the CLI
// does without flags.
type Settings struct {
	// Parsers are the input formats, in the order a file is offered to
	// them; nil means every format ecslint reads (formats.All).
	Parsers []lint.Parser
	// Rules are every rule known; nil means rules.All(). The config and
	// Enable/Disable choose which of them run.
	Rules []lint.Rule

	// ConfigPath names the config file; empty means config.FileName in the
	// deepest directory holding every path, or the nearest parent up to
	// the repository root (see findConfig). NoConfig reads none.
	ConfigPath string
	NoConfig   bool

	// Enable and Disable turn rules on and off, by ID or name, over the
	// config's choice.
	Enable, Disable []string
	// Only, when not empty, names (by ID or name) the rules that run,
	// default-off ones included, instead of the config's and Enable's and
	// Disable's choice: to see what one rule says.
	Only []string
	// Exclude are globs of paths to skip (** spans directories), as
	// written against the paths walked, beside the config's excludes.
	Exclude []string
	// NoInlineSuppressions ignores suppressions written in the sources;
	// StrictSuppressions makes suppression problems errors.
	NoInlineSuppressions bool
	StrictSuppressions   bool
	// Baseline names a baseline file (the user's own, read from anywhere);
	// empty means the config's, if it exists. RecordingBaseline says the
	// findings are being recorded into a new baseline: no baseline applies.
	Baseline          string
	RecordingBaseline bool
	// FailOn is the lowest severity that fails the run; empty means the
	// config's, else low.
	FailOn string

	// Vars (NAME=VALUE) and VarFiles set Terraform variables, over the
	// config's.
	Vars, VarFiles []string

	// StdinName is the file standard input is linted as (the path "-"
	// reads it under lint.DefaultStdinName when empty); Stdin is read only
	// when the run reads standard input, after the config was accepted.
	StdinName string
	Stdin     io.Reader
	// Overlays replace files' content: unsaved editor buffers, path as
	// named or walked -> content. A named path with an overlay need not
	// exist on disk.
	Overlays map[string][]byte
	// ReportContext reports on every file the run reads, not only those
	// named: an editor shows a finding in the file it points at (see
	// lint.Options.ReportContext).
	ReportContext bool

	Workers        int
	MaxFileSize    int64
	MemoryBudget   int64
	AdmittedMemory func(bytes int64)
	// NoSources says no output will show source text (see lint.Options).
	NoSources bool
}

// Plan is a run prepared: the options lint.Run gets, and what the config
// decided beyond them.
type Plan struct {
	// Options are the engine's options; Run completes them with standard
	// input and the baseline.
	Options lint.Options
	// Config is the config file read, nil when none was.
	Config *config.Config
	// FailOn is the lowest severity that fails the run.
	FailOn string
	// PassedOver are config files nearer to some of the paths than Config
	// (a subdirectory's own), which this run does not use: one config
	// serves the run (see findConfig), and a caller should say so.
	PassedOver []string
	// Known are the rules known to the run: the settings' (or every
	// built-in rule) and the config's custom rules; nil when the config
	// has none.
	Known []lint.Rule

	paths      []string
	stdin      io.Reader
	baseline   string
	baselineFS *lint.FS
}

// Lint prepares and runs one lint of paths.
func Lint(s Settings, paths []string) (*lint.Result, *Plan, error) {
	p, err := Prepare(s, paths)
	if err != nil {
		return nil, nil, err
	}
	res, err := p.Run()
	return res, p, err
}

// Prepare reads the config file and turns it and the settings into a plan.
// Settings win over the file. The error of a bad config lists every
// problem, one a line.
func Prepare(s Settings, paths []string) (*Plan, error) {
	known := s.Rules
	if known == nil {
		known = rules.All()
	}
	if s.Parsers == nil {
		s.Parsers = formats.All().Parsers()
	}
	for _, f := range s.VarFiles {
		// Missing, the variables it sets would silently take their
		// defaults, and a run without Terraform files would never notice.
		if _, err := os.Stat(f); err != nil {
			return nil, fmt.Errorf("--var-file %s: %w", f, describeStatError(err))
		}
	}
	roots := scanRoots(paths, s.StdinName)
	c, passedOver, err := readConfig(s, paths, roots, known)
	if err != nil {
		return nil, err
	}
	p := &Plan{
		Config:     c,
		PassedOver: passedOver,
		Options: lint.Options{
			Parsers:        s.Parsers,
			Workers:        s.Workers,
			MaxFileSize:    s.MaxFileSize,
			MemoryBudget:   s.MemoryBudget,
			AdmittedMemory: s.AdmittedMemory,
			StdinName:      s.StdinName,
			Overlays:       s.Overlays,
			ReportContext:  s.ReportContext,
			NoSources:      s.NoSources,
			ParseOptions:   lint.ParseOptions{TerraformVars: s.Vars, TerraformVarFiles: s.VarFiles},
		},
		FailOn:   s.FailOn,
		paths:    paths,
		stdin:    s.Stdin,
		baseline: s.Baseline,
	}
	if c == nil {
		c = &config.Config{Dir: "."}
	}
	if len(c.CustomRules) > 0 {
		// Compiled here, once per run; a config without custom rules
		// never builds a CEL environment.
		compiled, err := custom.Compile(c.CustomRules)
		if err != nil {
			return nil, err
		}
		known = append(slices.Clip(known), compiled...)
		p.Known = known
	}
	if len(s.Only) > 0 {
		p.Options.Rules, err = onlyRules(known, s.Only)
	} else {
		p.Options.Rules, err = enabledRules(known, c, s.Enable, s.Disable)
	}
	if err != nil {
		return nil, err
	}
	p.Options.RuleOptions = c.Options
	if len(c.Severity) > 0 {
		p.Options.Severity = c.Severity
	}
	if p.FailOn == "" {
		p.FailOn = cmp.Or(c.FailOn, lint.Low.String())
	}
	if p.Config != nil {
		sandbox, err := p.Config.Sandbox(roots, s.MaxFileSize)
		if err != nil {
			return nil, err
		}
		p.Options.ParseOptions.ConfigFS = sandbox
		p.Options.ParseOptions.TerraformConfigVarFiles = slices.Clone(c.VarFiles)
		if p.baseline == "" && c.Baseline != "" && !s.RecordingBaseline {
			// Sandbox has checked that it is inside; missing, it is not made yet.
			if _, err := os.Stat(c.Baseline); err == nil {
				p.baseline, p.baselineFS = c.Baseline, sandbox
			}
		}
	}
	if s.RecordingBaseline {
		p.baseline = ""
	}
	p.Options.ParseOptions.TerraformVars = append(slices.Clone(c.Vars), p.Options.ParseOptions.TerraformVars...)
	p.Options.Exclude = excluder(c, s.Exclude)
	p.Options.Suppress = suppressConfig(c, s, known)
	return p, nil
}

// Run reads standard input if the run reads it, and the baseline, and runs
// the engine. A plan runs once: standard input is consumed.
func (p *Plan) Run() (*lint.Result, error) {
	paths := p.paths
	if p.Options.StdinName != "" || slices.Contains(paths, "-") {
		// Read only now, once the config is accepted: a bad config must
		// not wait on a terminal first.
		if p.stdin != nil {
			data, err := io.ReadAll(p.stdin)
			if err != nil {
				return nil, fmt.Errorf("reading standard input: %w", err)
			}
			if len(bytes.TrimSpace(data)) == 0 {
				// An empty pipe (a failed command before it) is not a
				// clean file.
				return nil, errors.New("standard input is empty: nothing to lint")
			}
			p.Options.Stdin = data
		}
		if len(paths) == 0 {
			paths = []string{"-"}
		}
	}
	if p.baseline != "" {
		b, err := p.readBaseline()
		if err != nil {
			return nil, err
		}
		p.Options.Baseline = b
	}
	res, err := lint.Run(p.Options, paths)
	if err == nil && p.Options.StdinName == "" && slices.Contains(res.Skipped, lint.DefaultStdinName) {
		// Unnamed, standard input is read as JSON: HCL or YAML piped in
		// is not recognised, and would otherwise pass as skipped.
		return nil, errors.New("standard input is not JSON ecslint recognises (a task definition, CloudFormation or Terraform JSON); " +
			"for HCL or YAML, name it with --stdin-filename (main.tf, template.yaml)")
	}
	return res, err
}

// describeStatError says why a named file cannot be read, without
// repeating its path.
func describeStatError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readBaseline reads the baseline: through the config's sandbox when the
// config names it, else as the user's own file; a regular file within
// the size cap either way (/dev/zero as a baseline never ends).
func (p *Plan) readBaseline() (*lint.Baseline, error) {
	var data []byte
	var err error
	if p.baselineFS != nil {
		data, err = p.baselineFS.ReadFile(p.baseline)
	} else {
		data, err = lint.ReadOwnFile(p.baseline, p.Options.MaxFileSize)
	}
	if err != nil {
		return nil, fmt.Errorf("--baseline: %w", err)
	}
	b, err := lint.ReadBaseline(data)
	if err != nil {
		return nil, fmt.Errorf("--baseline %s: %w", p.baseline, err)
	}
	// Its paths are relative to its own directory (see lint.Baseline).
	b.Dir = filepath.Dir(p.baseline)
	return b, nil
}

// readConfig finds and reads the config file, or returns nil when there is
// none (or NoConfig).
func readConfig(s Settings, paths, roots []string, known []lint.Rule) (_ *config.Config, passedOver []string, _ error) {
	if s.NoConfig {
		return nil, nil, nil
	}
	path := s.ConfigPath
	if path == "" {
		path, passedOver = findConfig(paths, s.StdinName)
	}
	if path == "" {
		return nil, passedOver, nil
	}
	c, err := loadConfig(path, s.ConfigPath != "", roots, known)
	return c, passedOver, err
}

// findConfig looks for the config file from the deepest directory that
// holds every path (and standard input's name) up to the repository
// root. One config for the run, whatever the order of the paths: with
// the first path's directory, `ecslint sub/a.json b.json` and
// `ecslint b.json sub/a.json` were linted under different configs.
// passedOver are the configs nearer to some path than the one chosen:
// not used, which the caller should say.
func findConfig(paths []string, stdinName string) (path string, passedOver []string) {
	var dirs []string
	for _, p := range paths {
		if p == "-" {
			continue
		}
		// The user's own argument: finding the config next to it is the point.
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			p = filepath.Dir(p)
		}
		dirs = append(dirs, p)
	}
	if stdinName != "" {
		dirs = append(dirs, filepath.Dir(stdinName))
	}
	if len(dirs) == 0 {
		dirs = append(dirs, ".")
	}
	wd, _ := os.Getwd()
	rel := func(p string) string {
		if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
		return p
	}
	found := config.Find(commonDir(dirs))
	seen := map[string]bool{found: true}
	for _, d := range dirs {
		if nearer := config.Find(d); !seen[nearer] {
			seen[nearer] = true
			passedOver = append(passedOver, rel(nearer))
		}
	}
	slices.Sort(passedOver)
	if found == "" {
		return "", passedOver
	}
	return rel(found), passedOver
}

// commonDir is the deepest directory that holds every one of dirs.
func commonDir(dirs []string) string {
	var common []string
	for i, d := range dirs {
		abs, err := filepath.Abs(d)
		if err != nil {
			return d
		}
		parts := strings.Split(filepath.ToSlash(abs), "/")
		if i == 0 {
			common = parts
			continue
		}
		n := 0
		for n < len(common) && n < len(parts) && common[n] == parts[n] {
			n++
		}
		common = common[:n]
	}
	dir := filepath.FromSlash(strings.Join(common, "/"))
	if dir == "" || (len(common) == 1 && common[0] == "") {
		// Only the file system root is common (on Windows, the volume
		// differs: no directory holds both).
		dir = string(filepath.Separator)
	}
	return dir
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
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
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

// enabledRules are the rules that run: each rule's default, then the
// config's choice, then the settings'.
func enabledRules(known []lint.Rule, c *config.Config, enable, disable []string) ([]lint.Rule, error) {
	enabled := map[string]bool{}
	for _, r := range known {
		enabled[r.Meta().ID] = !r.Meta().Disabled
	}
	en, err := ruleIDs(known, enable)
	if err != nil {
		return nil, fmt.Errorf("--enable: %w", err)
	}
	dis, err := ruleIDs(known, disable)
	if err != nil {
		return nil, fmt.Errorf("--disable: %w", err)
	}
	for _, step := range [][2][]string{{c.Enable, c.Disable}, {en, dis}} {
		for _, id := range step[0] {
			enabled[id] = true
		}
		for _, id := range step[1] {
			enabled[id] = false
		}
	}
	var run []lint.Rule
	for _, r := range known {
		if enabled[r.Meta().ID] {
			run = append(run, r)
		}
	}
	return run, nil
}

// onlyRules are the rules named, in the known rules' order.
func onlyRules(known []lint.Rule, only []string) ([]lint.Rule, error) {
	ids, err := ruleIDs(known, only)
	if err != nil {
		return nil, fmt.Errorf("--only: %w", err)
	}
	var run []lint.Rule
	for _, r := range known {
		if slices.Contains(ids, r.Meta().ID) {
			run = append(run, r)
		}
	}
	return run, nil
}

func ruleIDs(known []lint.Rule, names []string) ([]string, error) {
	var ids []string
	for _, n := range names {
		id := RuleID(known, n)
		if id == "" {
			msg := fmt.Sprintf("unknown rule %q", n)
			var names []string
			for _, r := range known {
				names = append(names, r.Meta().ID, r.Meta().Name)
			}
			if near := lint.Nearest(n, names); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			return nil, fmt.Errorf("%s (see `ecslint rules`)", msg)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// RuleID returns the ID of the rule called name (by ID or name, in any
// case) among known and SuppressionRule, or "".
func RuleID(known []lint.Rule, name string) string {
	for _, r := range append(slices.Clone(known), lint.SuppressionRule) {
		if strings.EqualFold(r.Meta().ID, name) || strings.EqualFold(r.Meta().Name, name) {
			return r.Meta().ID
		}
	}
	return ""
}

// excluder skips paths matching the config's excludes (written relative to
// the config file) or the settings' (written as the paths are walked); nil
// when there are none.
func excluder(c *config.Config, globs []string) func(string) bool {
	if len(c.Exclude) == 0 && len(globs) == 0 {
		return nil
	}
	return func(p string) bool {
		for _, g := range c.Exclude {
			if lint.MatchGlob(g, c.Rel(p)) {
				return true
			}
		}
		for _, g := range globs {
			if lint.MatchGlob(g, p) {
				return true
			}
		}
		return false
	}
}

func suppressConfig(c *config.Config, s Settings, known []lint.Rule) *lint.SuppressConfig {
	noInline := s.NoInlineSuppressions
	if c.InlineSuppressions != nil && !*c.InlineSuppressions {
		noInline = true
	}
	sc := &lint.SuppressConfig{
		NoInline: noInline,
		Strict:   s.StrictSuppressions || c.StrictSuppressions,
		Ignores:  c.Ignores,
		Known:    known,
	}
	if c.Path != "" {
		// Globs are written relative to the config file; findings name
		// paths as the user gave them.
		sc.IgnorePath = c.Rel
	}
	return sc
}
