package rules

import (
	"fmt"

	"github.com/ecslint/ecslint/lint"
)

type missingLogConfiguration struct{}

var missingLogConfigurationMeta = lint.Meta{
	ID:         "ECS006",
	Name:       "missing-log-configuration",
	Severity:   lint.High,
	Controls:   []string{"ECS.9"},
	ConfigRule: "ecs-task-definition-log-configuration",
	Summary:    "Containers should have a logging configuration.",
	Rationale: "Without a log driver a container's output stays on the instance (or is lost on Fargate), " +
		"so incidents cannot be investigated and the control fails.",
	Remediation: "Add a `logConfiguration` with a `logDriver` such as `awslogs`, or `awsfirelens` for FireLens.",
	Reads:       lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad: except(logConfiguration).jsonTask(`{"name": "app", "image": "nginx:1.27"}`),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27", "logConfiguration": {"logDriver": "awslogs", ` +
					`"options": {"awslogs-group": "/ecs/app", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "app"}}}`)},
			{Format: "cloudformation",
				Bad: except(logConfiguration).cfnTask("        - Name: app\n          Image: nginx:1.27\n"),
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n          LogConfiguration:\n" +
					"            LogDriver: awslogs\n            Options:\n              awslogs-group: /ecs/app\n" +
					"              awslogs-region: eu-west-1\n              awslogs-stream-prefix: app\n")},
			{Format: "terraform",
				Bad: except(logConfiguration).tfTask(`{ name = "app", image = "nginx:1.27" }`),
				Good: tfTask(`{ name = "app", image = "nginx:1.27", logConfiguration = { logDriver = "awslogs", options = ` +
					`{ "awslogs-group" = "/ecs/app", "awslogs-region" = "eu-west-1", "awslogs-stream-prefix" = "app" } } }`)},
		}
	},
}

func (missingLogConfiguration) Meta() *lint.Meta { return &missingLogConfigurationMeta }

func (missingLogConfiguration) Check(p *lint.Pass) {
	p.Unit.EachContainer(func(td *lint.TaskDefinition, c *lint.Container) {
		lc := c.LogConfiguration
		switch lc.State {
		case lint.Unset:
			p.Report(containerFinding(td, c, lint.Range{}, "logConfiguration",
				fmt.Sprintf("container %q has no logConfiguration", c.DisplayName())))
		case lint.Known:
			if _, ok := lc.LogDriver.Any(func(v lint.String) bool { return v.State == lint.Unset || (v.Known() && v.V == "") }); ok {
				p.Report(containerFinding(td, c, lc.Range, "logConfiguration.logDriver",
					fmt.Sprintf("container %q has a logConfiguration without a logDriver", c.DisplayName())))
			}
		}
	})
}
