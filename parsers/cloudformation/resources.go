package cloudformation

import (
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
)

// mapper builds a unit from a template's resources. Resources that attach
// to others (ingress rules, IAM policies) are linked by ecsdoc.Linker once
// every resource is known, whatever order the template lists them in.
type mapper struct {
	*ecsdoc.Linker
}

func newMapper() *mapper { return &mapper{ecsdoc.NewLinker()} }

// props is a resource's resolved Properties, read with CloudFormation's
// spelling: Doc.Field("assignPublicIp") finds AssignPublicIp.
func props(n *lint.Node) ecsdoc.Doc {
	return ecsdoc.Doc{N: n, Style: lint.PascalCase}
}

func (m *mapper) add(res lint.Resource, p *lint.Node) {
	d := props(p)
	u := &m.Unit
	switch res.Type {
	case "AWS::ECS::TaskDefinition":
		td := &lint.TaskDefinition{Resource: res}
		ecsdoc.TaskDefinition(d, td)
		if p == nil {
			td.Doc = nil
		}
		u.TaskDefinitions = append(u.TaskDefinitions, td)
	case "AWS::ECS::Service":
		u.Services = append(u.Services, ecsdoc.Service(res, "service", d))
	case "AWS::ECS::TaskSet":
		u.Services = append(u.Services, ecsdoc.Service(res, "task-set", d))
	case "AWS::ECS::Cluster":
		u.Clusters = append(u.Clusters, ecsdoc.Cluster(res, d))
	case "AWS::EC2::SecurityGroup":
		sg := &lint.SecurityGroup{Resource: res}
		for _, in := range d.Objects("securityGroupIngress") {
			sg.Ingress = append(sg.Ingress, ingress(in, in.Range()))
		}
		m.AddGroup(sg)
	case "AWS::EC2::SecurityGroupIngress":
		m.AttachIngress(res, d.String("groupId"), ingress(d, res.Range))
	case "AWS::IAM::Role":
		r := &lint.Role{Resource: res, ManagedPolicyArns: d.Strings("managedPolicyArns")}
		for _, ip := range d.Objects("policies") {
			r.Policies = append(r.Policies, ecsdoc.Policy(ip.Range(), ip.String("policyName"), ip.Field("policyDocument")))
		}
		m.AddRole(r, d.String("roleName"))
		m.ResolveManaged(r)
	case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy":
		name := d.String("policyName")
		if res.Type == "AWS::IAM::ManagedPolicy" {
			name = d.String("managedPolicyName")
		}
		pol := ecsdoc.Policy(res.Range, name, d.Field("policyDocument"))
		if res.Type == "AWS::IAM::ManagedPolicy" {
			m.AddPolicy(res.ID, pol)
		}
		roles := d.Strings("roles")
		if res.Type == "AWS::IAM::RolePolicy" {
			roles = []lint.String{d.String("roleName")}
		}
		m.AttachPolicy(roles, pol)
	case "AWS::EKS::Cluster":
		u.EKSClusters = append(u.EKSClusters, ecsdoc.EKSCluster(res, d))
	}
}

// finish applies the attachments and returns the unit.
func (m *mapper) finish() *lint.Unit { return m.Finish() }

// ingress decodes an ingress permission: an item of SecurityGroupIngress or
// an AWS::EC2::SecurityGroupIngress resource's properties.
func ingress(d ecsdoc.Doc, at lint.Range) lint.IngressRule {
	r := lint.IngressRule{Range: at, Protocol: d.String("ipProtocol"),
		FromPort: ecsdoc.Int(d.String("fromPort")), ToPort: ecsdoc.Int(d.String("toPort"))}
	for _, key := range []string{"cidrIp", "cidrIpv6"} {
		if v := d.String(key); v.Set() {
			r.CIDRs = append(r.CIDRs, v)
		}
	}
	return r
}
