package rules

import (
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// A volume whose name is not known is still named in messages and keys.
func TestUnnamedVolume(t *testing.T) {
	at := lint.Range{File: "t.json", Start: lint.Pos{Line: 3, Col: 5}, End: lint.Pos{Line: 3, Col: 17}}
	td := &lint.TaskDefinition{Resource: lint.Resource{ID: "t", Name: "t", Range: at, Extent: at}}
	td.Volumes = []*lint.Volume{{
		Name: lint.String{State: lint.Unknown}, Host: lint.Presence{State: lint.Known, Range: at},
		HostSourcePath: lint.KnownValue("/", at),
		EFS:            lint.Presence{State: lint.Known, Range: at},
	}}
	unit := &lint.Unit{TaskDefinitions: []*lint.TaskDefinition{td}}
	var out []lint.Finding
	for _, r := range []lint.Rule{hostPathVolume{}, efsTransitEncryption{}} {
		r.Check(lint.NewPass(r, unit, nil, &out))
	}
	if len(out) != 2 {
		t.Fatalf("findings %+v", out)
	}
	for _, f := range out {
		if !strings.Contains(f.Message, `"(unnamed)"`) || !strings.HasPrefix(f.Key, "volumes.(unnamed).") {
			t.Errorf("%s: message %q, key %q", f.RuleID, f.Message, f.Key)
		}
	}
}
