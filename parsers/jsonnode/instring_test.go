package jsonnode

import (
	"errors"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

func TestParseInStringPositions(t *testing.T) {
	// Line 2 holds a JSON string whose value is JSON, escaped as a plan
	// prints container_definitions: positions are in the escaped text.
	src := []byte("{\n  \"cd\": \"[{\\\"image\\\":\\\"a\\u003cb\\\",\\\"n\\\":1}]\"\n}")
	root, err := Parse("p.json", src)
	if err != nil {
		t.Fatal(err)
	}
	lit := root.Get("cd").Value
	v, err := ParseInString("p.json", src, lit)
	if err != nil {
		t.Fatal(err)
	}
	obj := v.Items[0]
	img := obj.Get("image")
	// The key "image" starts at its escaped quote: column 12 (the
	// string's opening quote is at column 9, then [ { \).
	if got, want := img.KeyRange.Start, lint.MakePos(2, 12, 13); got != want {
		t.Errorf("key at %+v, want %+v", got, want)
	}
	if img.Value.Text != "a<b" {
		t.Errorf("value %q", img.Value.Text)
	}
	// The value \"a\u003cb\" spans 12 source characters.
	if got := img.Value.Range; got.Start.Col != 22 || got.End.Col != 34 || got.End.Offset-got.Start.Offset != 12 {
		t.Errorf("value at %+v", got)
	}
	if n := obj.Get("n"); n.Value.Range.Start.Col != 41 {
		t.Errorf("n's value at %+v", n.Value.Range)
	}
}

func TestParseInStringErrorPosition(t *testing.T) {
	src := []byte(`{"cd": "[{\"a\" 1}]"}`)
	root, err := Parse("p.json", src)
	if err != nil {
		t.Fatal(err)
	}
	_, err = ParseInString("p.json", src, root.Get("cd").Value)
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("error %v", err)
	}
	// The 1 where a colon belongs: column 17.
	if se.Pos.Line != 1 || se.Pos.Col != 17 {
		t.Errorf("error at %+v: %s", se.Pos, se.Msg)
	}
}
