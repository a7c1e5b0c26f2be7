package main

import (
	"os"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/rules/ruledoc"
)

// TestBadOptionsAreConfigErrors (issue 17, defect 3): a misspelt option,
// an option given to a rule that takes none, a value of the wrong type and
// options for an unknown rule stop the run (exit 2) with the file, line,
// column and what was meant. Before, all four were accepted and ignored,
// so the setting the author meant silently did nothing.
func TestBadOptionsAreConfigErrors(t *testing.T) {
	for _, c := range []struct{ name, config, want string }{
		{"misspelt option", "options:\n  ECS011: {allowed-capability: [NET_ADMIN]}\n",
			`ecslint: .ecslint.yaml:2:12: options.ECS011.allowed-capability: unknown option of ECS011; did you mean "allowed-capabilities"?` + "\n"},
		{"option for a rule with none", "options:\n  ECS001:\n    allowed-capabilities: [NET_ADMIN]\n",
			`ecslint: .ecslint.yaml:3:5: options.ECS001.allowed-capabilities: unknown option: ECS001 takes no options; it is an option of ECS011 and ECS301` + "\n"},
		{"wrong type", "options:\n  eks-unsupported-version: {eks-minimum-version: 1.36}\n",
			`ecslint: .ecslint.yaml:2:29: options.eks-unsupported-version.eks-minimum-version: must be a string, not a number` + "\n"},
		{"not a minor version", "options:\n  EKS003: {eks-minimum-version: \"1.36.2\"}\n",
			`ecslint: .ecslint.yaml:2:12: options.EKS003.eks-minimum-version: "1.36.2" does not match pattern ^[0-9]+\.[0-9]+$` + "\n"},
		{"option for an unknown rule", "options:\n  ECS0111: {allowed-capabilities: [NET_ADMIN]}\n",
			"ecslint: .ecslint.yaml:2:3: options.ECS0111: unknown rule \"ECS0111\"; did you mean \"ECS011\"? (see `ecslint rules`)\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			repo(t, map[string]string{".ecslint.yaml": c.config, "td.json": privilegedTD})
			code, _, stderr := run(t, "", ".")
			if code != ExitError || stderr != c.want {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and:\n%s", code, stderr, ExitError, c.want)
			}
		})
	}
}

// TestOptionsTakeEffect: a well-typed option reaches its rule, through
// either spelling of the rule.
func TestOptionsTakeEffect(t *testing.T) {
	td := `{"family": "app", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "essential": true,
  "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "p"}},
  "readonlyRootFilesystem": true, "user": "1000",
  "linuxParameters": {"capabilities": {"add": ["NET_ADMIN"]}}}]}`
	repo(t, map[string]string{"td.json": td})
	if code, stdout, _ := run(t, "", "--format", "json", "."); code != ExitFindings || !strings.Contains(stdout, "ECS011") {
		t.Fatalf("without options: exit %d %s", code, stdout)
	}
	repo(t, map[string]string{".ecslint.yaml": "options:\n  dangerous-capabilities: {allowed-capabilities: [cap_net_admin]}\n", "td.json": td})
	if code, stdout, stderr := run(t, "", "--format", "json", "."); strings.Contains(stdout, "ECS011") {
		t.Errorf("NET_ADMIN allowed: exit %d %s %s", code, stdout, stderr)
	}
}

// TestConfigReferenceListsOptions fails when docs/config.md's table of
// rule options is not what `go generate ./rules` writes.
func TestConfigReferenceListsOptions(t *testing.T) {
	t.Chdir("../..")
	doc, err := os.ReadFile("docs/config.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := ruledoc.ConfigOptions(string(doc), describedRules())
	if err != nil {
		t.Fatal(err)
	}
	if string(doc) != want {
		t.Error("docs/config.md's rule options are stale: run go generate ./rules")
	}
	for _, r := range describedRules() {
		for _, o := range r.Meta().Options {
			if !strings.Contains(want, "| `"+o.Name+"` |") {
				t.Errorf("docs/config.md does not list %s's %s", r.Meta().ID, o.Name)
			}
		}
	}
}

// TestExposureTraitsInheritOptions: ECS301 judges a dangerous capability
// as ECS011 does when only ECS011 allows it, and by its own list when it
// sets one (an empty list included).
func TestExposureTraitsInheritOptions(t *testing.T) {
	template := `Resources:
  Service:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: !Ref TaskDef
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: ENABLED
          Subnets: [subnet-1]
          SecurityGroups: [!Ref Open]
  Open:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: open
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 0.0.0.0/0
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
          User: "1000"
          ReadonlyRootFilesystem: true
          LogConfiguration: {LogDriver: awslogs, Options: {awslogs-group: g, awslogs-region: eu-west-1}}
          LinuxParameters: {Capabilities: {Add: [NET_ADMIN]}}
`
	for _, c := range []struct {
		name, config string
		exposed      bool
	}{
		{"no options", "", true},
		{"allowed for ECS011", "options:\n  ECS011: {allowed-capabilities: [NET_ADMIN]}\n", false},
		{"ECS301's own list wins", "options:\n  ECS011: {allowed-capabilities: [NET_ADMIN]}\n  ECS301: {allowed-capabilities: []}\n", true},
		{"allowed for ECS301 only", "options:\n  service-exposure: {allowed-capabilities: [net_admin]}\n", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"template.yaml": template}
			if c.config != "" {
				files[".ecslint.yaml"] = c.config
			}
			repo(t, files)
			_, stdout, stderr := run(t, "", "--format", "json", "--only", "ECS301", ".")
			if got := strings.Contains(stdout, `"ECS301"`); got != c.exposed {
				t.Errorf("ECS301 reported %v, want %v: %s %s", got, c.exposed, stdout, stderr)
			}
		})
	}
}
