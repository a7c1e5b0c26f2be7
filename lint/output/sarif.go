package output

import (
	"io"
	"net/url"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/ecslint/ecslint/lint"
)

// SARIF writes SARIF 2.1.0 as GitHub code scanning ingests it: one run, the
// rules with their documentation, results with code-point regions and
// fingerprints that ignore line numbers, and errors as tool notifications.
type SARIF struct{}

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// srcRoot is the uriBaseId of every relative location.
	srcRoot = "%SRCROOT%"
	// fingerprintKey names ecslint's fingerprint in partialFingerprints; the
	// version lets the scheme change without colliding with old alerts.
	fingerprintKey = "ecslintFindingHash/v1"
	// InformationURI is ecslint's home page.
	InformationURI = "https://github.com/ecslint/ecslint"
)

// helpURI is a rule's page: a custom rule's own help-url (none when it
// has none: ecslint's docs do not describe it), or ecslint's.
func helpURI(m *lint.Meta) string {
	if m.Custom {
		return m.HelpURL
	}
	return RuleDocURL(m.ID)
}

// RuleDocURL is where a rule's generated documentation lives.
func RuleDocURL(id string) string {
	return InformationURI + "/blob/main/docs/rules/" + id + ".md"
}

// The SARIF document is streamed (see jsonStream) member by member, in the
// key order it had as encoding/json output of structs. These types hold the
// parts that are built before they are written; write methods give each its
// keys, and omit an optional member that is empty, as omitempty did.

type sarifMessage struct {
	Text     string
	Markdown string // optional
}

func (m *sarifMessage) write(s *jsonStream) {
	s.open('{')
	s.key("text")
	s.str(m.Text)
	if m.Markdown != "" {
		s.key("markdown")
		s.str(m.Markdown)
	}
	s.close('}')
}

type sarifRule struct {
	ID               string
	Name             string
	ShortDescription sarifMessage
	FullDescription  sarifMessage
	Help             sarifMessage
	HelpURI          string
	Level            string // defaultConfiguration
	Enabled          bool   // defaultConfiguration
	SecuritySeverity string // properties, as the next three
	Tags             []string
	Severity         string
	RuleName         string
}

func (r *sarifRule) write(s *jsonStream) {
	s.open('{')
	s.key("id")
	s.str(r.ID)
	s.key("name")
	s.str(r.Name)
	s.key("shortDescription")
	r.ShortDescription.write(s)
	s.key("fullDescription")
	r.FullDescription.write(s)
	s.key("help")
	r.Help.write(s)
	s.key("helpUri")
	s.str(r.HelpURI)
	s.key("defaultConfiguration")
	s.open('{')
	s.key("level")
	s.str(r.Level)
	s.key("enabled")
	s.bool(r.Enabled)
	s.close('}')
	s.key("properties")
	s.open('{')
	s.key("security-severity")
	s.str(r.SecuritySeverity)
	s.key("precision")
	s.str("high")
	s.key("tags")
	s.strings(r.Tags)
	s.key("ecslint-severity")
	s.str(r.Severity)
	s.key("ecslint-name")
	s.str(r.RuleName)
	s.close('}')
	s.close('}')
}

type sarifResult struct {
	RuleID           string
	RuleIndex        int
	Level            string
	Message          sarifMessage
	Location         sarifLocation
	RelatedLocations []sarifLocation // optional
	Fingerprint      string
	Suppression      *sarifSuppression // optional
	Fixes            []lint.Fix        // optional
	BaseDir          string            // for the fixes' artifact locations
	Severity         string            // properties
}

func (r *sarifResult) write(s *jsonStream) {
	s.open('{')
	s.key("ruleId")
	s.str(r.RuleID)
	s.key("ruleIndex")
	s.int(r.RuleIndex)
	s.key("level")
	s.str(r.Level)
	s.key("message")
	r.Message.write(s)
	s.key("locations")
	s.open('[')
	r.Location.write(s)
	s.close(']')
	if len(r.RelatedLocations) > 0 {
		s.key("relatedLocations")
		s.open('[')
		for i := range r.RelatedLocations {
			r.RelatedLocations[i].write(s)
		}
		s.close(']')
	}
	s.key("partialFingerprints")
	s.open('{')
	s.key(fingerprintKey)
	s.str(r.Fingerprint)
	s.close('}')
	if r.Suppression != nil {
		s.key("suppressions")
		s.open('[')
		s.open('{')
		s.key("kind")
		s.str(r.Suppression.Kind)
		if r.Suppression.Justification != "" {
			s.key("justification")
			s.str(r.Suppression.Justification)
		}
		s.close('}')
		s.close(']')
	}
	if len(r.Fixes) > 0 {
		s.key("fixes")
		s.open('[')
		for _, f := range r.Fixes {
			writeFix(s, f, r.BaseDir)
		}
		s.close(']')
	}
	s.key("properties")
	s.open('{')
	s.key("severity")
	s.str(r.Severity)
	s.close('}')
	s.close('}')
}

// writeFix writes a fix: its edits as replacements, grouped by file in the
// order the files first appear. A deleted region has lines and columns
// for viewers and the byte offset and length the edit was computed in
// (SARIF allows both; they describe the same text).
func writeFix(s *jsonStream, f lint.Fix, baseDir string) {
	s.open('{')
	s.key("description")
	(&sarifMessage{Text: sentence(f.Description)}).write(s)
	s.key("artifactChanges")
	s.open('[')
	done := map[string]bool{}
	for _, e := range f.Edits {
		file := e.Range.File
		if done[file] {
			continue
		}
		done[file] = true
		loc := sarifLocationOf(lint.Range{File: file}, baseDir)
		s.open('{')
		s.key("artifactLocation")
		writeArtifactLocation(s, loc.URI, loc.BaseID)
		s.key("replacements")
		s.open('[')
		for _, e := range f.Edits {
			if e.Range.File != file {
				continue
			}
			r := e.Range
			s.open('{')
			s.key("deletedRegion")
			s.open('{')
			s.key("startLine")
			s.int(int(r.Start.Line))
			s.key("startColumn")
			s.int(int(r.Start.Col))
			s.key("endLine")
			s.int(int(r.End.Line))
			s.key("endColumn")
			s.int(int(r.End.Col))
			s.key("byteOffset")
			s.int(int(r.Start.Offset))
			s.key("byteLength")
			s.int(int(r.End.Offset - r.Start.Offset))
			s.close('}')
			s.key("insertedContent")
			s.open('{')
			s.key("text")
			s.str(e.NewText)
			s.close('}')
			s.close('}')
		}
		s.close(']')
		s.close('}')
	}
	s.close(']')
	s.close('}')
}

type sarifSuppression struct {
	Kind          string
	Justification string // optional
}

type sarifLocation struct {
	ID      int // optional
	URI     string
	BaseID  string        // optional
	Region  *sarifRegion  // optional
	Context *sarifRegion  // optional
	Logical string        // optional: the fullyQualifiedName of an object
	Message *sarifMessage // optional
}

func (l *sarifLocation) write(s *jsonStream) {
	s.open('{')
	if l.ID != 0 {
		s.key("id")
		s.int(l.ID)
	}
	s.key("physicalLocation")
	s.open('{')
	s.key("artifactLocation")
	writeArtifactLocation(s, l.URI, l.BaseID)
	if l.Region != nil {
		s.key("region")
		l.Region.write(s)
	}
	if l.Context != nil {
		s.key("contextRegion")
		l.Context.write(s)
	}
	s.close('}')
	if l.Logical != "" {
		s.key("logicalLocations")
		s.open('[')
		s.open('{')
		s.key("fullyQualifiedName")
		s.str(l.Logical)
		s.key("kind")
		s.str("object")
		s.close('}')
		s.close(']')
	}
	if l.Message != nil {
		s.key("message")
		l.Message.write(s)
	}
	s.close('}')
}

func writeArtifactLocation(s *jsonStream, uri, baseID string) {
	s.open('{')
	s.key("uri")
	s.str(uri)
	if baseID != "" {
		s.key("uriBaseId")
		s.str(baseID)
	}
	s.close('}')
}

// sarifRegion: all but StartLine are optional.
type sarifRegion struct {
	StartLine, StartColumn, EndLine, EndColumn int
	Snippet                                    *sarifMessage
}

func (r *sarifRegion) write(s *jsonStream) {
	s.open('{')
	s.key("startLine")
	s.int(r.StartLine)
	if r.StartColumn != 0 {
		s.key("startColumn")
		s.int(r.StartColumn)
	}
	if r.EndLine != 0 {
		s.key("endLine")
		s.int(r.EndLine)
	}
	if r.EndColumn != 0 {
		s.key("endColumn")
		s.int(r.EndColumn)
	}
	if r.Snippet != nil {
		s.key("snippet")
		r.Snippet.write(s)
	}
	s.close('}')
}

// Format implements Formatter.
func (SARIF) Format(w io.Writer, res *lint.Result, opts Options) error {
	rules, index := sarifRules(opts.Rules, res)

	s := newJSONStream(w, false)
	s.open('{')
	s.key("$schema")
	s.str(sarifSchema)
	s.key("version")
	s.str(sarifVersion)
	s.key("runs")
	s.open('[')
	s.open('{')

	s.key("tool")
	s.open('{')
	s.key("driver")
	s.open('{')
	s.key("name")
	s.str("ecslint")
	s.key("version")
	s.str(opts.Version)
	if semver := strings.TrimPrefix(opts.Version, "v"); semver != "" && semver[0] >= '0' && semver[0] <= '9' {
		s.key("semanticVersion")
		s.str(semver)
	}
	s.key("informationUri")
	s.str(InformationURI)
	s.key("rules")
	s.open('[')
	for i := range rules {
		rules[i].write(s)
	}
	s.close(']')
	s.close('}')
	s.close('}')

	s.key("invocations")
	s.open('[')
	s.open('{')
	s.key("executionSuccessful")
	s.bool(len(res.Errors) == 0)
	s.key("toolExecutionNotifications")
	s.open('[')
	// Errors are files ecslint could not check; notes are values it could
	// not evaluate (SARIF's "note" level), so a viewer can tell a clean
	// run from a blind one.
	for _, e := range res.Errors {
		writeNotification(s, "error", e, opts.BaseDir)
	}
	for _, n := range res.Notes {
		writeNotification(s, "note", n, opts.BaseDir)
	}
	// Files named that are not ECS input were not checked: a run that
	// skipped everything must not read as a clean one.
	for _, f := range res.Skipped {
		writeNotification(s, "note", lint.Diagnostic{Range: lint.Range{File: f}, Message: skippedMessage}, opts.BaseDir)
	}
	s.close(']')
	s.close('}')
	s.close(']')

	if base := baseURI(opts.BaseDir); base != "" {
		s.key("originalUriBaseIds")
		s.open('{')
		s.key(srcRoot)
		writeArtifactLocation(s, base, "")
		s.close('}')
	}

	s.key("results")
	s.open('[')
	sources := newSourceCache(res)
	s.members(len(res.Findings)+len(res.Suppressed), func(s *jsonStream, i int) {
		if i < len(res.Findings) {
			r := sarifResultOf(res.Findings[i], index, sources, opts.BaseDir)
			r.write(s)
			return
		}
		// Suppressed findings are results too, marked as such with the
		// reason, so that reviewers see what was accepted and why.
		sf := &res.Suppressed[i-len(res.Findings)]
		r := sarifResultOf(sf.Finding, index, sources, opts.BaseDir)
		kind := "external"
		if sf.InSource {
			kind = "inSource"
		}
		r.Suppression = &sarifSuppression{Kind: kind, Justification: sf.Reason}
		r.write(s)
	})
	s.close(']')
	s.key("columnKind")
	s.str("unicodeCodePoints")

	s.close('}')
	s.close(']')
	s.close('}')
	return s.end()
}

func sarifResultOf(f lint.Finding, index map[string]int, sources *sourceCache, baseDir string) sarifResult {
	loc := sarifLocationOf(f.Range, baseDir)
	loc.Context = contextRegion(sources, f.Range)
	if f.Resource != "" {
		loc.Logical = logicalName(f)
	}
	r := sarifResult{
		RuleID:      f.RuleID,
		RuleIndex:   index[f.RuleID],
		Level:       sarifLevel(f.Severity),
		Message:     sarifMessage{Text: sentence(f.Message)},
		Location:    loc,
		Fingerprint: f.Fingerprint(),
		Fixes:       f.Fixes,
		BaseDir:     baseDir,
		Severity:    f.Severity.String(),
	}
	for i, rel := range f.Related {
		l := sarifLocationOf(rel.Range, baseDir)
		l.ID = i + 1
		l.Message = &sarifMessage{Text: rel.Message}
		r.RelatedLocations = append(r.RelatedLocations, l)
	}
	return r
}

// sarifRules describes every rule of the run, sorted by ID, plus any rule a
// finding, reported or suppressed, names that the run's list lacks (so
// ruleIndex is always valid).
func sarifRules(known []lint.Rule, res *lint.Result) ([]sarifRule, map[string]int) {
	metas := map[string]*lint.Meta{}
	for _, r := range known {
		metas[r.Meta().ID] = r.Meta()
	}
	add := func(f *lint.Finding) {
		if _, ok := metas[f.RuleID]; !ok {
			metas[f.RuleID] = &lint.Meta{ID: f.RuleID, Name: f.RuleName, Severity: f.Severity, Summary: f.RuleName}
		}
	}
	for i := range res.Findings {
		add(&res.Findings[i])
	}
	for i := range res.Suppressed {
		add(&res.Suppressed[i].Finding)
	}
	ids := make([]string, 0, len(metas))
	for id := range metas {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	rules := make([]sarifRule, 0, len(ids))
	index := map[string]int{}
	for i, id := range ids {
		m := metas[id]
		index[id] = i
		help := m.Summary
		md := "**" + m.Summary + "**"
		if m.Rationale != "" {
			help += "\n\n" + m.Rationale
			md += "\n\n" + m.Rationale
		}
		if m.Remediation != "" {
			help += "\n\nRemediation: " + m.Remediation
			md += "\n\n**Remediation:** " + m.Remediation
		}
		if len(m.Controls) > 0 {
			help += "\n\nAWS Security Hub: " + strings.Join(m.Controls, ", ")
			md += "\n\nAWS Security Hub: " + strings.Join(m.Controls, ", ")
		}
		tags := []string{"security"}
		for _, c := range m.Controls {
			tags = append(tags, "security-hub/"+c)
		}
		rules = append(rules, sarifRule{
			ID:               m.ID,
			Name:             pascal(m.Name),
			ShortDescription: sarifMessage{Text: sentence(m.Summary)},
			FullDescription:  sarifMessage{Text: sentence(fullDescription(m))},
			Help:             sarifMessage{Text: help, Markdown: md},
			HelpURI:          helpURI(m),
			Level:            sarifLevel(m.Severity),
			Enabled:          !m.Disabled,
			SecuritySeverity: securitySeverity(m.Severity),
			Tags:             tags,
			Severity:         m.Severity.String(),
			RuleName:         m.Name,
		})
	}
	return rules, index
}

func fullDescription(m *lint.Meta) string {
	if m.Rationale == "" {
		return m.Summary
	}
	return m.Summary + " " + m.Rationale
}

// securitySeverity is the score GitHub turns back into its own critical
// (9.0+), high (7.0-8.9), medium (4.0-6.9) and low buckets.
func securitySeverity(s lint.Severity) string {
	switch s {
	case lint.Critical:
		return "9.5"
	case lint.High:
		return "8.0"
	case lint.Medium:
		return "5.5"
	}
	return "3.0"
}

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Critical, lint.High:
		return "error"
	case lint.Medium:
		return "warning"
	}
	return "note"
}

// sarifLocationOf places a range: relative paths become URIs relative to
// %SRCROOT% (the working directory), other paths absolute file URIs.
func sarifLocationOf(r lint.Range, baseDir string) sarifLocation {
	l := sarifLocation{URI: fileURI(r.File, baseDir)}
	if !strings.HasPrefix(l.URI, "file:") {
		l.BaseID = srcRoot
	}
	if !r.Start.IsZero() {
		reg := &sarifRegion{StartLine: int(r.Start.Line), StartColumn: int(r.Start.Col)}
		if !r.End.IsZero() && !r.End.Before(r.Start) {
			reg.EndLine, reg.EndColumn = int(r.End.Line), int(r.End.Col)
		}
		l.Region = reg
	}
	return l
}

// fileURI turns a path as the user gave it into a URI reference: relative
// inside the working directory, absolute (file:///...) otherwise.
func fileURI(file, baseDir string) string {
	p := filepath.ToSlash(file)
	if !path.IsAbs(p) && !filepath.IsAbs(file) {
		p = path.Clean(p)
		if p != ".." && !strings.HasPrefix(p, "../") {
			return (&url.URL{Path: p}).EscapedPath()
		}
		if baseDir == "" {
			return (&url.URL{Path: p}).EscapedPath()
		}
		p = filepath.ToSlash(filepath.Join(baseDir, file))
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive paths
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// baseURI is the file URI of the base directory, ending in a slash as SARIF
// requires of a base.
func baseURI(dir string) string {
	if dir == "" {
		return ""
	}
	u := fileURI(dir, "")
	if !strings.HasPrefix(u, "file:") {
		return ""
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

func logicalName(f lint.Finding) string {
	if f.Container != "" {
		return f.Resource + "/" + f.Container
	}
	return f.Resource
}

// sentence ends a message with a full stop, as SARIF viewers expect.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// pascal turns a kebab-case rule name into the PascalCase SARIF expects.
func pascal(name string) string {
	var b strings.Builder
	up := true
	for _, r := range name {
		if r == '-' || r == '_' || r == ' ' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// contextRegion is the whole lines a range covers, as a context region
// whose snippet has every secret range masked: a SARIF file is uploaded to
// places the source is not.
func contextRegion(sources *sourceCache, r lint.Range) *sarifRegion {
	if r.Start.IsZero() {
		return nil
	}
	src := sources.file(r.File)
	if src == nil {
		return nil
	}
	first, end := int(r.Start.Line), int(r.End.Line)
	if end < first {
		end = first
	}
	if first > len(src.lines) || end > len(src.lines) || end-first > 20 {
		return nil
	}
	size := 0
	for ln := first; ln <= end; ln++ {
		shown := src.line(ln)
		if runes := shown.runes; runes != nil {
			if end > first {
				return nil // no whole lines of a minified file
			}
			// A window of a long line, as the text output shows it, so
			// that the log does not hold the file once per finding.
			start := min(max(int(r.Start.Col)-1, 0), len(runes))
			lo := max(0, start-maxSnippet/4)
			hi := min(len(runes), lo+maxSnippet)
			lo = max(0, hi-maxSnippet)
			if int(r.End.Line) != ln || int(r.End.Col)-1 > hi {
				return nil // a context region must hold the whole region
			}
			return &sarifRegion{StartLine: ln, StartColumn: lo + 1, EndLine: ln, EndColumn: hi + 1, Snippet: &sarifMessage{Text: string(runes[lo:hi])}}
		}
		size += len(shown.text) + 1
	}
	var b strings.Builder
	b.Grow(size)
	for ln := first; ln <= end; ln++ {
		b.WriteString(src.line(ln).text)
		b.WriteByte('\n')
	}
	return &sarifRegion{StartLine: first, EndLine: end, Snippet: &sarifMessage{Text: b.String()}}
}

// writeNotification writes a toolExecutionNotification for an error or a
// note, with its location when it has one.
func writeNotification(s *jsonStream, level string, d lint.Diagnostic, baseDir string) {
	s.open('{')
	s.key("level")
	s.str(level)
	s.key("message")
	(&sarifMessage{Text: sentence(d.Message)}).write(s)
	if d.Range.File != "" {
		s.key("locations")
		s.open('[')
		loc := sarifLocationOf(d.Range, baseDir)
		loc.write(s)
		// A notification has no relatedLocations: the related ones
		// follow its own, each with its message.
		for _, r := range d.Related {
			rl := sarifLocationOf(r.Range, baseDir)
			rl.Message = &sarifMessage{Text: sentence(r.Message)}
			rl.write(s)
		}
		s.close(']')
	}
	s.close('}')
}
