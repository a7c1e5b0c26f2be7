package cloudformation

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/postest"
)

// Every range of the fixtures' node trees and models has offsets that agree
// with its lines and columns: from the block-YAML fast path, from yaml.v3
// (which gives lines and columns only) and from the JSON parser.
func TestOffsetsAgreeWithLinesAndColumns(t *testing.T) {
	t.Chdir("../..")
	files, _ := filepath.Glob("fixtures/cloudformation/*")
	fsys, err := lint.NewFS([]string{"fixtures"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	c := postest.Checker{LoneCR: true}
	viaYAMLv3 := 0
	for _, file := range files {
		if info, err := os.Stat(file); err != nil || info.IsDir() || strings.HasSuffix(file, ".out") {
			continue
		}
		ctx := lint.NewContext(fsys, lint.ParseOptions{})
		units, _ := Parser{}.Parse(ctx, []string{file})
		c.Check(t, units)
		c.Check(t, ctx.Errors())
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.ToSlash(file)
		if root, _, perr := parse(name, src); perr == nil {
			c.Check(t, root)
		} else {
			c.Check(t, perr.at)
			c.Check(t, perr.related)
		}
		// The same YAML through yaml.v3, which the fast path spares
		// most templates.
		if !strings.HasSuffix(file, ".json") {
			if root, _, perr := parseYAMLv3(newSource(name, src)); perr == nil {
				c.Check(t, root)
				viaYAMLv3++
			}
		}
	}
	if c.Checked < 5000 || viaYAMLv3 < 20 {
		t.Errorf("only %d positions checked, %d templates through yaml.v3", c.Checked, viaYAMLv3)
	}
}
