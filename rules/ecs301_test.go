package rules

import (
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// Services sharing a task definition each get their finding, with the
// task definition's traits.
func TestServiceExposureSharedTaskDefinition(t *testing.T) {
	td := &lint.TaskDefinition{Resource: lint.Resource{ID: "td", Name: "td"},
		Containers: []*lint.Container{{Privileged: lint.KnownValue(true, lint.Range{})}}}
	svc := func(name string) *lint.Service {
		return &lint.Service{Resource: lint.Resource{ID: name, Name: name}, Kind: "service",
			TaskDefinition: lint.String{State: lint.Unknown}.WithRef("td"), AssignPublicIP: known("ENABLED")}
	}
	u := &lint.Unit{TaskDefinitions: []*lint.TaskDefinition{td}, Services: []*lint.Service{svc("a"), svc("b")}}
	got := run(serviceExposure{}, u, nil)
	if len(got) != 2 || got[0].Resource != "a" || got[1].Resource != "b" {
		t.Fatalf("findings %+v, want one for a and one for b", got)
	}
	for _, f := range got {
		if len(f.Related) != 2 || f.Related[1].Message != `ECS001 privileged-container: container "(unnamed)" runs privileged` {
			t.Errorf("%s: related %+v, want the public IP and the privileged container", f.Resource, f.Related)
		}
	}
}
