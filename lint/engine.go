package lint

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Config is one run of the engine.
type Config struct {
	Parsers []Parser
	Rules   []Rule
	// RuleOptions holds per-rule settings, keyed by rule ID.
	RuleOptions  map[string]map[string]any
	ParseOptions ParseOptions
	// Workers bounds parallelism; 0 means GOMAXPROCS.
	Workers     int
	MaxFileSize int64
	// Stdin, when set, is linted as if it were the file StdinName.
	Stdin     []byte
	StdinName string
	// Exclude reports paths (slash-separated, as walked) to skip.
	Exclude func(path string) bool
	// Suppress, when set, applies inline, resource and config suppressions
	// to findings (never to errors) and reports suppression problems.
	Suppress *SuppressConfig
	// NoSources says no output will show source text: files are then not
	// kept in Result.Sources, and a large run holds less memory.
	NoSources bool
}

// Result is everything a run found.
type Result struct {
	Findings []Finding
	Errors   []Diagnostic
	Notes    []Diagnostic
	// Sources holds the content of files that findings point into, for
	// source snippets.
	Sources map[string][]byte
	// Files counts the files a parser claimed.
	Files int
	// CheckedFiles lists the claimed files that are reported on (slash
	// paths, sorted), for formats that list passing files too.
	CheckedFiles []string
	// Suppressed are the findings suppressions hid (in reported files),
	// sorted like Findings.
	Suppressed []SuppressedFinding
	// Secrets are the Redact ranges of every finding any rule made,
	// whatever became of it (suppressed, in a file not reported on,
	// later hidden by a baseline): a secret is masked in every snippet,
	// not only in the snippets of the finding that found it.
	Secrets []Range
}

// skippedDirs are never walked: version control, dependency trees, and
// Terraform's download cache (modules there are reached through the module
// calls that use them, not as roots).
var skippedDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, "node_modules": true, "vendor": true,
	"bower_components": true, ".terraform": true, ".terragrunt-cache": true,
	"__pycache__": true, ".venv": true, "venv": true, ".tox": true,
}

type job struct {
	parsers []Parser // tried in order until one claims
	paths   []string
}

// Run lints paths. A non-nil error means the run could not start (bad
// roots); problems with individual files are in Result.Errors.
func Run(cfg Config, paths []string) (*Result, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	res := &Result{Sources: map[string][]byte{}}

	var roots []string
	for _, p := range paths {
		if p == "-" {
			continue
		}
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			roots = append(roots, fileRoot(p))
		} else {
			roots = append(roots, p)
		}
	}
	if cfg.StdinName != "" || slices.Contains(paths, "-") {
		roots = append(roots, fileRoot(cfg.StdinName))
	}
	fsys, err := NewFS(roots, cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}

	// Collect the files to lint. explicit files are reported on; context
	// files (siblings a grouped parser needs) are read but not reported on.
	var files []string
	explicit := map[string]bool{}
	var dirArgs []string
	seen := map[string]bool{}
	add := func(p string) {
		p = filepath.Clean(p)
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		if p == "-" {
			name := cfg.StdinName
			if name == "" {
				name = "stdin.json"
			}
			fsys.Overlay(name, cfg.Stdin)
			explicit[filepath.Clean(name)] = true
			add(name)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			res.Errors = append(res.Errors, Diagnostic{Range: Range{File: filepath.ToSlash(p)}, Message: describeOSError(err)})
			continue
		}
		if !info.IsDir() {
			// Excludes apply to named files too: pre-commit names every
			// staged file, and an excluded tree must stay excluded.
			if cfg.Exclude != nil && cfg.Exclude(filepath.ToSlash(filepath.Clean(p))) {
				continue
			}
			explicit[filepath.Clean(p)] = true
			add(p)
			continue
		}
		dirArgs = append(dirArgs, filepath.Clean(p))
		walkErrs := walk(p, fsys, cfg.Exclude, func(f string) {
			if acceptedBy(cfg.Parsers, f) != nil {
				add(f)
			}
		})
		res.Errors = append(res.Errors, walkErrs...)
	}
	if cfg.StdinName != "" && !slices.Contains(paths, "-") {
		// --stdin-filename without "-" still reads standard input.
		fsys.Overlay(cfg.StdinName, cfg.Stdin)
		explicit[filepath.Clean(cfg.StdinName)] = true
		add(cfg.StdinName)
	}

	reportable := func(file string) bool {
		f := filepath.Clean(filepath.FromSlash(file))
		if explicit[f] {
			return true
		}
		for _, d := range dirArgs {
			if (d == "." && !filepath.IsAbs(f) && !strings.HasPrefix(f, "..")) || f == d || strings.HasPrefix(f, d+string(filepath.Separator)) {
				return true
			}
		}
		// Files read only as context (the rest of a Terraform module when
		// one of its files was named, as pre-commit does) are not reported on.
		return false
	}

	var ignores *configIgnores
	var runSup *suppressor
	if cfg.Suppress != nil {
		runSup = newSuppressor(cfg.Suppress, cfg.Rules)
		ignores = newConfigIgnores(runSup, cfg.Suppress.Ignores, cfg.Suppress.IgnorePath)
	}

	jobs := planJobs(cfg.Parsers, files, fsys)
	outs := make([]jobResult, len(jobs))
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outs[i] = runJob(cfg, fsys, jobs[i], runSup, ignores)
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()

	if runSup != nil {
		ignores.unused(runSup)
		res.Findings = append(res.Findings, runSup.probs...)
		res.Errors = append(res.Errors, runSup.errs...)
	}
	// Findings are large and a monorepo has a hundred thousand: size the
	// slice once rather than grow it.
	total := len(res.Findings)
	for _, o := range outs {
		total += len(o.findings)
	}
	res.Findings = slices.Grow(res.Findings, total-len(res.Findings))
	for _, o := range outs {
		res.Files += o.claimed
		res.Secrets = append(res.Secrets, o.secrets...)
		for _, sf := range o.suppressed {
			if reportable(sf.Finding.Range.File) {
				res.Suppressed = append(res.Suppressed, sf)
				if b, ok := o.sources[filepath.FromSlash(sf.Finding.Range.File)]; ok {
					res.Sources[sf.Finding.Range.File] = b
				}
			}
		}
		if o.claimed > 0 {
			for _, p := range o.paths {
				if slash := filepath.ToSlash(p); reportable(slash) {
					res.CheckedFiles = append(res.CheckedFiles, slash)
				}
			}
		}
		for _, f := range o.findings {
			if reportable(f.Range.File) {
				res.Findings = append(res.Findings, f)
				if b, ok := o.sources[filepath.FromSlash(f.Range.File)]; ok {
					res.Sources[f.Range.File] = b
				}
			}
		}
		for _, e := range o.errors {
			if reportable(e.Range.File) {
				res.Errors = append(res.Errors, e)
			}
		}
		res.Notes = append(res.Notes, o.notes...)
	}
	res.Findings = SortFindings(res.Findings)
	SortDiagnostics(res.Errors)
	SortDiagnostics(res.Notes)
	sort.Strings(res.CheckedFiles)
	slices.SortStableFunc(res.Suppressed, func(a, b SuppressedFinding) int {
		return compareFindings(&a.Finding, &b.Finding)
	})
	redactMessages(res)
	return res, nil
}

// fileRoot is the root a file argument confines reads to: the working
// directory when the file is inside it (so a pre-commit run from the
// repository root can follow ../ references within the repository), else
// the file's own directory.
func fileRoot(path string) string {
	if path == "" {
		return "."
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Dir(path)
	}
	wd, err := os.Getwd()
	if err == nil && strings.HasPrefix(abs, wd+string(filepath.Separator)) {
		return wd
	}
	return filepath.Dir(path)
}

type jobResult struct {
	claimed    int
	suppressed []SuppressedFinding
	paths      []string
	findings   []Finding
	errors     []Diagnostic
	notes      []Diagnostic
	sources    map[string][]byte
	secrets    []Range
}

// runJob parses one job and runs every rule over its units. Rules run right
// after parsing so that no job's syntax trees outlive it. A panic in a parser
// or rule becomes an error for the job's files, never a crash of the run.
func runJob(cfg Config, fsys *FS, j job, runSup *suppressor, ignores *configIgnores) (out jobResult) {
	ctx := NewContext(fsys, cfg.ParseOptions)
	defer func() {
		if r := recover(); r != nil {
			out.errors = append(out.errors, Diagnostic{
				Range:   Range{File: filepath.ToSlash(j.paths[0])},
				Message: fmt.Sprintf("internal error: %v (please report this with the file)\n%s", r, firstFrames(debug.Stack())),
			})
		}
	}()
	var units []*Unit
	for _, p := range j.parsers {
		us, claimed := p.Parse(ctx, j.paths)
		if claimed {
			units = us
			out.claimed = len(j.paths)
			out.paths = j.paths
			break
		}
	}
	if out.claimed == 0 {
		// Nobody claimed the files: errors from sniffing are not reported.
		// A file that could not be read at all may have been ours, though:
		// that is a file ecslint could not check. A read the sandbox
		// refused (a symlink out of the roots) is a deliberate skip.
		var unread []Diagnostic
		for _, p := range j.paths {
			if err := ctx.readErr(p); err != nil && !errors.Is(err, ErrOutsideRoots) {
				unread = append(unread, Diagnostic{Range: Range{File: filepath.ToSlash(p)}, Message: "could not read: " + describeOSError(err)})
			}
		}
		return jobResult{errors: unread}
	}
	for _, u := range units {
		for _, r := range cfg.Rules {
			p := NewPass(r, u, cfg.RuleOptions[r.Meta().ID], &out.findings)
			r.Check(p)
		}
	}
	for _, f := range out.findings {
		out.secrets = append(out.secrets, f.Redact...)
	}
	if cfg.Suppress != nil {
		s := runSup.forJob()
		var n []SuppressedFinding
		var files []string
		for _, p := range j.paths {
			files = append(files, filepath.ToSlash(p))
		}
		out.findings, n = s.apply(out.findings, units, files, func(file string) ([]byte, bool) {
			return ctx.Source(filepath.FromSlash(file))
		})
		out.suppressed = append(out.suppressed, n...)
		out.findings, n = ignores.filter(out.findings)
		out.suppressed = append(out.suppressed, n...)
		out.findings = append(out.findings, s.probs...)
		out.errors = append(out.errors, s.errs...)
	}
	out.errors = append(out.errors, ctx.Errors()...)
	out.notes = ctx.notes
	if !cfg.NoSources && (len(out.findings) > 0 || len(out.suppressed) > 0) {
		out.sources = ctx.sources
	}
	return out
}

func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	if len(lines) > 21 {
		lines = lines[:21]
	}
	return strings.Join(lines, "\n")
}

// planJobs groups files into jobs: grouped parsers get their files as
// groups; every other file is a job of its own, offered to each parser that
// accepts its name, in order.
func planJobs(parsers []Parser, files []string, fsys *FS) []job {
	var jobs []job
	grouped := map[Parser][]string{}
	for _, f := range files {
		ps := acceptedBy(parsers, f)
		if len(ps) == 0 {
			continue
		}
		if _, ok := ps[0].(Grouper); ok {
			grouped[ps[0]] = append(grouped[ps[0]], f)
			continue
		}
		jobs = append(jobs, job{parsers: ps, paths: []string{f}})
	}
	for _, p := range parsers {
		g, ok := p.(Grouper)
		if !ok || len(grouped[p]) == 0 {
			continue
		}
		for _, paths := range g.Group(grouped[p], fsys) {
			jobs = append(jobs, job{parsers: []Parser{p}, paths: paths})
		}
	}
	return jobs
}

func acceptedBy(parsers []Parser, path string) []Parser {
	var ps []Parser
	for _, p := range parsers {
		if p.Accepts(path) {
			ps = append(ps, p)
		}
	}
	return ps
}

// walk visits the files under root in lexical order, skipping vendored
// trees and never following directory symlinks (no loops, no escapes).
func walk(root string, fsys *FS, exclude func(string) bool, visit func(string)) []Diagnostic {
	var errs []Diagnostic
	if info, err := os.Lstat(root); err == nil && info.Mode()&os.ModeSymlink != 0 {
		// WalkDir does not enter a root that is a symlink; with a trailing
		// separator the OS resolves it, and paths keep the name given.
		if st, err := os.Stat(root); err == nil && st.IsDir() {
			root += string(filepath.Separator)
		}
	}
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, Diagnostic{Range: Range{File: filepath.ToSlash(path)}, Message: describeOSError(err)})
			return nil
		}
		slash := filepath.ToSlash(path)
		if d.IsDir() {
			if path != root && (skippedDirs[d.Name()] || (exclude != nil && exclude(slash))) {
				return filepath.SkipDir
			}
			return nil
		}
		if exclude != nil && exclude(slash) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// A file symlink is followed only when its target stays inside
			// the roots; a directory symlink is never followed.
			info, err := os.Stat(path)
			if err != nil || info.IsDir() || !fsys.Within(path) {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		visit(path)
		return nil
	})
	return errs
}

func describeOSError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// SortFindings orders findings by file, line, column and rule, and drops
// duplicates: the same rule at the same place, as when a container JSON file
// is linted on its own and again through the Terraform file() that reads it.
// Of duplicates the one with the most context (related locations, a
// resource) is kept.
func SortFindings(findings []Finding) []Finding {
	// Sort indexes, not the findings: a Finding is a few hundred bytes and
	// a stable sort moves each one many times. The index breaks ties, so
	// equal findings keep the order their jobs gave them.
	order := make([]int32, len(findings))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		if c := compareFindings(&findings[i], &findings[j]); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	})
	// Move each finding into place, one cycle of the permutation at a time.
	for i := range order {
		if order[i] < 0 {
			continue
		}
		held := findings[i]
		j := i
		for {
			k := int(order[j])
			order[j] = -1
			if k == i {
				findings[j] = held
				break
			}
			findings[j] = findings[k]
			j = k
		}
	}
	out := findings[:0]
	for i := range findings {
		if n := len(out); n > 0 && sameSpot(&out[n-1], &findings[i]) {
			continue
		}
		out = append(out, findings[i])
	}
	return out
}

func sameSpot(a, b *Finding) bool {
	return a.RuleID == b.RuleID && a.Range.File == b.Range.File && a.Range.Start == b.Range.Start
}

// compareFindings orders findings by file, start, rule, and among
// duplicates the richer first.
func compareFindings(a, b *Finding) int {
	if c := strings.Compare(a.Range.File, b.Range.File); c != 0 {
		return c
	}
	if c := comparePos(a.Range.Start, b.Range.Start); c != 0 {
		return c
	}
	if c := strings.Compare(a.RuleID, b.RuleID); c != 0 {
		return c
	}
	if c := cmp.Compare(len(b.Related), len(a.Related)); c != 0 {
		return c
	}
	if (a.Resource == "") != (b.Resource == "") {
		if a.Resource != "" {
			return -1
		}
		return 1
	}
	if c := comparePos(a.Range.End, b.Range.End); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

func comparePos(a, b Pos) int {
	if c := cmp.Compare(a.Line, b.Line); c != 0 {
		return c
	}
	return cmp.Compare(a.Col, b.Col)
}

// SortDiagnostics orders errors by position and drops exact duplicates.
func SortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Range.File != b.Range.File {
			return a.Range.File < b.Range.File
		}
		if a.Range.Start != b.Range.Start {
			return a.Range.Start.Before(b.Range.Start)
		}
		return a.Message < b.Message
	})
}
