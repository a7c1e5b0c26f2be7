package lint

import (
	"bytes"
	"cmp"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// SuppressionMeta is the identity of the findings ecslint reports about
// suppressions themselves: unused, expired, malformed or without a reason.
// They are low findings of their own ID so that CI shows them without
// failing a build that fails on high; --strict-suppressions makes them errors.
var SuppressionMeta = Meta{
	ID:       "SUP001",
	Name:     "invalid-suppression",
	Severity: Low,
	Summary:  "Suppressions should name a rule, give a reason, still match a finding and not be expired.",
	Rationale: "A suppression that matches nothing hides nothing today but will silently hide a future finding; " +
		"an expired one no longer applies; one without a reason cannot be reviewed.",
	Remediation: "Delete unused suppressions, renew or fix expired ones, and write the reason after `--`, " +
		"an expiry before it: `# ecslint:ignore ECS001 until 2027-03-31 -- the sidecar needs it`.",
	// Reads nothing: suppressions are written in every format.
}

type suppressionRule struct{}

func (suppressionRule) Meta() *Meta { return &SuppressionMeta }
func (suppressionRule) Check(*Pass) {}

// SuppressionRule is the rule whose ID the engine reports suppression
// problems under. Its Check does nothing: the engine reports for it. Add it
// to the rules a run describes (SARIF, docs) so its findings are explained.
var SuppressionRule Rule = suppressionRule{}

// SuppressedFinding is a finding a suppression hid, kept so that formats
// that can say so (SARIF) report it as suppressed with its justification.
type SuppressedFinding struct {
	Finding Finding
	// InSource is true for comment and Metadata suppressions, false for
	// config ignores.
	InSource bool
	Reason   string
}

// SuppressConfig controls suppressions in a run.
type SuppressConfig struct {
	// NoInline ignores every suppression written in the sources (comments
	// and CloudFormation Metadata); config ignores still apply.
	NoInline bool
	// Strict turns suppression problems into errors instead of findings.
	Strict bool
	// Ignores are suppressions from the config file.
	Ignores []ConfigIgnore
	// IgnorePath maps a finding's file to the path Ignores' globs are
	// written against (relative to the config file); nil uses the file as
	// reported.
	IgnorePath func(file string) string
	// Known is every rule a suppression may name, including rules the
	// config disabled (a suppression of a disabled rule is neither unknown
	// nor reported as unused); nil means the run's rules.
	Known []Rule
	// Today is the date expiries are compared with (YYYY-MM-DD); empty
	// means the current UTC date.
	Today string
}

// ConfigIgnore is an ignore entry of the config file: findings of Rule in
// files matching Path (a glob where ** spans directories) are suppressed.
type ConfigIgnore struct {
	Path string
	Suppression
}

// commentMarker starts an inline suppression in a YAML or HCL comment.
const commentMarker = "ecslint:ignore"

// inlineSuppression is one parsed comment suppression.
type inlineSuppression struct {
	Suppression
	rules []string
	// target is the line it covers: its own line for a trailing comment,
	// the next code line for a comment on a line of its own; 0 for a whole
	// file.
	target int
	used   bool
	// untilInReason says the expiry was written at the end of the reason.
	untilInReason bool
}

// suppressor applies the suppressions of one job.
type suppressor struct {
	cfg    *SuppressConfig
	today  string
	rules  map[string]string // lower-case ID or name -> ID
	active map[string]bool   // IDs of rules that ran
	probs  []Finding
	errs   []Diagnostic
}

func newSuppressor(cfg *SuppressConfig, rules []Rule) *suppressor {
	s := &suppressor{cfg: cfg, rules: map[string]string{}, active: map[string]bool{}}
	known := cfg.Known
	if known == nil {
		known = rules
	}
	for _, r := range append(append([]Rule(nil), known...), rules...) {
		m := r.Meta()
		s.rules[strings.ToLower(m.ID)] = m.ID
		s.rules[strings.ToLower(m.Name)] = m.ID
	}
	for _, r := range rules {
		s.active[r.Meta().ID] = true
	}
	s.today = cfg.Today
	if s.today == "" {
		s.today = time.Now().UTC().Format(time.DateOnly)
	}
	return s
}

// forJob returns a suppressor for one job: the same read-only tables,
// which are the costly part to build, and problems of its own.
func (s *suppressor) forJob() *suppressor {
	return &suppressor{cfg: s.cfg, today: s.today, rules: s.rules, active: s.active}
}

// problem reports something wrong with a suppression.
func (s *suppressor) problem(at Range, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if s.cfg.Strict {
		s.errs = append(s.errs, Diagnostic{Range: at, Message: msg})
		return
	}
	s.probs = append(s.probs, Finding{
		RuleID: SuppressionMeta.ID, RuleName: SuppressionMeta.Name, Severity: SuppressionMeta.Severity,
		Message: msg, Range: at, Key: fmt.Sprintf("%d:%d", at.Start.Line, at.Start.Col),
	})
}

// resolve maps a rule ID or name to an ID; ok is false for unknown rules.
func (s *suppressor) resolve(name string) (string, bool) {
	id, ok := s.rules[strings.ToLower(name)]
	return id, ok
}

// expired reports whether a suppression no longer applies: its date has
// passed, or it is not a date (2027-13-01, 2027-02-30, 31/03/2027), which
// fails closed: a suppression whose expiry cannot be read would otherwise
// never expire. Either is reported, a bad date where it is written.
func (s *suppressor) expired(sup Suppression) bool {
	if sup.Until == "" {
		return false
	}
	if _, err := time.Parse(time.DateOnly, sup.Until); err != nil {
		at := sup.Range
		if !sup.UntilRange.Start.IsZero() {
			at = sup.UntilRange
		}
		s.problem(at, "suppression has an invalid expiry date %q: expected a date YYYY-MM-DD; it does not apply", sup.Until)
		return true
	}
	if sup.Until < s.today {
		s.problem(sup.Range, "suppression of %s expired on %s and no longer applies", sup.Rule, sup.Until)
		return true
	}
	return false
}

// apply removes the suppressed findings of one job and returns the rest,
// with the job's suppression problems appended. Suppressions never touch
// errors.
func (s *suppressor) apply(findings []Finding, units []*Unit, files []string, comments func(file string) ([]byte, []Comment)) (kept []Finding, suppressed []SuppressedFinding) {
	// Resource suppressions (CloudFormation Metadata), keyed by the
	// resource's declaration.
	type resSup struct {
		Suppression
		id   string
		used bool
	}
	byResource := map[Range][]*resSup{}
	if !s.cfg.NoInline {
		for _, u := range units {
			for _, r := range u.resources() {
				for _, sup := range r.Suppressions {
					if sup.Rule == "" {
						s.problem(sup.Range, "malformed suppression: expected ignore entries like {rule: ECS001, reason: ...}")
						continue
					}
					id, ok := s.resolve(sup.Rule)
					if !ok {
						s.problem(sup.Range, "suppression names unknown rule %q", sup.Rule)
						continue
					}
					if sup.Reason == "" {
						s.problem(sup.Range, "suppression of %s has no reason", sup.Rule)
					}
					if s.expired(sup) {
						continue
					}
					byResource[r.Range] = append(byResource[r.Range], &resSup{Suppression: sup, id: id})
				}
			}
		}
	}

	// Comment suppressions, per file a finding is in.
	inline := map[string][]*inlineSuppression{}
	scanned := map[string]bool{}
	commentsOf := func(file string) []*inlineSuppression {
		if s.cfg.NoInline || scanned[file] {
			return inline[file]
		}
		scanned[file] = true
		if src, cs := comments(file); len(cs) > 0 {
			inline[file] = s.inlineSuppressions(src, cs)
		}
		return inline[file]
	}
	// Every file of the job is scanned, not only those with findings, so
	// that an unused suppression in a clean file is reported too.
	for _, f := range files {
		commentsOf(f)
	}

	// Kept findings are moved down in place: a job's findings are not
	// read again, and copying them costs more than the checks.
	kept = findings[:0]
	for _, f := range findings {
		hit, reason := false, ""
		for _, sup := range commentsOf(f.Range.File) {
			if !sup.covers(f) {
				continue
			}
			for _, id := range sup.rules {
				if id == f.RuleID {
					sup.used, hit = true, true
					reason = cmp.Or(reason, sup.Reason)
				}
			}
		}
		for _, sup := range byResource[f.ResourceRange] {
			if f.ResourceRange.IsZero() || sup.id != f.RuleID {
				continue
			}
			sup.used, hit = true, true
			reason = cmp.Or(reason, sup.Reason)
		}
		if hit {
			suppressed = append(suppressed, SuppressedFinding{Finding: f, InSource: true, Reason: reason})
			continue
		}
		kept = append(kept, f)
	}

	for _, sups := range inline {
		for _, sup := range sups {
			if !sup.used && s.allActive(sup.rules) {
				s.problem(sup.Range, "suppression of %s matches no finding", strings.Join(sup.rules, ", "))
			}
		}
	}
	for _, sups := range byResource {
		for _, sup := range sups {
			if !sup.used && s.active[sup.id] {
				s.problem(sup.Range, "suppression of %s matches no finding", sup.id)
			}
		}
	}
	return kept, suppressed
}

// covers reports whether the suppression's place covers the finding: the
// whole file, the finding's line, or the declaration line of its resource.
func (sup *inlineSuppression) covers(f Finding) bool {
	if sup.target == 0 {
		return true
	}
	return sup.target == int(f.Range.Start.Line) || (!f.ResourceRange.IsZero() && sup.target == int(f.ResourceRange.Start.Line))
}

// jobComments returns the comments of a job's files, through the
// parser that claimed the job: the lexer of the file's format says what
// is a comment, not a scan of the text. Files that cannot hold a
// suppression are not lexed at all.
func jobComments(ctx *Context, claimedBy Parser) func(file string) ([]byte, []Comment) {
	lexer, _ := claimedBy.(CommentSource)
	return func(file string) ([]byte, []Comment) {
		src, ok := ctx.Source(filepath.FromSlash(file))
		if !ok || lexer == nil || !bytes.Contains(src, []byte(commentMarker)) {
			return nil, nil
		}
		return src, lexer.Comments(file, src)
	}
}

// inlineSuppressions reads the ecslint:ignore comments among a file's
// comments. A trailing comment covers its own line; one on a line of its
// own covers the next line with code, past blank and comment-only lines.
func (s *suppressor) inlineSuppressions(src []byte, comments []Comment) []*inlineSuppression {
	var out []*inlineSuppression
	var lines [][]byte     // split when a suppression needs its next code line
	var commentOnly []bool // by 0-based line: nothing but comments on it
	nextCode := func(after int) int {
		if lines == nil {
			lines = bytes.Split(src, []byte("\n"))
			commentOnly = make([]bool, len(lines))
			for _, c := range comments {
				for l := int(c.Range.Start.Line); c.OwnLine && l <= int(c.Range.End.Line) && l <= len(lines); l++ {
					commentOnly[l-1] = true
				}
			}
		}
		for l := after + 1; l <= len(lines); l++ {
			if !commentOnly[l-1] && len(bytes.TrimSpace(lines[l-1])) > 0 {
				return l
			}
		}
		return -1 // a comment at the end of the file covers nothing
	}
	for _, c := range comments {
		body := strings.TrimSpace(c.Text)
		if !strings.HasPrefix(body, commentMarker) {
			continue
		}
		sup, fileWide, ok := s.parseComment(body, c.Range)
		if !ok {
			continue
		}
		if sup.Until != "" {
			sup.UntilRange = dateRange(src, c.Range, sup.Until, sup.untilInReason)
		}
		if s.expired(sup.Suppression) {
			continue
		}
		switch {
		case fileWide:
			sup.target = 0
		case !c.OwnLine:
			sup.target = int(c.Range.Start.Line)
		default:
			sup.target = nextCode(int(c.Range.End.Line))
		}
		out = append(out, sup)
	}
	return out
}

// dateRange is where an expiry date is written in a comment: the first
// occurrence after the comment's start (the last when it ends the
// reason); the comment's range when it cannot be found.
func dateRange(src []byte, comment Range, date string, last bool) Range {
	start, end := int(comment.Start.Offset), int(comment.End.Offset)
	if start < 0 || start >= len(src) || end <= start || end > len(src) {
		return comment
	}
	raw := src[start:end]
	i := bytes.Index(raw, []byte(date))
	if last {
		i = bytes.LastIndex(raw, []byte(date))
	}
	if i < 0 {
		return comment
	}
	before := raw[:i]
	line, col := int(comment.Start.Line), int(comment.Start.Col)
	if nl := bytes.LastIndexByte(before, '\n'); nl >= 0 {
		line += bytes.Count(before, []byte("\n"))
		col = 1
		before = before[nl+1:]
	}
	col += utf8.RuneCount(before)
	r := comment
	r.Start = MakePos(line, col, start+i)
	r.End = MakePos(line, col+utf8.RuneCountInString(date), start+i+len(date))
	return r
}

// trailingDate matches an expiry written at the end of the reason, as in
// `-- the sidecar needs it until 2027-03-31`: anything shaped like a
// date, so that a wrong one (2027-13-01) is reported rather than read as
// part of the reason.
var trailingDate = regexp.MustCompile(`(?i)\s+until\s+(\d{1,4}-\d{1,2}-\d{1,2})\s*$`)

// parseComment reads `ecslint:ignore[-file] RULE[,RULE] [until DATE] [-- reason]`.
// An expiry at the end of the reason (`-- reason until DATE`) is read too:
// an expiry in a comment is never silently ignored.
func (s *suppressor) parseComment(body string, at Range) (*inlineSuppression, bool, bool) {
	rest := strings.TrimPrefix(body, commentMarker)
	fileWide := false
	if strings.HasPrefix(rest, "-file") {
		fileWide = true
		rest = strings.TrimPrefix(rest, "-file")
	}
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		s.problem(at, "malformed suppression %q: expected ecslint:ignore or ecslint:ignore-file", body)
		return nil, false, false
	}
	spec, reason, _ := strings.Cut(rest, "--")
	reason = strings.TrimSpace(reason)
	fields := strings.Fields(strings.ReplaceAll(spec, ",", " "))
	sup := &inlineSuppression{Suppression: Suppression{Reason: reason, Range: at}, target: -1}
	if m := trailingDate.FindStringSubmatchIndex(reason); m != nil {
		sup.Until, sup.untilInReason = reason[m[2]:m[3]], true
		sup.Reason = strings.TrimSpace(reason[:m[0]])
		reason = sup.Reason
	}
	for i := 0; i < len(fields); i++ {
		if strings.EqualFold(fields[i], "until") {
			if i+1 >= len(fields) {
				s.problem(at, "malformed suppression: \"until\" needs a date (YYYY-MM-DD)")
				return nil, false, false
			}
			if sup.untilInReason && sup.Until != fields[i+1] {
				s.problem(at, "suppression has two expiry dates, %s and %s: write one, before \"--\"", fields[i+1], sup.Until)
				return nil, false, false
			}
			sup.Until, sup.untilInReason = fields[i+1], false
			i++
			continue
		}
		id, ok := s.resolve(fields[i])
		if !ok {
			s.problem(at, "suppression names unknown rule %q", fields[i])
			continue
		}
		sup.rules = append(sup.rules, id)
	}
	if len(sup.rules) == 0 && len(fields) == 0 {
		s.problem(at, "malformed suppression: name the rule to ignore, as in `ecslint:ignore ECS001 -- reason`")
		return nil, false, false
	}
	if len(sup.rules) == 0 {
		return nil, false, false // every rule named was unknown: reported above
	}
	sup.Rule = strings.Join(sup.rules, ",")
	if reason == "" {
		s.problem(at, "suppression of %s has no reason: add one after \"--\"", sup.Rule)
	}
	return sup, fileWide, true
}

// configIgnores applies the config file's ignore entries across all jobs,
// remembering which were used so unused ones can be reported at the end.
type configIgnores struct {
	mu      sync.Mutex
	entries []ConfigIgnore
	used    []bool
	ids     []string
	pathOf  func(string) string
}

func newConfigIgnores(s *suppressor, entries []ConfigIgnore, pathOf func(string) string) *configIgnores {
	c := &configIgnores{entries: entries, used: make([]bool, len(entries)), ids: make([]string, len(entries)), pathOf: pathOf}
	for i, e := range entries {
		id, ok := s.resolve(e.Rule)
		if !ok {
			s.problem(e.Range, "config ignore names unknown rule %q", e.Rule)
			c.ids[i] = "\x00"
			continue
		}
		if e.Reason == "" {
			s.problem(e.Range, "config ignore of %s has no reason", e.Rule)
		}
		if s.expired(e.Suppression) {
			c.ids[i] = "\x00"
			continue
		}
		if _, err := path.Match(e.Path, ""); err != nil {
			s.problem(e.Range, "config ignore has an invalid path glob %q", e.Path)
			c.ids[i] = "\x00"
			continue
		}
		c.ids[i] = id
	}
	return c
}

func (c *configIgnores) filter(findings []Finding) (kept []Finding, suppressed []SuppressedFinding) {
	if len(c.entries) == 0 {
		return findings, nil // nothing to match, and no lock to take
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	kept = findings[:0] // in place, as in apply
	for _, f := range findings {
		hit, reason := false, ""
		file := f.Range.File
		if c.pathOf != nil && len(c.entries) > 0 {
			file = c.pathOf(file)
		}
		for i, e := range c.entries {
			if c.ids[i] == f.RuleID && MatchGlob(e.Path, file) {
				c.used[i], hit = true, true
				reason = cmp.Or(reason, e.Reason)
			}
		}
		if hit {
			suppressed = append(suppressed, SuppressedFinding{Finding: f, Reason: reason})
			continue
		}
		kept = append(kept, f)
	}
	return kept, suppressed
}

func (s *suppressor) allActive(ids []string) bool {
	for _, id := range ids {
		if !s.active[id] {
			return false
		}
	}
	return true
}

// resources lists every resource of the unit, for resource-level
// suppressions.
func (u *Unit) resources() []*Resource {
	var out []*Resource
	for _, td := range u.TaskDefinitions {
		out = append(out, &td.Resource)
	}
	for _, x := range u.Services {
		out = append(out, &x.Resource)
	}
	for _, x := range u.Clusters {
		out = append(out, &x.Resource)
	}
	for _, x := range u.SecurityGroups {
		out = append(out, &x.Resource)
	}
	for _, x := range u.Roles {
		out = append(out, &x.Resource)
	}
	for _, x := range u.EKSClusters {
		out = append(out, &x.Resource)
	}
	for _, x := range u.CapacityProviders {
		out = append(out, &x.Resource)
	}
	for _, x := range u.EKSNodeGroups {
		out = append(out, &x.Resource)
	}
	for _, x := range u.EKSIdentityProviderConfigs {
		out = append(out, &x.Resource)
	}
	return out
}

// unused reports the config ignores that matched nothing in the run.
func (c *configIgnores) unused(s *suppressor) {
	for i, e := range c.entries {
		if !c.used[i] && c.ids[i] != "\x00" && s.active[c.ids[i]] {
			s.problem(e.Range, "config ignore of %s for %q matches no finding", e.Rule, e.Path)
		}
	}
}
