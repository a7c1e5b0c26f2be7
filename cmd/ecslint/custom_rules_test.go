package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// Custom rules (issue 21) end to end: what the binary prints for
// organisation rules in .ecslint.yaml.

const orgImagesRule = `custom-rules:
  - id: ORG001
    name: ecr-images-only
    severity: high
    on: container
    violation: '!container.image.startsWith("123456789012.dkr.ecr.")'
    message: 'container {{container.name}} uses image {{container.image}} from outside our registry'
    summary: Images come from our own ECR.
    help-url: https://wiki.example.com/ecr
`

const twoContainersTD = `{
  "family": "app",
  "containerDefinitions": [
    {"name": "app", "image": "nginx:1.27"},
    {"name": "ok", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ok:1"}
  ]
}
`

func compactLines(stdout string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func TestCustomRuleFindsWithPosition(t *testing.T) {
	repo(t, map[string]string{".ecslint.yaml": orgImagesRule, "td.json": twoContainersTD})
	code, stdout, stderr := run(t, "", "--only", "ORG001", "--format", "compact", "td.json")
	want := "td.json:4:21: high ORG001 container app uses image nginx:1.27 from outside our registry"
	if code != ExitFindings || strings.TrimSpace(stdout) != want {
		t.Fatalf("code %d, stdout %q (stderr %s), want %q", code, stdout, stderr, want)
	}
}

func TestCustomRuleDefaultPositions(t *testing.T) {
	// No at: the first field the condition reads (image, at its key);
	// an absent field (memory) points at the enclosing container.
	repo(t, map[string]string{".ecslint.yaml": `custom-rules:
  - id: ORG002
    name: memory-limits
    severity: medium
    on: container
    violation: container.memory == 0 && container.image != ""
    message: 'container {{container.name}} sets no memory limit'
  - id: ORG003
    name: no-nginx
    severity: low
    on: container
    violation: container.image.startsWith("nginx") && container.memory == 0
    message: nginx
`, "td.json": twoContainersTD})
	_, stdout, stderr := run(t, "", "--only", "ORG002", "--only", "ORG003", "--format", "compact", "td.json")
	got := compactLines(stdout)
	want := []string{
		"td.json:4:5: medium ORG002 container app sets no memory limit",
		"td.json:4:21: low ORG003 nginx",
		"td.json:5:5: medium ORG002 container ok sets no memory limit",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s\n(stderr %s)", strings.Join(got, "\n"), strings.Join(want, "\n"), stderr)
	}
}

func TestCustomRuleUnknownIsANoteNotAFinding(t *testing.T) {
	repo(t, map[string]string{".ecslint.yaml": orgImagesRule, "main.tf": `variable "image" {}
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{ name = "app", image = var.image }])
}
`})
	code, stdout, stderr := run(t, "", "--only", "ORG001", "--verbose", "--format", "json", "main.tf")
	var res struct {
		Findings []any `json:"findings"`
		Notes    []struct {
			Line    int    `json:"line"`
			Column  int    `json:"column"`
			Message string `json:"message"`
		} `json:"notes"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("%v: %s %s", err, stdout, stderr)
	}
	if code != ExitOK || len(res.Findings) != 0 {
		t.Fatalf("code %d, findings %v: an unknown image is neither a finding nor an error", code, res.Findings)
	}
	found := false
	for _, n := range res.Notes {
		if strings.Contains(n.Message, "ORG001: not decided on container app") && n.Line == 4 {
			found = true
		}
	}
	if !found {
		t.Fatalf("no note at line 4 that ORG001 was not decided: %+v", res.Notes)
	}
}

func TestCustomRuleUnknownDoesNotHideADecidedCondition(t *testing.T) {
	// privileged is known true: the condition holds whatever the image.
	repo(t, map[string]string{".ecslint.yaml": `custom-rules:
  - id: ORG010
    name: privileged-or-public
    severity: high
    on: container
    violation: container.privileged || !container.image.startsWith("123456789012.")
    message: m
    at: container.privileged
`, "main.tf": `variable "image" {}
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{ name = "app", image = var.image, privileged = true }])
}
`})
	_, stdout, _ := run(t, "", "--only", "ORG010", "--format", "compact", "main.tf")
	if got := strings.TrimSpace(stdout); !strings.HasPrefix(got, "main.tf:4:") || !strings.Contains(got, "ORG010") {
		t.Fatalf("got %q, want one ORG010 finding on line 4", got)
	}
}

func TestCustomRuleFnIfBranches(t *testing.T) {
	repo(t, map[string]string{".ecslint.yaml": orgImagesRule, "t.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Conditions:
  Prod: !Equals [!Ref "AWS::AccountId", "123456789012"]
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: !If [Prod, 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1, nginx:1.27]
`})
	code, stdout, stderr := run(t, "", "--only", "ORG001", "--format", "compact", "t.yaml")
	// The finding points at the branch that breaks the rule.
	want := "t.yaml:10:81: high ORG001 container app uses image nginx:1.27 from outside our registry"
	if code != ExitFindings || strings.TrimSpace(stdout) != want {
		t.Fatalf("code %d, got %q, want %q (stderr %s)", code, stdout, want, stderr)
	}
}

// A log option written with Fn::If is judged branch by branch, as any other
// value: the options map is what each branch sets.
func TestCustomRuleFnIfBranchesInLogOptions(t *testing.T) {
	repo(t, map[string]string{".ecslint.yaml": `custom-rules:
  - id: ORG010
    name: logs-in-our-group
    severity: medium
    on: container
    violation: 'container.logConfiguration.options["awslogs-group"] != "/ecs/app"'
    message: 'container {{container.name}} logs elsewhere'
`, "t.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Conditions:
  Prod: !Equals [!Ref "AWS::AccountId", "123456789012"]
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
          LogConfiguration:
            LogDriver: awslogs
            Options:
              awslogs-group: !If [Prod, /ecs/app, /tmp/elsewhere]
        - Name: ok
          Image: nginx:1.27
          LogConfiguration:
            LogDriver: awslogs
            Options:
              awslogs-group: !If [Prod, /ecs/app, /ecs/app]
`})
	code, stdout, stderr := run(t, "", "--only", "ORG010", "--format", "compact", "t.yaml")
	// The map has no position of its own: the finding is at the object
	// that holds it, as for an absent field.
	want := "t.yaml:11:11: medium ORG010 container app logs elsewhere"
	if code != ExitFindings || strings.TrimSpace(stdout) != want {
		t.Fatalf("code %d, got %q, want %q (stderr %s)", code, stdout, want, stderr)
	}
}

// Tags are a map too: a tag written with Fn::If is judged branch by branch.
func TestCustomRuleFnIfBranchesInTags(t *testing.T) {
	repo(t, map[string]string{".ecslint.yaml": `custom-rules:
  - id: ORG011
    name: owned-by-a-team
    severity: low
    on: task-definition
    violation: 'resource.tags["team"] == "nobody"'
    message: 'task definition {{resource.name}} is owned by nobody'
`, "t.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Conditions:
  Prod: !Equals [!Ref "AWS::AccountId", "123456789012"]
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
      Tags:
        - Key: team
          Value: !If [Prod, payments, nobody]
  Other:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
      Tags:
        - Key: team
          Value: !If [Prod, payments, search]
`})
	code, stdout, stderr := run(t, "", "--only", "ORG011", "--format", "compact", "t.yaml")
	want := "t.yaml:11:7: low ORG011 task definition Task is owned by nobody"
	if code != ExitFindings || strings.TrimSpace(stdout) != want {
		t.Fatalf("code %d, got %q, want %q (stderr %s)", code, stdout, want, stderr)
	}
}

func TestCustomRuleGetsWhatBuiltInRulesGet(t *testing.T) {
	files := map[string]string{
		".ecslint.yaml": orgImagesRule + "severity:\n  ecr-images-only: critical\n",
		"td.json":       twoContainersTD,
		"t.yaml": `Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          # ecslint:ignore ecr-images-only -- a vendor image, reviewed
          Image: nginx:1.27
        - Name: two
          Image: nginx:1.27 # ecslint:ignore ORG001 -- reviewed too
`,
	}
	repo(t, files)
	// Severity override by name; suppressions by name and by ID.
	_, stdout, stderr := run(t, "", "--only", "ORG001", "--format", "compact", ".")
	if got := strings.TrimSpace(stdout); got != "td.json:4:21: critical ORG001 container app uses image nginx:1.27 from outside our registry" {
		t.Fatalf("got %q (stderr %s)", got, stderr)
	}
	// --disable by name.
	if code, stdout, _ := run(t, "", "--disable", "ecr-images-only", "--format", "compact", "td.json"); code != ExitFindings || strings.Contains(stdout, "ORG001") {
		t.Fatalf("--disable ecr-images-only: %d %s", code, stdout)
	}
	// SARIF rule descriptor with the rule's own help URL.
	_, stdout, _ = run(t, "", "--only", "ORG001", "--format", "sarif", "td.json")
	if !strings.Contains(stdout, `"helpUri": "https://wiki.example.com/ecr"`) || !strings.Contains(stdout, `"id": "ORG001"`) {
		t.Fatalf("SARIF has no ORG001 descriptor with its help URL:\n%s", stdout)
	}
	// The catalogue lists and explains it.
	if code, stdout, _ := run(t, "", "rules", "--format", "json"); code != ExitOK || !strings.Contains(stdout, `"id": "ORG001"`) {
		t.Fatalf("ecslint rules does not list ORG001: %d %s", code, stdout)
	}
	if code, stdout, stderr := run(t, "", "explain", "ORG001"); code != ExitOK || !strings.Contains(stdout, "Images come from our own ECR.") {
		t.Fatalf("explain ORG001: %d %s %s", code, stdout, stderr)
	}
}

func TestCustomRuleBaseline(t *testing.T) {
	repo(t, map[string]string{".ecslint.yaml": orgImagesRule, "td.json": twoContainersTD})
	if code, _, stderr := run(t, "", "--only", "ORG001", "--write-baseline", "b.json", "td.json"); code != ExitOK {
		t.Fatalf("--write-baseline: %d %s", code, stderr)
	}
	if code, stdout, stderr := run(t, "", "--only", "ORG001", "--baseline", "b.json", "--format", "compact", "td.json"); code != ExitOK || strings.TrimSpace(stdout) != "" {
		t.Fatalf("baselined ORG001 reported: %d %q %s", code, stdout, stderr)
	}
}

func TestCustomRuleLoadErrors(t *testing.T) {
	cases := []struct {
		name, rule, want string
	}{
		{"syntax", `    violation: 'container.image.startsWith('`,
			`.ecslint.yaml:6:44: ORG001.violation: CEL: Syntax error`},
		{"unknown field", `    violation: container.imag == "x"`,
			`.ecslint.yaml:6:25: ORG001.violation: CEL: undefined field 'imag'`},
		{"unknown variable", `    violation: service.cluster == "x"`,
			`.ecslint.yaml:6:16: ORG001.violation: CEL: undeclared reference to 'service'`},
		{"wrong type", `    violation: container.memory`,
			`.ecslint.yaml:6:16: ORG001.violation: CEL: the condition is of type int; it must be a bool`},
		{"cost", `    violation: task.containerDefinitions.exists(a, task.containerDefinitions.exists(b, a.environment.exists(e, b.environment.exists(f, e.name == f.name))))`,
			`.ecslint.yaml:6:16: ORG001.violation: CEL: the condition may cost up to`},
		{"block scalar", "    violation: |\n      container.image == \"x\" &&\n        container.nope",
			`.ecslint.yaml:8:18: ORG001.violation: CEL: undefined field 'nope'`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			repo(t, map[string]string{".ecslint.yaml": "custom-rules:\n  - id: ORG001\n    name: r\n    severity: low\n    on: container\n" + c.rule + "\n    message: m\n", "td.json": twoContainersTD})
			code, _, stderr := run(t, "", "td.json")
			if code != ExitError || !strings.Contains(stderr, c.want) {
				t.Fatalf("code %d, stderr:\n%s\nwant it to contain %q", code, stderr, c.want)
			}
		})
	}
}

func TestCustomRuleIdentityErrors(t *testing.T) {
	repo(t, map[string]string{".ecslint.yaml": `custom-rules:
  - id: ECS900
    name: mine
    severity: low
    on: container
    violation: "true"
    message: m
  - id: ORG001
    name: privileged-container
    severity: low
    on: container
    violation: "true"
    message: m
include: [../elsewhere/*.yaml, none/*.yaml]
`, "td.json": twoContainersTD})
	code, _, stderr := run(t, "", "td.json")
	for _, want := range []string{
		".ecslint.yaml:2:5: custom-rules[0].id: ECS900 is in ecslint's own namespace",
		".ecslint.yaml:9:5: custom-rules[1].name: privileged-container is already the name of rule ECS001",
		`.ecslint.yaml:14:11: include[0]: "../elsewhere/*.yaml" leaves the config's directory`,
		`.ecslint.yaml:14:32: include[1]: "none/*.yaml" matches no file`,
	} {
		if code != ExitError || !strings.Contains(stderr, want) {
			t.Errorf("code %d, stderr:\n%s\nwant it to contain %q", code, stderr, want)
		}
	}
}

func TestCustomRuleInclude(t *testing.T) {
	repo(t, map[string]string{
		".ecslint.yaml":     "include: [policies/*.yaml]\nseverity:\n  ORG001: low\n",
		"policies/a.yaml":   orgImagesRule,
		"policies/bad.yaml": "custom-rules:\n  - id: ORG002\n    name: two\n    severity: low\n    on: container\n    violation: container.nope\n    message: m\n",
		"td.json":           twoContainersTD,
	})
	code, _, stderr := run(t, "", "td.json")
	if want := "policies/bad.yaml:6:25: ORG002.violation: CEL: undefined field 'nope'"; code != ExitError || !strings.Contains(stderr, want) {
		t.Errorf("code %d, stderr:\n%s\nwant it to contain %q", code, stderr, want)
	}
	if err := os.WriteFile("policies/bad.yaml", []byte("custom-rules: []\nexclude: [x]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, "", "td.json")
	if want := "policies/bad.yaml:2:1: exclude: an included file holds only custom-rules"; code != ExitError || !strings.Contains(stderr, want) {
		t.Errorf("code %d, stderr:\n%s\nwant it to contain %q", code, stderr, want)
	}
	if err := os.Remove("policies/bad.yaml"); err != nil {
		t.Fatal(err)
	}
	// The included rule is known to the rest of the config (severity).
	code, stdout, stderr := run(t, "", "--only", "ORG001", "--format", "compact", "td.json")
	if code != ExitFindings || !strings.Contains(stdout, "td.json:4:21: low ORG001") {
		t.Errorf("code %d, stdout %q, stderr %s", code, stdout, stderr)
	}
}

func TestCustomRuleLongListIsNotIterated(t *testing.T) {
	var env []string
	for i := range 1001 {
		env = append(env, fmt.Sprintf(`{"name": "V%d", "value": "x"}`, i))
	}
	repo(t, map[string]string{".ecslint.yaml": `custom-rules:
  - id: ORG011
    name: no-password-env
    severity: high
    on: container
    violation: container.environment.exists(e, e.name == "PASSWORD")
    message: m
`, "td.json": `{"family": "app", "containerDefinitions": [{"name": "app", "image": "i", "environment": [` + strings.Join(env, ",") + `]}]}`})
	code, stdout, _ := run(t, "", "--only", "ORG011", "--verbose", "--format", "json", "td.json")
	if code != ExitOK || !strings.Contains(stdout, "ORG011: not evaluated on container app of app: it iterates over lists, and one has 1001 items") {
		t.Fatalf("code %d, want a note that ORG011 was not evaluated:\n%s", code, stdout)
	}
}

func TestCustomRuleKindsAndSecrets(t *testing.T) {
	repo(t, map[string]string{".ecslint.yaml": `custom-rules:
  - id: ORG020
    name: no-public-ip
    severity: high
    on: service
    violation: service.assignPublicIp == "ENABLED"
    message: 'service {{resource.name}} in {{service.cluster}}'
  - id: ORG021
    name: no-host-volumes
    severity: medium
    on: volume
    violation: has(volume.host) && volume.host.sourcePath.startsWith("/var")
    message: 'volume {{volume.name}} mounts {{volume.host.sourcePath}}'
    at: volume.host.sourcePath
  - id: ORG022
    name: echo-env
    severity: low
    on: container
    violation: container.environment.exists(e, e.name == "TOKEN")
    message: 'token {{container.environment.filter(e, e.name == "TOKEN")[0].value}}'
`, "main.tf": `resource "aws_ecs_service" "web" {
  name    = "web"
  cluster = "payments"
  network_configuration {
    subnets          = ["subnet-1"]
    assign_public_ip = true
  }
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{ name = "app", image = "i", environment = [{ name = "TOKEN", value = "s3cr3t-value" }] }])
  volume {
    name      = "logs"
    host_path = "/var/log"
  }
}
`})
	_, stdout, stderr := run(t, "", "--only", "ORG020", "--only", "ORG021", "--only", "ORG022", "--format", "compact", "main.tf")
	want := []string{
		"main.tf:6:5: high ORG020 service aws_ecs_service.web in payments",
		"main.tf:12:39: low ORG022 token (hidden: may be a secret)",
		"main.tf:15:5: medium ORG021 volume logs mounts /var/log",
	}
	if got := compactLines(stdout); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s\n(stderr %s)", strings.Join(got, "\n"), strings.Join(want, "\n"), stderr)
	}
	if strings.Contains(stdout, "s3cr3t") {
		t.Fatal("a message printed an environment value")
	}
}

func TestCustomRuleAtMustBeAField(t *testing.T) {
	repo(t, map[string]string{".ecslint.yaml": "custom-rules:\n  - id: ORG001\n    name: r\n    severity: low\n    on: container\n    violation: 'true'\n    message: m\n    at: container.image.size()\n", "td.json": twoContainersTD})
	code, _, stderr := run(t, "", "td.json")
	if want := ".ecslint.yaml:8:9: ORG001.at: at names a field"; code != ExitError || !strings.Contains(stderr, want) {
		t.Fatalf("code %d, stderr %s, want %q", code, stderr, want)
	}
}

func TestExampleRulePack(t *testing.T) {
	t.Chdir("../..")
	code, stdout, stderr := run(t, "", "rules", "test", "examples/org-policies")
	if code != ExitOK || !strings.Contains(stdout, "ok examples/org-policies: 5 rules") {
		t.Fatalf("the example rule pack fails its own tests: %d\n%s%s", code, stdout, stderr)
	}
}
