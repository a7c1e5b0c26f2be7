package cloudformation

import (
	"bytes"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ecslint/ecslint/lint"
)

// Comments implements lint.CommentSource: the comments of a YAML
// template, as yaml.v3 reads them. A JSON template has none.
//
// yaml.v3 keeps comments on nodes (head, line and foot comments) but not
// where they are. They are placed by scanning the lines for a '#' that
// starts a comment (at the start of a line or after white space), outside
// the text of every scalar the parser reports: quoted scalars, which may
// span lines, and the content of literal and folded block scalars, where a
// shell script's "# ..." is text. Through yaml.v3, a '#' found that way is
// kept only when yaml.v3 reports a comment with that text, so a place the
// scan misjudges cannot invent a comment.
func (Parser) Comments(file string, src []byte) []lint.Comment {
	if _, _, ok := parseJSON(file, src); ok {
		return nil
	}
	s := newSource(file, src)
	if cs, ok := fastComments(s); ok {
		return cs
	}
	return yamlv3Comments(s)
}

// fastComments places the comments of a template in the block-YAML fast
// path's subset (ok false for any other), with the tree it builds: that
// tree is yaml.v3's (FuzzBlockYAML), and in the subset no scalar but a
// block one spans lines, so its scalars say where the text is, at a
// fraction of yaml.v3's cost. TestFastPathFindsYAMLv3Comments checks that
// it finds what yaml.v3 does.
func fastComments(s *source) ([]lint.Comment, bool) {
	root, ok := parseBlockYAML(s)
	if !ok {
		return nil, false
	}
	c := &commentFinder{s: s}
	c.tree(root)
	return c.scan(), true
}

// yamlv3Comments places the comments yaml.v3 reports.
func yamlv3Comments(s *source) []lint.Comment {
	c := &commentFinder{s: s, said: map[string]int{}, seen: map[*yaml.Node]bool{}}
	dec := yaml.NewDecoder(bytes.NewReader(s.src))
	for {
		var doc yaml.Node
		if dec.Decode(&doc) != nil {
			break // the end, or a syntax error: the documents before it count
		}
		c.walk(&doc)
	}
	return c.scan()
}

// commentFinder places the comments of one YAML file.
type commentFinder struct {
	s *source
	// said counts the comment lines yaml.v3 reported, by their text; nil
	// when the fast path's tree placed the scalars and nothing is checked.
	said map[string]int
	// text holds the byte spans of scalar text, where a '#' is not a
	// comment.
	text [][2]int
	seen map[*yaml.Node]bool
}

func (c *commentFinder) walk(n *yaml.Node) {
	if n == nil || c.seen[n] {
		return
	}
	c.seen[n] = true
	for _, comment := range []string{n.HeadComment, n.LineComment, n.FootComment} {
		for _, line := range strings.Split(comment, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				c.said[line]++
			}
		}
	}
	switch n.Kind {
	case yaml.ScalarNode:
		c.scalar(n)
	case yaml.AliasNode:
		return // the anchored node is walked where it is written
	}
	for _, child := range n.Content {
		c.walk(child)
	}
}

// scalar records the text of a quoted or block scalar; a plain scalar
// cannot hold " #", which would start a comment.
func (c *commentFinder) scalar(n *yaml.Node) {
	c.scalarAt(c.s.offset(n.Line, n.Column), n.Value)
}

// scalarAt records the text of the scalar starting at off (its tag or
// anchor, if any) whose value is value.
func (c *commentFinder) scalarAt(off int, value string) {
	s := c.s
	for s.at(off, '!') || s.at(off, '&') {
		off = s.skipTag(off)
	}
	switch {
	case s.at(off, '"'), s.at(off, '\''):
		c.text = append(c.text, [2]int{off, s.quotedEnd(off, s.src[off])})
	case s.at(off, '|'), s.at(off, '>'):
		// The content starts on the line after the indicator's, which
		// may end in a comment of its own.
		if line := s.Line(off); line < len(s.Starts) && strings.Trim(value, "\n") != "" {
			c.text = append(c.text, [2]int{s.Starts[line], c.blockContentEnd(off)})
		}
	}
}

// tree records the text of the quoted and block scalars of a tree the
// fast path built.
func (c *commentFinder) tree(n *lint.Node) {
	at := func(r lint.Range) int { return c.s.offset(int(r.Start.Line), int(r.Start.Col)) }
	switch n.Kind {
	case lint.ObjectNode:
		for _, f := range n.Fields {
			// A key is plain or quoted; a short-form intrinsic's key is
			// its tag, and its value is the field's.
			if off := at(f.KeyRange); c.s.at(off, '"') || c.s.at(off, '\'') {
				c.text = append(c.text, [2]int{off, c.s.quotedEnd(off, c.s.src[off])})
			}
			c.tree(f.Value)
		}
	case lint.ArrayNode:
		for _, it := range n.Items {
			c.tree(it)
		}
	default:
		if !n.Range.Start.IsZero() {
			c.scalarAt(at(n.Range), n.Text)
		}
	}
}

// blockContentEnd returns the end of the content of the block scalar whose
// indicator is at off: the lines after the indicator's that are blank or
// indented at least as far as the first non-blank one (YAML's rule; a
// less indented "#" line is a comment that ends the scalar).
func (c *commentFinder) blockContentEnd(off int) int {
	s := c.s
	indent := -1
	for line := s.Line(off) + 1; line <= len(s.Starts); line++ {
		start, end := c.lineBounds(line)
		text := s.src[start:end]
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		n := len(text) - len(bytes.TrimLeft(text, " "))
		if indent < 0 {
			indent = n
		}
		if n < indent {
			return start
		}
	}
	return len(s.src)
}

// lineBounds returns the byte span of a 1-based line, its break excluded.
func (c *commentFinder) lineBounds(line int) (start, end int) {
	s := c.s
	start, end = s.Starts[line-1], len(s.src)
	if line < len(s.Starts) {
		end = s.Starts[line]
	}
	for end > start && (s.src[end-1] == '\n' || s.src[end-1] == '\r') {
		end--
	}
	return start, end
}

// scan finds, line by line, the '#' that starts a comment outside scalar
// text, and keeps those yaml.v3 reported.
func (c *commentFinder) scan() []lint.Comment {
	if c.said != nil && len(c.said) == 0 {
		return nil
	}
	s := c.s
	slices.SortFunc(c.text, func(a, b [2]int) int { return a[0] - b[0] })
	var out []lint.Comment
	k := 0 // the first text span that may still cover what is scanned
	for line := 1; line <= len(s.Starts); line++ {
		start, end := c.lineBounds(line)
		for i := start; i < end; i++ {
			for k < len(c.text) && c.text[k][1] <= i {
				k++
			}
			if k < len(c.text) && c.text[k][0] <= i {
				i = c.text[k][1] - 1
				continue
			}
			if s.src[i] != '#' || i > start && s.src[i-1] != ' ' && s.src[i-1] != '\t' {
				continue
			}
			if text := strings.TrimSpace(string(s.src[i:end])); c.said == nil || c.said[text] > 0 {
				if c.said != nil {
					c.said[text]--
				}
				out = append(out, lint.Comment{
					Range:   s.rng(i, end),
					Text:    string(s.src[i+1 : end]),
					OwnLine: len(bytes.TrimSpace(s.src[start:i])) == 0,
				})
			}
			break // the rest of the line is the comment
		}
	}
	return out
}
