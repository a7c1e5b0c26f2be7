package lint

import (
	"slices"
	"sort"
)

// After the rules, findings pass through processors, in this order:
//
//  1. inline suppressions (comments, CloudFormation Metadata) and
//  2. config ignores, inside each job, while its units and sources are
//     still in memory (no job's syntax trees outlive it);
//  3. sort and dedupe, over the merged result, into the documented order;
//  4. severity overrides from the config;
//  5. the baseline, which counts its entries and so must see each finding
//     once, after dedupe.
//
// Errors and notes are sorted and compacted beside step 3, and messages
// are redacted before step 4. Each processor is small and tested alone.

// jobFindings is what the job processors work on: one job's findings, and
// what it knows while it is alive.
type jobFindings struct {
	findings   []Finding
	suppressed []SuppressedFinding
	// problems are suppression problems (SUP001 findings): added to the
	// findings after every job processor ran, so a config ignore does not
	// hide a problem with an inline suppression.
	problems []Finding
	errors   []Diagnostic

	units []*Unit
	// files are the job's files, slash-separated.
	files []string
	// comments returns a file's content as the parser read it and its
	// comments, as the lexer of the parser that claimed the job found them.
	comments func(file string) ([]byte, []Comment)
}

// A jobProcessor acts on the findings of one job.
type jobProcessor interface {
	processJob(j *jobFindings)
}

// A resultProcessor acts on the merged result of a run.
type resultProcessor interface {
	processResult(res *Result)
}

// suppressions are the run's suppression tables, shared by its jobs; nil
// when the run applies none.
type suppressions struct {
	sup     *suppressor
	ignores *configIgnores
}

func newSuppressions(cfg *Options) *suppressions {
	if cfg.Suppress == nil {
		return nil
	}
	sup := newSuppressor(cfg.Suppress, cfg.Rules)
	return &suppressions{sup: sup, ignores: newConfigIgnores(sup, cfg.Suppress.Ignores, cfg.Suppress.IgnorePath)}
}

// jobProcessors are steps 1 and 2.
func (s *suppressions) jobProcessors() []jobProcessor {
	if s == nil {
		return nil
	}
	return []jobProcessor{inlineSuppressions{s.sup}, configIgnoreFilter{s.ignores}}
}

// runProblems reports, once every job has finished, what only the whole run
// can tell: config ignores that matched nothing.
func (s *suppressions) runProblems() ([]Finding, []Diagnostic) {
	if s == nil {
		return nil, nil
	}
	s.ignores.unused(s.sup)
	return s.sup.probs, s.sup.errs
}

// inlineSuppressions applies the suppressions written in the job's sources.
type inlineSuppressions struct{ run *suppressor }

func (p inlineSuppressions) processJob(j *jobFindings) {
	s := p.run.forJob()
	var hidden []SuppressedFinding
	j.findings, hidden = s.apply(j.findings, j.units, j.files, j.comments)
	j.suppressed = append(j.suppressed, hidden...)
	j.problems = append(j.problems, s.probs...)
	j.errors = append(j.errors, s.errs...)
}

// configIgnoreFilter applies the config file's ignore entries.
type configIgnoreFilter struct{ ignores *configIgnores }

func (p configIgnoreFilter) processJob(j *jobFindings) {
	var hidden []SuppressedFinding
	j.findings, hidden = p.ignores.filter(j.findings)
	j.suppressed = append(j.suppressed, hidden...)
}

// resultProcessors are steps 3 to 5, as the options ask for them.
func (cfg *Options) resultProcessors() []resultProcessor {
	ps := []resultProcessor{preferSources{}, sortAndDedupe{}, tidyDiagnostics{}, redactSecrets{}}
	if len(cfg.Severity) > 0 {
		ps = append(ps, severityOverrides(cfg.Severity))
	}
	if cfg.Baseline != nil {
		ps = append(ps, baselineFilter{cfg.Baseline})
	}
	return ps
}

// sortAndDedupe puts findings, and the findings suppressions hid, in the
// documented order; duplicates are dropped (see SortFindings).
type sortAndDedupe struct{}

func (sortAndDedupe) processResult(res *Result) {
	res.Findings = SortFindings(res.Findings)
	slices.SortStableFunc(res.Suppressed, func(a, b SuppressedFinding) int {
		return compareFindings(&a.Finding, &b.Finding)
	})
}

// tidyDiagnostics sorts errors, notes and the checked files, and drops
// repeated diagnostics: a value evaluated more than once (a module called
// per instance, a local read by several resources) notes its cause once.
type tidyDiagnostics struct{}

func (tidyDiagnostics) processResult(res *Result) {
	SortDiagnostics(res.Errors)
	SortDiagnostics(res.Notes)
	res.Errors = compactDiagnostics(res.Errors)
	res.Notes = compactDiagnostics(res.Notes)
	sort.Strings(res.CheckedFiles)
}

// redactSecrets masks credentials in messages.
type redactSecrets struct{}

func (redactSecrets) processResult(res *Result) { redactMessages(res) }

// severityOverrides gives findings of the rules it names (by ID) the
// severity the config sets. Suppressed findings keep the rule's own: they
// are reported as suppressed, not judged.
type severityOverrides map[string]Severity

func (o severityOverrides) processResult(res *Result) {
	for i := range res.Findings {
		if s, ok := o[res.Findings[i].RuleID]; ok {
			res.Findings[i].Severity = s
		}
	}
}

// baselineFilter drops the findings a baseline accounts for.
type baselineFilter struct{ baseline *Baseline }

func (p baselineFilter) processResult(res *Result) {
	res.Findings, res.Baselined = p.baseline.Filter(res.Findings)
}

// DescribedRules are the rules a run's output describes (SARIF's rule
// descriptors, JUnit's test cases): the run's rules and SuppressionRule,
// each with the severity the run gives its findings, so that a descriptor
// says what its results say.
func (cfg *Options) DescribedRules() []Rule {
	rules := append(slices.Clip(cfg.Rules), SuppressionRule)
	for i, r := range rules {
		if s, ok := cfg.Severity[r.Meta().ID]; ok && s != r.Meta().Severity {
			rules[i] = withSeverity(r, s)
		}
	}
	return rules
}

// severityRule is a rule described with another severity than its own.
type severityRule struct {
	Rule
	meta *Meta
}

func (r severityRule) Meta() *Meta { return r.meta }

func withSeverity(r Rule, s Severity) Rule {
	m := *r.Meta()
	m.Severity = s
	return severityRule{Rule: r, meta: &m}
}
