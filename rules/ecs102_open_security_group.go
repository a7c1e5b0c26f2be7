package rules

import (
	"fmt"

	"github.com/ecslint/ecslint/lint"
)

type openSecurityGroup struct{}

const openSGResource = "  OpenSG:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: web\n" +
	"      VpcId: vpc-0abc\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n"

var openSecurityGroupMeta = lint.Meta{
	ID:       "ECS102",
	Name:     "open-security-group",
	Severity: lint.High,
	Summary:  "Security groups of ECS services should not admit traffic from the whole internet.",
	Rationale: "An ingress rule from 0.0.0.0/0 or ::/0 on a service's own security group lets anyone reach the " +
		"tasks' ports directly, around the load balancer, WAF and authentication in front of them.",
	Remediation: "Admit traffic only from the load balancer's security group (SourceSecurityGroupId) or from " +
		"the address ranges that need it.",
	Reads: lint.Services | lint.SecurityGroups,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad: cfnTemplate(serviceTemplate("          SecurityGroups: [!Ref OpenSG]\n") +
					openSGResource + "          CidrIp: 0.0.0.0/0\n"),
				Good: cfnTemplate(serviceTemplate("          SecurityGroups: [!Ref OpenSG]\n") +
					openSGResource + "          CidrIp: 10.0.0.0/16\n")},
			{Format: "terraform",
				Bad:  tfService(tfTaskARN, []string{"security_groups = [aws_security_group.web.id]"}) + "\n" + tfOpenSG("0.0.0.0/0"),
				Good: tfService(tfTaskARN, []string{"security_groups = [aws_security_group.web.id]"}) + "\n" + tfOpenSG("10.0.0.0/16")},
		}
	},
}

func (openSecurityGroup) Meta() *lint.Meta { return &openSecurityGroupMeta }

func (openSecurityGroup) Check(p *lint.Pass) {
	// One finding per open CIDR, with every service it exposes.
	byCIDR := map[lint.Range]*lint.Finding{}
	var order []lint.Range
	for _, s := range p.Unit.Services {
		for _, o := range openIngresses(p.Unit, s) {
			f := byCIDR[o.CIDR.Range]
			if f == nil {
				nf := resourceFinding(o.Group.Resource, o.CIDR.Range, "ingress."+o.CIDR.V,
					fmt.Sprintf("security group %s admits ingress from %s", quote(o.Group.Name), o.CIDR.V))
				f = &nf
				byCIDR[o.CIDR.Range] = f
				order = append(order, o.CIDR.Range)
			}
			f.Related = append(f.Related, lint.Related{Range: s.Range, Message: "attached to " + s.Kind + " " + quote(s.Name)})
		}
	}
	for _, r := range order {
		p.Report(*byCIDR[r])
	}
}
