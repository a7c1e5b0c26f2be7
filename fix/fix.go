// Package fix applies the fixes of findings to their files, for
// `ecslint --fix` (in place) and `--fix-dry-run` (a unified diff): only the
// bytes each edit names change, so formatting and comments stay as they
// were.
package fix

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/ecslint/ecslint/lint"
)

// File is the fixes of one file.
type File struct {
	Path string
	// Old is the text the findings were found in, New the text fixed.
	Old, New []byte
	// Edits are the edits applied, sorted, none overlapping.
	Edits []lint.Edit
	// Fixed counts the findings fixed; Left those whose fix overlapped
	// another's (a second --fix run applies them to the fixed text).
	Fixed, Left int
}

// Plan returns the fixed text of every file a finding with a fix is in,
// sorted by path: each finding's first fix, when all its edits are in its
// file; a fix that would overlap one already taken waits. Sources are the
// texts of res.Sources, which a run keeps unless NoSources is set.
func Plan(res *lint.Result) ([]File, error) {
	byFile := map[string]*File{}
	for i := range res.Findings {
		f := &res.Findings[i]
		if len(f.Fixes) == 0 || !inOneFile(f.Fixes[0].Edits, f.Range.File) {
			continue
		}
		ff := byFile[f.Range.File]
		if ff == nil {
			src, ok := res.Sources[f.Range.File]
			if !ok {
				return nil, fmt.Errorf("%s: the text of the file was not kept", f.Range.File)
			}
			ff = &File{Path: f.Range.File, Old: src}
			byFile[f.Range.File] = ff
		}
		switch edits := f.Fixes[0].Edits; {
		case containsAll(ff.Edits, edits):
			ff.Fixed++ // another finding's fix already does it
		case overlapsAny(ff.Edits, edits):
			ff.Left++
		default:
			ff.Edits = append(ff.Edits, edits...)
			ff.Fixed++
		}
	}
	files := make([]File, 0, len(byFile))
	for _, ff := range byFile {
		sortEdits(ff.Edits)
		fixed, err := lint.ApplyEdits(ff.Old, ff.Edits)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ff.Path, err)
		}
		ff.New = fixed
		files = append(files, *ff)
	}
	slices.SortFunc(files, func(a, b File) int { return compareStrings(a.Path, b.Path) })
	return files, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func inOneFile(edits []lint.Edit, file string) bool {
	for _, e := range edits {
		if e.Range.File != file {
			return false
		}
	}
	return len(edits) > 0
}

func containsAll(have, edits []lint.Edit) bool {
	for _, e := range edits {
		if !slices.ContainsFunc(have, func(h lint.Edit) bool { return sameEdit(h, e) }) {
			return false
		}
	}
	return true
}

func sameEdit(a, b lint.Edit) bool {
	return a.Range.Start.Offset == b.Range.Start.Offset && a.Range.End.Offset == b.Range.End.Offset && a.NewText == b.NewText
}

// overlapsAny reports edits that touch text another edit changes; two
// insertions at one offset overlap too, as their order would be a guess.
func overlapsAny(have, edits []lint.Edit) bool {
	for _, e := range edits {
		for _, h := range have {
			if e.Range.Start.Offset < h.Range.End.Offset && h.Range.Start.Offset < e.Range.End.Offset ||
				e.Range.Start.Offset == h.Range.Start.Offset {
				return true
			}
		}
	}
	return false
}

func sortEdits(edits []lint.Edit) {
	slices.SortStableFunc(edits, func(a, b lint.Edit) int {
		if a.Range.Start.Offset != b.Range.Start.Offset {
			return int(a.Range.Start.Offset - b.Range.Start.Offset)
		}
		return int(a.Range.End.Offset - b.Range.End.Offset)
	})
}

// ErrChanged is returned by Write for a file whose content on disk is not
// the text linted: it changed since, or was decoded (UTF-16) or read from
// standard input.
var ErrChanged = errors.New("the file on disk is not the text that was linted")

// Write replaces the file with its fixed text, atomically (a new file
// renamed over it, with its permissions), so a crash leaves the old file
// or the new one, never half of each. A symbolic link is not followed:
// renaming over it would replace the link with a file.
func Write(f File) error {
	info, err := os.Lstat(f.Path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file (a symbolic link?); not fixed", f.Path)
	}
	disk, err := os.ReadFile(f.Path)
	if err != nil {
		return err
	}
	if !bytes.Equal(disk, f.Old) {
		return fmt.Errorf("%s: %w; not fixed", f.Path, ErrChanged)
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.Path), "."+filepath.Base(f.Path)+".ecslint-fix-*")
	if err != nil {
		return err
	}
	defer func() { _ = os.Remove(tmp.Name()) }() // gone after the rename
	if _, err := tmp.Write(f.New); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), f.Path)
}
