package ruledoc_test

import (
	"strings"
	"testing"

	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/rules"
	"github.com/ecslint/ecslint/rules/ruledoc"
)

// fakeParser is a format that no rule has an example in.
type fakeParser struct{}

func (fakeParser) Name() string                                       { return "fake" }
func (fakeParser) Accepts(path string) bool                           { return strings.HasSuffix(path, ".fake") }
func (fakeParser) Parse(*lint.Context, []string) ([]*lint.Unit, bool) { return nil, false }

// TestANewFormatNeedsNoRuleEdited: a format added to the list shows in the
// pages of the rules that read what it produces, and in no other, without
// an example or any other edit to a rule.
func TestANewFormatNeedsNoRuleEdited(t *testing.T) {
	fs := append(formats.All(), formats.Format{Parser: fakeParser{}, Title: "Fake", Produces: lint.TaskDefinitions,
		Example: formats.Example{File: "x.fake", Fence: "text"}})
	for _, r := range rules.All() {
		page, err := ruledoc.Page(fs, r)
		if err != nil {
			t.Fatalf("%s: %v", r.Meta().ID, err)
		}
		_, rest, _ := strings.Cut(page, "| Formats |")
		row, _, _ := strings.Cut(rest, "\n")
		listed := strings.HasSuffix(row, ", fake |")
		if want := r.Meta().Reads == lint.TaskDefinitions; listed != want {
			t.Errorf("%s: fake format listed %v, want %v", r.Meta().ID, listed, want)
		}
	}
}
