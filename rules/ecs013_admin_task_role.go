package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type adminTaskRole struct{}

const adminRoleTemplate = "  TaskRole:\n    Type: AWS::IAM::Role\n    Properties:\n" +
	"      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n" +
	"            Principal: {Service: ecs-tasks.amazonaws.com}\n            Action: sts:AssumeRole\n"

// tfTaskRole is a Terraform task definition whose task role is
// aws_iam_role.task, and that role (trusted by ECS tasks, with no policies
// yet), for the examples.
var tfTaskRole = tfTask(`{ name = "app", image = "nginx:1.27" }`, "task_role_arn = aws_iam_role.task.arn") + "\n" +
	tfResource("aws_iam_role", "task", `name = "app-task"`, "assume_role_policy = jsonencode({\n"+
		tfBody(`Version = "2012-10-17"`, `Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]`)+"})")

var adminTaskRoleMeta = lint.Meta{
	ID:       "ECS013",
	Name:     "admin-task-role",
	Severity: lint.Critical,
	Summary:  "Task roles should not grant administrator access.",
	Rationale: "Every process in the task can use the task role's credentials, from the metadata endpoint, " +
		"without any further secret. A role with AdministratorAccess, or a statement allowing every action on " +
		"every resource, turns any code execution in the container into control of the AWS account. The managed " +
		"policy is matched in any partition, also where the partition is not known offline (`${AWS::Partition}`, " +
		"a Partition parameter, `${var.partition}`, `data.aws_partition`): only the partition can fill that part " +
		"of an AWS managed policy's ARN.",
	Remediation: "Give the task a role of its own with only the actions and resources the application uses; " +
		"IAM Access Analyzer can generate such a policy from CloudTrail activity.",
	Reads: lint.TaskDefinitions | lint.Roles,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad: cfnTask("        - Name: app\n          Image: nginx:1.27\n", "      TaskRoleArn: !GetAtt TaskRole.Arn\n") +
					adminRoleTemplate + "      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/AdministratorAccess\n",
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n", "      TaskRoleArn: !GetAtt TaskRole.Arn\n") +
					adminRoleTemplate + "      Policies:\n        - PolicyName: read-bucket\n          PolicyDocument:\n" +
					"            Statement:\n              - Effect: Allow\n                Action: s3:GetObject\n" +
					"                Resource: arn:aws:s3:::app-bucket/*\n"},
			{Format: "terraform",
				Bad: tfTaskRole + "\n" + tfResource("aws_iam_role_policy_attachment", "admin",
					"role = aws_iam_role.task.name", `policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"`),
				Good: tfTaskRole + "\n" + tfResource("aws_iam_role_policy", "read_bucket", `name = "read-bucket"`, "role = aws_iam_role.task.id",
					"policy = jsonencode({\n"+tfBody(`Version = "2012-10-17"`,
						`Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::app-bucket/*" }]`)+"})")},
		}
	},
}

func (adminTaskRole) Meta() *lint.Meta { return &adminTaskRoleMeta }

// administratorAccess matches the AWS managed AdministratorAccess policy in
// any partition.
var administratorAccess = regexp.MustCompile(`^arn:[a-z-]+:iam::aws:policy/AdministratorAccess$`)

// administratorAccessPattern matches it written with a partition that is
// not known ("arn:${var.partition}:iam::aws:policy/AdministratorAccess",
// a !Sub with a Partition parameter): whatever partition fills the hole,
// the policy is AWS's AdministratorAccess.
var administratorAccessPattern = regexp.MustCompile(`^arn:\$\{[^}]*\}:iam::aws:policy/AdministratorAccess$`)

// isAdministratorAccess reports a managed policy ARN that is AWS's
// AdministratorAccess, known or with only its partition unknown.
func isAdministratorAccess(v lint.String) bool {
	if v.Known() {
		return administratorAccess.MatchString(v.V)
	}
	p := v.Pattern()
	return v.State == lint.Unknown && p != nil && p.Tail == ":iam::aws:policy/AdministratorAccess" &&
		administratorAccessPattern.MatchString(p.Text)
}

func (adminTaskRole) Check(p *lint.Pass) { runTaskCheck(p, checkAdminRole) }

// checkAdminRole is also one of ECS301's traits.
func checkAdminRole(u *lint.Unit, td *lint.TaskDefinition, _ lint.OptionValues, report func(lint.Finding)) {
	for _, ref := range td.TaskRoleArn.Possible() {
		role := u.Role(ref.Ref())
		if role == nil {
			continue
		}
		for _, why := range adminGrants(role) {
			f := taskFinding(td, ref.Range.Or(td.TaskRoleArn.Range), "taskRoleArn",
				fmt.Sprintf("task definition %s has task role %s with administrator access (%s)", quote(td.Name), quote(role.Name), why.Message))
			f.Related = []lint.Related{why}
			report(f)
			break
		}
	}
}

// adminGrants lists where a role is granted administrator access.
func adminGrants(r *lint.Role) []lint.Related {
	var out []lint.Related
	for _, arn := range r.ManagedPolicyArns {
		if v, ok := arn.Any(isAdministratorAccess); ok {
			out = append(out, lint.Related{Range: v.Range, Message: "AdministratorAccess managed policy"})
		}
	}
	for _, pol := range r.Policies {
		for _, s := range pol.Statements {
			if allowsEverything(s) {
				name := "policy"
				if pol.Name.Known() {
					name = "policy " + quote(pol.Name.V)
				}
				out = append(out, lint.Related{Range: s.Range, Message: name + " allows * on *"})
			}
		}
	}
	return out
}

// allowsEverything reports an Allow statement for every action on every
// resource.
func allowsEverything(s lint.Statement) bool {
	if _, ok := s.Effect.Any(func(v lint.String) bool { return v.Known() && strings.EqualFold(v.V, "Allow") }); !ok {
		return false
	}
	return anyKnown(s.Actions, func(a string) bool { return a == "*" || a == "*:*" }) &&
		anyKnown(s.Resources, func(r string) bool { return r == "*" })
}

// anyKnown reports whether a possible known value of any list item matches.
func anyKnown(list []lint.String, match func(string) bool) bool {
	for _, v := range list {
		if _, ok := v.Any(func(v lint.String) bool { return v.Known() && match(v.V) }); ok {
			return true
		}
	}
	return false
}
