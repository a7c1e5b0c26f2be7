package ecsapi

import (
	"encoding/json"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

func TestKey(t *testing.T) {
	for _, tc := range []struct {
		camel string
		style lint.KeyStyle
		want  string
	}{
		{"networkMode", lint.CamelCase, "networkMode"},
		{"networkMode", lint.ProviderJSON, "networkMode"},
		{"networkMode", lint.PascalCase, "NetworkMode"},
		{"efsVolumeConfiguration", lint.PascalCase, "EFSVolumeConfiguration"},
		{"efsVolumeConfiguration", lint.CamelCase, "efsVolumeConfiguration"},
		{"fileSystemId", lint.PascalCase, "FilesystemId"},
		{"", lint.PascalCase, ""},
	} {
		if got := Key(tc.camel, tc.style); got != tc.want {
			t.Errorf("Key(%q, %d) = %q, want %q", tc.camel, tc.style, got, tc.want)
		}
	}
}

func TestPascalException(t *testing.T) {
	if k, ok := PascalException("fileSystemId"); !ok || k != "FilesystemId" {
		t.Errorf("PascalException(fileSystemId) = %q, %v", k, ok)
	}
	if k, ok := PascalException("family"); ok {
		t.Errorf("PascalException(family) = %q, want none", k)
	}
}

// The schema is embedded text: a syntax error in it would only show when a
// rule or the decoder first compiles it.
func TestTaskDefinitionSchema(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(TaskDefinitionSchema, &doc); err != nil {
		t.Fatalf("schema does not parse: %v", err)
	}
	defs, _ := doc["$defs"].(map[string]any)
	if _, ok := defs["containerList"]; !ok {
		t.Error("schema has no $defs/containerList, which ECS000 and the provider's reading use")
	}
	props, _ := doc["properties"].(map[string]any)
	if _, ok := props["containerDefinitions"]; !ok {
		t.Error("schema has no containerDefinitions property")
	}
}
