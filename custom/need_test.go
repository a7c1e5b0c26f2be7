package custom

import (
	"testing"

	"github.com/ecslint/ecslint/config"
	"github.com/ecslint/ecslint/lint"
)

func compileNeed(t *testing.T, on, violation, message, at string) *cache {
	t.Helper()
	rules, err := Compile([]config.CustomRule{{ID: "ORG900", Name: "need", Severity: "low", On: on,
		Violation: config.Text{Value: violation}, Message: config.Text{Value: message}, At: config.Text{Value: at}}})
	if err != nil {
		t.Fatal(err)
	}
	return rules[0].(*Rule).views
}

func testTask() *lint.TaskDefinition {
	td := &lint.TaskDefinition{}
	td.Name = "web"
	c := &lint.Container{}
	c.Image = lint.KnownValue("nginx", lint.Range{File: "t.json", Start: lint.Pos{Line: 3, Col: 5}})
	c.Environment = []lint.KeyValue{{Name: lint.KnownValue("A", lint.Range{}), Value: lint.KnownValue("secretvalue", lint.Range{})}}
	c.PortMappings = []lint.PortMapping{{ContainerPort: lint.KnownValue[int64](80, lint.Range{})}}
	td.Containers = []*lint.Container{c}
	return td
}

// TestViewHoldsWhatRulesRead: a view builds only what the loaded rules'
// conditions, messages and at read; a list a rule iterates, and a
// variable read whole, are built whole.
func TestViewHoldsWhatRulesRead(t *testing.T) {
	for _, tc := range []struct {
		on, violation, message, at string
		image, env, ports          bool
	}{
		{on: "container", violation: `container.image == ""`, image: true},
		{on: "container", violation: `true`, message: `{{container.image}}`, image: true},
		{on: "container", violation: `true`, at: `container.image`, image: true},
		{on: "container", violation: `container.environment.exists(e, e.name == "A")`, env: true},
		{on: "task-definition", violation: `task.containerDefinitions.exists(c, c.privileged)`, image: true, env: true, ports: true},
		{on: "container", violation: `container == container`, image: true, env: true, ports: true},
		{on: "task-definition", violation: `task.networkMode == ""`},
	} {
		c := compileNeed(t, tc.on, tc.violation, tc.message, tc.at)
		v := newView()
		taskView(v, c.need, testTask())
		got := v.task().ContainerDefinitions[0]
		if (got.Image != "") != tc.image || (len(got.Environment) > 0) != tc.env || (len(got.PortMappings) > 0) != tc.ports {
			t.Errorf("%s: image %q, environment %d, port mappings %d; want image %v, environment %v, port mappings %v",
				tc.violation+tc.message+tc.at, got.Image, len(got.Environment), len(got.PortMappings), tc.image, tc.env, tc.ports)
		}
	}
}

// TestMayBeSecretReadsTheModel: a message that would show an environment
// value is hidden even when no rule reads the environment, so the view
// does not hold it.
func TestMayBeSecretReadsTheModel(t *testing.T) {
	c := compileNeed(t, "container", `true`, `{{container.image}}`, "")
	v := newView()
	taskView(v, c.need, testTask())
	if len(v.task().ContainerDefinitions[0].Environment) != 0 {
		t.Fatal("the view holds the environment: the test would not test the model")
	}
	if !mayBeSecret(v, "shows secretvalue here") || mayBeSecret(v, "shows nginx") {
		t.Error("mayBeSecret does not tell an environment value from another")
	}
}

// TestUnitDoneReleasesViews: once every rule has checked a unit, its
// views (which point into its model) are dropped.
func TestUnitDoneReleasesViews(t *testing.T) {
	rules, err := Compile([]config.CustomRule{{ID: "ORG901", Name: "done", Severity: "low", On: "container",
		Violation: config.Text{Value: `container.image == "nginx"`}, Message: config.Text{Value: "m"}}})
	if err != nil {
		t.Fatal(err)
	}
	r := rules[0].(*Rule)
	u := &lint.Unit{TaskDefinitions: []*lint.TaskDefinition{testTask()}}
	if n := len(r.views.subjects(u, r.kind)); n != 1 {
		t.Fatalf("%d subjects, want 1", n)
	}
	if len(r.views.units) != 1 {
		t.Fatalf("%d units cached, want 1", len(r.views.units))
	}
	r.UnitDone(u)
	r.UnitDone(u) // every rule of the Compile calls it: the second is a no-op
	if len(r.views.units) != 0 || len(r.views.order) != 0 {
		t.Errorf("after UnitDone: %d units, %d in order; want none", len(r.views.units), len(r.views.order))
	}
}
