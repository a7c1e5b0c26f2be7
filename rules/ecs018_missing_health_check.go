package rules

import (
	"fmt"

	"github.com/ecslint/ecslint/lint"
)

type missingHealthCheck struct{}

var missingHealthCheckMeta = lint.Meta{
	ID:       "ECS018",
	Name:     "missing-health-check",
	Severity: lint.Low,
	Peers:    []string{"KICS ECS Task Definition Container Healthcheck Not Set"},
	Summary:  "Essential containers should have a health check.",
	Rationale: "ECS judges a task's health by its essential containers' health checks, and only by those the task " +
		"definition declares: a HEALTHCHECK in the image's Dockerfile is ignored. Without one, a container that " +
		"hangs or stops serving keeps running, a service keeps it in rotation, and a deployment counts it as healthy. " +
		"Not every container can be probed, so the rule is off by default.",
	Remediation: "Add a `healthCheck` with a `command` that probes the application (for example " +
		"`[\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"]`), or mark a helper container `essential: false`.",
	Reads:    lint.TaskDefinitions,
	Disabled: true,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad: jsonTask(`{"name": "app", "image": "nginx:1.27"}`),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27", "healthCheck": ` +
					`{"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]}}`)},
			{Format: "cloudformation",
				Bad: cfnTask("        - Name: app\n          Image: nginx:1.27\n"),
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n          HealthCheck:\n" +
					"            Command: [CMD-SHELL, \"curl -f http://localhost/ || exit 1\"]\n")},
			{Format: "terraform",
				Bad:  tfTask(`{ name = "app", image = "nginx:1.27" }`),
				Good: tfTask(`{ name = "app", image = "nginx:1.27", healthCheck = { command = ["CMD-SHELL", "curl -f http://localhost/ || exit 1"] } }`)},
		}
	},
}

func (missingHealthCheck) Meta() *lint.Meta { return &missingHealthCheckMeta }

func (missingHealthCheck) Check(p *lint.Pass) {
	p.Unit.EachContainer(func(td *lint.TaskDefinition, c *lint.Container) {
		if c.HealthCheck.State != lint.Unset {
			return
		}
		// essential defaults to true; a container that may be essential
		// (a Fn::If branch) is one.
		if _, ok := c.Essential.Any(func(v lint.Bool) bool { return v.State == lint.Unset || (v.Known() && v.V) }); !ok {
			return
		}
		p.Report(containerFinding(td, c, lint.Range{}, "healthCheck",
			fmt.Sprintf("essential container %q has no healthCheck", c.DisplayName())))
	})
}
