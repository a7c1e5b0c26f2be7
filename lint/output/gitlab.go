package output

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// GitLab writes a GitLab Code Quality report (artifacts:reports:codequality):
// a JSON array of issues, which GitLab shows in the merge request widget and
// diff, instead of the failed tests a JUnit report makes of findings.
type GitLab struct{}

// Format implements Formatter. A file that could not be checked is an
// issue too, of severity blocker: a report without it would read as clean.
// Descriptions go through lint.Printable: GitLab shows them to people.
func (GitLab) Format(w io.Writer, res *lint.Result, opts Options) error {
	s := newJSONStream(w, true)
	seen := map[string]int{}
	issue := func(description, check, fingerprint, severity string, r lint.Range) {
		s.open('{')
		s.key("description")
		s.str(lint.Printable(description))
		s.key("check_name")
		s.str(check)
		s.key("fingerprint")
		s.str(uniqueFingerprint(seen, fingerprint))
		s.key("severity")
		s.str(severity)
		s.key("location")
		s.open('{')
		s.key("path")
		s.str(repoPath(r.File, opts.BaseDir))
		s.key("lines")
		s.open('{')
		s.key("begin")
		// GitLab needs a line; a whole-file error points at the first.
		s.int(max(int(r.Start.Line), 1))
		s.close('}')
		s.close('}')
		s.close('}')
	}
	s.open('[')
	for _, f := range res.Findings {
		issue(f.Message+" ["+f.RuleID+" "+f.RuleName+"]", f.RuleID, f.Fingerprint(), gitlabSeverity(f.Severity), f.Range)
	}
	for _, e := range res.Errors {
		issue("ecslint could not check this file: "+withRelated(e), "ecslint-error",
			hashOf("error", filepath.ToSlash(e.Range.File), e.Message), "blocker", e.Range)
	}
	s.close(']')
	return s.end()
}

// repoPath is a file as GitLab finds it in the repository: relative to
// the job's directory (the checkout, BaseDir), without "./", with slashes.
// GitLab matches location.path against the merge request's files, so
// "./infra/td.json" or an absolute path would match none of them. A file
// outside the directory keeps its path: there is nothing better to say.
func repoPath(file, baseDir string) string {
	p := filepath.Clean(file)
	if filepath.IsAbs(p) && baseDir != "" {
		if rel, err := filepath.Rel(baseDir, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			p = rel
		}
	}
	return filepath.ToSlash(p)
}

// gitlabSeverity maps onto Code Quality's info, minor, major, critical
// (blocker is kept for files that could not be checked).
func gitlabSeverity(s lint.Severity) string {
	switch s {
	case lint.Critical:
		return "critical"
	case lint.High:
		return "major"
	case lint.Medium:
		return "minor"
	}
	return "info"
}

// uniqueFingerprint keeps fingerprints unique within a report: GitLab
// shows one issue per fingerprint, and two findings of one rule on one
// key (say, in two statements of one file) share the line-free identity.
// The second and later get the occurrence mixed in, which stays stable
// while the findings' order does.
func uniqueFingerprint(seen map[string]int, fp string) string {
	n := seen[fp]
	seen[fp] = n + 1
	if n == 0 {
		return fp
	}
	return hashOf(fp, strconv.Itoa(n))
}

func hashOf(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
