package rules

import "github.com/ecslint/ecslint/lint"

type eksNodeGroupRemoteAccess struct{}

var eksNodeGroupRemoteAccessMeta = lint.Meta{
	ID:       "EKS005",
	Name:     "eks-node-group-remote-access",
	Severity: lint.High,
	Peers:    []string{"Checkov CKV_AWS_100", "KICS EKS node group remote access"},
	Summary:  "EKS managed node groups should not allow SSH to their nodes from anywhere.",
	Rationale: "A node group's `remoteAccess` with an SSH key and no source security groups opens port 22 on every " +
		"node to the internet (0.0.0.0/0): EKS adds that rule itself. A node runs many pods and holds the kubelet's " +
		"and the node role's credentials, so a leaked or weak key, or an SSH flaw, gives an attacker the cluster's " +
		"workloads.",
	Remediation: "Remove `remoteAccess` and reach nodes with AWS Systems Manager Session Manager, or list in " +
		"`sourceSecurityGroups` the security groups allowed to connect.",
	Reads: lint.EKSNodeGroups,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad:  eksNodeGroup("      RemoteAccess:\n        Ec2SshKey: ops\n"),
				Good: eksNodeGroup("      RemoteAccess:\n        Ec2SshKey: ops\n        SourceSecurityGroups: [sg-0bastion]\n")},
			{Format: "terraform",
				Bad: tfEKSNodeGroup("", tfBlock("remote_access", `ec2_ssh_key = "ops"`)),
				Good: tfEKSNodeGroup("", tfBlock("remote_access", `ec2_ssh_key = "ops"`,
					`source_security_group_ids = ["sg-0bastion"]`))},
		}
	},
}

func (eksNodeGroupRemoteAccess) Meta() *lint.Meta { return &eksNodeGroupRemoteAccessMeta }

func (eksNodeGroupRemoteAccess) Check(p *lint.Pass) {
	for _, g := range p.Unit.EKSNodeGroups {
		// EKS opens port 22 to 0.0.0.0/0 only for a key without source
		// security groups (RemoteAccessConfig); a list that is not known,
		// or that may hold a group, is given the benefit of the doubt.
		if !g.RemoteAccess.Known() || !g.SSHKey.Set() || (g.SSHKey.Known() && g.SSHKey.V == "") {
			continue
		}
		if g.SourceSecurityGroupsSet.State == lint.Unknown || len(g.SourceSecurityGroups) > 0 {
			continue
		}
		p.Report(resourceFinding(g.Resource, g.SSHKey.Range.Or(g.RemoteAccess.Range), "remoteAccess.ec2SshKey",
			"EKS node group "+quote(g.Name)+" allows SSH to its nodes from anywhere (an ec2SshKey without sourceSecurityGroups)"))
	}
}
