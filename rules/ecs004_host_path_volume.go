package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type hostPathVolume struct{}

var hostPathVolumeMeta = lint.Meta{
	ID:       "ECS004",
	Name:     "host-path-volume",
	Severity: lint.High,
	Summary:  "Task definitions should not mount paths of the host's file system.",
	Rationale: "A bind mount of a host path lets the container read, and unless mounted read-only write, the " +
		"container instance's files. Mounting `/`, `/etc`, `/proc`, `/sys`, `/dev`, `/root`, `/boot`, " +
		"`/var/lib/docker` or the Docker or containerd socket is a direct path to taking over the host, and is " +
		"reported as critical.",
	Remediation: "Use an EFS volume, a Docker-managed volume (a `host` object without `sourcePath`), or " +
		"ephemeral task storage instead of a host path.",
	Reads: lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad: jsonTask(`{"name": "app", "image": "nginx:1.27", "mountPoints": [{"sourceVolume": "docker", "containerPath": "/var/run/docker.sock"}]}`,
					`"volumes": [{"name": "docker", "host": {"sourcePath": "/var/run/docker.sock"}}]`),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27", "mountPoints": [{"sourceVolume": "cache", "containerPath": "/cache"}]}`,
					`"volumes": [{"name": "cache", "host": {}}]`)},
			{Format: "cloudformation",
				Bad: cfnTask("        - Name: app\n          Image: nginx:1.27\n",
					"      Volumes:\n        - Name: logs\n          Host:\n            SourcePath: /var/log\n"),
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n",
					"      Volumes:\n        - Name: logs\n          DockerVolumeConfiguration:\n            Scope: task\n")},
			{Format: "terraform",
				Bad: tfTask(`{ name = "app", image = "nginx:1.27", mountPoints = [{ sourceVolume = "docker", containerPath = "/var/run/docker.sock" }] }`,
					"", tfBlock("volume", `name = "docker"`, `host_path = "/var/run/docker.sock"`)),
				Good: tfTask(`{ name = "app", image = "nginx:1.27", mountPoints = [{ sourceVolume = "cache", containerPath = "/cache" }] }`,
					"", tfBlock("volume", `name = "cache"`))},
		}
	},
}

func (hostPathVolume) Meta() *lint.Meta { return &hostPathVolumeMeta }

// criticalHostPaths are host paths whose mount hands over the host; a path
// under one of the directories is as bad.
var criticalHostPaths = []string{"/proc", "/sys", "/etc", "/root", "/var/lib/docker", "/boot", "/dev"}

// criticalSockets are container runtime sockets: mounting one is root on the host.
var criticalSockets = map[string]bool{
	"/var/run/docker.sock": true, "/run/docker.sock": true,
	"/var/run/containerd/containerd.sock": true, "/run/containerd/containerd.sock": true,
}

// isCriticalHostPath reports a host path that is, lies under, or contains
// a critical path or a runtime socket: /var/run and /run hold the Docker
// socket, / holds everything.
func isCriticalHostPath(p string) bool {
	clean := path.Clean(p)
	within := func(a, b string) bool { return a == b || b == "/" || strings.HasPrefix(a, b+"/") }
	for s := range criticalSockets {
		if within(s, clean) {
			return true
		}
	}
	for _, c := range criticalHostPaths {
		if within(clean, c) || within(c, clean) {
			return true
		}
	}
	return false
}

func (hostPathVolume) Check(p *lint.Pass) { runTaskCheck(p, checkHostPath) }

// checkHostPath is also one of ECS301's traits.
func checkHostPath(_ *lint.Unit, td *lint.TaskDefinition, _ lint.OptionValues, report func(lint.Finding)) {
	for _, vol := range td.Volumes {
		src, ok := vol.HostSourcePath.Any(func(v lint.String) bool { return v.Known() && v.V != "" })
		if !ok {
			continue
		}
		f := taskFinding(td, src.Range, "volumes."+vol.DisplayName()+".host.sourcePath",
			fmt.Sprintf("volume %q mounts host path %q", vol.DisplayName(), src.V))
		if isCriticalHostPath(src.V) {
			f.Severity = lint.Critical
		}
		// Say which containers mount it: that is where the access happens.
		for _, c := range td.Containers {
			for _, m := range c.MountPoints {
				if m.SourceVolume.Known() && vol.Name.Known() && m.SourceVolume.V == vol.Name.V {
					f.Related = append(f.Related, lint.Related{
						Range:   m.SourceVolume.Range.Or(m.Range),
						Message: fmt.Sprintf("mounted by container %q", c.DisplayName()),
					})
				}
			}
		}
		report(f)
	}
}
