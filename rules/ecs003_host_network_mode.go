package rules

import "github.com/ecslint/ecslint/lint"

type hostNetworkMode struct{}

var hostNetworkModeMeta = lint.Meta{
	ID:       "ECS003",
	Name:     "host-network-mode",
	Severity: lint.High,
	Controls: []string{"ECS.17"},
	Summary:  "Task definitions should not use the host network mode.",
	Rationale: "In host mode the containers use the instance's network stack directly: no isolation from other " +
		"tasks' traffic, access to services bound to the instance's loopback (including the instance metadata " +
		"service without hop limits), and no security groups per task.",
	Remediation: "Use `awsvpc` (required on Fargate) or `bridge` network mode instead of `host`.",
	Reads:       lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad:  jsonTask(`{"name": "app", "image": "nginx:1.27"}`, `"networkMode": "host"`),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27"}`, `"networkMode": "awsvpc"`)},
			{Format: "cloudformation",
				Bad:  cfnTask("        - Name: app\n          Image: nginx:1.27\n", "      NetworkMode: host\n"),
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n", "      NetworkMode: awsvpc\n")},
			{Format: "terraform",
				Bad:  tfTask(`{ name = "app", image = "nginx:1.27" }`, `network_mode = "host"`),
				Good: tfTask(`{ name = "app", image = "nginx:1.27" }`, `network_mode = "awsvpc"`)},
		}
	},
}

func (hostNetworkMode) Meta() *lint.Meta { return &hostNetworkModeMeta }

func (hostNetworkMode) Check(p *lint.Pass) { runTaskCheck(p, checkHostNetwork) }

// checkHostNetwork is also one of ECS301's traits.
func checkHostNetwork(_ *lint.Unit, td *lint.TaskDefinition, _ lint.OptionValues, report func(lint.Finding)) {
	checkHostMode(td, td.NetworkMode, "networkMode", "uses the host network mode", report)
}
