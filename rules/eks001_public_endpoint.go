package rules

import "github.com/ecslint/ecslint/lint"

type eksPublicEndpoint struct{}

var eksPublicEndpointMeta = lint.Meta{
	ID:         "EKS001",
	Name:       "eks-public-endpoint",
	Severity:   lint.High,
	Controls:   []string{"EKS.1"},
	ConfigRule: "eks-endpoint-no-public-access",
	Summary:    "EKS cluster endpoints should not be publicly accessible.",
	Rationale: "The Kubernetes API server endpoint is public by default and open to 0.0.0.0/0. Anyone can then " +
		"probe it, try stolen credentials and exploit API server vulnerabilities.",
	Remediation: "Set `endpointPublicAccess` to false and `endpointPrivateAccess` to true, or at least restrict " +
		"`publicAccessCidrs` to the networks that administer the cluster.",
	Reads: lint.EKSClusters,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad:  eksCluster("      ResourcesVpcConfig:\n        SubnetIds: [subnet-0abc, subnet-0def]\n"),
				Good: eksCluster(eksPrivateVPC)},
			{Format: "terraform",
				Bad:  tfEKSCluster("", tfBlock("vpc_config", `subnet_ids = ["subnet-0abc", "subnet-0def"]`)),
				Good: tfEKSCluster("", tfEKSPrivateVPC)},
		}
	},
}

func (eksPublicEndpoint) Meta() *lint.Meta { return &eksPublicEndpointMeta }

func (eksPublicEndpoint) Check(p *lint.Pass) { runEKSCheck(p, checkEKSPublicEndpoint) }

// checkEKSPublicEndpoint is EKS301's reachability.
func checkEKSPublicEndpoint(_ *lint.Unit, c *lint.EKSCluster, _ lint.OptionValues, report func(lint.Finding)) {
	// The endpoint is public unless endpointPublicAccess is false.
	public, ok := c.EndpointPublicAccess.Any(func(v lint.Bool) bool { return v.State == lint.Unset || (v.Known() && v.V) })
	if !ok {
		return
	}
	name := quote(c.Name)
	switch c.PublicAccessCIDRsSet.State {
	case lint.Unset:
		report(resourceFinding(c.Resource, public.Range, "endpointPublicAccess",
			"EKS cluster "+name+" has a public API endpoint open to 0.0.0.0/0 (publicAccessCidrs is not set)"))
	case lint.Known:
		for _, cidr := range c.PublicAccessCIDRs {
			if v, ok := cidr.Any(func(v lint.String) bool { return v.Known() && v.V == "0.0.0.0/0" }); ok {
				report(resourceFinding(c.Resource, v.Range, "publicAccessCidrs",
					"EKS cluster "+name+" has a public API endpoint open to 0.0.0.0/0"))
				break
			}
		}
	}
}
