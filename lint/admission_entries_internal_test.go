package lint

import "testing"

func TestEntryObjects(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want int64
	}{
		// Raw JSON: the environment's two entries, not the container.
		{`{"containerDefinitions": [{"name": "a", "environment": [{"name": "A"}, {"name": "B"}]}]}`, 2},
		// Escaped, as in a plan's container_definitions string.
		{`{"container_definitions": "[{\"environment\":[{\"name\":\"A\"},{\"name\":\"B\"}],\"name\":\"a\"}]"}`, 2},
		// A list without a key (top level, Fn::If) may hold containers.
		{`[{"name": "a"}, {"name": "b"}]`, 0},
		{`{"ContainerDefinitions": {"Fn::If": ["c", [{"Name": "a"}], [{"Name": "b"}]]}}`, 0},
		// The innermost list decides: containers under an entry key's
		// object are still possible containers.
		{`{"environment": [{"containerDefinitions": [{}, {}]}]}`, 1},
		// YAML flow and block.
		{"Environment: [{Name: A}, {Name: B}]\n", 2},
		{"ContainerDefinitions:\n  - Name: a\n    Environment:\n      - Name: A\n        Value: x\n      - Name: B\n  - Name: b\n", 2},
		{"ContainerDefinitions:\n- Name: a\n  Environment:\n  - Name: A\n  PortMappings:\n  - ContainerPort: 80\n- Name: b\n", 2},
		// A sibling key ends the block.
		{"Environment:\n  - Name: A\nContainers:\n  - Name: a\n", 1},
		{"Tags: # the resource's\n  - Key: a\n    Value: b\n", 1},
	} {
		if got := entryObjects([]byte(tc.src)); got != tc.want {
			t.Errorf("entryObjects(%q) = %d, want %d", tc.src, got, tc.want)
		}
	}
}

func TestEntryEstimateIsOnlyOutsideTerraform(t *testing.T) {
	env := []byte(`{"environment": [` + repeatEntry(20000) + `]}`)
	if MemoryEstimateFor("taskdef.json", env) >= MemoryEstimate(env) {
		t.Errorf("environment entries in JSON should be estimated below containers")
	}
	if MemoryEstimateFor("main.tf.json", env) != MemoryEstimate(env) {
		t.Errorf("in Terraform every listed object may be a container")
	}
}

func repeatEntry(n int) string {
	b := make([]byte, 0, n*24)
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":"A","value":"v"}`...)
	}
	return string(b)
}
