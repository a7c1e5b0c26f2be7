package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// BenchmarkLargePlan lints a generated plan of about 50 MB (issue 18: a
// plan is one JSON file, often tens of MB) and, for comparison, a source
// scan of the configuration it stands for. Run it with
//
//	go test ./cmd/ecslint -run '^$' -bench LargePlan -benchtime 3x
//
// The plan has the shape `tofu show -json` prints (fixtures/plan): every
// resource in planned_values, again in resource_changes with its
// after_unknown, and in configuration with its expressions.
func BenchmarkLargePlan(b *testing.B) {
	run := func(b *testing.B, path string, size int64, n int) {
		cfg := testConfig()
		cfg.MaxFileSize = 128 << 20
		cfg.MemoryBudget = 8 << 30
		b.SetBytes(size)
		for b.Loop() {
			res, err := lint.Run(cfg, []string{path})
			if err != nil {
				b.Fatal(err)
			}
			if len(res.Errors) > 0 || len(res.Findings) < n {
				b.Fatalf("%d errors (%v), %d findings", len(res.Errors), res.Errors, len(res.Findings))
			}
		}
	}
	// The source scan of 4,000 task definitions in one module runs out of
	// the evaluation time budget (20 s): it is compared at 1,000.
	for _, n := range []int{1000, 4000} {
		dir := b.TempDir()
		planPath, planSize := writeLargePlan(b, dir, n)
		b.Run(fmt.Sprintf("plan/%d", n), func(b *testing.B) {
			b.Logf("plan %.1f MB, %d task definitions and services", float64(planSize)/1e6, n)
			run(b, planPath, planSize, n)
		})
		if n <= 1000 {
			src := filepath.Join(dir, "src")
			srcSize := writeLargeSource(b, src, n)
			b.Run(fmt.Sprintf("source/%d", n), func(b *testing.B) {
				b.Logf("source %.1f MB", float64(srcSize)/1e6)
				run(b, src, srcSize, n)
			})
		}
	}
}

// benchContainers is the container definitions of task definition i:
// privileged, so that every one has a finding.
func benchContainers(i int) []map[string]any {
	var out []map[string]any
	for c := range 4 {
		env := []map[string]string{}
		for e := range 12 {
			env = append(env, map[string]string{"name": fmt.Sprintf("SETTING_%d", e), "value": fmt.Sprintf("value-%d-%d-%d", i, c, e)})
		}
		out = append(out, map[string]any{
			"name": fmt.Sprintf("c%d", c), "image": fmt.Sprintf("example/app%d:1.%d", i, c), "essential": c == 0,
			"privileged": c == 0, "readonlyRootFilesystem": true, "user": "1000", "environment": env,
			"logConfiguration": map[string]any{"logDriver": "awslogs", "options": map[string]string{"awslogs-group": fmt.Sprintf("/ecs/app%d", i)}},
			"portMappings":     []map[string]int{{"containerPort": 8080 + c}},
		})
	}
	return out
}

func writeLargePlan(b *testing.B, dir string, n int) (string, int64) {
	var planned, changes, config []any
	for i := range n {
		cd, err := json.Marshal(benchContainers(i))
		if err != nil {
			b.Fatal(err)
		}
		td := map[string]any{"container_definitions": string(cd), "family": fmt.Sprintf("app%d", i), "network_mode": "awsvpc",
			"cpu": "256", "memory": "512", "requires_compatibilities": []string{"FARGATE"}, "volume": []any{}, "tags": nil}
		svc := map[string]any{"name": fmt.Sprintf("app%d", i), "launch_type": "FARGATE", "desired_count": 2,
			"network_configuration": []any{map[string]any{"assign_public_ip": false, "subnets": []string{"subnet-0123456789abcdef0"}}}}
		for _, r := range []struct {
			typ    string
			values map[string]any
			unk    map[string]any
			exprs  map[string]any
		}{
			{"aws_ecs_task_definition", td, map[string]any{"arn": true, "id": true, "revision": true},
				map[string]any{"family": map[string]any{"constant_value": td["family"]}, "container_definitions": map[string]any{}}},
			{"aws_ecs_service", svc, map[string]any{"id": true, "task_definition": true, "cluster": true},
				map[string]any{"name": map[string]any{"constant_value": svc["name"]},
					"task_definition": map[string]any{"references": []string{fmt.Sprintf("aws_ecs_task_definition.app%d.arn", i), fmt.Sprintf("aws_ecs_task_definition.app%d", i)}}}},
		} {
			addr := fmt.Sprintf("%s.app%d", r.typ, i)
			planned = append(planned, map[string]any{"address": addr, "mode": "managed", "type": r.typ, "name": fmt.Sprintf("app%d", i),
				"provider_name": "registry.opentofu.org/hashicorp/aws", "schema_version": 0, "values": r.values, "sensitive_values": map[string]any{}})
			changes = append(changes, map[string]any{"address": addr, "mode": "managed", "type": r.typ, "name": fmt.Sprintf("app%d", i),
				"change": map[string]any{"actions": []string{"create"}, "before": nil, "after": r.values, "after_unknown": r.unk,
					"before_sensitive": false, "after_sensitive": map[string]any{}}})
			config = append(config, map[string]any{"address": addr, "mode": "managed", "type": r.typ, "name": fmt.Sprintf("app%d", i),
				"provider_config_key": "aws", "expressions": r.exprs, "schema_version": 0})
		}
	}
	doc := map[string]any{"format_version": "1.2", "terraform_version": "1.10.6",
		"planned_values":   map[string]any{"root_module": map[string]any{"resources": planned}},
		"resource_changes": changes, "configuration": map[string]any{"root_module": map[string]any{"resources": config}},
		"timestamp": "2000-01-01T00:00:00Z", "errored": false}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "tfplan.json")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		b.Fatal(err)
	}
	return path, int64(len(out))
}

// writeLargeSource writes the configuration the plan stands for, 100
// resources a file.
func writeLargeSource(b *testing.B, dir string, n int) int64 {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	var total int64
	var sb strings.Builder
	flush := func(k int) {
		if sb.Len() == 0 {
			return
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("app%04d.tf", k)), []byte(sb.String()), 0o644); err != nil {
			b.Fatal(err)
		}
		total += int64(sb.Len())
		sb.Reset()
	}
	for i := range n {
		cd, err := json.MarshalIndent(benchContainers(i), "    ", "  ")
		if err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(&sb, "resource \"aws_ecs_task_definition\" \"app%d\" {\n  family = \"app%d\"\n  network_mode = \"awsvpc\"\n  cpu = \"256\"\n  memory = \"512\"\n  requires_compatibilities = [\"FARGATE\"]\n  container_definitions = <<-JSON\n    %s\n  JSON\n}\n\n", i, i, cd)
		fmt.Fprintf(&sb, "resource \"aws_ecs_service\" \"app%d\" {\n  name = \"app%d\"\n  launch_type = \"FARGATE\"\n  desired_count = 2\n  task_definition = aws_ecs_task_definition.app%d.arn\n  network_configuration {\n    assign_public_ip = false\n    subnets = [\"subnet-0123456789abcdef0\"]\n  }\n}\n\n", i, i, i)
		if i%100 == 99 {
			flush(i / 100)
		}
	}
	flush(n / 100)
	return total
}
