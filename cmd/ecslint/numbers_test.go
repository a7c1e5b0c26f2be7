package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// A number with a huge or tiny exponent is the number it is: a retries of
// 1E+999999999 is over the schema's maximum of 10, one of 1e-999999999 is
// not an integer, each an ECS000 finding at its key, in every format that
// can write it. The schema validator converted them to big.Rat unbounded
// (and panicked on nil past an exponent of a million).
func TestHugeAndTinyNumbers(t *testing.T) {
	formats := []struct {
		name, file, text string
	}{
		{"raw JSON", "td.json", `{"family": "x", "containerDefinitions": [{"name": "a", "image": "b:1",
  "healthCheck": {"command": ["CMD", "x"],
    "retries": RETRIES}}]}`},
		{"CloudFormation JSON", "t.json", `{"Resources": {"T": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
  "ContainerDefinitions": [{"Name": "a", "Image": "b:1", "HealthCheck": {"Command": ["CMD", "x"],
    "Retries": RETRIES}}]}}}}`},
		{"CloudFormation YAML, flow", "t.yaml", "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions: [{Name: a, Image: \"b:1\", HealthCheck: {Command: [CMD, x],\n          Retries: RETRIES}}]\n"},
		{"Terraform jsonencode", "main.tf", "resource \"aws_ecs_task_definition\" \"t\" {\n  family = \"x\"\n  container_definitions = jsonencode([{name = \"a\", image = \"b:1\", healthCheck = {command = [\"CMD\", \"x\"],\n    retries = RETRIES}}])\n}\n"},
		{"Terraform heredoc", "main.tf", "resource \"aws_ecs_task_definition\" \"t\" {\n  family = \"x\"\n  container_definitions = <<EOT\n[{\"name\": \"a\", \"image\": \"b:1\", \"healthCheck\": {\"command\": [\"CMD\", \"x\"],\n    \"retries\": RETRIES}}]\nEOT\n}\n"},
	}
	for _, f := range formats {
		for _, n := range []struct {
			value string
			bad   bool
		}{{"1E+999999999", true}, {"1e-999999999", true}, {"-1E+999999999", true}, {"1e400000000", true}, {"1E+0", false}, {"0.5e1", false}} {
			t.Run(f.name+" "+n.value, func(t *testing.T) {
				dir := repo(t, map[string]string{f.file: strings.Replace(f.text, "RETRIES", n.value, 1)})
				code, stdout, stderr := run(t, "", "--format", "json", dir)
				var out struct {
					Findings []struct {
						RuleID       string `json:"rule_id"`
						Line, Column int
					} `json:"findings"`
					Errors []any `json:"errors"`
				}
				if err := json.Unmarshal([]byte(stdout), &out); err != nil || len(out.Errors) > 0 {
					t.Fatalf("exit %d: %v\n%s%s", code, err, stdout, stderr)
				}
				var got []string
				for _, fd := range out.Findings {
					if fd.RuleID == "ECS000" {
						got = append(got, strconv.Itoa(fd.Line)+":"+strconv.Itoa(fd.Column))
					}
				}
				want := []string(nil)
				if n.bad {
					want = []string{retriesAt(f.text)}
				}
				if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("ECS000 at %v, want %v", got, want)
				}
			})
		}
	}
}

// retriesAt is the line:col of the retries key in text.
func retriesAt(text string) string {
	at := strings.Index(strings.ToLower(text), `retries`)
	line := strings.Count(text[:at], "\n") + 1
	col := at - strings.LastIndex(text[:at], "\n")
	if text[at-1] == '"' {
		col--
	}
	return strconv.Itoa(line) + ":" + strconv.Itoa(col)
}
