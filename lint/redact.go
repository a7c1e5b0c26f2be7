package lint

import (
	"slices"
	"sort"
	"strings"
)

// urlMask replaces a credential in a URL.
const urlMask = "REDACTED"

// safeQueryKeys are the query parameters of a module source or download
// URL that name what to fetch rather than how to authenticate (go-getter's
// ref, depth, archive and checksum); every other value may be a token
// (token=, sshkey=, X-Amz-Signature=, sig=) and is masked.
var safeQueryKeys = map[string]bool{"ref": true, "rev": true, "depth": true, "archive": true, "checksum": true}

// RedactURLCredentials masks the credentials of every URL in s: the user
// information before "@" (git::https://user:TOKEN@host/..., a token as
// the user name) and the values of query parameters other than
// safeQueryKeys (?ref=v1&token=...). Notes and errors quote module sources
// and file names written in the repository, and are printed to CI logs.
func RedactURLCredentials(s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "://")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + 3 + urlLength(s[i+3:])
		b.WriteString(s[:i+3])
		b.WriteString(redactURLRest(s[i+3 : end]))
		s = s[end:]
	}
}

// urlLength is how far the URL after "scheme://" goes: to a space, a
// quote or a bracket that closes it in prose.
func urlLength(s string) int {
	if n := strings.IndexAny(s, " \t\r\n\"'`<>()[]{}\\"); n >= 0 {
		return n
	}
	return len(s)
}

// redactURLRest masks the credentials in the part of a URL after
// "scheme://".
func redactURLRest(rest string) string {
	authEnd := len(rest)
	if n := strings.IndexAny(rest, "/?#"); n >= 0 {
		authEnd = n
	}
	if at := strings.LastIndexByte(rest[:authEnd], '@'); at >= 0 {
		rest = urlMask + rest[at:]
		authEnd -= at - len(urlMask)
	}
	q := strings.IndexByte(rest[authEnd:], '?')
	if q < 0 {
		return rest
	}
	q += authEnd
	query, fragment := rest[q+1:], ""
	if h := strings.IndexByte(query, '#'); h >= 0 {
		query, fragment = query[:h], query[h:]
	}
	params := strings.Split(query, "&")
	for k, p := range params {
		key, _, hasValue := strings.Cut(p, "=")
		if hasValue && !safeQueryKeys[strings.ToLower(key)] {
			params[k] = key + "=" + urlMask
		}
	}
	return rest[:q+1] + strings.Join(params, "&") + fragment
}

// redactMessages masks URL credentials in every message of a result: the
// parsers' notes and errors go through Context, which masks them already,
// but the engine's own diagnostics, suppression problems and the rules'
// messages (which quote values from the files) do not.
func redactMessages(res *Result) {
	maskSecretTexts(res)
	diags := func(ds []Diagnostic) {
		for i := range ds {
			ds[i].Message = RedactURLCredentials(ds[i].Message)
			related(ds[i].Related)
		}
	}
	diags(res.Errors)
	diags(res.Notes)
	for i := range res.Findings {
		res.Findings[i].Message = RedactURLCredentials(res.Findings[i].Message)
		related(res.Findings[i].Related)
	}
	for i := range res.Suppressed {
		res.Suppressed[i].Finding.Message = RedactURLCredentials(res.Suppressed[i].Finding.Message)
	}
}

func related(rs []Related) {
	for i := range rs {
		rs[i].Message = RedactURLCredentials(rs[i].Message)
	}
}

// maskSecretTexts masks, in the messages of findings, notes and errors, the texts parsers
// marked secret (Context.Secret): a rule may quote a value that is, or
// holds, one of them.
func maskSecretTexts(res *Result) {
	if len(res.secretTexts) == 0 {
		return
	}
	texts := slices.Clone(res.secretTexts)
	// Longest first, so that a secret holding another is masked whole.
	sort.Slice(texts, func(i, j int) bool {
		if len(texts[i]) != len(texts[j]) {
			return len(texts[i]) > len(texts[j])
		}
		return texts[i] < texts[j]
	})
	texts = slices.Compact(texts)
	mask := func(s string) string {
		for _, t := range texts {
			if strings.Contains(s, t) {
				s = strings.ReplaceAll(s, t, "***")
			}
		}
		return s
	}
	for i := range res.Findings {
		res.Findings[i].Message = mask(res.Findings[i].Message)
		for j := range res.Findings[i].Related {
			res.Findings[i].Related[j].Message = mask(res.Findings[i].Related[j].Message)
		}
	}
	for i := range res.Suppressed {
		res.Suppressed[i].Finding.Message = mask(res.Suppressed[i].Finding.Message)
	}
	// A note or an error may quote a value too (a custom rule's CEL
	// error, a value a rule could not read).
	for _, ds := range [][]Diagnostic{res.Notes, res.Errors} {
		for i := range ds {
			ds[i].Message = mask(ds[i].Message)
		}
	}
}
