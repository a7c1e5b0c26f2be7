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
			case !v.Set() && len(vol.EFSTransitEncryption.Alts()) == 0 && (td.Doc != nil || td.HadDoc):
				// "ENABLED" in quotes is a string in JSON and YAML alike.
				f.Fixes = addVolumeKey(td, vol, "transitEncryption", `"ENABLED"`)
			case !v.Set() && len(vol.EFSTransitEncryption.Alts()) == 0:
				f.Fixes = addVolumeBlockAttr(td, vol)
			}
			p.Report(f)
		}
	}
}

// addVolumeBlockAttr is the fix for a Terraform volume block whose
// efs_volume_configuration block does not set transit_encryption: the
// attribute as the block's first line. Not for a volume that a dynamic
// block writes (its range is then the dynamic block's header, not the
// word volume: one text for many volumes, fed from for_each) nor for a
// resource of a module call, whose text serves every caller.
func addVolumeBlockAttr(td *lint.TaskDefinition, vol *lint.Volume) []lint.Fix {
	if strings.HasPrefix(td.ID, "module.") || vol.Range.End.Offset-vol.Range.Start.Offset != int32(len("volume")) ||
		vol.Range.File != vol.EFS.Range.File {
		return nil
	}
	var innerCol int32
	if id := vol.EFSFileSystemID; id.Range.Start.Line > vol.EFS.Range.Start.Line && id.Origin() == nil {
		innerCol = id.Range.Start.Col
	}
	return addBlockAttr(vol.EFS.Range, "efs_volume_configuration", innerCol,
		"transit_encryption", `"ENABLED"`, "add transit_encryption = \"ENABLED\"")
}
