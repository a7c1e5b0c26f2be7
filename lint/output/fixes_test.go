package output_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ecslint/ecslint/lint"
)

// A finding's fixes are SARIF fixes: one artifact change per file, each
// edit a replacement of a region given in lines and columns and in bytes.
// The document stays valid SARIF 2.1.0.
func TestSARIFFixes(t *testing.T) {
	key := lint.Range{File: "src/t.json", Start: lint.Pos{Line: 3, Col: 8, Offset: 21}, End: lint.Pos{Line: 3, Col: 14, Offset: 27}}
	other := lint.Range{File: "/abs/u.json", Start: lint.Pos{Line: 1, Col: 1, Offset: 0}, End: lint.Pos{Line: 1, Col: 1, Offset: 0}}
	res := &lint.Result{Findings: []lint.Finding{{
		RuleID: "ECS000", RuleName: "invalid-task-definition", Severity: lint.High, Message: `unknown key "Memroy"`,
		Range: key, Key: "schema.Memroy",
		Fixes: []lint.Fix{{Description: `rename "Memroy" to "Memory"`, Edits: []lint.Edit{
			{Range: key, NewText: "Memory"}, {Range: other, NewText: "{}"},
		}}},
	}}}
	out := format(t, "sarif", res)
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	schema, err := jsonschema.NewCompiler().Compile("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("invalid SARIF: %#v", err)
	}
	var got struct {
		Runs []struct {
			Results []struct {
				Fixes []any
			}
		}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	var want []any
	if err := json.Unmarshal([]byte(`[{
		"description": {"text": "rename \"Memroy\" to \"Memory\"."},
		"artifactChanges": [
			{"artifactLocation": {"uri": "src/t.json", "uriBaseId": "%SRCROOT%"},
			 "replacements": [{"deletedRegion": {"startLine": 3, "startColumn": 8, "endLine": 3, "endColumn": 14, "byteOffset": 21, "byteLength": 6},
			                   "insertedContent": {"text": "Memory"}}]},
			{"artifactLocation": {"uri": "file:///abs/u.json"},
			 "replacements": [{"deletedRegion": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1, "byteOffset": 0, "byteLength": 0},
			                   "insertedContent": {"text": "{}"}}]}
		]}]`), &want); err != nil {
		t.Fatal(err)
	}
	if fixes := got.Runs[0].Results[0].Fixes; !reflect.DeepEqual(fixes, want) {
		t.Errorf("fixes:\n%s", out)
	}
}

// JSON output carries fixes as edits with offsets beside lines and
// columns; a finding without fixes has no fixes key (the goldens hold it).
func TestJSONFixes(t *testing.T) {
	key := lint.Range{File: "t.json", Start: lint.Pos{Line: 3, Col: 8, Offset: 21}, End: lint.Pos{Line: 3, Col: 14, Offset: 27}}
	res := &lint.Result{Findings: []lint.Finding{
		{RuleID: "ECS000", RuleName: "invalid-task-definition", Severity: lint.High, Message: "unknown key", Range: key,
			Fixes: []lint.Fix{{Description: `rename "Memroy" to "Memory"`, Edits: []lint.Edit{{Range: key, NewText: "Memory"}}}}},
		{RuleID: "ECS001", RuleName: "privileged-container", Severity: lint.High, Message: "privileged", Range: key},
	}}
	var got struct{ Findings []map[string]any }
	if err := json.Unmarshal(format(t, "json", res), &got); err != nil {
		t.Fatal(err)
	}
	var want any
	if err := json.Unmarshal([]byte(`[{"description": "rename \"Memroy\" to \"Memory\"", "edits": [{"file": "t.json",
		"line": 3, "column": 8, "end_line": 3, "end_column": 14, "offset": 21, "end_offset": 27, "new_text": "Memory"}]}]`), &want); err != nil {
		t.Fatal(err)
	}
	if fixes := got.Findings[0]["fixes"]; !reflect.DeepEqual(fixes, want) {
		t.Errorf("fixes %v, want %v", fixes, want)
	}
	if _, ok := got.Findings[1]["fixes"]; ok {
		t.Errorf("a finding without fixes has a fixes key: %v", got.Findings[1])
	}
}
