package rules

import (
	"fmt"

	"github.com/ecslint/ecslint/lint"
)

type hostNetworkRootUser struct{}

// reviewedHostNetwork suppresses ECS003 in ECS008's example that is not
// reported: host network mode without root is what ECS008 accepts, and
// ECS003 reports any host network mode.
const reviewedHostNetwork = "# ecslint:ignore ECS003 -- the agent needs the host's network, reviewed in OPS-42"

var hostNetworkRootUserMeta = lint.Meta{
	ID:         "ECS008",
	Name:       "host-network-root-user",
	Severity:   lint.High,
	Controls:   []string{"ECS.1"},
	ConfigRule: "ecs-task-definition-user-for-host-mode-check",
	Summary:    "Task definitions in host network mode should not run containers as root.",
	Rationale: "In host network mode a container shares the instance's network stack; running as root there " +
		"lets it bind privileged ports, sniff and alter the instance's traffic and reach local-only services. " +
		"AWS retired Security Hub control ECS.1 in 2026 in favour of ECS.4, ECS.17 and ECS.20, which ECS001, " +
		"ECS003 and ECS009 check; this rule keeps the combined check for teams that still report on ECS.1.",
	Remediation: "Use the awsvpc or bridge network mode, or set `user` to a non-root user (a name or a UID other than 0).",
	Reads:       lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad:  except(user).jsonTask(`{"name": "app", "image": "nginx:1.27"}`, `"networkMode": "host"`),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27", "user": "1000"}`, `"networkMode": "bridge"`)},
			{Format: "cloudformation",
				Bad:  cfnTask("        - Name: app\n          Image: nginx:1.27\n          User: root\n", "      NetworkMode: host\n"),
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n          User: \"1000:1000\"\n", "      "+reviewedHostNetwork+"\n      NetworkMode: host\n")},
			{Format: "terraform",
				Bad:  tfTask(`{ name = "app", image = "nginx:1.27", user = "root" }`, `network_mode = "host"`),
				Good: tfTask(`{ name = "app", image = "nginx:1.27", user = "1000:1000" }`, reviewedHostNetwork+"\n"+`network_mode = "host"`)},
		}
	},
}

func (hostNetworkRootUser) Meta() *lint.Meta { return &hostNetworkRootUserMeta }

func (hostNetworkRootUser) Check(p *lint.Pass) {
	for _, td := range p.Unit.TaskDefinitions {
		mode, ok := td.NetworkMode.Any(isHost)
		if !ok {
			continue
		}
		for _, c := range td.Containers {
			// ECS.1 only looks at unprivileged containers: a privileged
			// one is ECS001's finding.
			if _, unprivileged := c.Privileged.Any(unsetOrFalse); !unprivileged {
				continue
			}
			u, ok := rootUser(c)
			if !ok {
				continue
			}
			f := containerFinding(td, c, u.Range, "user",
				fmt.Sprintf("container %q runs as root in host network mode", c.DisplayName()))
			f.Related = []lint.Related{{Range: mode.Range, Message: "host network mode"}}
			p.Report(f)
		}
	}
}
