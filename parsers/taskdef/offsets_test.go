package taskdef

import (
	"path/filepath"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/postest"
)

// Every range of the model the JSON fixtures decode to has offsets that
// agree with its lines and columns.
func TestOffsetsAgreeWithLinesAndColumns(t *testing.T) {
	t.Chdir("../..")
	files, _ := filepath.Glob("fixtures/json/*.json")
	fsys, err := lint.NewFS([]string{"fixtures"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	c := postest.Checker{LoneCR: true}
	for _, file := range files {
		ctx := lint.NewContext(fsys, lint.ParseOptions{})
		units, _ := Parser{}.Parse(ctx, []string{file})
		c.Check(t, units)
		c.Check(t, ctx.Errors())
	}
	if c.Checked < 1000 {
		t.Errorf("only %d positions checked", c.Checked)
	}
}
