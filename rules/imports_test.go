package rules

import (
	"go/build"
	"strings"
	"testing"
)

// Rules read the model, not a format: a rule package that imports a parser
// would tie every rule to that format's decoder (and let a parser's change
// alter rules). What both need, such as the task-definition schema, lives
// in a neutral package (ecsapi).
func TestRulesImportNoParser(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		if strings.HasPrefix(imp, "github.com/ecslint/ecslint/parsers/") {
			t.Errorf("package rules imports %s", imp)
		}
	}
}
