package plan

import (
	"bytes"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// FuzzParse feeds arbitrary bytes to the parser as a plan file: it must
// never panic, a file it claims gives a unit or an error, and every range
// of the model lies inside the input. The seeds are small plans, so the
// fuzzer mutates them many times a second rather than minimising
// megabytes (the fixtures' plans are tens of KB).
//
// go test -fuzz FuzzParse -fuzztime 1m ./parsers/plan
func FuzzParse(f *testing.F) {
	task := `{"address": "aws_ecs_task_definition.t", "mode": "managed", "type": "aws_ecs_task_definition", "name": "t", ` +
		`"values": {"family": "t", "network_mode": "host", "container_definitions": ` +
		`"[{\"name\":\"a\",\"image\":\"b:1\",\"privileged\":true,\"environment\":[{\"name\":\"P\",\"value\":\"x\"}]}]"}, ` +
		`"sensitive_values": {}}`
	f.Add([]byte(`{"format_version": "1.2", "planned_values": {"root_module": {"resources": [` + task + `]}}}`))
	f.Add([]byte(`{"format_version": "1.0", "values": {"root_module": {"child_modules": [{"address": "module.m", "resources": [` + task + `]}]}}}`))
	f.Add([]byte(`{"format_version": "1.2", "planned_values": {"root_module": {"resources": [` + task + `]}}, ` +
		`"resource_changes": [{"address": "aws_ecs_task_definition.t", "change": {"actions": ["create"], "after_unknown": {"container_definitions": true}, "after_sensitive": {"family": true}}}], ` +
		`"configuration": {"root_module": {"resources": [{"address": "aws_ecs_task_definition.t", "expressions": {"task_role_arn": {"references": ["aws_iam_role.r.arn", "aws_iam_role.r"]}}}]}}}`))
	f.Add([]byte(`{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type": "aws_ecs_service", "name": "s", "address": "aws_ecs_service.s", ` +
		`"values": {"network_configuration": [{"assign_public_ip": true, "security_groups": ["sg-1"]}]}}]}}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys, err := lint.NewFS([]string{"."}, 0)
		if err != nil {
			t.Fatal(err)
		}
		fsys.Overlay("tfplan.json", src)
		ctx := lint.NewContext(fsys, lint.ParseOptions{})
		units, claimed := Parser{}.Parse(ctx, []string{"tfplan.json"})
		errs := ctx.Errors()
		if !claimed && (len(units) > 0 || len(errs) > 0) {
			t.Fatalf("unclaimed file produced %d units and %v", len(units), errs)
		}
		lines := int32(bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 1)
		inside := func(what string, r lint.Range) {
			if r.IsZero() {
				return
			}
			if r.File != "tfplan.json" || r.Start.Line < 1 || r.Start.Line > lines || r.Start.Col < 1 || r.End.Before(r.Start) {
				t.Fatalf("%s range %+v outside the %d-line input", what, r, lines)
			}
		}
		for _, e := range errs {
			inside("error", e.Range)
		}
		for _, u := range units {
			for _, td := range u.TaskDefinitions {
				inside("task definition", td.Range)
				inside("networkMode", td.NetworkMode.Range)
				for _, c := range td.Containers {
					inside("container", c.Range)
					inside("privileged", c.Privileged.Range)
					for _, e := range c.Environment {
						inside("environment value", e.Value.ValueRange)
					}
				}
			}
			for _, s := range u.Services {
				inside("service", s.Range)
			}
		}
	})
}
