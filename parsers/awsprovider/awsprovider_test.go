package awsprovider

import (
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
	"github.com/ecslint/ecslint/parsers/jsonnode"
)

// A Terraform plan gives a resource as the provider's attribute values in
// JSON, nested blocks as lists of objects: the shape Normalise reads, with
// no configuration to evaluate. These bodies are written that way.

func body(t *testing.T, src string) Body {
	t.Helper()
	n, err := jsonnode.Parse("plan.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return Body{N: n}
}

// decodeString reads a JSON document held in a string value, as a plan
// holds container_definitions and policies; the document's positions are
// the string's, which is enough here.
func decodeString(t *testing.T, seen *[]string) JSONDecoder {
	return func(n *lint.Node, what string) *lint.Node {
		*seen = append(*seen, what)
		if n.Kind != lint.StringNode {
			return &lint.Node{Kind: lint.UnknownNode, Range: n.Range}
		}
		doc, err := jsonnode.Parse("plan.json", []byte(n.Text))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return doc
	}
}

func add(t *testing.T, typ string, b Body, decode JSONDecoder) (*ecsdoc.Linker, *lint.TaskDefinition) {
	t.Helper()
	kind := ecsdoc.KindOf(ecsdoc.Terraform, typ)
	if kind == 0 {
		t.Fatalf("%s is not a type ecslint reads", typ)
	}
	res := lint.Resource{ID: typ + ".x", Name: typ + ".x", Type: typ}
	r, ok := Normalise(res, kind, b, decode)
	if !ok {
		t.Fatalf("%s not normalised", typ)
	}
	l := ecsdoc.NewLinker()
	td := l.Add(r)
	l.Finish()
	return l, td
}

func TestServiceFromPlanValues(t *testing.T) {
	var seen []string
	l, _ := add(t, "aws_ecs_service", body(t, `{"launch_type": "FARGATE", "platform_version": "1.3.0",
  "network_configuration": [{"assign_public_ip": true, "security_groups": ["sg-1"]}]}`), decodeString(t, &seen))
	if len(l.Unit.Services) != 1 {
		t.Fatalf("%d services", len(l.Unit.Services))
	}
	s := l.Unit.Services[0]
	if s.Kind != "service" || s.LaunchType.V != "FARGATE" || s.PlatformVersion.V != "1.3.0" {
		t.Errorf("service %+v", s)
	}
	// The provider's boolean is the API's ENABLED, placed at its key.
	if !s.AssignPublicIP.Known() || s.AssignPublicIP.V != "ENABLED" || s.AssignPublicIP.Range.Start.Line != 2 {
		t.Errorf("assign_public_ip read as %+v", s.AssignPublicIP)
	}
	if len(s.SecurityGroups) != 1 || s.SecurityGroups[0].V != "sg-1" {
		t.Errorf("security groups %+v", s.SecurityGroups)
	}
	if len(seen) != 0 {
		t.Errorf("a service has no JSON attribute, decoded %v", seen)
	}
}

func TestTaskDefinitionContainersAsTheProviderReadsThem(t *testing.T) {
	var seen []string
	_, td := add(t, "aws_ecs_task_definition", body(t, `{"family": "app", "network_mode": "awsvpc",
  "container_definitions": "[{\"Name\": \"web\", \"privileged\": true}]"}`), decodeString(t, &seen))
	if td == nil {
		t.Fatal("no task definition returned")
	}
	if td.Doc != nil {
		t.Error("a built task definition keeps a document for ECS000 to validate")
	}
	if td.Family.V != "app" || td.NetworkMode.V != "awsvpc" {
		t.Errorf("task definition %+v", td)
	}
	if td.DocStyle != lint.ProviderJSON || td.ContainersState != lint.Known || len(td.Containers) != 1 {
		t.Fatalf("containers style %d state %v, %d containers", td.DocStyle, td.ContainersState, len(td.Containers))
	}
	// encoding/json matches "Name" to the API's name.
	if c := td.Containers[0]; c.Name.V != "web" || !c.Privileged.V {
		t.Errorf("container %+v", c)
	}
	if len(seen) != 1 || seen[0] != "container_definitions" {
		t.Errorf("decoded %v", seen)
	}
}

func TestPoliciesAreDecodedDocuments(t *testing.T) {
	var seen []string
	l, _ := add(t, "aws_iam_role", body(t, `{"name": "app", "inline_policy": [{"name": "all",
  "policy": "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}"}]}`), decodeString(t, &seen))
	if len(l.Unit.Roles) != 1 || len(l.Unit.Roles[0].Policies) != 1 {
		t.Fatalf("roles %+v", l.Unit.Roles)
	}
	p := l.Unit.Roles[0].Policies[0]
	if p.Name.V != "all" || len(p.Statements) != 1 || p.Statements[0].Actions[0].V != "*" {
		t.Errorf("policy %+v", p)
	}
	if len(seen) != 1 || seen[0] != "the policy" {
		t.Errorf("decoded %v", seen)
	}
}

func TestEgressRuleIsNotRead(t *testing.T) {
	res := lint.Resource{Type: "aws_security_group_rule"}
	if _, ok := Normalise(res, ecsdoc.KindIngressRule, body(t, `{"type": "egress", "cidr_blocks": ["0.0.0.0/0"]}`), nil); ok {
		t.Error("an egress rule was normalised as an ingress rule")
	}
}

// A CIDR list that is not known (a plan's after_unknown) stands as one
// unknown address at its attribute, with no value range of its own.
func TestUnknownCIDRList(t *testing.T) {
	b := body(t, `{"type": "ingress", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": null}`)
	f := b.Field("cidr_blocks")
	f.Value = &lint.Node{Kind: lint.UnknownNode, Range: f.Value.Range}
	l, _ := add(t, "aws_security_group_rule", b, nil)
	if len(l.Unit.SecurityGroups) != 1 || len(l.Unit.SecurityGroups[0].Ingress) != 1 {
		t.Fatalf("groups %+v", l.Unit.SecurityGroups)
	}
	r := l.Unit.SecurityGroups[0].Ingress[0]
	if r.FromPort.V != 22 || r.Protocol.V != "tcp" {
		t.Errorf("rule %+v", r)
	}
	want := lint.String{State: lint.Unknown, Range: f.KeyRange}
	if len(r.CIDRs) != 1 || r.CIDRs[0].State != want.State || r.CIDRs[0].Range != want.Range || r.CIDRs[0].ValueRange != (lint.Range{}) {
		t.Errorf("CIDRs %+v, want one %+v", r.CIDRs, want)
	}
}

func TestAssignPublicIPAlternatives(t *testing.T) {
	n := &lint.Node{Kind: lint.BoolNode, Text: "true"}
	n.SetAlts([]*lint.Node{{Kind: lint.BoolNode, Text: "false"}, {Kind: lint.UnknownNode}})
	out := enabledDisabled(n)
	alts := out.Alts()
	if out.Kind != lint.StringNode || out.Text != "ENABLED" || len(alts) != 2 ||
		alts[0].Text != "DISABLED" || alts[1].Kind != lint.UnknownNode {
		t.Errorf("got %+v (alts %+v)", out, alts)
	}
	if n.Kind != lint.BoolNode || len(n.Alts()) != 2 || n.Alts()[0].Kind != lint.BoolNode {
		t.Error("the attribute's own node was changed")
	}
}
