package cloudformation

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ecslint/ecslint/lint"
)

// This file is a fast path for the YAML that templates are written in:
// block mappings and sequences, plain scalars (folded over lines too),
// single-line quoted scalars, flow collections on one line, literal and
// simple folded block scalars, and short-form intrinsic tags. It builds the lint.Node tree directly, the
// same tree, ranges included, that yaml.v3 and the converter give, at a
// fraction of the cost (yaml.v3 is a port of libyaml: a token queue, an
// event stream and a node tree before ours).
//
// It declines (ok false) anything outside that subset — anchors and
// aliases, directives, several documents, complex or long keys, tabs, CR
// line breaks, multi-line quoted or flow values, unusual escapes —
// and every document it finds wrong, so yaml.v3 decides those and its
// error messages stay the ones users see. FuzzBlockYAML checks that
// whatever it accepts, yaml.v3 accepts too, as the same tree.

// declined is the panic value that unwinds a parse the fast path gives up
// on; only parseBlockYAML recovers it.
type declined struct{}

// maxFastDepth bounds nesting; deeper documents go to yaml.v3, which has
// limits and messages of its own.
const maxFastDepth = 500

// maxKeyLen is below YAML's 1024-character limit on implicit keys.
const maxKeyLen = 1000

type blockParser struct {
	s     *source
	b     []byte
	off   int // the next byte to read
	depth int
	nodes int

	// line is the index in s.Starts of the line last asked for a
	// position: the parser asks in nearly increasing order, so finding
	// the line is a step or two forward.
	line int

	// Keys are interned: a template repeats a few dozen keys thousands of
	// times.
	arena lint.Arena
	keys  map[string]string
}

// parseBlockYAML parses src (already in s) if it lies in the subset, and
// reports whether it did.
func parseBlockYAML(s *source) (n *lint.Node, ok bool) {
	if !fastEligible(s.src) {
		return nil, false
	}
	defer func() {
		if r := recover(); r != nil {
			if _, is := r.(declined); !is {
				panic(r)
			}
			n, ok = nil, false
		}
	}()
	p := &blockParser{s: s, b: s.src, keys: map[string]string{}}
	return p.document(), true
}

// fastEligible rejects inputs whose characters need yaml.v3's judgement:
// tabs (not allowed in indentation, and significant beside it), CR and the
// Unicode line breaks, a byte order mark, control characters and invalid
// UTF-8.
func fastEligible(src []byte) bool {
	ascii := true
	for _, c := range src {
		if c < 0x20 && c != '\n' || c == 0x7F {
			return false
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if ascii {
		return true
	}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 || r >= 0x80 && r <= 0x9F ||
			r == 0x2028 || r == 0x2029 || r == 0xFEFF || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += size
	}
	return true
}

func decline() { panic(declined{}) }

func (p *blockParser) document() *lint.Node {
	indent, eof := p.nextContent()
	if eof {
		decline()
	}
	if p.marker("---") {
		p.off += 3
		p.endOfLine()
		if indent, eof = p.nextContent(); eof {
			decline()
		}
	}
	if p.b[p.off] == '%' || !p.keyAhead(p.off) {
		decline()
	}
	root := p.blockMapping(indent, p.off)
	if _, eof := p.nextContent(); !eof {
		decline() // a second document, "...", or text below the root
	}
	return root
}

// nextContent moves to the first character of the next line that is not
// blank or a comment and returns its indentation; eof when there is none.
// At a position inside a line it first finishes that line only if the rest
// is blank.
func (p *blockParser) nextContent() (indent int, eof bool) {
	for {
		ls := p.off
		i := ls
		for i < len(p.b) && p.b[i] == ' ' {
			i++
		}
		if i == len(p.b) {
			p.off = i
			return 0, true
		}
		switch p.b[i] {
		case '\n':
			p.off = i + 1
			continue
		case '#':
			p.off = p.lineEnd(i)
			continue
		}
		p.off = i
		return i - p.lineStartOf(i), false
	}
}

// lineStartOf returns the offset of the start of the line holding off.
func (p *blockParser) lineStartOf(off int) int {
	for off > 0 && p.b[off-1] != '\n' {
		off--
	}
	return off
}

// lineEnd returns the offset just past the line break after off (or the
// end of the input).
func (p *blockParser) lineEnd(off int) int {
	for off < len(p.b) && p.b[off] != '\n' {
		off++
	}
	if off < len(p.b) {
		off++
	}
	return off
}

// column is off's distance from its line's start in bytes; indentation is
// spaces only, so for indentation this is the YAML column.
func (p *blockParser) column(off int) int { return off - p.lineStartOf(off) }

// marker reports whether a document marker ("---", "...") starts at p.off,
// at the start of a line.
func (p *blockParser) marker(m string) bool {
	o := p.off
	return p.column(o) == 0 && strings.HasPrefix(string(p.b[o:min(o+3, len(p.b))]), m) &&
		(o+3 == len(p.b) || p.b[o+3] == ' ' || p.b[o+3] == '\n')
}

// endOfLine consumes spaces and a comment up to and including the line
// break; anything else on the line declines.
func (p *blockParser) endOfLine() {
	i := p.off
	for i < len(p.b) && p.b[i] == ' ' {
		i++
	}
	if i < len(p.b) && p.b[i] == '#' && (i == 0 || p.b[i-1] == ' ' || p.b[i-1] == '\n') {
		p.off = p.lineEnd(i)
		return
	}
	if i < len(p.b) && p.b[i] != '\n' {
		decline()
	}
	p.off = p.lineEnd(i)
}

func (p *blockParser) enter() {
	p.depth++
	if p.depth > maxFastDepth {
		decline()
	}
}

func (p *blockParser) node(kind lint.NodeKind) *lint.Node {
	p.nodes++
	if p.nodes > maxNodes {
		decline()
	}
	return p.arena.Node(kind)
}

// key returns the text of b as a string shared by every key so spelled.
func (p *blockParser) key(b []byte) string {
	if k, ok := p.keys[string(b)]; ok {
		return k
	}
	k := string(b)
	p.keys[k] = k
	return k
}

// pos returns the position of a byte offset.
func (p *blockParser) pos(off int) lint.Pos {
	ls := p.s.Starts
	if p.line >= len(ls) || ls[p.line] > off {
		return p.s.pos(off)
	}
	for p.line+1 < len(ls) && ls[p.line+1] <= off {
		p.line++
	}
	if !p.s.ASCII {
		return p.s.pos(off)
	}
	return lint.MakePos(p.line+1, off-ls[p.line]+1, off)
}

// rng returns the range between two byte offsets.
func (p *blockParser) rng(from, to int) lint.Range {
	return lint.Range{File: p.s.file, Start: p.pos(from), End: p.pos(to)}
}

// intrinsic rewrites n, written with the short-form tag at start and its
// own text at content, into the long form, as source.intrinsic does for
// yaml.v3's nodes (here from the arena, with offsets already known).
func (p *blockParser) intrinsic(tag string, start, content int, n *lint.Node) *lint.Node {
	inner := p.node(n.Kind)
	*inner = *n
	inner.Range = startingAt(n.Range, p.pos(content))
	// n becomes the wrapper: it already has the whole range.
	*n = lint.Node{Kind: lint.ObjectNode, Range: n.Range,
		Fields: []*lint.Field{p.arena.Field(intrinsicKey(tag), p.rng(start, start+len(tag)), inner)}}
	return n
}

func (p *blockParser) seqEntryAt(off int) bool {
	return off < len(p.b) && p.b[off] == '-' && (off+1 == len(p.b) || p.b[off+1] == ' ' || p.b[off+1] == '\n')
}

// blockMapping parses the mapping whose first key is at p.off, in column
// indent; start is where the node begins (its tag, if it has one).
func (p *blockParser) blockMapping(indent, start int) *lint.Node {
	p.enter()
	n := p.node(lint.ObjectNode)
	for {
		if p.marker("---") || p.marker("...") {
			decline()
		}
		key, keyRange := p.blockKey()
		value := p.value(indent, true)
		n.Fields = append(n.Fields, p.arena.Field(key, keyRange, value))
		next, eof := p.nextContent()
		if eof || next < indent {
			break
		}
		if next > indent || p.seqEntryAt(p.off) {
			decline()
		}
	}
	n.Range = p.blockRange(start, n.Fields[len(n.Fields)-1].Value.Range)
	p.depth--
	return n
}

// blockSequence parses the sequence whose first "-" is at p.off, in column
// indent.
func (p *blockParser) blockSequence(indent, start int) *lint.Node {
	p.enter()
	n := p.node(lint.ArrayNode)
	for {
		p.off++ // the "-"
		n.Items = append(n.Items, p.value(indent, false))
		next, eof := p.nextContent()
		if eof || next < indent {
			break
		}
		if next > indent {
			decline()
		}
		if !p.seqEntryAt(p.off) {
			// The key after an indentless sequence; a sequence indented
			// deeper than its mapping must not be followed by one, which
			// the mapping's caller sees as too deep a line.
			break
		}
	}
	n.Range = p.blockRange(start, n.Items[len(n.Items)-1].Range)
	p.depth--
	return n
}

// blockRange spans a block collection from its start to the end of its
// last value.
func (p *blockParser) blockRange(start int, last lint.Range) lint.Range {
	r := lint.Range{File: p.s.file, Start: p.pos(start), End: last.End}
	if r.End.Before(r.Start) {
		r.End = r.Start
	}
	return r
}

// blockKey parses an implicit key at p.off and the ":" after it.
func (p *blockParser) blockKey() (string, lint.Range) {
	start := p.off
	var key string
	switch p.b[start] {
	case '"', '\'':
		key = p.quoted()
		if p.off >= len(p.b) || p.b[p.off] != ':' || !p.spaceAfter(p.off) {
			decline()
		}
		key = p.key([]byte(key))
	default:
		end := p.plainKeyEnd(start)
		if end < 0 {
			decline()
		}
		text := p.b[start:trimEnd(p.b, start, end)]
		if string(text) == "<<" {
			decline() // a merge key
		}
		key = p.key(text)
		p.off = start + len(text)
	}
	if p.off-start > maxKeyLen {
		decline()
	}
	keyRange := p.rng(start, p.off)
	for p.b[p.off] != ':' {
		p.off++ // spaces before the ":"
	}
	p.off++
	return key, keyRange
}

// spaceAfter reports whether the byte after off is a space, a line break
// or the end.
func (p *blockParser) spaceAfter(off int) bool {
	return off+1 >= len(p.b) || p.b[off+1] == ' ' || p.b[off+1] == '\n'
}

// plainKeyEnd returns the offset of the ":" that ends the plain key at
// off, or -1 when the line holds no key.
func (p *blockParser) plainKeyEnd(off int) int {
	if !p.plainStart(off, false) {
		return -1
	}
	for i := off; i < len(p.b); i++ {
		switch p.b[i] {
		case '\n':
			return -1
		case ':':
			if p.spaceAfter(i) {
				return i
			}
		case '#':
			if p.b[i-1] == ' ' {
				return -1
			}
		}
	}
	return -1
}

// keyAhead reports whether a mapping key (plain or quoted, then ": ")
// starts at off.
func (p *blockParser) keyAhead(off int) bool {
	switch p.b[off] {
	case '"', '\'':
		_, end, ok := p.scanQuoted(off)
		return ok && end < len(p.b) && p.b[end] == ':' && p.spaceAfter(end)
	}
	return p.plainKeyEnd(off) >= 0
}

// plainStart reports whether a plain scalar may start at off: not with an
// indicator, and with "-", "?" or ":" only before a character that is not a
// space (or, in a flow collection, a flow indicator).
func (p *blockParser) plainStart(off int, flow bool) bool {
	switch c := p.b[off]; c {
	case '[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	case '-', '?', ':':
		// An indicator only before a space: "-1", "::/0" are plain. In
		// flow collections yaml.v3 refuses "?x" and ":x" in places.
		if off+1 >= len(p.b) || flow && c != '-' {
			return false
		}
		next := p.b[off+1]
		return next != ' ' && next != '\n' && (!flow || !isFlowIndicator(next))
	}
	return true
}

// value parses the node after a key's ":" (mapping true) or a "-", at
// p.off; indent is the column of the collection it belongs to.
func (p *blockParser) value(indent int, mapping bool) *lint.Node {
	after := p.off
	for p.off < len(p.b) && p.b[p.off] == ' ' {
		p.off++
	}
	start := p.off
	tag := ""
	if p.off < len(p.b) && p.b[p.off] == '!' {
		tag = p.tag()
		for p.off < len(p.b) && p.b[p.off] == ' ' {
			p.off++
		}
	}
	if p.off == len(p.b) || p.b[p.off] == '\n' || p.b[p.off] == '#' && p.b[p.off-1] == ' ' {
		p.endOfLine()
		return p.nextLinesValue(indent, mapping, after, start, tag)
	}
	var n *lint.Node
	content := p.off
	switch {
	case !mapping && (p.seqEntryAt(p.off) || p.keyAhead(p.off)):
		// A compact collection in a sequence entry: "- - a", "- k: v".
		if tag != "" {
			decline()
		}
		col := p.column(p.off)
		if p.seqEntryAt(p.off) {
			return p.blockSequence(col, p.off)
		}
		return p.blockMapping(col, p.off)
	case p.b[p.off] == '|' || p.b[p.off] == '>':
		content = p.off
		n = p.blockScalar(indent, start)
	default:
		c := p.b[p.off]
		n = p.inline(start, false)
		if c != '[' && c != '{' && c != '"' && c != '\'' {
			p.continuePlain(n, indent, start, content)
		}
		p.endOfLine()
	}
	if tag != "" {
		n = p.intrinsic(tag, start, content, n)
	}
	return n
}

// continuePlain extends the plain scalar n, whose first line ends at p.off,
// over the lines below it that continue it: lines indented deeper than the
// collection at indent. They fold into one line, joined by spaces. A blank
// line inside (a line break in the value), a continuation line that starts
// with an indicator or holds ": ", declines. p.off ends after the scalar's
// last line's text.
func (p *blockParser) continuePlain(n *lint.Node, indent, start, from int) {
	if rest := p.skipSpaces(p.off); rest < len(p.b) && p.b[rest] != '\n' {
		return // a comment ends the scalar on its line
	}
	var folded []byte
	end := p.off
	for i := p.lineEnd(p.off); i > end && i < len(p.b); {
		j := p.skipSpaces(i)
		if j == len(p.b) || p.b[j] == '\n' {
			// A blank line: the value goes on only if a continuation
			// line follows, which would put a line break in it.
			next := j
			for next < len(p.b) && (p.b[next] == '\n' || p.b[next] == ' ') {
				next++
			}
			if next < len(p.b) && p.column(next) > indent && p.b[next] != '#' {
				decline()
			}
			break
		}
		if j-i <= indent || p.b[j] == '#' {
			break
		}
		if !p.plainStart(j, false) || p.b[j] == '-' {
			decline()
		}
		k, comment := j, false
		for ; k < len(p.b) && p.b[k] != '\n'; k++ {
			if p.b[k] == ':' && p.spaceAfter(k) {
				decline() // a key inside the scalar: yaml.v3's error
			}
			if p.b[k] == '#' && p.b[k-1] == ' ' {
				comment = true
				break
			}
		}
		if folded == nil {
			folded = append(folded, p.b[from:end]...)
		}
		e := trimEnd(p.b, j, k)
		folded = append(append(folded, ' '), p.b[j:e]...)
		end = e
		if comment {
			break
		}
		i = p.lineEnd(k)
	}
	if folded == nil {
		return
	}
	n.Kind, n.Text = lint.StringNode, string(folded)
	if start == from { // untagged
		n.Kind, n.Text = resolvePlain(n.Text)
	}
	n.Range = p.rng(start, end)
	p.off = end
}

// skipSpaces returns the first offset at or after off that is not a space.
func (p *blockParser) skipSpaces(off int) int {
	for off < len(p.b) && p.b[off] == ' ' {
		off++
	}
	return off
}

// nextLinesValue parses a value that starts on a line below its key or
// "-": a nested collection, or nothing (null, placed right after the
// indicator as yaml.v3 places it).
func (p *blockParser) nextLinesValue(indent int, mapping bool, after, start int, tag string) *lint.Node {
	next, eof := p.nextContent()
	nested := !eof && (next > indent || next == indent && mapping && p.seqEntryAt(p.off))
	if !nested {
		if tag != "" {
			decline() // a tag on an empty value
		}
		n := p.node(lint.NullNode)
		n.Range = p.rng(after, after)
		return n
	}
	content := p.off
	if tag == "" {
		start = p.off
	}
	var n *lint.Node
	switch {
	case p.seqEntryAt(p.off):
		n = p.blockSequence(next, start)
	case p.keyAhead(p.off):
		n = p.blockMapping(next, start)
	default:
		decline() // a scalar or flow value on a line of its own
	}
	if tag != "" {
		n = p.intrinsic(tag, start, content, n)
	}
	return n
}

// tag reads a local tag (!Ref) at p.off. Secondary and verbatim tags
// (!!str, !<...>) and the bare "!" decline: their meaning is yaml.v3's.
func (p *blockParser) tag() string {
	start := p.off
	i := start + 1
	for i < len(p.b) && (isWordByte(p.b[i]) || p.b[i] == ':' || p.b[i] == '.' || p.b[i] == '-') {
		i++
	}
	if i == start+1 || i < len(p.b) && p.b[i] != ' ' && p.b[i] != '\n' {
		decline()
	}
	p.off = i
	return string(p.b[start:i])
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// inline parses a scalar or flow collection that ends on its line; start
// is where the node begins (its tag, if any).
func (p *blockParser) inline(start int, flow bool) *lint.Node {
	switch c := p.b[p.off]; c {
	case '[', '{':
		return p.flowCollection(start)
	case '"', '\'':
		n := p.node(lint.StringNode)
		n.Text = p.quoted()
		n.Range = p.rng(start, p.off)
		return n
	}
	if !p.plainStart(p.off, flow) {
		decline()
	}
	from := p.off
	end := p.plainEnd(from, flow)
	text := string(p.b[from:end])
	p.off = end
	n := p.node(lint.StringNode)
	n.Text = text
	if start == from { // untagged: resolve as yaml.v3 does
		n.Kind, n.Text = resolvePlain(text)
	}
	n.Range = p.rng(start, end)
	return n
}

// plainEnd returns the end of the plain scalar at off on its line, without
// trailing spaces. A ": " inside it would make it a key where a value is
// expected, which yaml.v3 rejects.
func (p *blockParser) plainEnd(off int, flow bool) int {
	i := off
	for i < len(p.b) {
		switch c := p.b[i]; c {
		case '\n':
			return trimEnd(p.b, off, i)
		case ':':
			if p.spaceAfter(i) || flow && i+1 < len(p.b) && isFlowIndicator(p.b[i+1]) {
				if !flow {
					decline()
				}
				return trimEnd(p.b, off, i)
			}
		case '#':
			if p.b[i-1] == ' ' {
				return trimEnd(p.b, off, i)
			}
		case ',', '[', ']', '{', '}':
			if flow {
				return trimEnd(p.b, off, i)
			}
		case '"', '\'':
			if flow {
				// yaml.v3's path finds a flow collection's end by a scan
				// that takes such a quote for an opening one.
				decline()
			}
		case '?':
			if flow {
				decline() // yaml.v3 ends a plain scalar at "?" in a flow collection
			}
		}
		i++
	}
	return trimEnd(p.b, off, i)
}

// resolvePlain gives an untagged plain scalar its kind by the rules of
// yaml.v3's resolver: booleans and nulls by a fixed list, numbers as Go's
// strconv parses them after dropping underscores, with 0b and 0o
// prefixes. Timestamps stay strings, as the converter keeps them.
func resolvePlain(text string) (lint.NodeKind, string) {
	switch text {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return lint.BoolNode, strings.ToLower(text)
	case "", "~", "null", "Null", "NULL":
		return lint.NullNode, ""
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return lint.NumberNode, text
	}
	switch c := text[0]; {
	case c == '.':
		if _, err := strconv.ParseFloat(text, 64); err == nil {
			return lint.NumberNode, text
		}
	case c == '+' || c == '-' || c >= '0' && c <= '9':
		if yamlNumber(strings.ReplaceAll(text, "_", "")) {
			return lint.NumberNode, text
		}
	}
	return lint.StringNode, text
}

func yamlNumber(plain string) bool {
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return true
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return true
	}
	if yamlFloat(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil || errors.Is(err, strconv.ErrRange) {
			return true // see outOfRangeFloat
		}
	}
	for _, pre := range []struct {
		prefix string
		base   int
	}{{"0b", 2}, {"0o", 8}} {
		if rest, ok := strings.CutPrefix(plain, pre.prefix); ok {
			if _, err := strconv.ParseUint(rest, pre.base, 64); err == nil {
				return true
			}
		} else if rest, ok := strings.CutPrefix(plain, "-"+pre.prefix); ok {
			if _, err := strconv.ParseInt("-"+rest, pre.base, 64); err == nil {
				return true
			}
		}
	}
	return false
}

// outOfRangeFloat reports whether a plain scalar is a YAML float that
// float64 cannot hold (1E+999999999). yaml.v3 makes it a string, as it
// resolves by what it can decode; YAML resolves a plain scalar by its form,
// so it is the number it is written as, and the schema judges its value.
func outOfRangeFloat(text string) bool {
	plain := strings.ReplaceAll(text, "_", "")
	if !yamlFloat(plain) {
		return false
	}
	_, err := strconv.ParseFloat(plain, 64)
	return errors.Is(err, strconv.ErrRange)
}

// yamlFloat matches [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?,
// the float syntax yaml.v3 accepts before asking strconv.
func yamlFloat(s string) bool {
	i := 0
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// quoted reads the single-line quoted scalar at p.off and returns its
// value; p.off ends after the closing quote.
func (p *blockParser) quoted() string {
	text, end, ok := p.scanQuoted(p.off)
	if !ok {
		decline()
	}
	p.off = end
	return text
}

// scanQuoted reads the quoted scalar at off without moving: keyAhead looks
// ahead with it. It fails on a scalar that continues on the next line.
func (p *blockParser) scanQuoted(off int) (string, int, bool) {
	q := p.b[off]
	var sb []byte
	plain := true // no escapes yet: the value is a slice of the input
	for i := off + 1; i < len(p.b); i++ {
		c := p.b[i]
		switch {
		case c == '\n':
			return "", 0, false
		case c == q && q == '\'' && i+1 < len(p.b) && p.b[i+1] == '\'':
			if plain {
				sb, plain = append(sb, p.b[off+1:i]...), false
			}
			sb = append(sb, '\'')
			i++
		case c == q:
			if plain {
				return string(p.b[off+1 : i]), i + 1, true
			}
			return string(sb), i + 1, true
		case c == '\\' && q == '"':
			if plain {
				sb, plain = append(sb, p.b[off+1:i]...), false
			}
			var ok bool
			if sb, i, ok = p.escape(sb, i); !ok {
				return "", 0, false
			}
		default:
			if !plain {
				sb = append(sb, c)
			}
		}
	}
	return "", 0, false
}

// simpleEscapes are the one-character escapes of double-quoted scalars.
var simpleEscapes = [256]string{'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", 'n': "\n", 'v': "\v", 'f': "\f",
	'r': "\r", 'e': "\x1b", ' ': " ", '"': "\"", '\'': "'", '\\': "\\",
	'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029"}

// escape appends the character the escape sequence at i stands for and
// returns the offset of its last byte. An escaped line break, and code
// points that are not characters, are yaml.v3's to judge.
func (p *blockParser) escape(sb []byte, i int) ([]byte, int, bool) {
	if i+1 >= len(p.b) {
		return sb, i, false
	}
	c := p.b[i+1]
	if s := simpleEscapes[c]; s != "" {
		return append(sb, s...), i + 1, true
	}
	width := 0
	switch c {
	case 'x':
		width = 2
	case 'u':
		width = 4
	case 'U':
		width = 8
	}
	if width == 0 || i+2+width > len(p.b) {
		return sb, i, false
	}
	v, err := strconv.ParseUint(string(p.b[i+2:i+2+width]), 16, 32)
	if err != nil || v >= 0xD800 && v <= 0xDFFF || v > utf8.MaxRune {
		return sb, i, false
	}
	return utf8.AppendRune(sb, rune(v)), i + 1 + width, true
}

// flowCollection parses the flow sequence or mapping at p.off, which must
// close on the same line; start is where the node begins.
func (p *blockParser) flowCollection(start int) *lint.Node {
	p.enter()
	open := p.b[p.off]
	closing := byte(']')
	n := p.node(lint.ArrayNode)
	if open == '{' {
		closing, n.Kind = '}', lint.ObjectNode
	}
	p.off++
	for {
		p.flowSpaces()
		if p.b[p.off] == closing {
			p.off++
			break
		}
		if open == '[' {
			n.Items = append(n.Items, p.flowNode())
		} else {
			key, keyRange := p.flowKey()
			p.flowSpaces()
			if p.b[p.off] != ':' || !p.spaceAfter(p.off) {
				decline() // a key without a value, or "a:b"
			}
			p.off++
			p.flowSpaces()
			if c := p.b[p.off]; c == ',' || c == '}' {
				decline() // an empty value
			}
			n.Fields = append(n.Fields, p.arena.Field(key, keyRange, p.flowNode()))
		}
		p.flowSpaces()
		switch p.b[p.off] {
		case ',':
			p.off++
			continue
		case closing:
			p.off++
		default:
			decline()
		}
		break
	}
	n.Range = p.rng(start, p.off)
	p.depth--
	return n
}

// flowSpaces skips spaces inside a flow collection; a line break or a
// comment there declines, as does the end of the input.
func (p *blockParser) flowSpaces() {
	for p.off < len(p.b) && p.b[p.off] == ' ' {
		p.off++
	}
	if p.off >= len(p.b) || p.b[p.off] == '\n' || p.b[p.off] == '#' {
		decline()
	}
}

// flowNode parses one value inside a flow collection.
func (p *blockParser) flowNode() *lint.Node {
	start := p.off
	if p.b[p.off] != '!' {
		return p.inline(start, true)
	}
	tag := p.tag()
	p.flowSpaces()
	content := p.off
	return p.intrinsic(tag, start, content, p.inline(start, true))
}

// flowKey parses a plain or quoted key inside a flow mapping.
func (p *blockParser) flowKey() (string, lint.Range) {
	start := p.off
	var key string
	if c := p.b[start]; c == '"' || c == '\'' {
		key = p.key([]byte(p.quoted()))
	} else {
		if !p.plainStart(start, true) {
			decline()
		}
		end := p.plainEnd(start, true)
		if string(p.b[start:end]) == "<<" {
			decline()
		}
		key = p.key(p.b[start:end])
		p.off = end
	}
	if p.off-start > maxKeyLen {
		decline()
	}
	return key, p.rng(start, p.off)
}

// blockScalar parses the literal (|) or folded (>) scalar whose indicator
// is at p.off, in a collection at column indent. Explicit indentation
// indicators, folded scalars with blank or more-indented lines, lines of
// only spaces deeper than the content, and a last line without a line break
// decline: their folding rules are subtle and rare in templates.
func (p *blockParser) blockScalar(indent, start int) *lint.Node {
	folded := p.b[p.off] == '>'
	p.off++
	chomp := byte(0)
	if p.off < len(p.b) && (p.b[p.off] == '-' || p.b[p.off] == '+') {
		chomp = p.b[p.off]
		p.off++
	}
	if p.off < len(p.b) && p.b[p.off] != ' ' && p.b[p.off] != '\n' {
		decline()
	}
	p.endOfLine()
	var out []byte
	contentIndent, blank, leading := -1, 0, 0
	for p.off < len(p.b) {
		ls := p.off
		sp := 0
		for ls+sp < len(p.b) && p.b[ls+sp] == ' ' {
			sp++
		}
		i := ls + sp
		if i == len(p.b) {
			decline()
		}
		if p.b[i] == '\n' {
			if contentIndent >= 0 && sp > contentIndent {
				decline()
			}
			leading = max(leading, sp)
			blank++
			p.off = i + 1
			continue
		}
		if contentIndent < 0 {
			if sp <= indent {
				break
			}
			if leading > sp || folded && blank > 0 {
				decline()
			}
			contentIndent = sp
		}
		if sp < contentIndent {
			break
		}
		end := p.lineEnd(i)
		if p.b[end-1] != '\n' {
			decline()
		}
		text := p.b[ls+contentIndent : end-1]
		switch {
		case !folded:
			for range blank {
				out = append(out, '\n')
			}
			out = append(out, text...)
			out = append(out, '\n')
		case sp > contentIndent || blank > 0:
			decline()
		default:
			if len(out) > 0 {
				out = append(out, ' ')
			}
			out = append(out, text...)
		}
		blank = 0
		p.off = end
	}
	if contentIndent < 0 {
		decline() // an empty block scalar
	}
	body := strings.TrimSuffix(string(out), "\n")
	switch chomp {
	case '-':
	case '+':
		body += "\n" + strings.Repeat("\n", blank)
	default:
		body += "\n"
	}
	n := p.node(lint.StringNode)
	n.Text = body
	n.Range = p.s.scalarRange(start, true, body, false)
	return n
}
