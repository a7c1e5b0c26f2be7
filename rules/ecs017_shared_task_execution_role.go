package rules

import (
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type sharedTaskExecutionRole struct{}

const sharedRoleArn = `"arn:aws:iam::111122223333:role/app"`

var sharedTaskExecutionRoleMeta = lint.Meta{
	ID:       "ECS017",
	Name:     "shared-task-execution-role",
	Severity: lint.Medium,
	Peers:    []string{"Checkov CKV_AWS_249"},
	Summary:  "A task definition's task role and execution role should be different roles.",
	Rationale: "The execution role is for ECS itself: it pulls the images, writes the logs and reads the secrets " +
		"the task definition injects. The task role is what the application's code gets. When they are one role, " +
		"every process in the containers can read all of the task's secrets and pull from its registries, which " +
		"the application never needs; AWS recommends a separate role for each.",
	Remediation: "Give the task a role of its own, with only what the application calls, and keep the execution " +
		"role for ECS (the AWS managed policy AmazonECSTaskExecutionRolePolicy and the secrets it reads).",
	Reads: lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad: jsonTask(`{"name": "app", "image": "nginx:1.27"}`, `"taskRoleArn": `+sharedRoleArn,
					`"executionRoleArn": `+sharedRoleArn),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27"}`, `"taskRoleArn": `+sharedRoleArn,
					`"executionRoleArn": "arn:aws:iam::111122223333:role/app-execution"`)},
			{Format: "cloudformation",
				Bad: cfnTask("        - Name: app\n          Image: nginx:1.27\n",
					"      TaskRoleArn: !GetAtt TaskRole.Arn\n      ExecutionRoleArn: !GetAtt TaskRole.Arn\n") + adminRoleTemplate,
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n",
					"      TaskRoleArn: !GetAtt TaskRole.Arn\n      ExecutionRoleArn: !GetAtt ExecutionRole.Arn\n") + adminRoleTemplate +
					strings.Replace(adminRoleTemplate, "TaskRole:", "ExecutionRole:", 1)},
			{Format: "terraform",
				Bad:  tfTask(`{ name = "app", image = "nginx:1.27" }`, "task_role_arn      = aws_iam_role.task.arn", "execution_role_arn = aws_iam_role.task.arn"),
				Good: tfTask(`{ name = "app", image = "nginx:1.27" }`, "task_role_arn      = aws_iam_role.task.arn", "execution_role_arn = aws_iam_role.execution.arn")},
		}
	},
}

func (sharedTaskExecutionRole) Meta() *lint.Meta { return &sharedTaskExecutionRoleMeta }

func (sharedTaskExecutionRole) Check(p *lint.Pass) {
	for _, td := range p.Unit.TaskDefinitions {
		if task, exec, ok := sharedRole(td); ok {
			f := taskFinding(td, task.Range.Or(td.TaskRoleArn.Range), "taskRoleArn",
				"task definition "+quote(td.Name)+" uses "+roleName(task)+" as both its task role and its execution role")
			f.Related = append(f.Related, lint.Related{Range: exec.Range.Or(td.ExecutionRoleArn.Range), Message: "execution role"})
			p.Report(f)
		}
	}
}

// sharedRole returns a possible task role and a possible execution role of
// td that are the same role, if there are such.
func sharedRole(td *lint.TaskDefinition) (task, exec lint.String, ok bool) {
	for _, t := range td.TaskRoleArn.Possible() {
		for _, e := range td.ExecutionRoleArn.Possible() {
			if sameRole(t, e) {
				return t, e, true
			}
		}
	}
	return lint.String{}, lint.String{}, false
}

// sameRole reports whether two role values certainly designate one role:
// the same reference (Terraform's, with its instance key: task[0] and
// task[1] are two roles), references to one resource (CloudFormation's
// !GetAtt Role.Arn or !Ref Role, the role's name, which ECS also accepts),
// or the same known ARN or name. A name matches an ARN ending in it; names
// are matched exactly, as IAM's ARNs are.
func sameRole(a, b lint.String) bool {
	if oa, ob := a.Origin(), b.Origin(); oa != nil || ob != nil {
		return oa != nil && ob != nil && oa.Next == nil && ob.Next == nil && oa.Expr == ob.Expr
	}
	if a.Ref() != "" || b.Ref() != "" {
		return a.Ref() == b.Ref()
	}
	if !a.Known() || !b.Known() || a.V == "" || b.V == "" {
		return false
	}
	if strings.HasPrefix(a.V, "arn:") == strings.HasPrefix(b.V, "arn:") {
		return a.V == b.V
	}
	return shortRoleName(a.V) == shortRoleName(b.V)
}

// shortRoleName is the name at the end of a role ARN
// (arn:aws:iam::111122223333:role/path/name), or the value itself.
func shortRoleName(v string) string {
	if !strings.HasPrefix(v, "arn:") {
		return v
	}
	return v[strings.LastIndexByte(v, '/')+1:]
}

// roleName names a role value for a message: the resource it refers to, or
// the value as written.
func roleName(v lint.String) string {
	if v.Ref() != "" {
		return "role " + quote(v.Ref())
	}
	if v.Known() {
		return "role " + quote(v.V)
	}
	return "one role"
}
