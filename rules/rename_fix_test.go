package rules

import (
	"testing"

	"github.com/ecslint/ecslint/lint"
)

func keyAt(line, col, off, n int) lint.Range {
	return lint.Range{File: "f", Start: lint.MakePos(line, col, off), End: lint.MakePos(line, col+n, off+n)}
}

// The rename's edit covers the key's name inside its quotes, whichever
// quotes; a range of another shape (an escaped name, a range that is not
// the key) gets no edit.
func TestRenameKey(t *testing.T) {
	for _, c := range []struct {
		name string
		at   lint.Range
		want lint.Range // zero: no fix
	}{
		{"bare", keyAt(2, 3, 10, 6), keyAt(2, 3, 10, 6)},
		{"quoted", keyAt(2, 3, 10, 8), keyAt(2, 4, 11, 6)},
		{"in escaped quotes", keyAt(2, 3, 10, 10), keyAt(2, 4+1, 12, 6)},
		{"escaped name", keyAt(2, 3, 10, 13), lint.Range{}},
		{"over two lines", lint.Range{File: "f", Start: lint.MakePos(2, 3, 10), End: lint.MakePos(3, 3, 18)}, lint.Range{}},
		{"no position", lint.Range{File: "f"}, lint.Range{}},
	} {
		fixes := renameKey(c.at, "Memroy", "Memory")
		switch {
		case c.want.IsZero() && fixes != nil:
			t.Errorf("%s: fix %+v, want none", c.name, fixes)
		case c.want.IsZero():
		case len(fixes) != 1 || len(fixes[0].Edits) != 1 || fixes[0].Edits[0].Range != c.want || fixes[0].Edits[0].NewText != "Memory":
			t.Errorf("%s: fixes %+v, want Memory at %+v", c.name, fixes, c.want)
		}
	}
}

// A key placed at its task definition's declaration (a downloaded
// module's, all of whose values are at the module call) is reported
// without a fix, even where the call's text has the shape of the key's.
func TestNoFixForPlacedKeys(t *testing.T) {
	call := keyAt(3, 1, 40, 12) // module "ecs": as long as "Privileged" in quotes
	doc := &lint.Node{Kind: lint.ArrayNode, Range: call, Items: []*lint.Node{{Kind: lint.ObjectNode, Range: call, Fields: []*lint.Field{
		{Key: "name", KeyRange: call, Value: &lint.Node{Kind: lint.StringNode, Text: "a", Range: call}},
		{Key: "image", KeyRange: call, Value: &lint.Node{Kind: lint.StringNode, Text: "i", Range: call}},
		{Key: "Privilegd", KeyRange: call, Value: &lint.Node{Kind: lint.BoolNode, Text: "true", Range: call}},
	}}}}
	td := &lint.TaskDefinition{Resource: lint.Resource{Name: "module.ecs", Range: call, Extent: call},
		ContainersDoc: doc, ContainersState: lint.Known, DocStyle: lint.ProviderJSON,
		CaseVariants: []lint.CaseVariant{{Range: call, Written: "Privileged", Key: "privileged"}}}
	var out []lint.Finding
	invalidTaskDefinition{}.Check(lint.NewPass(invalidTaskDefinition{}, &lint.Unit{TaskDefinitions: []*lint.TaskDefinition{td}}, nil, &out))
	if len(out) < 2 {
		t.Fatalf("findings %+v, want the unknown key and the case variant", out)
	}
	for _, f := range out {
		if f.Fixes != nil {
			t.Errorf("%s: fix %+v at a placed key", f.Message, f.Fixes)
		}
	}
	// The same key at its own text has its fix.
	doc.Items[0].Fields[2].KeyRange = keyAt(5, 7, 80, 11)
	out = nil
	invalidTaskDefinition{}.Check(lint.NewPass(invalidTaskDefinition{}, &lint.Unit{TaskDefinitions: []*lint.TaskDefinition{td}}, nil, &out))
	fixed := 0
	for _, f := range out {
		fixed += len(f.Fixes)
	}
	if fixed != 1 {
		t.Errorf("%d fixes, want the unknown key's: %+v", fixed, out)
	}
}
