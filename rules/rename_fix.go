package rules

import (
	"fmt"
	"unicode/utf8"

	"github.com/ecslint/ecslint/lint"
)

// renameKey is the fix that respells a key written as from, whose range is
// at, to to. A rule sees the key's decoded name, not its text, so the edit
// is offered only where the range is the name itself with the quotes
// around it: bare (YAML, an HCL attribute), in quotes ("key", 'key') or in
// escaped quotes (\"key\" in a Terraform string). Escapes in the name make
// its text longer than the name, and a range that is not the key's text (a
// downloaded module's value placed at its call) matches none of these
// shapes: neither gets an edit that could change something else.
func renameKey(at lint.Range, from, to string) []lint.Fix {
	if at.Start.IsZero() || at.Start.Line != at.End.Line {
		return nil
	}
	bytes := int(at.End.Offset - at.Start.Offset)
	cols := int(at.End.Col - at.Start.Col)
	for qb := range 3 { // the bytes of the quote on either side: none, " or \"
		if bytes != len(from)+2*qb || cols != utf8.RuneCountInString(from)+2*qb {
			continue
		}
		name := at
		q := int32(qb)
		name.Start.Col, name.Start.Offset = at.Start.Col+q, at.Start.Offset+q
		name.End.Col, name.End.Offset = at.End.Col-q, at.End.Offset-q
		return []lint.Fix{{
			Description: fmt.Sprintf("rename %s to %s", quote(from), quote(to)),
			Edits:       []lint.Edit{{Range: name, NewText: to}},
		}}
	}
	return nil
}

// placed reports a key whose range is not its own text: a key's text lies
// inside its document, so a key at the document's range, or at the
// resource's declaration, was placed there, as the values of a downloaded
// Terraform module are at its call and the JSON of a template rendered by
// directives is at the template. Its range could still have the shape of
// the key's text (module "ecs" is as long as "Privileged" in quotes), and
// an edit there would change something else.
func placed(td *lint.TaskDefinition, at lint.Range) bool {
	if at == td.Range || at == td.Extent {
		return true
	}
	for _, doc := range []*lint.Node{td.Doc, td.ContainersDoc} {
		if doc != nil && at == doc.Range {
			return true
		}
	}
	return td.DocDropped && (td.HadDoc && at == td.DocRange || td.HadContainersDoc && at == td.ContainersDocRange)
}
