package terraform

import (
	"io/fs"
	"path/filepath"
	"sort"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/postest"
)

// Every range of the models the Terraform fixtures evaluate to has offsets
// that agree with its lines and columns: HCL's own ranges, JSON in heredocs,
// quoted strings and files, rendered templates mapped back to their source,
// module calls a downloaded module's values are pinned to.
func TestOffsetsAgreeWithLinesAndColumns(t *testing.T) {
	t.Chdir("../..")
	var paths []string
	err := filepath.WalkDir("fixtures/terraform", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (Parser{}).Accepts(path) {
			paths = append(paths, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	fsys, err := lint.NewFS([]string{"fixtures"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	c := postest.Checker{}
	groups := (Parser{}).Group(paths, fsys)
	for _, g := range groups {
		ctx := lint.NewContext(fsys, lint.ParseOptions{})
		units, _ := Parser{}.Parse(ctx, g)
		c.Check(t, units)
		c.Check(t, ctx.Errors())
		c.Check(t, ctx.Notes())
	}
	if len(groups) < 100 || c.Checked < 10000 {
		t.Errorf("only %d positions checked in %d modules", c.Checked, len(groups))
	}
}
