package rules

import (
	"fmt"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type clusterExposure struct{}

var clusterExposureMeta = lint.Meta{
	ID:       "EKS301",
	Name:     "cluster-exposure",
	Severity: lint.High,
	Summary:  "EKS clusters whose API endpoint the internet can reach should not have risky traits.",
	Options:  []lint.Option{traitOption("EKS301", eksMinimumVersion, "EKS003")},
	Rationale: "Security Hub's exposure findings for EKS clusters combine a cluster's reachability with its traits; " +
		"this is that finding, from the source. A public API endpoint open to 0.0.0.0/0 is the first step of the " +
		"attack path; each trait (a Kubernetes version past standard support, Kubernetes secrets not encrypted " +
		"with a KMS key, the audit log off, a cluster or node IAM role with administrator access) makes the next " +
		"steps easier or unseen. The finding is critical with two or more traits or an administrator role, high " +
		"otherwise; each trait is a related location.",
	Remediation: "Break the path at any step: make the endpoint private (or restrict `publicAccessCidrs`), or fix " +
		"one of the listed traits (each has its own rule and finding).",
	Reads: lint.EKSClusters | lint.EKSNodeGroups | lint.Roles,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad:  eksCluster("      Version: \"1.31\"\n      ResourcesVpcConfig:\n        SubnetIds: [subnet-0abc, subnet-0def]\n"),
				Good: eksCluster("      Version: \"1.35\"\n" + eksPrivateVPC)},
			{Format: "terraform",
				Bad:  tfEKSCluster(`version = "1.31"`, "", tfBlock("vpc_config", `subnet_ids = ["subnet-0abc", "subnet-0def"]`)),
				Good: tfEKSCluster(`version = "1.35"`, "", tfEKSPrivateVPC)},
		}
	},
}

func (clusterExposure) Meta() *lint.Meta { return &clusterExposureMeta }

// clusterTraits are the questions EKS301 asks of a reachable cluster, each
// its rule's own.
var clusterTraits = []struct {
	meta  *lint.Meta
	check eksCheck
}{
	{&eksUnencryptedSecretsMeta, checkEKSSecrets},
	{&eksUnsupportedVersionMeta, checkEKSVersion},
	{&eksAuditLoggingDisabledMeta, checkEKSAuditLogging},
}

func (clusterExposure) Check(p *lint.Pass) {
	for _, c := range p.Unit.EKSClusters {
		var reach []lint.Finding
		checkEKSPublicEndpoint(p.Unit, c, p.Options, func(f lint.Finding) { reach = append(reach, f) })
		if len(reach) == 0 {
			continue
		}
		var names []string
		related := []lint.Related{{Range: reach[0].Range, Message: "public API endpoint open to 0.0.0.0/0"}}
		for _, t := range clusterTraits {
			t.check(p.Unit, c, p.Options, func(f lint.Finding) {
				related = append(related, lint.Related{Range: f.Range, Message: t.meta.ID + " " + t.meta.Name + ": " + f.Message})
				names = append(names, t.meta.ID+" "+t.meta.Name)
			})
		}
		admin := clusterAdminRoles(p.Unit, c)
		for _, a := range admin {
			related = append(related, a)
			names = append(names, a.Message)
		}
		if len(names) == 0 {
			continue
		}
		f := resourceFinding(c.Resource, reach[0].Range, "exposure",
			fmt.Sprintf("EKS cluster %s has a public API endpoint open to 0.0.0.0/0 and %s; fixing any one lowers the exposure",
				quote(c.Name), strings.Join(names, ", ")))
		f.Related = related
		if len(names) >= 2 || len(admin) > 0 {
			f.Severity = lint.Critical
		}
		p.Report(f)
	}
}

// clusterAdminRoles lists the cluster's own role and its node groups' roles
// that the unit grants administrator access, each at the reference.
func clusterAdminRoles(u *lint.Unit, c *lint.EKSCluster) []lint.Related {
	var out []lint.Related
	adminAt := func(v lint.String, what string) {
		for _, ref := range v.Possible() {
			role := u.Role(ref.Ref())
			if role == nil {
				continue
			}
			if why := adminGrants(role); len(why) > 0 {
				out = append(out, lint.Related{Range: ref.Range.Or(v.Range),
					Message: fmt.Sprintf("%s %s with administrator access (%s)", what, quote(role.Name), why[0].Message)})
				return
			}
		}
	}
	adminAt(c.RoleArn, "cluster role")
	for _, g := range u.EKSNodeGroups {
		if _, ok := g.Cluster.Any(func(v lint.String) bool { return v.Ref() != "" && v.Ref() == c.ID }); ok {
			adminAt(g.NodeRole, "node group "+quote(g.Name)+" role")
		}
	}
	return out
}
