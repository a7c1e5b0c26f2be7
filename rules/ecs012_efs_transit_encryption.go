package rules

import (
	"fmt"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type efsTransitEncryption struct{}

var efsTransitEncryptionMeta = lint.Meta{
	ID:         "ECS012",
	Name:       "efs-transit-encryption",
	Severity:   lint.Medium,
	Controls:   []string{"ECS.18"},
	ConfigRule: "ecs-task-definition-efs-encryption-enabled",
	Summary:    "EFS volumes should use encryption in transit.",
	Rationale: "Without transit encryption, NFS traffic between the task and the EFS file system crosses the " +
		"network in clear text. ECS defaults transitEncryption to DISABLED.",
	Remediation: "Set `transitEncryption` to ENABLED in the volume's `efsVolumeConfiguration` (required for IAM " +
		"authorization and access points).",
	Reads: lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad:  jsonTask(`{"name": "app", "image": "nginx:1.27"}`, `"volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-1234"}}]`),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27"}`, `"volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-1234", "transitEncryption": "ENABLED"}}]`)},
			{Format: "cloudformation",
				Bad: cfnTask("        - Name: app\n          Image: nginx:1.27\n", "      Volumes:\n        - Name: data\n"+
					"          EFSVolumeConfiguration:\n            FilesystemId: fs-1234\n            TransitEncryption: DISABLED\n"),
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n", "      Volumes:\n        - Name: data\n"+
					"          EFSVolumeConfiguration:\n            FilesystemId: fs-1234\n            TransitEncryption: ENABLED\n")},
			{Format: "terraform",
				Bad: tfTask(`{ name = "app", image = "nginx:1.27" }`, "",
					tfBlock("volume", `name = "data"`, "", tfBlock("efs_volume_configuration", `file_system_id = "fs-1234"`))),
				Good: tfTask(`{ name = "app", image = "nginx:1.27" }`, "",
					tfBlock("volume", `name = "data"`, "", tfBlock("efs_volume_configuration", `file_system_id = "fs-1234"`, `transit_encryption = "ENABLED"`)))},
		}
	},
}

func (efsTransitEncryption) Meta() *lint.Meta { return &efsTransitEncryptionMeta }

func (efsTransitEncryption) Check(p *lint.Pass) {
	for _, td := range p.Unit.TaskDefinitions {
		for _, vol := range td.Volumes {
			if !vol.EFS.Known() {
				continue
			}
			v, ok := vol.EFSTransitEncryption.Any(func(v lint.String) bool {
				return v.State == lint.Unset || (v.Known() && !strings.EqualFold(v.V, "ENABLED"))
			})
			if !ok {
				continue
			}
			name := vol.DisplayName()
			msg := fmt.Sprintf("EFS volume %q does not enable transit encryption (transitEncryption defaults to DISABLED)", name)
			if v.Set() {
				msg = fmt.Sprintf("EFS volume %q does not enable transit encryption (transitEncryption %q)", name, v.V)
			}
			f := taskFinding(td, v.Range.Or(vol.EFS.Range), "volumes."+name+".efsVolumeConfiguration.transitEncryption", msg)
			switch {
			case v.Set() && !placed(td, v.Range):
				f.Fixes = setValue(vol.EFSTransitEncryption, v, "set transitEncryption to ENABLED", literal{v.V, "ENABLED"})
			case !v.Set() && len(vol.EFSTransitEncryption.Alts()) == 0:
				// "ENABLED" in quotes is a string in JSON and YAML alike.
				f.Fixes = addVolumeKey(td, vol, "transitEncryption", `"ENABLED"`)
			}
			p.Report(f)
		}
	}
}
