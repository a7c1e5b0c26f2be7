package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/cloudformation"
	"github.com/ecslint/ecslint/parsers/taskdef"
	"github.com/ecslint/ecslint/parsers/terraform"
)

// quickValid may only say "valid" when the validator agrees; over every
// document the fixtures hold it must, and it must say so for most of them
// (else it saves nothing).
func TestQuickValidAgreesWithValidator(t *testing.T) {
	var units []*lint.Unit
	parsers := []lint.Parser{taskdef.Parser{}, cloudformation.Parser{}, terraform.Parser{}}
	_ = filepath.WalkDir("../fixtures", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".out") {
			return nil
		}
		fsys, _ := lint.NewFS([]string{filepath.Dir(p)}, 0)
		for _, ps := range parsers {
			if ps.Accepts(p) {
				us, claimed := ps.Parse(lint.NewContext(fsys, lint.ParseOptions{}), []string{p})
				if claimed {
					units = append(units, us...)
					break
				}
			}
		}
		return nil
	})
	var quick, invalid, docs int
	for _, u := range units {
		for _, td := range u.TaskDefinitions {
			n, containers := td.Doc, false
			if n == nil {
				n, containers = td.ContainersDoc, true
			}
			if n == nil || containers && td.ContainersState != lint.Known {
				continue
			}
			docs++
			s := schemaFor(td.DocStyle)
			if err := s.compile(); err != nil {
				t.Fatal(err)
			}
			full, err := s.validateFull(n, containers)
			if err != nil {
				t.Fatal(err)
			}
			if len(full) > 0 {
				invalid++
			}
			if s.quick(containers).valid(n) {
				quick++
				if len(full) > 0 {
					t.Errorf("%s: the quick check passes a document the validator rejects: %v", td.Range, full)
				}
			}
		}
	}
	if docs < 100 || invalid == 0 || quick < (docs-invalid)*8/10 {
		t.Errorf("%d documents, %d invalid, %d passed by the quick check", docs, invalid, quick)
	}
	t.Logf("%d documents, %d invalid, %d passed by the quick check", docs, invalid, quick)
}
