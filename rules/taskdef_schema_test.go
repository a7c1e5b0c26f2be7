package rules

import (
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// Both styles' schemas load: the validator knows every keyword they use.
func TestSchemaLoadsForBothStyles(t *testing.T) {
	for _, style := range []lint.KeyStyle{lint.CamelCase, lint.PascalCase} {
		s := schemaFor(style)
		if s.err != nil || s.task == nil || s.containers == nil || s.quickTask == nil || s.quickContainers == nil {
			t.Fatalf("style %d: %v", style, s.err)
		}
	}
	pascal := schemaFor(lint.PascalCase).doc["properties"].(map[string]any)
	if _, ok := pascal["TaskDefinitionArn"]; ok {
		t.Error("describe-only keys must not be valid CloudFormation properties")
	}
	vol := schemaFor(lint.PascalCase).doc["$defs"].(map[string]any)["volume"].(map[string]any)["properties"].(map[string]any)
	for _, k := range []string{"EFSVolumeConfiguration", "FSxWindowsFileServerVolumeConfiguration", "DockerVolumeConfiguration"} {
		if _, ok := vol[k]; !ok {
			t.Errorf("CloudFormation volume lacks %s", k)
		}
	}
}

// Unknown values (and Fn::If choices whose branches are unknown) never
// produce a violation, whatever the schema says about their place.
func TestSchemaIgnoresUnknownValues(t *testing.T) {
	unknown := &lint.Node{Kind: lint.UnknownNode}
	doc := &lint.Node{Kind: lint.ObjectNode, Fields: []*lint.Field{
		{Key: "networkMode", Value: unknown},
		{Key: "containerDefinitions", Value: &lint.Node{Kind: lint.ArrayNode, Items: []*lint.Node{unknown}}},
		{Key: "volumes", Value: unknown},
	}}
	vs, err := validateDoc(doc, lint.CamelCase, false)
	if err != nil || len(vs) != 0 {
		t.Errorf("got %v, %v", vs, err)
	}
}

func TestNearest(t *testing.T) {
	cands := []string{"readonlyRootFilesystem", "privileged", "protocol", "image"}
	for key, want := range map[string]string{
		"readOnlyRootFilesystem": "readonlyRootFilesystem", "priviledged": "privileged", "protocoll": "protocol",
		"img": "", "completelyDifferent": "",
	} {
		if got := nearest(key, cands); got != want {
			t.Errorf("nearest(%q) = %q, want %q", key, got, want)
		}
	}
}

func BenchmarkValidateDoc(b *testing.B) {
	doc := &lint.Node{Kind: lint.ObjectNode, Fields: []*lint.Field{
		{Key: "family", Value: &lint.Node{Kind: lint.StringNode, Text: "web"}},
		{Key: "containerDefinitions", Value: &lint.Node{Kind: lint.ArrayNode, Items: []*lint.Node{{Kind: lint.ObjectNode, Fields: []*lint.Field{
			{Key: "name", Value: &lint.Node{Kind: lint.StringNode, Text: "web"}},
			{Key: "image", Value: &lint.Node{Kind: lint.StringNode, Text: "nginx"}},
			{Key: "privileged", Value: &lint.Node{Kind: lint.StringNode, Text: "true"}},
		}}}}},
	}}
	for b.Loop() {
		if _, err := validateDoc(doc, lint.CamelCase, false); err != nil {
			b.Fatal(err)
		}
	}
}
