package rules

import "github.com/ecslint/ecslint/lint"

type publicIPRule struct{}

var publicIPMeta = lint.Meta{
	ID:         "ECS101",
	Name:       "public-ip",
	Severity:   lint.High,
	Controls:   []string{"ECS.2", "ECS.16"},
	ConfigRule: "ecs-no-public-ip-assignment",
	Summary:    "ECS services and task sets should not assign public IP addresses.",
	Rationale: "A task with a public IP is directly addressable from the internet; only its security groups " +
		"stand between it and every scanner. Tasks behind a load balancer or NAT gateway need no public IP.",
	Remediation: "Set `assignPublicIp` to DISABLED, run the tasks in private subnets, and reach the internet " +
		"through a NAT gateway or VPC endpoints.",
	Reads: lint.Services,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad:  cfnTemplate(serviceTemplate("          AssignPublicIp: ENABLED\n")),
				Good: cfnTemplate(serviceTemplate("          AssignPublicIp: DISABLED\n"))},
			{Format: "terraform",
				Bad:  tfService(tfTaskARN, []string{"assign_public_ip = true"}),
				Good: tfService(tfTaskARN, []string{"assign_public_ip = false"})},
		}
	},
}

func (publicIPRule) Meta() *lint.Meta { return &publicIPMeta }

func (publicIPRule) Check(p *lint.Pass) {
	for _, s := range p.Unit.Services {
		if v, ok := publicIP(s); ok {
			f := resourceFinding(s.Resource, v.Range, "assignPublicIp", s.Kind+" "+quote(s.Name)+" assigns public IP addresses to its tasks")
			// The API's ENABLED, or Terraform's assign_public_ip = true.
			f.Fixes = setValue(s.AssignPublicIP, v, "set assignPublicIp to DISABLED", literal{v.V, "DISABLED"}, literal{"true", "false"})
			p.Report(f)
		}
	}
}
