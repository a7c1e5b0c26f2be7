package rules

import (
	"fmt"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type windowsAdminUser struct{}

const windowsPlatform = `"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"}`

var tfWindowsPlatform = tfBlock("runtime_platform", `operating_system_family = "WINDOWS_SERVER_2022_CORE"`, `cpu_architecture = "X86_64"`)

var windowsAdminUserMeta = lint.Meta{
	ID:         "ECS015",
	Name:       "windows-admin-user",
	Severity:   lint.Medium,
	Controls:   []string{"ECS.21"},
	ConfigRule: "ecs-task-definition-windows-user-non-admin",
	Summary:    "Windows containers should not run as ContainerAdministrator.",
	Rationale: "Windows containers run as ContainerAdministrator unless `user` says otherwise. An administrator " +
		"in the container can change its system configuration and has the most to gain from a container escape.",
	Remediation: "Set `user` to ContainerUser or another non-administrator account the image provides.",
	Reads:       lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad:  except(user|readonlyRoot).jsonTask(`{"name": "app", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"}`, windowsPlatform),
				Good: except(readonlyRoot).jsonTask(`{"name": "app", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "user": "ContainerUser"}`, windowsPlatform)},
			{Format: "cloudformation",
				Bad: except(readonlyRoot).cfnTask("        - Name: app\n          Image: mcr.microsoft.com/windows/servercore:ltsc2022\n          User: ContainerAdministrator\n",
					"      RuntimePlatform:\n        OperatingSystemFamily: WINDOWS_SERVER_2022_CORE\n"),
				Good: except(readonlyRoot).cfnTask("        - Name: app\n          Image: mcr.microsoft.com/windows/servercore:ltsc2022\n          User: ContainerUser\n",
					"      RuntimePlatform:\n        OperatingSystemFamily: WINDOWS_SERVER_2022_CORE\n")},
			{Format: "terraform",
				Bad:  except(user|readonlyRoot).tfTask(`{ name = "app", image = "mcr.microsoft.com/windows/servercore:ltsc2022" }`, "", tfWindowsPlatform),
				Good: except(readonlyRoot).tfTask(`{ name = "app", image = "mcr.microsoft.com/windows/servercore:ltsc2022", user = "ContainerUser" }`, "", tfWindowsPlatform)},
		}
	},
}

func (windowsAdminUser) Meta() *lint.Meta { return &windowsAdminUserMeta }

func (windowsAdminUser) Check(p *lint.Pass) {
	p.Unit.EachContainer(func(td *lint.TaskDefinition, c *lint.Container) {
		if !td.IsWindows() {
			return
		}
		u, ok := c.User.Any(func(v lint.String) bool {
			return v.State == lint.Unset || (v.Known() && (v.V == "" || strings.EqualFold(v.V, "ContainerAdministrator")))
		})
		if !ok {
			return
		}
		msg := fmt.Sprintf("Windows container %q sets no user and runs as ContainerAdministrator", c.DisplayName())
		if u.Set() {
			msg = fmt.Sprintf("Windows container %q runs as ContainerAdministrator", c.DisplayName())
		}
		p.Report(containerFinding(td, c, u.Range, "user", msg))
	})
}
