package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type dangerousCapabilities struct{}

var dangerousCapabilitiesMeta = lint.Meta{
	ID:       "ECS011",
	Name:     "dangerous-capabilities",
	Severity: lint.High,
	Summary:  "Containers should not add Linux capabilities that amount to host access.",
	Options:  []lint.Option{allowedCapabilities},
	Rationale: "Capabilities such as SYS_ADMIN, SYS_MODULE, SYS_PTRACE, SYS_RAWIO, DAC_READ_SEARCH, NET_ADMIN " +
		"or BPF let a process mount file systems, load kernel modules, trace other processes, read any file or " +
		"reconfigure the network: each is a known route out of the container. ALL is the same as privileged. " +
		"The option `allowed-capabilities` exempts capabilities a team has reviewed.",
	Remediation: "Remove the capability from `linuxParameters.capabilities.add`; add the narrowest capability " +
		"the workload needs (for example NET_BIND_SERVICE) and drop the rest.",
	Reads: lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad:  jsonTask(`{"name": "app", "image": "nginx:1.27", "linuxParameters": {"capabilities": {"add": ["SYS_ADMIN"]}}}`),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27", "linuxParameters": {"capabilities": {"add": ["NET_BIND_SERVICE"], "drop": ["ALL"]}}}`)},
			{Format: "cloudformation",
				Bad: cfnTask("        - Name: app\n          Image: nginx:1.27\n          LinuxParameters:\n" +
					"            Capabilities:\n              Add: [SYS_PTRACE]\n"),
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n          LinuxParameters:\n" +
					"            Capabilities:\n              Add: [CHOWN]\n")},
			{Format: "terraform",
				Bad:  tfTask(`{ name = "app", image = "nginx:1.27", linuxParameters = { capabilities = { add = ["NET_ADMIN"] } } }`),
				Good: tfTask(`{ name = "app", image = "nginx:1.27", linuxParameters = { capabilities = { add = ["NET_BIND_SERVICE"], drop = ["ALL"] } } }`)},
		}
	},
}

func (dangerousCapabilities) Meta() *lint.Meta { return &dangerousCapabilitiesMeta }

// allowedCapabilities exempts reviewed capabilities; ECS301 reads it too.
var allowedCapabilities = lint.Option{
	Name: "allowed-capabilities", Type: lint.StringListOption, Example: []string{"NET_ADMIN"},
	Description: "Capabilities not to report, written in any case, with or without `CAP_`: the ones a team has reviewed.",
}

// defaultDangerousCapabilities are the capabilities reported unless allowed.
var defaultDangerousCapabilities = map[string]bool{
	"ALL": true, "SYS_ADMIN": true, "SYS_MODULE": true, "SYS_PTRACE": true, "SYS_RAWIO": true, "SYS_BOOT": true,
	"DAC_READ_SEARCH": true, "NET_ADMIN": true, "BPF": true, "PERFMON": true, "MAC_ADMIN": true, "MAC_OVERRIDE": true,
}

// capabilityName normalises a capability as Docker does: any case, with or
// without the CAP_ prefix.
func capabilityName(s string) string {
	return strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "CAP_")
}

func (dangerousCapabilities) Check(p *lint.Pass) { runTaskCheck(p, checkCapabilities) }

// checkCapabilities is also one of ECS301's traits.
func checkCapabilities(_ *lint.Unit, td *lint.TaskDefinition, opts lint.OptionValues, report func(lint.Finding)) {
	allowed := opts.StringList(allowedCapabilities)
	dangerous := func(v lint.String) bool {
		name := capabilityName(v.V)
		return v.Known() && defaultDangerousCapabilities[name] &&
			!slices.ContainsFunc(allowed, func(a string) bool { return capabilityName(a) == name })
	}
	for _, c := range td.Containers {
		for _, add := range c.LinuxParameters.CapabilitiesAdd {
			v, ok := add.Any(dangerous)
			if !ok {
				continue
			}
			name := capabilityName(v.V)
			report(containerFinding(td, c, v.Range, "linuxParameters.capabilities.add."+name,
				fmt.Sprintf("container %q adds the %s capability", c.DisplayName(), name)))
		}
	}
}
