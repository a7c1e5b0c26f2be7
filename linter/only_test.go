package linter_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/linter"
	"github.com/ecslint/ecslint/rules"
)

// offByDefault is a real rule made one that runs only when asked for.
type offByDefault struct{ lint.Rule }

func (r offByDefault) Meta() *lint.Meta {
	m := *r.Rule.Meta()
	m.Disabled = true
	return &m
}

// TestOnlyRunsJustTheRulesNamed: --only picks the rules, by ID or name,
// default-off ones included, over what the config and Enable/Disable say.
func TestOnlyRunsJustTheRulesNamed(t *testing.T) {
	tree(t, map[string]string{".ecslint.yaml": "rules:\n  disable: [ECS001]\n  enable: [ECS003]\n"})
	known := rules.All()
	for i, r := range known {
		if r.Meta().ID == "ECS002" {
			known[i] = offByDefault{r}
		}
	}
	s := settings()
	s.Rules = known
	s.Only = []string{"ecs001", "host-pid-mode"}
	s.Enable = []string{"ECS004"}
	p, err := linter.Prepare(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(p.Options.Rules); !slices.Equal(got, []string{"ECS001", "ECS002"}) {
		t.Errorf("rules %v, want [ECS001 ECS002]", got)
	}
	s.Only = []string{"ECS01"}
	if _, err := linter.Prepare(s, nil); err == nil || !strings.Contains(err.Error(), `--only: unknown rule "ECS01"`) {
		t.Errorf("unknown rule: %v", err)
	}
}
