package config_test

import (
	"strings"
	"testing"

	"github.com/ecslint/ecslint/config"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/rules"
)

// TestSchemaIsGenerated fails when schema.json's options section is not
// what the rules declare.
func TestSchemaIsGenerated(t *testing.T) {
	got, err := config.GenerateSchema([]byte(config.Schema()), append(rules.All(), lint.SuppressionRule))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != config.Schema() {
		t.Error("config/schema.json is stale: run go generate ./rules")
	}
}

// TestStarterOptionsAreValid: the starter's commented-out options, once
// uncommented, are a valid config that sets every option of every rule.
func TestStarterOptionsAreValid(t *testing.T) {
	all := rules.All()
	starter := config.Starter(all)
	_, rest, _ := strings.Cut(starter, "options: {}\n")
	example, _, _ := strings.Cut(rest, "\n\n")
	src := "options:\n" + strings.ReplaceAll(example, "#  ", "  ") + "\n"
	c, err := config.Parse(config.FileName, []byte(src), all)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	for _, r := range all {
		for _, o := range r.Meta().Options {
			if _, ok := c.Options[r.Meta().ID][o.Name]; !ok {
				t.Errorf("the starter does not show %s's %s", r.Meta().ID, o.Name)
			}
		}
	}
	if _, err := config.Parse(config.FileName, []byte(starter), all); err != nil {
		t.Errorf("the starter itself: %v", err)
	}
}
