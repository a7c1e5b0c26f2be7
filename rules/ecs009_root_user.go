package rules

import (
	"fmt"

	"github.com/ecslint/ecslint/lint"
)

type rootUserRule struct{}

var rootUserMeta = lint.Meta{
	ID:         "ECS009",
	Name:       "root-user",
	Severity:   lint.Medium,
	Controls:   []string{"ECS.20"},
	ConfigRule: "ecs-task-definition-linux-user-non-root",
	Summary:    "Linux containers should run as a non-root user.",
	Rationale: "Without `user`, a container runs as the image's default user, which is root for most images. " +
		"Root in the container is root on the host's kernel: a container escape or a writable host mount is then " +
		"a host compromise. " +
		"In Terraform the AWS provider matches container definition keys ignoring case, so `User = \"1000\"` sets the user there; in raw JSON and CloudFormation only the exact spelling takes effect.",
	Remediation: "Set `user` to a non-root user or UID (for example `1000` or `1000:1000`) that the image provides.",
	Reads:       lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad:  jsonTask(`{"name": "app", "image": "nginx:1.27", "user": "0:0"}`),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27", "user": "nginx"}`)},
			{Format: "cloudformation",
				Bad:  except(user).cfnTask("        - Name: app\n          Image: nginx:1.27\n"),
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n          User: \"1000\"\n")},
			{Format: "terraform",
				Bad:  tfTask(`{ name = "app", image = "nginx:1.27", user = "0" }`),
				Good: tfTask(`{ name = "app", image = "nginx:1.27", user = "1000" }`)},
		}
	},
}

func (rootUserRule) Meta() *lint.Meta { return &rootUserMeta }

func (rootUserRule) Check(p *lint.Pass) {
	p.Unit.EachContainer(func(td *lint.TaskDefinition, c *lint.Container) {
		// Windows task definitions are ECS015's.
		if !linuxTask(td) {
			return
		}
		u, ok := rootUser(c)
		if !ok {
			return
		}
		msg := fmt.Sprintf("container %q sets no user and runs as the image's default, usually root", c.DisplayName())
		if u.Set() {
			msg = fmt.Sprintf("container %q runs as root (user %q)", c.DisplayName(), u.V)
		}
		p.Report(containerFinding(td, c, u.Range, "user", msg))
	})
}
