package rules

import "github.com/ecslint/ecslint/lint"

type hostIPCMode struct{}

var hostIPCModeMeta = lint.Meta{
	ID:       "ECS010",
	Name:     "host-ipc-mode",
	Severity: lint.High,
	Summary:  "Task definitions should not share the host's IPC namespace.",
	Rationale: "With ipcMode host, the containers share the instance's System V IPC objects and POSIX shared " +
		"memory with every process on it, so they can read or corrupt other tasks' shared memory.",
	Remediation: "Remove `ipcMode`, or set it to `task` to share IPC resources between the task's containers only, or `none`.",
	Reads:       lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad:  jsonTask(`{"name": "app", "image": "nginx:1.27"}`, `"ipcMode": "host"`),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27"}`, `"ipcMode": "task"`)},
			{Format: "cloudformation",
				Bad:  cfnTask("        - Name: app\n          Image: nginx:1.27\n", "      IpcMode: host\n"),
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n", "      IpcMode: none\n")},
			{Format: "terraform",
				Bad:  tfTask(`{ name = "app", image = "nginx:1.27" }`, `ipc_mode = "host"`),
				Good: tfTask(`{ name = "app", image = "nginx:1.27" }`, `ipc_mode = "task"`)},
		}
	},
}

func (hostIPCMode) Meta() *lint.Meta { return &hostIPCModeMeta }

func (hostIPCMode) Check(p *lint.Pass) { runTaskCheck(p, checkHostIPC) }

// checkHostIPC is also one of ECS301's traits.
func checkHostIPC(_ *lint.Unit, td *lint.TaskDefinition, _ lint.OptionValues, report func(lint.Finding)) {
	checkHostMode(td, td.IpcMode, "ipcMode", "shares the host's IPC namespace (ipcMode \"host\")", report)
}
