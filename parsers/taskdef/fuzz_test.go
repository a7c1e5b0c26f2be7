package taskdef

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// FuzzParse feeds arbitrary bytes to the parser as a .json file: it must
// never panic, an error must be inside the input, and every range of the
// decoded task definition must lie inside the input.
//
// go test -fuzz FuzzParse -fuzztime 1m ./parsers/taskdef
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../fixtures/json/*.json")
	more, _ := filepath.Glob("../../fixtures/examples/*.json")
	for _, s := range append(seeds, more...) {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`[{"name": "a", "image": "b", "privileged": true}]`))
	f.Add([]byte(`{"taskDefinition": {"containerDefinitions": null}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys, err := lint.NewFS([]string{"."}, 0)
		if err != nil {
			t.Fatal(err)
		}
		fsys.Overlay("f.json", src)
		ctx := lint.NewContext(fsys, lint.ParseOptions{})
		units, claimed := Parser{}.Parse(ctx, []string{"f.json"})
		errs := ctx.Errors()
		if !claimed && (len(units) > 0 || len(errs) > 0) {
			t.Fatalf("unclaimed file produced %d units and %v", len(units), errs)
		}
		if claimed && len(units) == 0 && len(errs) == 0 {
			t.Fatal("claimed file produced neither a unit nor an error")
		}
		lines := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 1
		inside := func(what string, r lint.Range) {
			if r.IsZero() {
				return
			}
			if r.File != "f.json" || r.Start.Line < 1 || int(r.Start.Line) > lines || r.Start.Col < 1 || r.End.Before(r.Start) {
				t.Fatalf("%s range %+v outside the %d-line input", what, r, lines)
			}
		}
		for _, e := range errs {
			inside("error", e.Range)
		}
		for _, u := range units {
			for _, td := range u.TaskDefinitions {
				inside("task definition", td.Range)
				inside("pidMode", td.PidMode.Range)
				inside("networkMode", td.NetworkMode.Range)
				for _, v := range td.Volumes {
					inside("volume", v.Range)
					inside("sourcePath", v.HostSourcePath.Range)
				}
				for _, c := range td.Containers {
					inside("container", c.Range)
					inside("privileged", c.Privileged.Range)
					inside("logConfiguration", c.LogConfiguration.Range)
					for _, e := range c.Environment {
						inside("environment value", e.Value.ValueRange)
					}
				}
			}
		}
	})
}
