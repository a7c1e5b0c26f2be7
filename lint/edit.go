package lint

import (
	"errors"
	"fmt"
	"sort"
)

// Fix is a change that resolves a finding, as an editor's quick fix or a
// SARIF result's fix offers it: one description, and edits applied together.
type Fix struct {
	// Description says what the fix does ("rename \"Memroy\" to
	// \"Memory\""), for a menu entry or a review.
	Description string
	Edits       []Edit
}

// Edit replaces the text of Range with NewText: the bytes from
// Range.Start.Offset to Range.End.Offset of Range.File, so that it is
// applied as it was computed, whatever an editor counts columns in. An
// empty range inserts; an empty NewText deletes.
type Edit struct {
	Range   Range
	NewText string
	// Old, when set, is the text the rule expects at Range: a rule sees
	// decoded values, not their text, so it says what it means to replace
	// (the literal true, a key spelt "name") and the engine, which has the
	// text, drops the fix when the range holds anything else (a value
	// written another way, or placed there from elsewhere). Empty means
	// unchecked.
	Old string
}

// VerifyFixes drops from each finding the fixes with an edit whose range
// does not hold its Old text in source(file); a file whose text is not at
// hand drops them too. Engines call it while the sources are alive.
func VerifyFixes(findings []Finding, source func(file string) ([]byte, bool)) {
	for i := range findings {
		f := &findings[i]
		if len(f.Fixes) == 0 {
			continue
		}
		kept := f.Fixes[:0:0]
		for _, fix := range f.Fixes {
			if fixHolds(fix, source) {
				kept = append(kept, fix)
			}
		}
		if len(kept) == 0 {
			kept = nil
		}
		f.Fixes = kept
	}
}

func fixHolds(fix Fix, source func(file string) ([]byte, bool)) bool {
	for _, e := range fix.Edits {
		if e.Old == "" {
			continue
		}
		src, ok := source(e.Range.File)
		from, to := int(e.Range.Start.Offset), int(e.Range.End.Offset)
		if !ok || from < 0 || to > len(src) || to < from || string(src[from:to]) != e.Old {
			return false
		}
	}
	return true
}

// ErrOverlappingEdits is returned by ApplyEdits for edits whose ranges
// overlap: applied one after the other, the second would change text the
// first had already replaced.
var ErrOverlappingEdits = errors.New("edits overlap")

// ApplyEdits returns src with edits applied. The edits are of one file and
// may come in any order; insertions at one offset keep their order, before
// a replacement that starts there. Overlapping edits, or an edit outside
// src or ending before it starts, are an error and src is not changed.
func ApplyEdits(src []byte, edits []Edit) ([]byte, error) {
	if len(edits) == 0 {
		return src, nil
	}
	sorted := append([]Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i].Range, sorted[j].Range
		if a.Start.Offset != b.Start.Offset {
			return a.Start.Offset < b.Start.Offset
		}
		return a.End.Offset < b.End.Offset
	})
	size := len(src)
	for i, e := range sorted {
		from, to := int(e.Range.Start.Offset), int(e.Range.End.Offset)
		switch {
		case e.Range.File != sorted[0].Range.File:
			return nil, fmt.Errorf("edits of two files, %s and %s", sorted[0].Range.File, e.Range.File)
		case from < 0 || to > len(src) || to < from:
			return nil, fmt.Errorf("edit of bytes %d to %d of a %d-byte text", from, to, len(src))
		case i > 0 && from < int(sorted[i-1].Range.End.Offset):
			return nil, fmt.Errorf("%w: bytes %d to %d and %d to %d", ErrOverlappingEdits,
				sorted[i-1].Range.Start.Offset, sorted[i-1].Range.End.Offset, from, to)
		}
		size += len(e.NewText) - (to - from)
	}
	out := make([]byte, 0, size)
	at := 0
	for _, e := range sorted {
		out = append(out, src[at:e.Range.Start.Offset]...)
		out = append(out, e.NewText...)
		at = int(e.Range.End.Offset)
	}
	return append(out, src[at:]...), nil
}
