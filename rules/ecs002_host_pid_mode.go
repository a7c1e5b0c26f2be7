package rules

import (
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type hostPIDMode struct{}

var hostPIDModeMeta = lint.Meta{
	ID:         "ECS002",
	Name:       "host-pid-mode",
	Severity:   lint.High,
	Controls:   []string{"ECS.3"},
	ConfigRule: "ecs-task-definition-pid-mode-check",
	Summary:    "Task definitions should not share the host's process namespace.",
	Rationale: "With pidMode host, the task's containers see every process on the container instance " +
		"and, with enough privileges, can signal or trace them, including other tasks' processes.",
	Remediation: "Remove `pidMode` or set it to `task` to share a process namespace between the task's containers only.",
	Reads:       lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad:  jsonTask(`{"name": "app", "image": "nginx:1.27"}`, `"pidMode": "host"`),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27"}`, `"pidMode": "task"`)},
			{Format: "cloudformation",
				Bad:  cfnTask("        - Name: app\n          Image: nginx:1.27\n", "      PidMode: host\n"),
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n")},
			{Format: "terraform",
				Bad:  tfTask(`{ name = "app", image = "nginx:1.27" }`, `pid_mode = "host"`),
				Good: tfTask(`{ name = "app", image = "nginx:1.27" }`, `pid_mode = "task"`)},
		}
	},
}

func (hostPIDMode) Meta() *lint.Meta { return &hostPIDModeMeta }

func (hostPIDMode) Check(p *lint.Pass) { runTaskCheck(p, checkHostPID) }

// checkHostPID is also one of ECS301's traits.
func checkHostPID(_ *lint.Unit, td *lint.TaskDefinition, _ lint.OptionValues, report func(lint.Finding)) {
	checkHostMode(td, td.PidMode, "pidMode", "shares the host's process namespace (pidMode \"host\")", report)
}

// checkHostMode reports a task-level mode (pidMode, networkMode, ipcMode)
// that may be "host", as ECS002, ECS003 and ECS010 do: what completes the
// message "task definition NAME ...".
func checkHostMode(td *lint.TaskDefinition, mode lint.String, key, what string, report func(lint.Finding)) {
	if v, ok := mode.Any(isHost); ok {
		report(taskFinding(td, v.Range, key, "task definition "+quote(td.Name)+" "+what))
	}
}

// isHost matches a known value of "host", as the API spells it.
func isHost(v lint.String) bool { return v.Known() && strings.EqualFold(v.V, "host") }

func quote(s string) string { return "\"" + strings.ReplaceAll(s, "\"", "\\\"") + "\"" }
