package output

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/fatih/color"

	"github.com/ecslint/ecslint/lint"
)

// Text writes one header line per finding, the source line with the range
// underlined (secrets masked), and a closing summary.
type Text struct{}

type palette struct {
	pos, msg, rule, gutter, caret *color.Color
	sev                           map[lint.Severity]*color.Color
}

func newPalette(on bool) palette {
	p := palette{
		pos:    color.New(color.Bold),
		msg:    color.New(),
		rule:   color.New(color.Faint),
		gutter: color.New(color.FgBlue),
		caret:  color.New(color.FgGreen, color.Bold),
		sev: map[lint.Severity]*color.Color{
			lint.Critical: color.New(color.FgMagenta, color.Bold),
			lint.High:     color.New(color.FgRed, color.Bold),
			lint.Medium:   color.New(color.FgYellow, color.Bold),
			lint.Low:      color.New(color.FgCyan),
		},
	}
	all := []*color.Color{p.pos, p.msg, p.rule, p.gutter, p.caret}
	for _, c := range p.sev {
		all = append(all, c)
	}
	for _, c := range all {
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}

// Format implements Formatter. Everything that comes from the scanned
// files (names, messages quoting values, source lines) goes through
// lint.Printable: a terminal or CI log must not obey the escape sequences a
// pull request writes.
func (Text) Format(w io.Writer, res *lint.Result, opts Options) error {
	p := newPalette(opts.Color)
	ew := newErrWriter(w)
	sources := newSourceCache(res)
	if worthChunks(len(res.Findings)) {
		ew.flushNow()
		inOrder(len(res.Findings), func(b []byte, lo, hi int) []byte {
			for i := lo; i < hi; i++ {
				b = appendTextFinding(b, &res.Findings[i], &p, sources)
			}
			return b
		}, ew.write)
	} else {
		var b []byte
		for i := range res.Findings {
			b = appendTextFinding(b[:0], &res.Findings[i], &p, sources)
			ew.write(b)
		}
	}
	for _, e := range res.Errors {
		ew.printf("%s: %s %s\n", p.pos.Sprint(lint.Printable(e.Range.String())), p.sev[lint.High].Sprint("error:"), lint.Printable(e.Message))
		for _, r := range e.Related {
			ew.printf("      %s %s\n", p.rule.Sprint(lint.Printable(r.Range.String()+":")), lint.Printable(r.Message))
		}
	}
	if opts.Verbose {
		for _, n := range res.Notes {
			ew.printf("%s: note: %s\n", lint.Printable(n.Range.String()), lint.Printable(n.Message))
		}
	}
	if opts.RuleHints {
		for _, hint := range ruleHints(res.Findings, opts.Rules) {
			ew.printf("%s\n", p.rule.Sprint(hint))
		}
	}
	summary := Summary(res)
	if len(res.Notes) > 0 && !opts.Verbose {
		summary += ", see --verbose"
	}
	ew.printf("%s\n", summary)
	return ew.flush()
}

// appendTextFinding appends a finding as Format prints it: its line, the
// source line with the range underlined, its related locations.
func appendTextFinding(b []byte, f *lint.Finding, p *palette, sources *sourceCache) []byte {
	b = fmt.Appendf(b, "%s: %s: %s %s\n",
		p.pos.Sprint(lint.Printable(f.Range.String())), p.sev[f.Severity].Sprint(f.Severity), p.msg.Sprint(lint.Printable(f.Message)),
		p.rule.Sprintf("[%s %s]", f.RuleID, f.RuleName))
	src := sources.file(f.Range.File)
	if src == nil || f.Range.Start.IsZero() {
		return b
	}
	ln := int(f.Range.Start.Line)
	if ln > len(src.lines) {
		return b
	}
	text, at := window(src.line(ln), f.Range, ln)
	text = lint.Printable(text) // one character for one: the underline still fits
	gutter := fmt.Sprintf("%5d | ", ln)
	b = fmt.Appendf(b, "%s%s\n", p.gutter.Sprint(gutter), text)
	b = fmt.Appendf(b, "%s%s\n", p.gutter.Sprint(strings.Repeat(" ", len(gutter)-2)+"| "), p.caret.Sprint(underline(text, at, ln)))
	for _, r := range f.Related {
		b = fmt.Appendf(b, "      %s %s\n", p.rule.Sprint(lint.Printable(r.Range.String())+":"), lint.Printable(r.Message))
	}
	return b
}

// ruleHints say, once for each rule that found something and in the order
// of rule IDs, how to read about it: a reader who does not know ECS014
// learns where its rationale and fix are without guessing the command.
// Only rules of the run have pages and explain entries.
func ruleHints(findings []lint.Finding, known []lint.Rule) []string {
	names := map[string]string{}
	metas := map[string]*lint.Meta{}
	for _, r := range known {
		names[r.Meta().ID] = r.Meta().Name
		metas[r.Meta().ID] = r.Meta()
	}
	seen := map[string]bool{}
	var ids []string
	for _, f := range findings {
		if _, ok := names[f.RuleID]; ok && !seen[f.RuleID] {
			seen[f.RuleID] = true
			ids = append(ids, f.RuleID)
		}
	}
	sort.Strings(ids)
	hints := make([]string, len(ids))
	for i, id := range ids {
		hint := fmt.Sprintf("help: %s %s: ecslint explain %s", id, names[id], id)
		if u := helpURI(metas[id]); u != "" {
			hint += ", or " + u
		}
		hints[i] = hint
	}
	return hints
}

// Summary is the closing line: counts by severity, files, errors,
// suppressions, and the notes about what could not be evaluated, so that a
// clean result can be told from a blind one.
func Summary(res *lint.Result) string {
	var b strings.Builder
	if len(res.Findings) == 0 {
		b.WriteString("no findings")
	} else {
		counts := map[lint.Severity]int{}
		for _, f := range res.Findings {
			counts[f.Severity]++
		}
		var parts []string
		for _, s := range []lint.Severity{lint.Critical, lint.High, lint.Medium, lint.Low} {
			if counts[s] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
			}
		}
		fmt.Fprintf(&b, "%d %s (%s)", len(res.Findings), plural(len(res.Findings), "finding"), strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, " in %d %s checked", res.Files, plural(res.Files, "file"))
	if len(res.Errors) > 0 {
		fmt.Fprintf(&b, "; %d %s", len(res.Errors), plural(len(res.Errors), "error"))
	}
	if n := len(res.Skipped); n > 0 {
		fmt.Fprintf(&b, "; %d %s skipped (not ECS input)", n, plural(n, "file"))
		if res.Files == 0 {
			// Nothing at all was checked: not a clean result.
			b.WriteString(": nothing was checked")
		}
	}
	if len(res.Suppressed) > 0 {
		fmt.Fprintf(&b, "; %d suppressed", len(res.Suppressed))
	}
	if res.Baselined > 0 {
		fmt.Fprintf(&b, "; %d in the baseline", res.Baselined)
	}
	if n := len(res.Notes); n > 0 {
		fmt.Fprintf(&b, "; %s", notEvaluated(n))
	}
	return b.String()
}

// skippedMessage is what formats that list the skipped files say of each.
const skippedMessage = "not ECS input (not a task definition, CloudFormation template or Terraform file): skipped, not checked"

// notEvaluated says how many notes a run has, in the words every format
// uses.
func notEvaluated(n int) string {
	if n == 1 {
		return "1 value could not be evaluated"
	}
	return fmt.Sprintf("%d values could not be evaluated", n)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Redact masks, in one source line of file, every secret range (a
// finding's Redact). Columns count code points; masked text becomes
// asterisks of the same length so the underline stays aligned.
func Redact(line string, ln int, file string, secrets []lint.Range) string {
	var runes []rune // only for a line that holds a secret
	changed := false
	for _, r := range secrets {
		if r.File != file || ln < int(r.Start.Line) || ln > int(r.End.Line) {
			continue
		}
		if runes == nil {
			runes = []rune(line)
		}
		from, to := 0, len(runes)
		if ln == int(r.Start.Line) {
			from = int(r.Start.Col) - 1
		}
		if ln == int(r.End.Line) {
			to = int(r.End.Col) - 1
		}
		for i := max(from, 0); i < min(to, len(runes)); i++ {
			if runes[i] != '"' || (i != from && i != to-1) {
				runes[i] = '*'
				changed = true
			}
		}
	}
	if !changed {
		return line
	}
	return string(runes)
}

// maxSnippet bounds the source shown under a finding, in code points.
// Without it a minified task definition (one line) was printed whole under
// each of its findings: output grew as findings times file size (a 93 KB
// file gave 557 MB).
const maxSnippet = 160

// window returns the part of a (redacted) line to show for range r, at
// most maxSnippet code points around its start with an ellipsis where it is
// cut, and r moved to match. Redaction happens before, on the whole line,
// so a cut never exposes part of a secret.
func window(shown *shownText, r lint.Range, ln int) (string, lint.Range) {
	line := shown.runes
	if line == nil {
		return shown.text, r
	}
	start := min(max(int(r.Start.Col)-1, 0), len(line))
	lo := max(0, start-maxSnippet/4)
	hi := min(len(line), lo+maxSnippet)
	lo = max(0, hi-maxSnippet)
	var b strings.Builder
	shift := lo
	if lo > 0 {
		b.WriteString("…")
		shift-- // the ellipsis takes a column
	}
	b.WriteString(string(line[lo:hi]))
	if hi < len(line) {
		b.WriteString("…")
	}
	// Only the columns move: the range is drawn, and its offsets are not.
	r.Start = lint.MakePos(int(r.Start.Line), int(r.Start.Col)-shift, int(r.Start.Offset))
	if int(r.End.Line) == ln {
		r.End = lint.MakePos(ln, min(int(r.End.Col), hi+1)-shift, int(r.End.Offset))
	} else {
		// The range goes on past this line: underline to the cut.
		r.End = lint.LineCol(ln, hi+1-shift)
	}
	return b.String(), r
}

// underline draws ^~~~ under a range on line ln, keeping tabs so that it
// lines up in a terminal.
func underline(line string, r lint.Range, ln int) string {
	runes := []rune(line)
	start := int(r.Start.Col) - 1
	end := len(runes)
	if int(r.End.Line) == ln && r.End.Col > r.Start.Col {
		end = int(r.End.Col) - 1
	}
	if start > len(runes) {
		start = len(runes)
	}
	var b strings.Builder
	for i := 0; i < start; i++ {
		if runes[i] == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteByte('^')
	for i := start + 1; i < end; i++ {
		b.WriteByte('~')
	}
	return b.String()
}

// errWriter buffers the formats that print line by line, and keeps the
// first write error. Unbuffered, a pipe or terminal got a write per line:
// three per finding in text output.
type errWriter struct {
	w   *bufio.Writer
	err error
}

func newErrWriter(w io.Writer) *errWriter { return &errWriter{w: bufio.NewWriterSize(w, 64<<10)} }

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// write writes b as it is.
func (e *errWriter) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

// flushNow writes what is buffered, so that what follows may be written in
// large pieces.
func (e *errWriter) flushNow() {
	if e.err == nil {
		e.err = e.w.Flush()
	}
}

// flush writes what is buffered and returns the first error.
func (e *errWriter) flush() error {
	if e.err == nil {
		e.err = e.w.Flush()
	}
	return e.err
}

// secretRanges indexes, by the file they are in, the ranges that hold
// secret values: those of every finding the run made (Result.Secrets:
// suppressed and baselined ones too, since a secret on a line another
// finding shows is still a secret) and those of the findings in the
// result. A range is indexed by its own file, not its finding's: a
// variable's default in variables.tf, a tfvars entry, a parameter default
// are masked wherever a snippet shows them. Indexing keeps masking linear
// in the number of ranges; scanning every finding per snippet line was
// quadratic.
func secretRanges(res *lint.Result) map[string][]lint.Range {
	idx := map[string][]lint.Range{}
	add := func(rs []lint.Range) {
		for _, r := range rs {
			idx[r.File] = append(idx[r.File], r)
		}
	}
	add(res.Secrets)
	for _, f := range res.Findings {
		add(f.Redact)
	}
	for _, sf := range res.Suppressed {
		add(sf.Finding.Redact)
	}
	return idx
}
