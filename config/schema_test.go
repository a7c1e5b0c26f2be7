package config_test

import (
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
