package jsonnode

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/postest"
)

// Every position of every node of the JSON fixtures has the offset of the
// text its line and column name, so that an edit replaces what a finding
// shows.
func TestOffsetsAgreeWithLinesAndColumns(t *testing.T) {
	t.Chdir("../..")
	files, _ := filepath.Glob("fixtures/*/*.json")
	if len(files) < 20 {
		t.Fatalf("only %d JSON fixtures", len(files))
	}
	c := postest.Checker{LoneCR: true}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		n, err := Parse(filepath.ToSlash(file), src)
		if err != nil {
			continue // a fixture of invalid JSON
		}
		c.Check(t, n)
	}
	// Embedded JSON counts from the offset it starts at; so do errors.
	src := []byte("x = <<EOT\n[{\"a\": 1}]\nEOT\n")
	n, err := ParseAt("heredoc.tf", src[10:20], lint.Pos{Line: 2, Col: 1, Offset: 10})
	if err != nil {
		t.Fatal(err)
	}
	c.Source("heredoc.tf", src)
	c.Check(t, n)
	_, err = ParseAt("heredoc.tf", []byte("[{\"a\" 1}]"), lint.Pos{Line: 2, Col: 1, Offset: 10})
	if se, ok := err.(*SyntaxError); !ok || se.Pos != (lint.Pos{Line: 2, Col: 7, Offset: 16}) { //nolint:errorlint // unwrapped
		t.Errorf("syntax error at %v, want 2:7 at offset 16", err)
	}
	if c.Checked < 1000 {
		t.Errorf("only %d positions checked", c.Checked)
	}
}
