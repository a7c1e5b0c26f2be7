package rules

import (
	"fmt"

	"github.com/ecslint/ecslint/lint"
)

type eksNodeGroupUnsupportedVersion struct{}

var eksNodeGroupUnsupportedVersionMeta = lint.Meta{
	ID:         "EKS006",
	Name:       "eks-node-group-unsupported-version",
	Severity:   lint.High,
	ConfigRule: "eks-nodegroup-supported-version-check",
	Summary:    "EKS managed node groups should run a Kubernetes version in standard support.",
	Options:    []lint.Option{eksMinimumVersion},
	Rationale: "Nodes on a version past standard support get fixes only under paid extended support, and a node " +
		"group's version may lag its cluster's by up to three minor versions, so an upgraded cluster can still run " +
		"its pods on unsupported kubelets. The table is EKS003's: as of " + eksTableDate + " the oldest version in " +
		"standard support is " + eksOldestStandard + "; the option `eks-minimum-version` overrides it. A node group " +
		"without `version` runs its cluster's, which EKS003 judges. No Security Hub control covers node groups " +
		"(EKS.2 judges clusters); the AWS Config rule does.",
	Remediation: "Upgrade the node group to its cluster's version, or remove `version` so that it follows the cluster.",
	Reads:       lint.EKSNodeGroups,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad:  eksNodeGroup("      Version: \"1.31\"\n"),
				Good: eksNodeGroup("      Version: \"1.35\"\n")},
			{Format: "terraform",
				Bad:  tfEKSNodeGroup(`version = "1.31"`),
				Good: tfEKSNodeGroup(`version = "1.35"`)},
		}
	},
}

func (eksNodeGroupUnsupportedVersion) Meta() *lint.Meta { return &eksNodeGroupUnsupportedVersionMeta }

func (eksNodeGroupUnsupportedVersion) Check(p *lint.Pass) {
	oldest := p.Options.StringValue(eksMinimumVersion)
	for _, g := range p.Unit.EKSNodeGroups {
		if v, ok := g.Version.Any(olderThan(oldest)); ok {
			p.Report(resourceFinding(g.Resource, v.Range, "version",
				fmt.Sprintf("EKS node group %s runs Kubernetes %s, older than %s, the oldest version in standard support", quote(g.Name), v.V, oldest)))
		}
	}
}
