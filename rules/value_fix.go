package rules

import (
	"fmt"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// literal is one way a value can be written and what to write instead:
// "true" to "false", "ENABLED" to "DISABLED".
type literal struct{ old, new string }

// setValue is the fix that rewrites the literal text of v, the value found
// (v itself or one of whole's alternatives), as one of the literals. It is
// offered only for a value written right there, after its own key on the
// key's line: never for a value that came from elsewhere (a variable or
// its default, a tfvars entry, a module argument, a parameter default, a
// local, another file) or for one of a CloudFormation Fn::If's branches.
// The edit says which text it replaces (lint.Edit.Old), and the engine
// drops it where the text is not that literal, so a value spelt another
// way gets no fix either. The value's text may be bare (true, YAML's
// ENABLED), in quotes ("ENABLED") or in escaped quotes (\"ENABLED\" in a
// Terraform JSON string); the quotes stay.
func setValue[T any](whole, v lint.Value[T], description string, literals ...literal) []lint.Fix {
	at := v.ValueRange
	if !v.Known() || len(whole.Alts()) > 0 || len(v.Written()) > 0 || v.Origin() != nil ||
		at.Start.IsZero() || at.File != v.Range.File || at.Start.Line != at.End.Line ||
		at.Start.Line != v.Range.End.Line || at.Start.Offset < v.Range.End.Offset {
		return nil
	}
	bytes := int(at.End.Offset - at.Start.Offset)
	for _, l := range literals {
		for qb := range 3 { // the bytes of the quote on either side: none, " or \"
			if bytes != len(l.old)+2*qb {
				continue
			}
			inner := at
			q := int32(qb)
			inner.Start.Col, inner.Start.Offset = at.Start.Col+q, at.Start.Offset+q
			inner.End.Col, inner.End.Offset = at.End.Col-q, at.End.Offset-q
			return []lint.Fix{{
				Description: description,
				Edits:       []lint.Edit{{Range: inner, Old: l.old, NewText: l.new}},
			}}
		}
	}
	return nil
}

// addContainerKey is the fix that adds key: value to a container that
// does not set key, as the first member of its object, in the syntax its
// first key is written in: JSON ("key": value, also in a heredoc or a
// jsonencode object with quoted keys), an HCL object (key = value), a
// Terraform JSON string (\"key\": value), a YAML block mapping (a line of
// its own at the first key's indentation) or flow mapping. The edit
// replaces the first key's text with the new member before it, and names
// that text (lint.Edit.Old), so it applies only where the key is written
// as the rule believes. Containers read through a variable, a module or
// a file() of JSON with no key text get none.
func addContainerKey(td *lint.TaskDefinition, c *lint.Container, key, value string) []lint.Fix {
	if td.DocDropped {
		if c.Outline.Held && !c.Range.Start.IsZero() {
			return addKey(td, c.Outline.Node(), key, value)
		}
		return nil
	}
	if td.ContainersDoc == nil || c.Range.Start.IsZero() {
		return nil
	}
	for _, it := range td.ContainersDoc.Items {
		if it.Range == c.Range {
			return addKey(td, it, key, value)
		}
	}
	return nil
}

// addVolumeKey is addContainerKey's fix for an EFS volume's
// efsVolumeConfiguration: key: value added as its first member. Only a
// task definition written as a document (raw JSON, CloudFormation) has
// one; a Terraform volume is an HCL block, which gets no fix.
func addVolumeKey(td *lint.TaskDefinition, vol *lint.Volume, key, value string) []lint.Fix {
	if td.DocDropped {
		if vol.EFSOutline.Held && !vol.Range.Start.IsZero() {
			return addKey(td, vol.EFSOutline.Node(), key, value)
		}
		return nil
	}
	if td.Doc == nil || vol.Range.Start.IsZero() {
		return nil
	}
	volumes, efs := volumeKeys(td)
	f := td.Doc.Get(volumes)
	if f == nil || f.Value == nil {
		return nil
	}
	for _, it := range f.Value.Items {
		if it.Range == vol.Range {
			if e := it.Get(efs); e != nil && e.Value != nil {
				return addKey(td, e.Value, key, value)
			}
		}
	}
	return nil
}

// volumeKeys are the keys of td's volumes and of a volume's
// efsVolumeConfiguration in its document's spelling.
func volumeKeys(td *lint.TaskDefinition) (volumes, efs string) {
	if td.DocStyle == lint.PascalCase {
		return "Volumes", "EFSVolumeConfiguration"
	}
	return "volumes", "efsVolumeConfiguration"
}

// addKey adds key: value to the object obj of td's document as its first
// member (see addContainerKey).
func addKey(td *lint.TaskDefinition, obj *lint.Node, key, value string) []lint.Fix {
	if obj.Kind != lint.ObjectNode || len(obj.Fields) == 0 || placed(td, obj.Fields[0].KeyRange) {
		return nil
	}
	if td.DocStyle == lint.PascalCase {
		key = strings.ToUpper(key[:1]) + key[1:]
	}
	// The key's own text is its name, but a provider-style document was
	// rewritten to the API's spelling: the text keeps the source's.
	first := obj.Fields[0]
	name := first.Key
	if td.DocStyle == lint.ProviderJSON {
		for _, cv := range td.CaseVariants {
			if cv.Range == first.KeyRange {
				name = cv.Written
			}
		}
	}
	return addFirstMember(obj, name, key, value, nil)
}

// addFirstMember adds key: value to obj as its first member, before its
// first key, whose text is name: on a line of its own in a YAML block
// mapping (there block, when set, writes the member's lines from the
// indentation, else key: value), else inline in the first key's syntax.
func addFirstMember(obj *lint.Node, name, key, value string, block func(indent string) string) []lint.Fix {
	if obj.Kind != lint.ObjectNode || obj.Partial || len(obj.Fields) == 0 || len(obj.Alts()) > 0 {
		return nil
	}
	at := obj.Fields[0].KeyRange
	if at.Start.IsZero() || at.File != obj.Range.File || at.Start.Line != at.End.Line {
		return nil
	}
	bytes := int(at.End.Offset - at.Start.Offset)
	var old string
	switch bytes {
	case len(name):
		old = name
	case len(name) + 2: // "name": JSON, or a quoted key of a YAML or HCL object
		old = fmt.Sprintf("%q", name)
	case len(name) + 4: // \"name\": JSON in a Terraform JSON string
		old = `\"` + name + `\"`
	default:
		return nil // escapes in the key: its text is not its name
	}
	quoted := strings.Replace(old, name, key, 1) // the new key, quoted as the first is
	var text string
	switch {
	case at.Start == obj.Range.Start:
		// A YAML block mapping (the item starts at its first key, where
		// a JSON or flow object starts at its brace): a line of its own,
		// indented as the first key, which YAML indents with spaces.
		indent := strings.Repeat(" ", int(at.Start.Col)-1)
		member := quoted + ": " + value + "\n"
		if block != nil {
			member = block(indent)
		}
		text = member + indent + old
	case old == name && strings.HasSuffix(at.File, ".tf"):
		text = key + " = " + value + ", " + old // an HCL object
	default:
		// JSON, a YAML flow mapping, or an HCL object with quoted keys
		// (HCL takes "key": value too).
		text = quoted + ": " + value + ", " + old
	}
	return []lint.Fix{{
		Description: fmt.Sprintf("add %s: %s", key, value),
		Edits:       []lint.Edit{{Range: at, Old: old, NewText: text}},
	}}
}
