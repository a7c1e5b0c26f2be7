package formats_test

import (
	"slices"
	"testing"

	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
)

func TestFormatsAreDeclaredOnce(t *testing.T) {
	all := formats.All()
	// Raw task definitions are offered a .json file before CloudFormation.
	if got := all.Names(); len(got) < 3 || !slices.Equal(got[:3], []string{"json", "cloudformation", "terraform"}) {
		t.Errorf("names %v", got)
	}
	seen := map[string]bool{}
	for _, f := range all {
		if seen[f.Name()] || f.Title == "" || f.Produces == 0 || f.Example.Fence == "" {
			t.Errorf("%s: duplicate or incomplete descriptor %+v", f.Name(), f)
		}
		seen[f.Name()] = true
		// The docs lint an example under its file name: the format's parser
		// must accept it, or the example would be nobody's.
		if !f.Parser.Accepts(f.Example.File) {
			t.Errorf("%s: its parser does not accept its example file %q", f.Name(), f.Example.File)
		}
		if got, ok := all.Lookup(f.Name()); !ok || got.Title != f.Title {
			t.Errorf("Lookup(%q) = %+v, %v", f.Name(), got, ok)
		}
	}
	if _, ok := all.Lookup("helm"); ok {
		t.Error("Lookup found a format that is not declared")
	}
}

func TestRulesApplyToTheFormatsThatProduceWhatTheyRead(t *testing.T) {
	all := formats.All()
	for _, c := range []struct {
		reads lint.Elements
		want  []string
	}{
		{0, []string{"json", "cloudformation", "terraform", "plan"}},
		{lint.TaskDefinitions, []string{"json", "cloudformation", "terraform", "plan"}},
		{lint.Services, []string{"cloudformation", "terraform", "plan"}},
		{lint.TaskDefinitions | lint.Roles, []string{"cloudformation", "terraform", "plan"}},
		{lint.EKSClusters, []string{"cloudformation", "terraform", "plan"}},
	} {
		if got := all.For(c.reads).Names(); !slices.Equal(got, c.want) {
			t.Errorf("For(%b) = %v, want %v", c.reads, got, c.want)
		}
	}
	if got := len(all.Parsers()); got != len(all) {
		t.Errorf("%d parsers for %d formats", got, len(all))
	}
}

// Comments come from the formats that have them: YAML and HCL, not JSON.
func TestCommentSources(t *testing.T) {
	for name, want := range map[string]bool{"json": false, "cloudformation": true, "terraform": true, "plan": false} {
		f, _ := formats.All().Lookup(name)
		if _, has := f.Parser.(lint.CommentSource); has != want {
			t.Errorf("%s: comment source %v, want %v", name, has, want)
		}
	}
}
