package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/cloudformation"
	"github.com/ecslint/ecslint/parsers/taskdef"
	"github.com/ecslint/ecslint/parsers/terraform"
)

// schemaDoc is one document ECS000 validates.
type schemaDoc struct {
	n          *lint.Node
	style      lint.KeyStyle
	containers bool
	at         lint.Range
}

// parseDocs parses a file with whichever parser claims it and returns the
// documents ECS000 validates.
func parseDocs(p string) []schemaDoc {
	fsys, _ := lint.NewFS([]string{filepath.Dir(p)}, 0)
	var docs []schemaDoc
	for _, ps := range []lint.Parser{taskdef.Parser{}, cloudformation.Parser{}, terraform.Parser{}} {
		if !ps.Accepts(p) {
			continue
		}
		us, claimed := ps.Parse(lint.NewContext(fsys, lint.ParseOptions{}), []string{p})
		if !claimed {
			continue
		}
		for _, u := range us {
			for _, td := range u.TaskDefinitions {
				switch {
				case td.Doc != nil:
					docs = append(docs, schemaDoc{td.Doc, td.DocStyle, false, td.Range})
				case td.ContainersDoc != nil && td.ContainersState == lint.Known:
					docs = append(docs, schemaDoc{td.ContainersDoc, td.DocStyle, true, td.Range})
				}
			}
		}
		break
	}
	return docs
}

func fixtureDocs() []schemaDoc {
	var docs []schemaDoc
	_ = filepath.WalkDir("../fixtures", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(p, ".out") {
			docs = append(docs, parseDocs(p)...)
		}
		return nil
	})
	return docs
}

// judge runs both checks on a document and fails the test if the quick
// check passes what the validator rejects. The validator's verdict is its
// own errors, not the violations explain words from them: explain may find
// nothing to say (a required key that AWS::NoValue leaves out of one
// variant), and the quick check must not rely on that.
func judge(t *testing.T, d schemaDoc, what string) (quick, invalid bool) {
	t.Helper()
	s := schemaFor(d.style)
	if err := s.compile(); err != nil {
		t.Fatal(err)
	}
	var errs []string
	err := s.failures(d.n, d.containers, func(_ *variant, leaf *jsonschema.ValidationError) {
		errs = append(errs, leaf.InstanceLocation+": "+leaf.Message)
	})
	if err != nil {
		t.Fatal(err)
	}
	quick = s.quick(d.containers).valid(d.n)
	if quick && len(errs) > 0 {
		t.Errorf("%s%s: the quick check passes a document the validator rejects: %v", d.at, what, errs)
	}
	return quick, len(errs) > 0
}

// quickValid may only say "valid" when the validator agrees; over every
// document the fixtures hold it must, and it must say so for most of them
// (else it saves nothing).
func TestQuickValidAgreesWithValidator(t *testing.T) {
	var quick, invalid, docs int
	for _, d := range fixtureDocs() {
		docs++
		q, bad := judge(t, d, "")
		if q {
			quick++
		}
		if bad {
			invalid++
		}
	}
	if docs < 100 || invalid == 0 || quick < (docs-invalid)*8/10 {
		t.Errorf("%d documents, %d invalid, %d passed by the quick check", docs, invalid, quick)
	}
	t.Logf("%d documents, %d invalid, %d passed by the quick check", docs, invalid, quick)
}
