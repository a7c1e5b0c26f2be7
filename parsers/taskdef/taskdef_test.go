package taskdef

import (
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/jsonnode"
)

func decode(t *testing.T, src string) *lint.TaskDefinition {
	t.Helper()
	n, err := jsonnode.Parse("t.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return Decode("t.json", n)
}

func TestShapes(t *testing.T) {
	cases := []struct {
		name       string
		src        string
		containers int
		family     string
	}{
		{"register input", `{"family": "f", "containerDefinitions": [{"name": "a", "image": "i"}]}`, 1, "f"},
		{"describe output", `{"taskDefinition": {"family": "g", "containerDefinitions": [{"name": "a", "image": "i"}, {"name": "b", "image": "j"}]}, "tags": []}`, 2, "g"},
		{"bare array", `[{"name": "a", "image": "i"}, {"name": "b"}]`, 2, ""},
		{"cpu and memory as strings or numbers", `{"family": "f", "cpu": "256", "memory": 512, "containerDefinitions": [{"name": "a", "image": "i", "cpu": 128, "memory": "256"}]}`, 1, "f"},
		{"placeholders", `{"family": "f", "containerDefinitions": [{"name": "a", "image": "<IMAGE1_NAME>"}]}`, 1, "f"},
	}
	for _, c := range cases {
		td := decode(t, c.src)
		if td == nil {
			t.Errorf("%s: not recognised", c.name)
			continue
		}
		if len(td.Containers) != c.containers {
			t.Errorf("%s: %d containers, want %d", c.name, len(td.Containers), c.containers)
		}
		if td.Family.V != c.family {
			t.Errorf("%s: family %q, want %q", c.name, td.Family.V, c.family)
		}
	}
}

func TestNotTaskDefinitions(t *testing.T) {
	for _, src := range []string{
		`{"name": "pkg", "version": "1.0.0"}`,
		`{"containerDefinitions": "not a list"}`,
		`[{"name": "a"}, 3]`,
		`[1, 2, 3]`,
		`{"Resources": {"T": {"Type": "AWS::ECS::TaskDefinition"}}, "containerDefinitions": []}`,
		`"containerDefinitions"`,
	} {
		if td := decode(t, src); td != nil {
			t.Errorf("%s: recognised as a task definition", src)
		}
	}
}

func TestSniff(t *testing.T) {
	if Sniff([]byte(`{"name": "x", "dependencies": {}}`)) {
		t.Error("package.json passed the sniff")
	}
	if !Sniff([]byte("\n  [ {\"name\": \"a\", \"image\": \"b\"} ]")) {
		t.Error("bare container array failed the sniff")
	}
}

func TestValuesKeepKeyRanges(t *testing.T) {
	td := decode(t, "{\n \"pidMode\": \"host\",\n \"containerDefinitions\": [\n  {\"name\": \"a\", \"privileged\": true}\n ]\n}")
	if r := td.PidMode.Range; r.Start != (lint.Pos{Line: 2, Col: 2, Offset: 3}) || r.End != (lint.Pos{Line: 2, Col: 11, Offset: 12}) {
		t.Errorf("pidMode range %v-%v", r.Start, r.End)
	}
	if r := td.PidMode.ValueRange; r.Start != (lint.Pos{Line: 2, Col: 13, Offset: 14}) {
		t.Errorf("pidMode value range %v", r.Start)
	}
	p := td.Containers[0].Privileged
	if !p.Known() || !p.V || p.Range.Start != (lint.Pos{Line: 4, Col: 17, Offset: 65}) {
		t.Errorf("privileged = %+v", p)
	}
	if td.Containers[0].User.Set() {
		t.Error("absent user reported as set")
	}
}
