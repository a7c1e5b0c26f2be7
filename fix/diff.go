package fix

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// context is the unchanged lines shown around a change, as diff -u does.
const context = 3

// Diff writes the unified diff of a file's fixes (--- a/path, +++ b/path,
// as git apply and patch -p1 read it). It is built from the edits, not by
// comparing texts: each edit changes the lines it touches.
func Diff(w io.Writer, f File, name string) error {
	if len(f.Edits) == 0 {
		return nil
	}
	oldLines := lineStarts(f.Old)
	// Groups of edits on shared lines, as old line ranges [from, to].
	type group struct {
		from, to int
		edits    []int
	}
	var groups []group
	for i, e := range f.Edits {
		from := lineOf(oldLines, int(e.Range.Start.Offset))
		to := lineOf(oldLines, max(int(e.Range.End.Offset)-1, int(e.Range.Start.Offset)))
		if e.Range.End.Offset == e.Range.Start.Offset {
			to = from
		}
		if n := len(groups); n > 0 && from <= groups[n-1].to {
			groups[n-1].to = max(groups[n-1].to, to)
			groups[n-1].edits = append(groups[n-1].edits, i)
			continue
		}
		groups = append(groups, group{from, to, []int{i}})
	}
	name = strings.TrimPrefix(filepath.ToSlash(name), "/") // a/tmp/x for /tmp/x
	if _, err := fmt.Fprintf(w, "--- a/%s\n+++ b/%s\n", name, name); err != nil {
		return err
	}
	last := len(oldLines) - 1 // index of the last line
	delta := 0                // new line number minus old, before the hunk
	for h := 0; h < len(groups); {
		// A hunk: groups whose context would touch.
		end := h
		for end+1 < len(groups) && groups[end+1].from-groups[end].to <= 2*context+1 {
			end++
		}
		start := max(groups[h].from-context, 0)
		stop := min(groups[end].to+context, last)
		var body bytes.Buffer
		oldCount, newCount := 0, 0
		at := start
		for g := h; g <= end; g++ {
			for ; at < groups[g].from; at++ {
				body.WriteString(" ")
				body.Write(lineText(f.Old, oldLines, at))
				oldCount++
				newCount++
			}
			region := f.Old[oldLines[groups[g].from]:lineEnd(f.Old, oldLines, groups[g].to)]
			base := oldLines[groups[g].from]
			var edits []editAt
			for _, i := range groups[g].edits {
				e := f.Edits[i]
				edits = append(edits, editAt{int(e.Range.Start.Offset) - base, int(e.Range.End.Offset) - base, e.NewText})
			}
			olds, news := splitLines(region), splitLines(applyAt(region, edits))
			// Lines an insertion only moved are context, as diff shows them.
			head := 0
			for head < len(olds) && head < len(news) && bytes.Equal(olds[head], news[head]) {
				head++
			}
			tail := 0
			for tail < len(olds)-head && tail < len(news)-head && bytes.Equal(olds[len(olds)-1-tail], news[len(news)-1-tail]) {
				tail++
			}
			write := func(prefix string, lines [][]byte) {
				for _, l := range lines {
					body.WriteString(prefix)
					body.Write(l)
				}
			}
			write(" ", olds[:head])
			write("-", olds[head:len(olds)-tail])
			write("+", news[head:len(news)-tail])
			write(" ", olds[len(olds)-tail:])
			oldCount += len(olds)
			newCount += len(news)
			at = groups[g].to + 1
		}
		for ; at <= stop; at++ {
			body.WriteString(" ")
			body.Write(lineText(f.Old, oldLines, at))
			oldCount++
			newCount++
		}
		if _, err := fmt.Fprintf(w, "@@ -%s +%s @@\n", span(start, oldCount), span(start+delta, newCount)); err != nil {
			return err
		}
		if _, err := w.Write(body.Bytes()); err != nil {
			return err
		}
		delta += newCount - oldCount
		h = end + 1
	}
	return nil
}

// span is a hunk's range: 1-based first line and count, the line before
// for an empty one, as diff -u writes them.
func span(from, count int) string {
	if count == 0 {
		return fmt.Sprintf("%d,0", from)
	}
	return fmt.Sprintf("%d,%d", from+1, count)
}

type editAt struct {
	from, to int
	text     string
}

func applyAt(src []byte, edits []editAt) []byte {
	var out []byte
	at := 0
	for _, e := range edits {
		out = append(out, src[at:e.from]...)
		out = append(out, e.text...)
		at = e.to
	}
	return append(out, src[at:]...)
}

// lineStarts returns the byte offset of each line (LF-terminated).
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func lineOf(starts []int, off int) int {
	lo, hi := 0, len(starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

func lineEnd(src []byte, starts []int, line int) int {
	if line+1 < len(starts) {
		return starts[line+1]
	}
	return len(src)
}

// lineText is a line with its newline, or with a marker where the file
// ends without one.
func lineText(src []byte, starts []int, line int) []byte {
	return terminated(src[starts[line]:lineEnd(src, starts, line)])
}

func splitLines(b []byte) [][]byte {
	var out [][]byte
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			out = append(out, terminated(b))
			break
		}
		out = append(out, b[:i+1])
		b = b[i+1:]
	}
	return out
}

func terminated(l []byte) []byte {
	if len(l) > 0 && l[len(l)-1] == '\n' {
		return l
	}
	return append(append([]byte(nil), l...), "\n\\ No newline at end of file\n"...)
}
