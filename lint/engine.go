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
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Options are the settings of one run of the engine (config.Config is the
// config file a run may be configured from).
type Options struct {
	Parsers []Parser
	Rules   []Rule
	// RuleOptions holds per-rule settings, keyed by rule ID.
	RuleOptions  map[string]map[string]any
	ParseOptions ParseOptions
	// Workers bounds parallelism; 0 means GOMAXPROCS.
	Workers     int
	MaxFileSize int64
	// Stdin, when set, is linted as if it were the file StdinName
	// (DefaultStdinName when empty): the path "-" stands for it, and
	// StdinName alone reads it too. It is an overlay to which excludes do
	// not apply.
	Stdin     []byte
	StdinName string
	// ReportContext reports on every file a run reads, not only those
	// named or under a named directory: an editor lints one open file (or
	// its module) and shows each finding where it points, in the JSON a
	// Terraform file() reads too.
	ReportContext bool
	// Overlays replace the content of files (path as named or walked) with
	// the content given: an editor's unsaved buffers. A path named that
	// has an overlay need not exist on disk.
	Overlays map[string][]byte
	// Exclude reports paths (slash-separated, as walked) to skip.
	Exclude func(path string) bool
	// Suppress, when set, applies inline, resource and config suppressions
	// to findings (never to errors) and reports suppression problems.
	Suppress *SuppressConfig
	// Severity overrides the severity of the findings of the rules it
	// names (by ID); DescribedRules describes them with it.
	Severity map[string]Severity
	// Baseline, when set, hides the findings it records.
	Baseline *Baseline
	// NoSources says no output will show source text: files are then not
	// kept in Result.Sources, and a large run holds less memory.
	NoSources bool
	// MemoryBudget bounds the estimated memory (MemoryPerInputByte per
	// byte of input) of the units checked at one time; a unit whose
	// estimate alone exceeds it is refused with an error. 0 means
	// DefaultMemoryBudget, raised to fit one file of the size cap.
	MemoryBudget int64
	// AdmittedMemory, when set, is told the estimated memory of the units
	// being checked each time it changes, so a binary can move its soft
	// memory limit with it: a collector target under what an admitted
	// unit needs makes the collector run without pause for no gain.
	AdmittedMemory func(bytes int64)
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
	// Skipped lists the files named (or standard input, under its name)
	// that no parser claimed (slash paths, sorted): not ECS input, so not
	// checked. Formats say so, so that a run that checked nothing cannot
	// pass for a clean one. Files only walked past are not listed.
	Skipped []string
	// Baselined counts the findings the baseline hid.
	Baselined int
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

	// derived are the files generated from others (Context.Derived).
	derived map[string]bool
	// jobDirs are, by job number (from 1, Finding.job), the directory of
	// each job's first file: a Terraform root module's (its files come
	// first), or a single file's own. Matching a derived file's finding to
	// its source is scoped by it (preferSources).
	jobDirs []string
	// secretTexts are the texts parsers marked secret (Context.Secret):
	// masked in every message, whichever file's finding quotes them (a
	// source finding quoting a value its plan marks sensitive).
	secretTexts []string
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
	// inputSize is the bytes of its files, known once admitted.
	inputSize int64
}

// Run lints paths: discover the files, plan them into jobs, parse each
// job and run the rules over it (with the job processors), merge what the
// jobs found, and run the result processors (see process.go). A non-nil
// error means the run could not start (bad roots); problems with
// individual files are in Result.Errors.
func Run(cfg Options, paths []string) (*Result, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	in, err := discover(&cfg, paths)
	if err != nil {
		return nil, err
	}
	// An option that inherits another rule's (ECS301's trait settings)
	// takes it here, whoever built the options.
	cfg.RuleOptions = InheritOptions(cfg.Rules, cfg.RuleOptions)
	sups := newSuppressions(&cfg)
	jobs := planJobs(cfg.Parsers, in.files, in.fsys)
	outs := runJobs(&cfg, in.fsys, jobs, sups.jobProcessors())

	// What only the whole run can tell (a config ignore that matched
	// nothing) comes first, as the errors of discovery do.
	probs, errs := sups.runProblems()
	res := &Result{Sources: map[string][]byte{}, Findings: probs, Errors: append(in.errors, errs...)}
	cfg.merge(res, in, outs)
	for _, p := range cfg.resultProcessors() {
		p.processResult(res)
	}
	return res, nil
}

// runJobs runs the jobs on cfg.Workers workers, each admitted within the
// memory budget, and returns their results in job order.
func runJobs(cfg *Options, fsys *FS, jobs []job, procs []jobProcessor) []jobResult {
	outs := make([]jobResult, len(jobs))
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	admit := newAdmission(cfg.memoryBudget(fsys.MaxFileSize), cfg.AdmittedMemory)
	var sizes findingsPerByte
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				// admit.run sets jobs[i].inputSize before it runs the job.
				outs[i] = admit.run(fsys, &jobs[i], func() jobResult {
					return runJob(cfg, fsys, jobs[i], procs, &sizes)
				})
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return outs
}

// merge adds what the jobs found in reported files to res, in job order.
func (cfg *Options) merge(res *Result, in *inputs, outs []jobResult) {
	// Variable files named by flags or the config are read for every
	// Terraform root; an error in one (a syntax error, a file outside the
	// config's sandbox) is reported wherever the file is.
	varFiles := map[string]bool{}
	for _, f := range slices.Concat(cfg.ParseOptions.TerraformConfigVarFiles, cfg.ParseOptions.TerraformVarFiles) {
		varFiles[filepath.Clean(f)] = true
	}
	// Findings are large and a monorepo has a hundred thousand: size the
	// slice once rather than grow it.
	total := len(res.Findings)
	for _, o := range outs {
		total += len(o.findings)
	}
	res.Findings = slices.Grow(res.Findings, total-len(res.Findings))
	claimed := map[string]bool{}
	// A job's findings are mostly in one file: ask about each file once in
	// a row.
	lastFile, lastReportable := "", false
	reportable := func(file string) bool {
		if file != lastFile || lastFile == "" {
			lastFile, lastReportable = file, in.reportable(file)
		}
		return lastReportable
	}
	res.jobDirs = make([]string, len(outs))
	for i, o := range outs {
		if len(o.paths) > 0 {
			res.jobDirs[i] = filepath.ToSlash(filepath.Dir(o.paths[0]))
		}
		res.Files += o.claimed
		if o.claimed > 0 {
			for _, p := range o.paths {
				claimed[filepath.Clean(p)] = true
			}
		}
		for _, e := range o.errors {
			// A file that could not be read is an error, not a skip.
			claimed[filepath.Clean(filepath.FromSlash(e.Range.File))] = true
		}
		res.Secrets = append(res.Secrets, o.secrets...)
		res.secretTexts = append(res.secretTexts, o.secretTexts...)
		for _, d := range o.derived {
			if res.derived == nil {
				res.derived = map[string]bool{}
			}
			res.derived[d] = true
		}
		for _, sf := range o.suppressed {
			if in.reportable(sf.Finding.Range.File) || sf.Finding.ResourceRange.File != "" && in.reportable(sf.Finding.ResourceRange.File) {
				sf.Finding.job = int32(i + 1)
				res.Suppressed = append(res.Suppressed, sf)
				if b, ok := o.sources[filepath.FromSlash(sf.Finding.Range.File)]; ok {
					res.Sources[sf.Finding.Range.File] = b
				}
			}
		}
		if o.claimed > 0 {
			for _, p := range o.paths {
				if slash := filepath.ToSlash(p); in.reportable(slash) {
					res.CheckedFiles = append(res.CheckedFiles, slash)
				}
			}
		}
		sourced := "" // the file whose source the last finding added
		for _, f := range o.findings {
			// A finding about a resource of a named file is reported
			// even where it points into a file read as context: the
			// container definitions a file() of it reads, a tfvars value.
			// Hidden, it would be a silent pass of the named file.
			if reportable(f.Range.File) || f.ResourceRange.File != "" && in.reportable(f.ResourceRange.File) {
				f.job = int32(i + 1)
				res.Findings = append(res.Findings, f)
				if f.Range.File == sourced {
					continue
				}
				if b, ok := o.sources[filepath.FromSlash(f.Range.File)]; ok {
					res.Sources[f.Range.File] = b
					sourced = f.Range.File
				}
			}
		}
		for _, e := range o.errors {
			if in.reportable(e.Range.File) || varFiles[filepath.Clean(filepath.FromSlash(e.Range.File))] {
				res.Errors = append(res.Errors, e)
			}
		}
		res.Notes = append(res.Notes, o.notes...)
	}
	for _, f := range in.files {
		if in.explicit[f] && !claimed[f] {
			res.Skipped = append(res.Skipped, filepath.ToSlash(f))
		}
	}
	sort.Strings(res.Skipped)
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
	derived    []string
	// secretTexts are the texts the parser marked secret (Context.Secret).
	secretTexts []string
}

// findingsPerByte is how many findings the jobs so far reported per byte of
// input, to size the next job's findings: each rule appends to one slice per
// job, and grown from nothing it was copied at every doubling (a Finding is
// 288 bytes), the built-in rules' findings again when custom rules added
// theirs: 80 MB a corpus run. Only capacity depends on it, never output.
type findingsPerByte struct{ findings, bytes atomic.Int64 }

// estimate is a job's expected findings with a quarter to spare; at most
// one per 64 bytes of input and 4,096 (1.2 MB), so that a large file with
// nothing wrong costs nothing much: past that, growing is cheap beside the
// findings.
func (s *findingsPerByte) estimate(inputSize int64) int {
	seen := s.bytes.Load()
	if seen <= 0 || inputSize <= 0 {
		return 0
	}
	n := float64(s.findings.Load()) / float64(seen) * float64(inputSize) * 1.25
	return int(min(n, float64(inputSize/64), 4096)) + 1
}

func (s *findingsPerByte) record(findings int, inputSize int64) {
	s.findings.Add(int64(findings))
	s.bytes.Add(inputSize)
}

// runJob parses one job, runs every rule over its units and the job
// processors over their findings. Rules run right after parsing so that no
// job's syntax trees outlive it. A panic in a parser or rule becomes an
// error for the job's files, never a crash of the run.
func runJob(cfg *Options, fsys *FS, j job, procs []jobProcessor, sizes *findingsPerByte) (out jobResult) {
	ctx := NewContext(fsys, cfg.ParseOptions)
	defer func() {
		if r := recover(); r != nil {
			out.errors = append(out.errors, Diagnostic{
				Range:   Range{File: filepath.ToSlash(j.paths[0])},
				Message: fmt.Sprintf("internal error: %v (please report this with the file)\n%s", r, firstFrames(debug.Stack())),
			})
		}
	}()
	units, claimedBy, claimed := parseJob(ctx, j)
	if !claimed {
		return jobResult{errors: unreadErrors(ctx, j)}
	}
	out.claimed = len(j.paths)
	out.paths = j.paths
	// Findings go straight into out: those found before a rule panicked
	// are still reported.
	var ruleNotes []Diagnostic
	out.findings = make([]Finding, 0, sizes.estimate(j.inputSize))
	out.errors = checkUnits(cfg.Rules, cfg.RuleOptions, units, j, &out.findings, &ruleNotes)
	sizes.record(len(out.findings), j.inputSize)
	VerifyFixes(out.findings, func(file string) ([]byte, bool) { return ctx.Source(filepath.FromSlash(file)) })
	for _, f := range out.findings {
		out.secrets = append(out.secrets, f.Redact...)
	}
	out.secrets = append(out.secrets, ctx.secrets...)
	out.derived = ctx.derived
	for t := range ctx.secretTexts {
		out.secretTexts = append(out.secretTexts, t)
	}
	if len(procs) > 0 {
		jf := &jobFindings{findings: out.findings, errors: out.errors, units: units, comments: jobComments(ctx, claimedBy)}
		for _, p := range j.paths {
			jf.files = append(jf.files, filepath.ToSlash(p))
		}
		for _, p := range procs {
			p.processJob(jf)
		}
		out.findings, out.suppressed, out.errors = jf.findings, jf.suppressed, jf.errors
		out.findings = append(out.findings, jf.problems...)
	}
	out.errors = append(out.errors, ctx.Errors()...)
	out.notes = ctx.notes
	if len(ruleNotes) > 0 {
		out.notes = slices.Concat(ctx.notes, ruleNotes)
	}
	if !cfg.NoSources && (len(out.findings) > 0 || len(out.suppressed) > 0) {
		out.sources = ctx.sources
	}
	return out
}

// parseJob offers the job's files to its parsers in order until one claims
// them.
func parseJob(ctx *Context, j job) (units []*Unit, by Parser, claimed bool) {
	for _, p := range j.parsers {
		if us, ok := p.Parse(ctx, j.paths); ok {
			return us, p, true
		}
	}
	return nil, nil, false
}

// unreadErrors are the errors of a job nobody claimed. Errors from
// sniffing are not reported, but a file that could not be read at all may
// have been ours: that is a file ecslint could not check. A read the
// sandbox refused (a symlink out of the roots) is a deliberate skip.
func unreadErrors(ctx *Context, j job) []Diagnostic {
	var unread []Diagnostic
	for _, p := range j.paths {
		if err := ctx.readErr(p); err != nil && !errors.Is(err, ErrOutsideRoots) {
			unread = append(unread, Diagnostic{Range: Range{File: filepath.ToSlash(p)}, Message: "could not read: " + describeOSError(err)})
		}
	}
	return unread
}

// checkUnits runs every rule over every unit of a job, up to the job's
// cap on findings, appending to findings.
func checkUnits(rules []Rule, options map[string]map[string]any, units []*Unit, j job, findings *[]Finding, notes *[]Diagnostic) (errs []Diagnostic) {
	limit := &findingCap{limit: maxFindings(j.inputSize)}
	for _, u := range units {
		for _, r := range rules {
			p := NewPass(r, u, options[r.Meta().ID], findings)
			p.cap = limit
			p.notes = notes
			r.Check(p)
		}
		for _, r := range rules {
			if d, ok := r.(UnitDoner); ok {
				d.UnitDone(u)
			}
		}
	}
	if limit.dropped > 0 {
		errs = append(errs, limit.diagnostic(j.paths[0]))
	}
	return errs
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
	// The walk reads every directory it enters; what it saw is the listing
	// FS.ReadDir would read again (Terraform groups a directory's files by
	// it), so it is kept, except for a directory that could not be read
	// whole.
	listings := map[string][]string{}
	unreadable := map[string]bool{}
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			unreadable[filepath.Clean(path)] = true
			errs = append(errs, Diagnostic{Range: Range{File: filepath.ToSlash(path)}, Message: describeOSError(err)})
			return nil
		}
		if path != root {
			dir := filepath.Dir(path)
			if !d.IsDir() {
				listings[dir] = append(listings[dir], d.Name())
			} else if _, ok := listings[dir]; !ok {
				listings[dir] = nil
			}
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
	for dir, names := range listings {
		if !unreadable[dir] {
			fsys.rememberListing(dir, names)
		}
	}
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

// SortFindings orders findings by file, line, column and rule, drops
// duplicates, and names the resource instance in messages where several
// instances share one position.
//
// Which findings are "the same" (see sameFinding and subsumes):
//   - Two findings are one when rule, file, range, container, key, resource
//     (with its instance key, and where it is declared) and message are all
//     equal: nothing a reader could act on tells them apart.
//   - Elements that come from one place in the source (the iterations of a
//     dynamic block, the results of a for expression, the instances of a
//     count or for_each resource or module, the containers one module call
//     passes) share a range but differ in resource, container or key: each
//     is its own finding.
//   - The same text read twice by two jobs, as when a container JSON file is
//     linted on its own and again through the Terraform file() that reads
//     it: the standalone reading (its resource is the document itself,
//     declared in the file the finding points into, or no resource at all)
//     is dropped for the one whose resource is declared elsewhere, which is
//     what is deployed. Within one job two resources never hide each other.
//
// Of exact duplicates the one with the most context (related locations) is
// kept.
func SortFindings(findings []Finding) []Finding {
	// Sort indexes, not the findings: a Finding is a few hundred bytes and
	// a stable sort moves each one many times. The index breaks ties, so
	// equal findings keep the order their jobs gave them.
	order := make([]int32, len(findings))
	for i := range order {
		order[i] = int32(i)
	}
	sortIndexes(order, func(i, j int32) int {
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
	for lo := 0; lo < len(findings); {
		hi := lo + 1
		for hi < len(findings) && sameElement(&findings[lo], &findings[hi]) {
			hi++
		}
		out = appendDistinct(out, findings[lo:hi])
		lo = hi
	}
	nameInstances(out)
	return out
}

// appendDistinct appends the findings of one element group (same rule,
// file, range, container and key; sorted) that are neither exact
// duplicates of an earlier one nor subsumed by another of the group.
func appendDistinct(out, group []Finding) []Finding {
	start := len(out)
	for i := range group {
		f := &group[i]
		if n := len(out); n > start && sameFinding(&out[n-1], f) {
			continue
		}
		if subsumedIn(group, f) {
			continue
		}
		out = append(out, *f)
	}
	return out
}

// subsumedIn reports whether another finding of the group makes f
// redundant. Groups are almost always of one finding.
func subsumedIn(group []Finding, f *Finding) bool {
	if len(group) == 1 {
		return false
	}
	for i := range group {
		if subsumes(&group[i], f) {
			return true
		}
	}
	return false
}

// sameElement reports whether two findings are about the same element of
// the source: rule, file, range, container and key.
func sameElement(a, b *Finding) bool {
	return a.RuleID == b.RuleID && a.Range == b.Range && a.Container == b.Container && a.Key == b.Key
}

// sameFinding reports whether two findings are one: the same element, of
// the same resource instance, saying the same thing.
func sameFinding(a, b *Finding) bool {
	return sameElement(a, b) && a.Resource == b.Resource && a.ResourceRange.File == b.ResourceRange.File &&
		a.ResourceRange.Start == b.ResourceRange.Start && a.Message == b.Message
}

// subsumes reports whether finding b makes a redundant: the same element,
// reached by another job through a resource declared elsewhere (Terraform's
// file() of a container JSON file), while a read the text standalone.
func subsumes(b, a *Finding) bool {
	return (a.job != b.job || a.job == 0) && readStandalone(a) && !readStandalone(b) && b.Resource != "" && sameElement(a, b)
}

// readStandalone reports whether a finding comes from reading its file as a
// document of its own: no resource, or one declared in the file itself.
func readStandalone(f *Finding) bool {
	return f.Resource == "" || f.ResourceRange.File == f.Range.File
}

// nameInstances adds the resource to the messages of findings that share
// rule and range with a finding of another resource (the instances of a
// count or for_each resource, a module called several times), so each
// message says which instance it is about.
func nameInstances(found []Finding) {
	for lo := 0; lo < len(found); {
		hi := lo + 1
		distinct := false
		for hi < len(found) && found[hi].RuleID == found[lo].RuleID && found[hi].Range == found[lo].Range {
			distinct = distinct || found[hi].Resource != found[lo].Resource
			hi++
		}
		if distinct {
			for i := lo; i < hi; i++ {
				if r := found[i].Resource; r != "" && !strings.Contains(found[i].Message, r) {
					found[i].Message += " in " + r
				}
			}
		}
		lo = hi
	}
}

// compareFindings orders findings by file, start and rule (the documented
// order), then by everything that tells elements and instances apart, so
// that the order is total and the same whatever order jobs finished in;
// among exact duplicates the richer comes first.
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
	if c := comparePos(a.Range.End, b.Range.End); c != 0 {
		return c
	}
	if c := strings.Compare(a.Container, b.Container); c != 0 {
		return c
	}
	if c := strings.Compare(a.Key, b.Key); c != 0 {
		return c
	}
	if c := compareInstance(a.Resource, b.Resource); c != 0 {
		return c
	}
	if c := strings.Compare(a.ResourceRange.File, b.ResourceRange.File); c != 0 {
		return c
	}
	if c := comparePos(a.ResourceRange.Start, b.ResourceRange.Start); c != 0 {
		return c
	}
	if c := strings.Compare(a.Message, b.Message); c != 0 {
		return c
	}
	return cmp.Compare(len(b.Related), len(a.Related))
}

// compareInstance orders resource addresses with numeric instance keys by
// number, so that app[2] comes before app[10].
func compareInstance(a, b string) int {
	ai, bi := strings.LastIndexByte(a, '['), strings.LastIndexByte(b, '[')
	if ai > 0 && ai == bi && a[:ai] == b[:bi] {
		an, aerr := strconv.Atoi(strings.TrimSuffix(a[ai+1:], "]"))
		bn, berr := strconv.Atoi(strings.TrimSuffix(b[bi+1:], "]"))
		if aerr == nil && berr == nil {
			return cmp.Compare(an, bn)
		}
	}
	return strings.Compare(a, b)
}

func comparePos(a, b Pos) int {
	if c := cmp.Compare(a.Line, b.Line); c != 0 {
		return c
	}
	return cmp.Compare(a.Col, b.Col)
}

// compactDiagnostics drops exact duplicates from sorted diagnostics.
func compactDiagnostics(ds []Diagnostic) []Diagnostic {
	return slices.CompactFunc(ds, func(a, b Diagnostic) bool { return a.Range == b.Range && a.Message == b.Message })
}

// SortDiagnostics sorts errors and notes in place by file path, then start
// line and column, then message. The end of the range is not compared and
// the sort is stable, so diagnostics equal on those keep their input order.
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
