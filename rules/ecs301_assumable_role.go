package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// This file is ECS301's trait "a container that can assume an IAM role":
// Security Hub's exposure findings count a resource with vended IAM
// permissions (Assumability) that can create and modify resources (Impact)
// as a trait of its exposure. For a task that is a task role that may
// write: an allowed action that is not a read (Get, List, Describe, ...),
// or a wildcard. No rule of its own reports it (most task roles write
// something); a task role with administrator access is ECS013's trait and
// is not counted twice.

// assumableRoleTrait names the trait in ECS301's messages.
var assumableRoleTrait = lint.Meta{ID: "ECS301", Name: "task-role-write-access"}

// readVerbs begin the names of IAM actions that only read.
var readVerbs = []string{"Get", "List", "Describe", "Read", "Query", "Scan", "BatchGet", "Select", "Search",
	"Lookup", "View", "Receive", "Check", "Validate", "Test", "Simulate", "Estimate"}

// writingManagedPolicy matches AWS managed policies that grant writes:
// the *FullAccess family and PowerUserAccess.
var writingManagedPolicy = regexp.MustCompile(`^arn:[a-z-]+:iam::aws:policy/(.*FullAccess[^/]*|PowerUserAccess)$`)

// writes reports an IAM action that is not known to only read: "*",
// "s3:*", "s3:Put*", "s3:PutObject".
func writes(action string) bool {
	_, verb, ok := strings.Cut(action, ":")
	if !ok {
		return action == "*"
	}
	if strings.Contains(verb, "*") || strings.Contains(verb, "?") {
		return true
	}
	for _, r := range readVerbs {
		if strings.HasPrefix(strings.ToLower(verb), strings.ToLower(r)) {
			return false
		}
	}
	return true
}

// checkAssumableRole reports a task definition whose task role may write.
func checkAssumableRole(u *lint.Unit, td *lint.TaskDefinition, _ lint.OptionValues, report func(lint.Finding)) {
	for _, ref := range td.TaskRoleArn.Possible() {
		role := u.Role(ref.Ref())
		if role == nil || len(adminGrants(role)) > 0 {
			continue
		}
		if why, ok := writeGrant(role); ok {
			f := taskFinding(td, ref.Range.Or(td.TaskRoleArn.Range), "taskRoleArn.write",
				fmt.Sprintf("task definition %s has task role %s, which its containers can assume, that can write (%s)",
					quote(td.Name), quote(role.Name), why.Message))
			f.Related = []lint.Related{why}
			report(f)
			return
		}
	}
}

// writeGrant finds where a role is allowed to write.
func writeGrant(r *lint.Role) (lint.Related, bool) {
	for _, arn := range r.ManagedPolicyArns {
		if v, ok := arn.Any(func(v lint.String) bool { return v.Known() && writingManagedPolicy.MatchString(v.V) }); ok {
			return lint.Related{Range: v.Range, Message: "managed policy " + v.V[strings.LastIndex(v.V, "/")+1:]}, true
		}
	}
	for _, pol := range r.Policies {
		for _, s := range pol.Statements {
			if _, ok := s.Effect.Any(func(v lint.String) bool { return v.Known() && strings.EqualFold(v.V, "Allow") }); !ok {
				continue
			}
			for _, a := range s.Actions {
				if v, ok := a.Any(func(v lint.String) bool { return v.Known() && writes(v.V) }); ok {
					return lint.Related{Range: v.Range, Message: "allows " + v.V}, true
				}
			}
		}
	}
	return lint.Related{}, false
}
