package lsp

import (
	"strings"
	"sync"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/rules"
	"github.com/ecslint/ecslint/rules/ruledoc"
)

// hoverCache holds the rules' explanations, rendered once: a page runs
// the rule's examples.
type hoverCache struct {
	mu    sync.Mutex
	pages map[string]string
}

func (c *hoverCache) page(id string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.pages[id]; ok {
		return p
	}
	if c.pages == nil {
		c.pages = map[string]string{}
	}
	var page string
	for _, r := range append(rules.All(), lint.SuppressionRule) {
		if r.Meta().ID == id {
			page, _ = ruledoc.Page(formats.All(), r) // an error leaves the link alone
			break
		}
	}
	c.pages[id] = page
	return page
}

// hoverAt returns the explanation (as `ecslint explain` prints it) of
// each finding at the position, nil where there is none.
func (s *server) hoverAt(p protocol.HoverParams) *protocol.Hover {
	path, ok := pathOf(p.TextDocument.URI)
	if !ok {
		return nil
	}
	var parts []string
	seen := map[string]bool{}
	for _, it := range s.itemsIn(path) {
		if it.finding == nil || seen[it.finding.RuleID] || !contains(it.diag.Range, p.Position) {
			continue
		}
		seen[it.finding.RuleID] = true
		if page := s.hover.page(it.finding.RuleID); page != "" {
			parts = append(parts, page)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: strings.Join(parts, "\n---\n\n")}}
}

// contains reports whether pos is within r, its end included: the cursor
// just after a key is still on it.
func contains(r protocol.Range, pos protocol.Position) bool {
	return !before(pos, r.Start) && !before(r.End, pos)
}

// intersects reports whether two ranges share a position (ends included:
// an empty selection at a diagnostic's edge asks about it).
func intersects(a, b protocol.Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(a, b protocol.Position) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Character < b.Character)
}
