// Package postest checks, for parser tests, that positions agree with the
// text they point into: every lint.Pos's Offset is the byte its Line and
// Col name. Edits replace bytes at offsets while everything a user sees
// prints lines and columns, so a parser that gets one of them wrong makes a
// fix change the wrong text.
package postest

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

var (
	rangeType = reflect.TypeFor[lint.Range]()
	posType   = reflect.TypeFor[lint.Pos]()
)

// Checker reads the files ranges name (relative to the working directory)
// once each, with the line breaks of their format.
type Checker struct {
	// LoneCR is set for formats where a CR without LF ends a line (YAML,
	// and JSON as jsonnode reads it); HCL breaks at LF only.
	LoneCR bool
	// Skip, when set, exempts ranges from the check: a range it returns
	// true for is not checked.
	Skip func(lint.Range) bool

	files map[string]*file
	// Checked counts the positions checked, so a test can tell that it
	// saw some.
	Checked int
}

type file struct {
	lines *lint.LineIndex
	size  int
}

// Check walks v (a unit, a node, a slice of diagnostics: anything holding
// ranges, through pointers, slices, maps and struct fields, exported or
// not) and reports every position that disagrees with its file.
func (c *Checker) Check(t testing.TB, v any) {
	t.Helper()
	seen := map[uintptr]bool{}
	var walk func(x reflect.Value)
	walk = func(x reflect.Value) {
		switch x.Kind() {
		case reflect.Pointer:
			if x.IsNil() || seen[x.Pointer()] {
				return
			}
			seen[x.Pointer()] = true
			walk(x.Elem())
		case reflect.Interface:
			if !x.IsNil() {
				walk(x.Elem())
			}
		case reflect.Slice, reflect.Array:
			for i := range x.Len() {
				walk(x.Index(i))
			}
		case reflect.Map:
			it := x.MapRange()
			for it.Next() {
				walk(it.Key())
				walk(it.Value())
			}
		case reflect.Struct:
			if x.Type() == rangeType {
				c.checkRange(t, rangeOf(x))
				return
			}
			for i := range x.NumField() {
				walk(x.Field(i))
			}
		}
	}
	walk(reflect.ValueOf(v))
}

// rangeOf reads a lint.Range through reflection, unexported field or not.
func rangeOf(x reflect.Value) lint.Range {
	pos := func(p reflect.Value) lint.Pos {
		return lint.MakePos(int(p.FieldByName("Line").Int()), int(p.FieldByName("Col").Int()), int(p.FieldByName("Offset").Int()))
	}
	if x.FieldByName("Start").Type() != posType {
		panic("lint.Range changed shape")
	}
	return lint.Range{File: x.FieldByName("File").String(), Start: pos(x.FieldByName("Start")), End: pos(x.FieldByName("End"))}
}

func (c *Checker) checkRange(t testing.TB, r lint.Range) {
	t.Helper()
	if r.File == "" || r.Start.IsZero() || c.Skip != nil && c.Skip(r) {
		return
	}
	f := c.file(t, r.File)
	if f == nil {
		return
	}
	for _, p := range []lint.Pos{r.Start, r.End} {
		if p.IsZero() {
			continue
		}
		c.Checked++
		if p.Offset < 0 || int(p.Offset) > f.size {
			t.Errorf("%s: offset %d of %+v is outside the file's %d bytes", r, p.Offset, p, f.size)
			continue
		}
		if got := f.lines.Pos(int(p.Offset)); got != p {
			t.Errorf("%s: %+v: offset %d is at %d:%d", r, p, p.Offset, got.Line, got.Col)
		}
	}
}

// Source gives the text of a file that is not on disk (a fuzz input); a
// file without it is read from the working directory.
func (c *Checker) Source(name string, src []byte) {
	if c.files == nil {
		c.files = map[string]*file{}
	}
	c.files[name] = newFile(src, c.LoneCR)
}

func newFile(src []byte, loneCR bool) *file {
	first := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		first = 3
	}
	return &file{lines: lint.NewLineIndex(src, first, loneCR), size: len(src)}
}

func (c *Checker) file(t testing.TB, name string) *file {
	t.Helper()
	if f, ok := c.files[name]; ok {
		return f
	}
	if c.files == nil {
		c.files = map[string]*file{}
	}
	src, err := os.ReadFile(filepath.FromSlash(name))
	if err != nil {
		t.Errorf("range in %s: %v", name, err)
		c.files[name] = nil
		return nil
	}
	f := newFile(src, c.LoneCR)
	c.files[name] = f
	return f
}
