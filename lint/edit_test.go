package lint_test

import (
	"errors"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// span is bytes from..to of f.json; ApplyEdits reads offsets only.
func span(from, to int32) lint.Range {
	return lint.Range{File: "f.json", Start: lint.Pos{Line: 1, Col: from + 1, Offset: from}, End: lint.Pos{Line: 1, Col: to + 1, Offset: to}}
}

func TestApplyEdits(t *testing.T) {
	src := []byte(`{"Memroy": 512, "Cpu": 1}`)
	cases := []struct {
		name  string
		edits []lint.Edit
		want  string
	}{
		{"none", nil, `{"Memroy": 512, "Cpu": 1}`},
		{"replace", []lint.Edit{{Range: span(2, 8), NewText: "Memory"}}, `{"Memory": 512, "Cpu": 1}`},
		{"any order", []lint.Edit{{Range: span(23, 24), NewText: "2"}, {Range: span(2, 8), NewText: "Memory"}}, `{"Memory": 512, "Cpu": 2}`},
		{"insert and delete", []lint.Edit{{Range: span(1, 1), NewText: `"a": 1, `}, {Range: span(14, 24), NewText: ""}}, `{"a": 1, "Memroy": 512}`},
		{"adjacent", []lint.Edit{{Range: span(1, 9), NewText: `"M"`}, {Range: span(9, 10), NewText: "="}}, `{"M"= 512, "Cpu": 1}`},
		{"insertions at one offset keep their order, before a replacement there", []lint.Edit{
			{Range: span(2, 8), NewText: "Memory"}, {Range: span(2, 2), NewText: "a"}, {Range: span(2, 2), NewText: "b"},
		}, `{"abMemory": 512, "Cpu": 1}`},
		{"at the end", []lint.Edit{{Range: span(25, 25), NewText: "\n"}}, "{\"Memroy\": 512, \"Cpu\": 1}\n"},
	}
	for _, c := range cases {
		got, err := lint.ApplyEdits(src, c.edits)
		if err != nil || string(got) != c.want {
			t.Errorf("%s: got %q, %v; want %q", c.name, got, err, c.want)
		}
	}
	if string(src) != `{"Memroy": 512, "Cpu": 1}` {
		t.Errorf("src changed: %q", src)
	}
}

func TestApplyEditsRejects(t *testing.T) {
	src := []byte(`{"Memroy": 512}`)
	overlapping := []lint.Edit{{Range: span(2, 8), NewText: "Memory"}, {Range: span(7, 9), NewText: "y\""}}
	if _, err := lint.ApplyEdits(src, overlapping); !errors.Is(err, lint.ErrOverlappingEdits) {
		t.Errorf("overlapping edits: %v, want ErrOverlappingEdits", err)
	}
	inside := []lint.Edit{{Range: span(1, 12), NewText: ""}, {Range: span(4, 4), NewText: "x"}}
	if _, err := lint.ApplyEdits(src, inside); !errors.Is(err, lint.ErrOverlappingEdits) {
		t.Errorf("an insertion inside a replacement: %v, want ErrOverlappingEdits", err)
	}
	otherFile := span(0, 1)
	otherFile.File = "g.json"
	for name, edits := range map[string][]lint.Edit{
		"past the end":          {{Range: span(10, 16), NewText: ""}},
		"ends before it starts": {{Range: span(5, 4), NewText: ""}},
		"negative":              {{Range: span(-1, 1), NewText: ""}},
		"two files":             {{Range: span(1, 2), NewText: ""}, {Range: otherFile, NewText: ""}},
	} {
		if got, err := lint.ApplyEdits(src, edits); err == nil {
			t.Errorf("%s: applied, %q", name, got)
		}
	}
}
