package rules

import (
	"fmt"
	"maps"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type outdatedFargatePlatform struct{}

var outdatedFargatePlatformMeta = lint.Meta{
	ID:         "ECS103",
	Name:       "outdated-fargate-platform",
	Severity:   lint.Medium,
	Controls:   []string{"ECS.10"},
	ConfigRule: "ecs-fargate-latest-platform-version",
	Summary:    "Fargate services should run on the latest platform version.",
	Options:    []lint.Option{fargateLatestVersions},
	Rationale: "Fargate platform versions carry the kernel, container runtime and agent the tasks run on; " +
		"older versions miss security fixes and features. A service pinned to an old version stays on it.",
	Remediation: "Remove `platformVersion` or set it to LATEST (or to the current latest: " +
		"Linux 1.4.0, Windows 1.0.0 as of 2026-12). The option `fargate-latest-versions` " +
		"(for example {LINUX: 1.4.0, WINDOWS: 1.0.0}) overrides the table when AWS releases a new version.",
	Reads: lint.Services | lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad:  cfnTemplate(serviceTemplate("          AssignPublicIp: DISABLED\n", "      LaunchType: FARGATE\n      PlatformVersion: 1.3.0\n")),
				Good: cfnTemplate(serviceTemplate("          AssignPublicIp: DISABLED\n", "      LaunchType: FARGATE\n      PlatformVersion: LATEST\n"))},
			{Format: "terraform",
				Bad:  tfService(tfTaskARN, nil, `launch_type = "FARGATE"`, `platform_version = "1.3.0"`),
				Good: tfService(tfTaskARN, nil, `launch_type = "FARGATE"`, `platform_version = "LATEST"`)},
		}
	},
}

func (outdatedFargatePlatform) Meta() *lint.Meta { return &outdatedFargatePlatformMeta }

// fargateLatest are the latest Fargate platform versions per OS, as of
// 2026-12 (AWS Fargate platform version release notes).
var fargateLatest = map[string]string{"LINUX": "1.4.0", "WINDOWS": "1.0.0"}

// fargateLatestVersions overrides fargateLatest, entry by entry.
var fargateLatestVersions = lint.Option{
	Name: "fargate-latest-versions", Type: lint.StringMapOption, Default: fargateLatest,
	Description: "The latest Fargate platform version per operating system family (`LINUX`, `WINDOWS`, in any case). " +
		"An entry replaces the built-in one, so the rule can follow an AWS release before ecslint does.",
}

// onFargate reports a service that runs (or may run) its tasks on Fargate.
func onFargate(s *lint.Service) bool {
	fargate := func(v lint.String) bool {
		return v.Known() && (strings.EqualFold(v.V, "FARGATE") || strings.EqualFold(v.V, "FARGATE_SPOT"))
	}
	if _, ok := s.LaunchType.Any(fargate); ok {
		return true
	}
	for _, cp := range s.CapacityProviders {
		if _, ok := cp.Any(fargate); ok {
			return true
		}
	}
	return false
}

func (outdatedFargatePlatform) Check(p *lint.Pass) {
	latest := maps.Clone(fargateLatest)
	for k, v := range p.Options.StringMap(fargateLatestVersions) {
		latest[strings.ToUpper(k)] = v
	}
	for _, s := range p.Unit.Services {
		if !onFargate(s) {
			continue
		}
		// The task definition tells the OS; one outside the unit may be
		// either, so only a version that is latest for neither is reported.
		oses := []string{"LINUX", "WINDOWS"}
		if td := p.Unit.TaskDefinition(s.TaskDefinition.Ref()); td != nil {
			switch {
			case td.OperatingSystemFamily.State == lint.Unknown:
				continue
			case td.IsWindows():
				oses = []string{"WINDOWS"}
			default:
				oses = []string{"LINUX"}
			}
		}
		v, ok := s.PlatformVersion.Any(func(v lint.String) bool {
			if !v.Known() || strings.EqualFold(v.V, "LATEST") {
				return false
			}
			for _, os := range oses {
				if v.V == latest[os] {
					return false
				}
			}
			return true
		})
		if !ok {
			continue
		}
		var want []string
		for _, os := range oses {
			want = append(want, latest[os]+" on "+strings.ToLower(os))
		}
		p.Report(resourceFinding(s.Resource, v.Range, "platformVersion",
			fmt.Sprintf("%s %s pins Fargate platform version %s; the latest is %s",
				s.Kind, quote(s.Name), v.V, strings.Join(want, " and "))))
	}
}
