package rules

import (
	"fmt"

	"github.com/ecslint/ecslint/lint"
)

type privilegedContainer struct{}

var privilegedContainerMeta = lint.Meta{
	ID:         "ECS001",
	Name:       "privileged-container",
	Severity:   lint.High,
	Controls:   []string{"ECS.4"},
	ConfigRule: "ecs-containers-nonprivileged",
	Summary:    "Containers should not run privileged.",
	Rationale: "A privileged container gets every Linux capability and access to all host devices. " +
		"A process that escapes it owns the container instance and every other task on it. " +
		"In Terraform the AWS provider matches container definition keys ignoring case, so `Privileged = true` runs the container privileged too and is reported; in raw JSON and CloudFormation only the exact spelling takes effect.",
	Remediation: "Remove `privileged` or set it to false. If the container needs one specific capability, " +
		"add only that one under linuxParameters.capabilities.add.",
	Reads: lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad:  jsonTask(`{"name": "app", "image": "nginx:1.27", "privileged": true}`),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27", "privileged": false}`)},
			{Format: "cloudformation",
				Bad:  cfnTask("        - Name: app\n          Image: nginx:1.27\n          Privileged: true\n"),
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n")},
			{Format: "terraform",
				Bad:  tfTask(`{ name = "app", image = "nginx:1.27", privileged = true }`),
				Good: tfTask(`{ name = "app", image = "nginx:1.27", privileged = false }`)},
		}
	},
}

func (privilegedContainer) Meta() *lint.Meta { return &privilegedContainerMeta }

func (privilegedContainer) Check(p *lint.Pass) { runTaskCheck(p, checkPrivileged) }

// checkPrivileged is also one of ECS301's traits.
func checkPrivileged(_ *lint.Unit, td *lint.TaskDefinition, _ lint.OptionValues, report func(lint.Finding)) {
	for _, c := range td.Containers {
		if v, ok := lint.Is(c.Privileged, true); ok {
			f := containerFinding(td, c, v.Range, "privileged",
				fmt.Sprintf("container %q runs privileged", c.DisplayName()))
			if !placed(td, v.Range) {
				f.Fixes = setValue(c.Privileged, v, "set privileged to false", literal{"true", "false"})
			}
			report(f)
		}
	}
}
