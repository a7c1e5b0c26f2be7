package rules

import (
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// Predicates about services shared by ECS101, ECS102 and ECS301.

// publicIP returns the service's assignPublicIp value when it may be ENABLED.
func publicIP(s *lint.Service) (lint.String, bool) {
	return s.AssignPublicIP.Any(func(v lint.String) bool { return v.Known() && strings.EqualFold(v.V, "ENABLED") })
}

// openIngress is an ingress source that admits the whole internet.
type openIngress struct {
	Group *lint.SecurityGroup
	CIDR  lint.String
}

// worldCIDR reports the IPv4 and IPv6 "anywhere" ranges.
func worldCIDR(v lint.String) bool {
	return v.Known() && (strings.TrimSpace(v.V) == "0.0.0.0/0" || strings.TrimSpace(v.V) == "::/0")
}

// openIngresses lists the world-open ingress sources of the security groups
// attached to s that the unit defines.
func openIngresses(u *lint.Unit, s *lint.Service) []openIngress {
	var out []openIngress
	seen := map[*lint.SecurityGroup]bool{}
	for _, ref := range s.SecurityGroups {
		for _, r := range ref.Possible() {
			sg := u.SecurityGroup(r.Ref())
			if sg == nil || seen[sg] {
				continue
			}
			seen[sg] = true
			for _, in := range sg.Ingress {
				for _, c := range in.CIDRs {
					if v, ok := c.Any(worldCIDR); ok {
						out = append(out, openIngress{Group: sg, CIDR: v})
					}
				}
			}
		}
	}
	return out
}

// resourceFinding builds a finding about any resource.
func resourceFinding(r lint.Resource, at lint.Range, key, msg string) lint.Finding {
	return lint.Finding{Message: msg, Range: at.Or(r.Range), Resource: r.Name, ResourceRange: r.Range, Key: key}
}

// serviceTemplate is a CloudFormation service with the given network
// configuration lines (indented 10 spaces, under AwsvpcConfiguration) and
// extra properties (indented 6 spaces), for the examples.
func serviceTemplate(vpc string, props ...string) string {
	return "  Service:\n    Type: AWS::ECS::Service\n    Properties:\n      Cluster: prod\n" +
		"      TaskDefinition: arn:aws:ecs:eu-west-1:111122223333:task-definition/app:3\n" +
		strings.Join(props, "") +
		"      NetworkConfiguration:\n        AwsvpcConfiguration:\n          Subnets: [subnet-0abc]\n" + vpc
}

// tfService is a Terraform service running taskDef with the given
// network_configuration attributes and extra arguments (tfBody entries),
// for the examples.
func tfService(taskDef string, network []string, args ...string) string {
	body := append([]string{`name = "app"`, `cluster = "prod"`, "task_definition = " + taskDef}, args...)
	body = append(body, "", tfBlock("network_configuration", append([]string{`subnets = ["subnet-0abc"]`}, network...)...))
	return tfResource("aws_ecs_service", "app", body...)
}

// tfTaskARN is a task definition outside the example.
const tfTaskARN = `"arn:aws:ecs:eu-west-1:111122223333:task-definition/app:3"`

// tfOpenSG is a Terraform security group admitting HTTPS from cidr, for the
// examples.
func tfOpenSG(cidr string) string {
	return tfResource("aws_security_group", "web", `name = "web"`, "",
		tfBlock("ingress", `from_port = 443`, `to_port = 443`, `protocol = "tcp"`, `cidr_blocks = ["`+cidr+`"]`))
}
