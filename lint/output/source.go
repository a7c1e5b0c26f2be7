package output

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ecslint/ecslint/lint"
)

// sourceCache hands out source lines as the formats show them: CRLF line
// ends dropped and every secret range masked (see Redact). A file is split
// and a line masked once, however many findings show it: a minified task
// definition is one line that all its findings show. It may be used from
// several goroutines (SARIF encodes its results on all cores).
type sourceCache struct {
	res   *lint.Result
	masks map[string][]lint.Range
	mu    sync.Mutex // guards files
	files map[string]*sourceFile
}

type sourceFile struct {
	name  string
	lines []string
	masks []lint.Range
	mu    sync.Mutex   // guards shown
	shown []*shownText // by line, from 0; few lines of a file are shown
}

// shownText is a line with its secrets masked. runes holds it as code
// points too when it is longer than maxSnippet, the only case in which a
// format shows a window of it rather than all of it.
type shownText struct {
	text  string
	runes []rune
}

func newSourceCache(res *lint.Result) *sourceCache {
	return &sourceCache{res: res, masks: secretRanges(res), files: map[string]*sourceFile{}}
}

// file returns a file's lines, or nil if the result has no source for it.
func (c *sourceCache) file(name string) *sourceFile {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f, ok := c.files[name]; ok {
		return f
	}
	src, ok := c.res.Sources[name]
	if !ok {
		c.files[name] = nil
		return nil
	}
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	f := &sourceFile{name: name, lines: lines, masks: c.masks[name], shown: make([]*shownText, len(lines))}
	c.files[name] = f
	return f
}

// line returns line ln (from 1, at most len(f.lines)) as shown.
func (f *sourceFile) line(ln int) *shownText {
	f.mu.Lock()
	t := f.shown[ln-1]
	f.mu.Unlock()
	if t != nil {
		return t
	}
	// Made outside the lock: two goroutines that both make a line make the
	// same text, and the first one stored is kept.
	t = &shownText{text: Redact(f.lines[ln-1], ln, f.name, f.masks)}
	if !utf8.ValidString(t.text) {
		// Shown as code points, each bad byte is one U+FFFD.
		t.text = string([]rune(t.text))
	}
	if utf8.RuneCountInString(t.text) > maxSnippet {
		t.runes = []rune(t.text)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if kept := f.shown[ln-1]; kept != nil {
		return kept
	}
	f.shown[ln-1] = t
	return t
}
