package main

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// numberDocs are task definitions in every format that can write a number,
// with NUM as a container's healthCheck retries (an integer from 1 to 10).
var numberDocs = []struct{ name, text string }{
	{"task.json", `{"family": "x", "containerDefinitions": [{"name": "a", "image": "b:1", "healthCheck": {"command": ["CMD", "x"], "retries": NUM}}]}`},
	{"template.json", `{"Resources": {"T": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [{"Name": "a", "Image": "b:1", "HealthCheck": {"Command": ["CMD", "x"], "Retries": NUM}}]}}}}`},
	{"heredoc/main.tf", "resource \"aws_ecs_task_definition\" \"t\" {\n  family = \"x\"\n  container_definitions = <<EOT\n[{\"name\": \"a\", \"image\": \"b:1\", \"healthCheck\": {\"command\": [\"CMD\", \"x\"], \"retries\": NUM}}]\nEOT\n}\n"},
	{"template.yaml", "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: \"b:1\"\n          HealthCheck: {Command: [CMD, x], Retries: NUM}\n"},
	{"encode/main.tf", "resource \"aws_ecs_task_definition\" \"t\" {\n  family = \"x\"\n  container_definitions = jsonencode([{name = \"a\", image = \"b:1\", healthCheck = {command = [\"CMD\", \"x\"], retries = NUM}}])\n}\n"},
}

// FuzzNumbers writes a number into a task definition in each format. No
// number may crash a run or take long (the validator converted them to
// big.Rat unbounded); where the text is a JSON number, the raw task
// definition and the heredoc (the same JSON, sent to the same API) must
// agree on whether it is a valid retries, and for a short literal that must
// be the plain float64 answer. (CloudFormation takes any scalar for a
// number, so only its bounds are checked, not integer-ness.)
//
// go test -fuzz FuzzNumbers -fuzztime 1m ./cmd/ecslint
func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"3", "1 ", "1E+999999999", "1e-999999999", "-0", "10.0", "1e1", "0.5e1", "11", "1e400000000", "9.99999999999999999999999e0", "1_0", "0x5", ".5e1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, num string) {
		if strings.ContainsAny(num, "\n\r") || len(num) > 4096 {
			return // a number, not a document
		}
		jsonNumber := json.Valid([]byte(num)) && num != "" && (num[0] == '-' || num[0] >= '0' && num[0] <= '9')
		var verdicts []bool
		for i, d := range numberDocs {
			cfg := testConfig()
			cfg.Workers = 1
			cfg.Stdin = []byte(strings.Replace(d.text, "NUM", num, 1))
			cfg.StdinName = d.name
			res, err := lint.Run(cfg, []string{"-"})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range res.Errors {
				if strings.Contains(e.Message, "internal error") {
					t.Fatalf("%s: %s", d.name, e.Message)
				}
			}
			if (i == 0 || i == 2) && jsonNumber {
				if len(res.Errors) > 0 {
					t.Fatalf("%s: a JSON number is an error: %+v", d.name, res.Errors)
				}
				invalid := false
				for _, fd := range res.Findings {
					invalid = invalid || fd.RuleID == "ECS000"
				}
				verdicts = append(verdicts, invalid)
			}
		}
		if !jsonNumber {
			return
		}
		for _, v := range verdicts[1:] {
			if v != verdicts[0] {
				t.Fatalf("%s: formats disagree on ECS000 (JSON, heredoc): %v", num, verdicts)
			}
		}
		if len(num) <= 12 {
			x, err := strconv.ParseFloat(strings.TrimSpace(num), 64) // JSON allows spaces around
			want := err != nil || x != math.Trunc(x) || x < 1 || x > 10
			if verdicts[0] != want {
				t.Fatalf("%s: ECS000 %v, want %v", num, verdicts[0], want)
			}
		}
	})
}
