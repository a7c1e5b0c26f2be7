package rules

import (
	"fmt"

	"github.com/ecslint/ecslint/lint"
)

type serviceAdminRole struct{}

// serviceRoleTemplate is a CloudFormation role ECS may assume for a
// service, with the given extra properties (indented 6 spaces).
func serviceRoleTemplate(props string) string {
	return "  ServiceRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n" +
		"          - Effect: Allow\n            Principal: {Service: ecs.amazonaws.com}\n            Action: sts:AssumeRole\n" + props
}

// tfServiceRole is the Terraform equivalent, with no policy.
var tfServiceRole = tfResource("aws_iam_role", "service", `name = "app-service"`, "assume_role_policy = jsonencode({\n"+
	tfBody(`Version = "2012-10-17"`, `Statement = [{ Effect = "Allow", Principal = { Service = "ecs.amazonaws.com" }, Action = "sts:AssumeRole" }]`)+"})")

var serviceAdminRoleMeta = lint.Meta{
	ID:       "ECS104",
	Name:     "service-admin-role",
	Severity: lint.High,
	Peers:    []string{"KICS ECS Service Admin Role Is Present"},
	Summary:  "A service's IAM role should not grant administrator access.",
	Rationale: "A service's `role` is the legacy IAM role ECS assumes to register the service's tasks with its load " +
		"balancer; the service-linked role AWSServiceRoleForECS now does that, with only those permissions. A role " +
		"with administrator access there lets anyone who can update the service, or who takes over the role's " +
		"trust, act as an administrator of the account.",
	Remediation: "Remove the service's `role` and let ECS use its service-linked role; when a role is still needed, " +
		"give it only the AWS managed policy AmazonEC2ContainerServiceRole.",
	Reads: lint.Services | lint.Roles,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad: cfnTemplate(serviceTemplate("", "      Role: !Ref ServiceRole\n") +
					serviceRoleTemplate("      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/AdministratorAccess\n")),
				Good: cfnTemplate(serviceTemplate("", "      Role: !Ref ServiceRole\n") +
					serviceRoleTemplate("      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceRole\n"))},
			{Format: "terraform",
				Bad: tfService(tfTaskARN, nil, "iam_role = aws_iam_role.service.arn") + "\n" + tfServiceRole + "\n" +
					tfResource("aws_iam_role_policy_attachment", "admin", "role = aws_iam_role.service.name",
						`policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"`),
				Good: tfService(tfTaskARN, nil, "iam_role = aws_iam_role.service.arn") + "\n" + tfServiceRole + "\n" +
					tfResource("aws_iam_role_policy_attachment", "ecs", "role = aws_iam_role.service.name",
						`policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceRole"`)},
		}
	},
}

func (serviceAdminRole) Meta() *lint.Meta { return &serviceAdminRoleMeta }

func (serviceAdminRole) Check(p *lint.Pass) {
	for _, s := range p.Unit.Services {
		for _, ref := range s.Role.Possible() {
			role := p.Unit.Role(ref.Ref())
			if role == nil {
				continue
			}
			if why := adminGrants(role); len(why) > 0 {
				f := resourceFinding(s.Resource, ref.Range.Or(s.Role.Range), "role",
					fmt.Sprintf("service %s has IAM role %s with administrator access (%s)", quote(s.Name), quote(role.Name), why[0].Message))
				f.Related = []lint.Related{why[0]}
				p.Report(f)
				break
			}
		}
	}
}
