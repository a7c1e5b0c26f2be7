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

// exampleRule is a rule with its examples replaced.
type exampleRule struct {
	lint.Rule
	meta lint.Meta
}

func (r exampleRule) Meta() *lint.Meta { return &r.meta }

// TestNotReportedMeansByNoRule: an example shown as not reported that
// another rule reports (here a container with no log configuration, which
// ECS006 reports) is refused, and so is a reported example that the rule
// itself does not report, however many findings other rules make of it.
func TestNotReportedMeansByNoRule(t *testing.T) {
	var ecs001 lint.Rule
	for _, r := range rules.All() {
		if r.Meta().ID == "ECS001" {
			ecs001 = r
		}
	}
	const (
		privileged   = `{"family": "app", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "privileged": true}]}`
		unprivileged = `{"family": "app", "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]}`
	)
	for _, tt := range []struct{ name, bad, good, want string }{
		{"good reported by another rule", privileged, unprivileged, "good 3 findings (ECS006 ECS007 ECS009)"},
		{"bad not reported by the rule", unprivileged, unprivileged, "bad gives 0 findings of ECS001"},
	} {
		m := *ecs001.Meta()
		m.Examples = []lint.Example{{Format: "json", Bad: tt.bad, Good: tt.good}}
		_, err := ruledoc.Page(formats.All(), exampleRule{ecs001, m})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got error %v, want one saying %q", tt.name, err, tt.want)
		}
	}
}
