package rules

import (
	"fmt"

	"github.com/ecslint/ecslint/lint"
)

type writableRootFilesystem struct{}

var writableRootFilesystemMeta = lint.Meta{
	ID:         "ECS007",
	Name:       "writable-root-filesystem",
	Severity:   lint.High,
	Controls:   []string{"ECS.5"},
	ConfigRule: "ecs-containers-readonly-access",
	Summary:    "Containers should have a read-only root file system.",
	Rationale: "A writable root file system lets an attacker who gets code execution in the container drop " +
		"tools, change binaries and configuration, and persist for the life of the task. ECS defaults to writable. " +
		"In Terraform the AWS provider matches container definition keys ignoring case, so `readOnlyRootFilesystem = true` does make the root read-only there; in raw JSON and CloudFormation only the exact spelling takes effect (ECS000 reports the others).",
	Remediation: "Set `readonlyRootFilesystem` to true, and mount a volume (or ephemeral task storage) at the " +
		"few paths the application must write, such as /tmp.",
	Reads: lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json", Bad: except(readonlyRoot).jsonTask(`{"name": "app", "image": "nginx:1.27"}`),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27", "readonlyRootFilesystem": true}`)},
			{Format: "cloudformation", Bad: cfnTask("        - Name: app\n          Image: nginx:1.27\n          ReadonlyRootFilesystem: false\n"),
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n          ReadonlyRootFilesystem: true\n")},
			{Format: "terraform", Bad: tfTask(`{ name = "app", image = "nginx:1.27", readonlyRootFilesystem = false }`),
				Good: tfTask(`{ name = "app", image = "nginx:1.27", readonlyRootFilesystem = true }`)},
		}
	},
}

func (writableRootFilesystem) Meta() *lint.Meta { return &writableRootFilesystemMeta }

func (writableRootFilesystem) Check(p *lint.Pass) {
	p.Unit.EachContainer(func(td *lint.TaskDefinition, c *lint.Container) {
		// Windows containers do not support a read-only root file system.
		if !linuxTask(td) {
			return
		}
		v, ok := c.ReadonlyRootFilesystem.Any(unsetOrFalse)
		if !ok {
			return
		}
		msg := fmt.Sprintf("container %q has a writable root file system (readonlyRootFilesystem is not set)", c.DisplayName())
		if v.Set() {
			msg = fmt.Sprintf("container %q has a writable root file system (readonlyRootFilesystem false)", c.DisplayName())
		}
		f := containerFinding(td, c, v.Range, "readonlyRootFilesystem", msg)
		switch {
		case v.Set() && !placed(td, v.Range):
			f.Fixes = setValue(c.ReadonlyRootFilesystem, v, "set readonlyRootFilesystem to true", literal{"false", "true"})
		case !v.Set() && len(c.ReadonlyRootFilesystem.Alts()) == 0:
			f.Fixes = addContainerKey(td, c, "readonlyRootFilesystem", "true")
		}
		p.Report(f)
	})
}
