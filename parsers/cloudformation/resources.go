package cloudformation

import (
	"strconv"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
)

// mapper builds a unit from a template's resources. Resources that attach
// to others (ingress rules, IAM policies) are applied once every resource
// is known, whatever order the template lists them in.
type mapper struct {
	unit     lint.Unit
	sgs      map[string]*lint.SecurityGroup
	roles    map[string]*lint.Role
	policies map[string]*lint.Policy // managed policies by logical ID
	later    []func()
}

func newMapper() *mapper {
	return &mapper{sgs: map[string]*lint.SecurityGroup{}, roles: map[string]*lint.Role{}, policies: map[string]*lint.Policy{}}
}

// props is a resource's resolved Properties, read with CloudFormation's
// spelling: Doc.Field("assignPublicIp") finds AssignPublicIp.
func props(n *lint.Node) ecsdoc.Doc {
	return ecsdoc.Doc{N: n, Style: lint.PascalCase}
}

func (m *mapper) add(res lint.Resource, p *lint.Node) {
	d := props(p)
	switch res.Type {
	case "AWS::ECS::TaskDefinition":
		td := &lint.TaskDefinition{Resource: res}
		ecsdoc.TaskDefinition(d, td)
		if p == nil {
			td.Doc = nil
		}
		m.unit.TaskDefinitions = append(m.unit.TaskDefinitions, td)
	case "AWS::ECS::Service", "AWS::ECS::TaskSet":
		m.unit.Services = append(m.unit.Services, service(res, d))
	case "AWS::ECS::Cluster":
		m.unit.Clusters = append(m.unit.Clusters, cluster(res, d))
	case "AWS::EC2::SecurityGroup":
		sg := &lint.SecurityGroup{Resource: res}
		for _, in := range d.Objects("securityGroupIngress") {
			sg.Ingress = append(sg.Ingress, ingress(in, in.Range()))
		}
		m.unit.SecurityGroups = append(m.unit.SecurityGroups, sg)
		m.sgs[res.ID] = sg
	case "AWS::EC2::SecurityGroupIngress":
		rule := ingress(d, res.Range)
		group := d.String("groupId")
		m.later = append(m.later, func() { m.attachIngress(res, group, rule) })
	case "AWS::IAM::Role":
		r := &lint.Role{Resource: res, ManagedPolicyArns: d.Strings("managedPolicyArns")}
		for _, ip := range d.Objects("policies") {
			r.Policies = append(r.Policies, policy(ip.Range(), ip.String("policyName"), ip.Field("policyDocument")))
		}
		m.unit.Roles = append(m.unit.Roles, r)
		m.roles[res.ID] = r
		// Managed policies of this template, attached by ARN.
		arns := r.ManagedPolicyArns
		m.later = append(m.later, func() {
			for _, arn := range arns {
				if p := m.policies[arn.Ref]; p != nil && arn.Ref != "" {
					r.Policies = append(r.Policies, p)
				}
			}
		})
	case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy":
		name := d.String("policyName")
		if res.Type == "AWS::IAM::ManagedPolicy" {
			name = d.String("managedPolicyName")
		}
		pol := policy(res.Range, name, d.Field("policyDocument"))
		if res.Type == "AWS::IAM::ManagedPolicy" {
			m.policies[res.ID] = pol
		}
		roles := d.Strings("roles")
		if res.Type == "AWS::IAM::RolePolicy" {
			roles = []lint.String{d.String("roleName")}
		}
		m.later = append(m.later, func() {
			for _, role := range roles {
				if r := m.roles[role.Ref]; r != nil && role.Ref != "" {
					r.Policies = append(r.Policies, pol)
				}
			}
		})
	case "AWS::EKS::Cluster":
		m.unit.EKSClusters = append(m.unit.EKSClusters, eksCluster(res, d))
	}
}

// finish applies the attachments and returns the unit.
func (m *mapper) finish() *lint.Unit {
	for _, f := range m.later {
		f()
	}
	return &m.unit
}

func service(res lint.Resource, d ecsdoc.Doc) *lint.Service {
	s := &lint.Service{Resource: res, Kind: "service"}
	if res.Type == "AWS::ECS::TaskSet" {
		s.Kind = "task-set"
	}
	s.TaskDefinition = d.String("taskDefinition")
	s.Cluster = d.String("cluster")
	s.LaunchType = d.String("launchType")
	s.PlatformVersion = d.String("platformVersion")
	for _, c := range d.Objects("capacityProviderStrategy") {
		s.CapacityProviders = append(s.CapacityProviders, c.String("capacityProvider"))
	}
	nc, _ := d.Sub("networkConfiguration")
	vpc, _ := nc.Sub("awsvpcConfiguration")
	if s.Kind == "task-set" {
		// AWS::ECS::TaskSet spells it AwsVpcConfiguration, unlike the service.
		vpc, _ = nc.Sub("awsVpcConfiguration")
	}
	s.AssignPublicIP = vpc.String("assignPublicIp")
	s.SecurityGroups = vpc.Strings("securityGroups")
	return s
}

func cluster(res lint.Resource, d ecsdoc.Doc) *lint.Cluster {
	c := &lint.Cluster{Resource: res}
	for _, s := range d.Objects("clusterSettings") {
		name := s.String("name")
		switch {
		case name.Known() && name.V == "containerInsights":
			c.ContainerInsights = s.String("value")
		case name.State == lint.Unknown && !c.ContainerInsights.Set():
			// A setting whose name is unknown may be this one.
			c.ContainerInsights = lint.String{State: lint.Unknown, Range: s.Range()}
		}
	}
	return c
}

// ingress decodes an ingress permission: an item of SecurityGroupIngress or
// an AWS::EC2::SecurityGroupIngress resource's properties.
func ingress(d ecsdoc.Doc, at lint.Range) lint.IngressRule {
	r := lint.IngressRule{Range: at, Protocol: d.String("ipProtocol"),
		FromPort: intValue(d.String("fromPort")), ToPort: intValue(d.String("toPort"))}
	for _, key := range []string{"cidrIp", "cidrIpv6"} {
		if v := d.String(key); v.Set() {
			r.CIDRs = append(r.CIDRs, v)
		}
	}
	return r
}

// attachIngress adds a separate ingress resource to the group it names; a
// rule whose group is not in the template stands as a group of its own.
func (m *mapper) attachIngress(res lint.Resource, group lint.String, rule lint.IngressRule) {
	if sg := m.sgs[group.Ref]; sg != nil && group.Ref != "" {
		sg.Ingress = append(sg.Ingress, rule)
		return
	}
	m.unit.SecurityGroups = append(m.unit.SecurityGroups, &lint.SecurityGroup{Resource: res, Ingress: []lint.IngressRule{rule}})
}

// intValue converts a port, written as a number or a string.
func intValue(s lint.String) lint.Int {
	conv := func(s lint.String) lint.Int {
		v := lint.Int{State: s.State, Range: s.Range, ValueRange: s.ValueRange, Ref: s.Ref}
		if s.Known() {
			n, err := strconv.ParseInt(s.V, 10, 64)
			if err != nil {
				v.State = lint.Unknown
				return v
			}
			v.V = n
		}
		return v
	}
	out := conv(s)
	for _, a := range s.Alts {
		out.Alts = append(out.Alts, conv(a))
	}
	return out
}

// policy reads an IAM policy document's statements.
func policy(at lint.Range, name lint.String, docField *lint.Field) *lint.Policy {
	p := &lint.Policy{Range: at, Name: name}
	if docField == nil {
		return p
	}
	doc := ecsdoc.Doc{N: docField.Value, Style: lint.PascalCase}
	stmts := doc.Objects("statement")
	if f := doc.Field("statement"); f != nil && f.Value.Kind == lint.ObjectNode {
		// A single statement may be written without a list.
		stmts = []ecsdoc.Doc{{N: f.Value, Style: lint.PascalCase}}
	}
	for _, s := range stmts {
		p.Statements = append(p.Statements, lint.Statement{Range: s.Range(), Effect: s.String("effect"),
			Actions: s.Strings("action"), Resources: s.Strings("resource")})
	}
	return p
}

func eksCluster(res lint.Resource, d ecsdoc.Doc) *lint.EKSCluster {
	c := &lint.EKSCluster{Resource: res, Version: d.String("version")}
	vpc, _ := d.Sub("resourcesVpcConfig")
	c.EndpointPublicAccess = vpc.Bool("endpointPublicAccess")
	f := vpc.Field("publicAccessCidrs")
	c.PublicAccessCIDRsSet = ecsdoc.Presence(f)
	c.PublicAccessCIDRs = ecsdoc.Strings(f)
	if f := d.Field("encryptionConfig"); f != nil {
		c.Encryption = ecsdoc.Presence(f)
		for _, e := range d.Objects("encryptionConfig") {
			c.EncryptedResources = append(c.EncryptedResources, e.Strings("resources")...)
		}
	}
	logging, _ := d.Sub("logging")
	cl, _ := logging.Sub("clusterLogging")
	if f := cl.Field("enabledTypes"); f != nil {
		c.Logging = ecsdoc.Presence(f)
		for _, t := range cl.Objects("enabledTypes") {
			c.LogTypes = append(c.LogTypes, t.String("type"))
		}
		if f.Value.Kind == lint.UnknownNode {
			c.LogTypes = append(c.LogTypes, lint.String{State: lint.Unknown, Range: f.KeyRange})
		}
	}
	return c
}
