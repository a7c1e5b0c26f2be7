package output

import (
	"encoding/json"
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

// RuleDocURL is where a rule's generated documentation lives.
func RuleDocURL(id string) string {
	return InformationURI + "/blob/main/docs/rules/" + id + ".md"
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	Invocations        []sarifInvocation           `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult               `json:"results"`
	ColumnKind         string                      `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	SemanticVer    string      `json:"semanticVersion,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      sarifMessage       `json:"fullDescription"`
	Help                 sarifMessage       `json:"help"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifReportingConf `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifReportingConf struct {
	Level   string `json:"level"`
	Enabled bool   `json:"enabled"`
}

type sarifRuleProps struct {
	SecuritySeverity string   `json:"security-severity"`
	Precision        string   `json:"precision"`
	Tags             []string `json:"tags"`
	Severity         string   `json:"ecslint-severity"`
	Name             string   `json:"ecslint-name"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifMessage       `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]any     `json:"properties,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLoc     `json:"logicalLocations,omitempty"`
	Message          *sarifMessage         `json:"message,omitempty"`
}

type sarifLogicalLoc struct {
	Name               string `json:"name,omitempty"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
	ContextRegion    *sarifRegion     `json:"contextRegion,omitempty"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int           `json:"startLine"`
	StartColumn int           `json:"startColumn,omitempty"`
	EndLine     int           `json:"endLine,omitempty"`
	EndColumn   int           `json:"endColumn,omitempty"`
	Snippet     *sarifMessage `json:"snippet,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

// Format implements Formatter.
func (SARIF) Format(w io.Writer, res *lint.Result, opts Options) error {
	all := append([]lint.Finding(nil), res.Findings...)
	for _, sf := range res.Suppressed {
		all = append(all, sf.Finding)
	}
	rules, index := sarifRules(opts.Rules, all)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "ecslint", Version: opts.Version, InformationURI: InformationURI, Rules: rules,
		}},
		Results:    []sarifResult{},
		ColumnKind: "unicodeCodePoints",
	}
	if semver := strings.TrimPrefix(opts.Version, "v"); semver != "" && semver[0] >= '0' && semver[0] <= '9' {
		run.Tool.Driver.SemanticVer = semver
	}
	if base := baseURI(opts.BaseDir); base != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: base}}
	}
	lines := sourceLines{res: res, masks: secretHolders(res), cache: map[string][]string{}, redacted: map[shownLine][]rune{}}
	for _, f := range res.Findings {
		run.Results = append(run.Results, sarifResultOf(f, index, lines, opts.BaseDir))
	}
	// Suppressed findings are results too, marked as such with the reason,
	// so that reviewers see what was accepted and why.
	for _, sf := range res.Suppressed {
		r := sarifResultOf(sf.Finding, index, lines, opts.BaseDir)
		kind := "external"
		if sf.InSource {
			kind = "inSource"
		}
		r.Suppressions = []sarifSuppression{{Kind: kind, Justification: sf.Reason}}
		run.Results = append(run.Results, r)
	}
	inv := sarifInvocation{ExecutionSuccessful: len(res.Errors) == 0, ToolExecutionNotifications: []sarifNotification{}}
	for _, e := range res.Errors {
		n := sarifNotification{Level: "error", Message: sarifMessage{Text: sentence(e.Message)}}
		if e.Range.File != "" {
			n.Locations = []sarifLocation{sarifLocationOf(e.Range, opts.BaseDir)}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	run.Invocations = []sarifInvocation{inv}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

func sarifResultOf(f lint.Finding, index map[string]int, lines sourceLines, baseDir string) sarifResult {
	loc := sarifLocationOf(f.Range, baseDir)
	if ctx := lines.context(f.Range, lines.masks[f.Range.File]); ctx != nil {
		loc.PhysicalLocation.ContextRegion = ctx
	}
	if f.Resource != "" {
		loc.LogicalLocations = []sarifLogicalLoc{{FullyQualifiedName: logicalName(f), Kind: "object"}}
	}
	r := sarifResult{
		RuleID:              f.RuleID,
		RuleIndex:           index[f.RuleID],
		Level:               sarifLevel(f.Severity),
		Message:             sarifMessage{Text: sentence(f.Message)},
		Locations:           []sarifLocation{loc},
		PartialFingerprints: map[string]string{fingerprintKey: f.Fingerprint()},
		Properties:          map[string]any{"severity": f.Severity.String()},
	}
	for i, rel := range f.Related {
		id := i + 1
		l := sarifLocationOf(rel.Range, baseDir)
		l.ID = &id
		l.Message = &sarifMessage{Text: rel.Message}
		r.RelatedLocations = append(r.RelatedLocations, l)
	}
	return r
}

// sarifRules describes every rule of the run, sorted by ID, plus any rule a
// finding names that the run's list lacks (so ruleIndex is always valid).
func sarifRules(known []lint.Rule, findings []lint.Finding) ([]sarifRule, map[string]int) {
	metas := map[string]*lint.Meta{}
	for _, r := range known {
		metas[r.Meta().ID] = r.Meta()
	}
	for _, f := range findings {
		if _, ok := metas[f.RuleID]; !ok {
			metas[f.RuleID] = &lint.Meta{ID: f.RuleID, Name: f.RuleName, Severity: f.Severity, Summary: f.RuleName}
		}
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
			ID:                   m.ID,
			Name:                 pascal(m.Name),
			ShortDescription:     sarifMessage{Text: sentence(m.Summary)},
			FullDescription:      sarifMessage{Text: sentence(fullDescription(m))},
			Help:                 sarifMessage{Text: help, Markdown: md},
			HelpURI:              RuleDocURL(m.ID),
			DefaultConfiguration: sarifReportingConf{Level: sarifLevel(m.Severity), Enabled: !m.Disabled},
			Properties: sarifRuleProps{
				SecuritySeverity: securitySeverity(m.Severity), Precision: "high", Tags: tags,
				Severity: m.Severity.String(), Name: m.Name,
			},
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
	al := sarifArtifactLoc{URI: fileURI(r.File, baseDir)}
	if !strings.HasPrefix(al.URI, "file:") {
		al.URIBaseID = srcRoot
	}
	pl := sarifPhysicalLocation{ArtifactLocation: al}
	if !r.Start.IsZero() {
		reg := &sarifRegion{StartLine: r.Start.Line, StartColumn: r.Start.Col}
		if !r.End.IsZero() && !r.End.Before(r.Start) {
			reg.EndLine, reg.EndColumn = r.End.Line, r.End.Col
		}
		pl.Region = reg
	}
	return sarifLocation{PhysicalLocation: pl}
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

// sourceLines hands out the source lines of findings, secrets masked.
type sourceLines struct {
	res   *lint.Result
	masks map[string][]lint.Finding // findings with secret ranges by file, suppressed ones included
	cache map[string][]string
	// redacted caches masked lines: every finding on a minified file's one
	// line would otherwise mask it again.
	redacted map[shownLine][]rune
}

func (s sourceLines) line(ls []string, ln int, file string, findings []lint.Finding) []rune {
	key := shownLine{file, ln}
	if t, ok := s.redacted[key]; ok {
		return t
	}
	t := []rune(Redact(ls[ln-1], ln, file, findings))
	s.redacted[key] = t
	return t
}

// context is the whole lines a range covers, as a context region whose
// snippet has every secret range masked: a SARIF file is uploaded to
// places the source is not.
func (s sourceLines) context(r lint.Range, findings []lint.Finding) *sarifRegion {
	if r.Start.IsZero() {
		return nil
	}
	ls, ok := s.cache[r.File]
	if !ok {
		src, found := s.res.Sources[r.File]
		if !found {
			return nil
		}
		ls = strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
		s.cache[r.File] = ls
	}
	end := r.End.Line
	if end < r.Start.Line {
		end = r.Start.Line
	}
	if r.Start.Line > len(ls) || end > len(ls) || end-r.Start.Line > 20 {
		return nil
	}
	var b strings.Builder
	for ln := r.Start.Line; ln <= end; ln++ {
		runes := s.line(ls, ln, r.File, findings)
		if len(runes) > maxSnippet {
			if end > r.Start.Line {
				return nil // no whole lines of a minified file
			}
			// A window of a long line, as the text output shows it, so
			// that the log does not hold the file once per finding.
			start := min(max(r.Start.Col-1, 0), len(runes))
			lo := max(0, start-maxSnippet/4)
			hi := min(len(runes), lo+maxSnippet)
			lo = max(0, hi-maxSnippet)
			if r.End.Line != ln || r.End.Col-1 > hi {
				return nil // a context region must hold the whole region
			}
			return &sarifRegion{StartLine: ln, StartColumn: lo + 1, EndLine: ln, EndColumn: hi + 1, Snippet: &sarifMessage{Text: string(runes[lo:hi])}}
		}
		b.WriteString(string(runes))
		b.WriteString("\n")
	}
	return &sarifRegion{StartLine: r.Start.Line, EndLine: end, Snippet: &sarifMessage{Text: b.String()}}
}
