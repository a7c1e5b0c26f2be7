package lint_test

import (
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/jsonnode"
)

func TestMetadataSuppressions(t *testing.T) {
	src := `{
  "ecslint": {
    "ignore": [
      {"rule": "ECS001", "reason": "device access", "until": "2027-03-31"},
      {"reason": "no rule"},
      "ECS002"
    ]
  }
}`
	n, err := jsonnode.Parse("t.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := lint.MetadataSuppressions(n)
	if len(got) != 3 {
		t.Fatalf("got %+v", got)
	}
	at := strings.Index(src, `"2027-03-31"`)
	want := lint.Suppression{Rule: "ECS001", Reason: "device access", Until: "2027-03-31",
		UntilRange: lint.Range{File: "t.json", Start: lint.Pos{Line: 4, Col: 62, Offset: int32(at)}, End: lint.Pos{Line: 4, Col: 74, Offset: int32(at + 12)}},
		Range: lint.Range{File: "t.json", Start: lint.Pos{Line: 4, Col: 7, Offset: int32(strings.Index(src, `{"rule"`))},
			End: lint.Pos{Line: 4, Col: 75, Offset: int32(strings.Index(src, `"},`) + 2)}}}
	if got[0] != want {
		t.Errorf("got  %+v\nwant %+v", got[0], want)
	}
	// Malformed entries come back without a rule, at their position, for
	// the engine to report.
	if got[1].Rule != "" || got[1].Range.Start.Line != 5 || got[2].Rule != "" || got[2].Range.Start.Line != 6 {
		t.Errorf("malformed entries: %+v", got[1:])
	}
	if lint.MetadataSuppressions(nil) != nil {
		t.Error("nil metadata has suppressions")
	}
	bad, _ := jsonnode.Parse("t.json", []byte(`{"ecslint": {"ignore": "ECS001"}}`))
	if s := lint.MetadataSuppressions(bad); len(s) != 1 || s[0].Rule != "" || s[0].Range.Start.Col != 14 {
		t.Errorf("ignore that is not a list: %+v", s)
	}
}
