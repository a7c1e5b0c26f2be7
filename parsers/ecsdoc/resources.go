package ecsdoc

import (
	"strconv"

	"github.com/ecslint/ecslint/lint"
)

// This file decodes the resources around task definitions (services,
// clusters, security-group rules, IAM policies, EKS clusters) from documents
// spelled with the API's keys. CloudFormation properties are read in
// PascalCase as written; the Terraform parser builds camelCase documents from
// its HCL blocks, so both formats share one meaning of each field.

// Service decodes an ECS service or task set.
func Service(res lint.Resource, kind string, d Doc) *lint.Service {
	s := &lint.Service{Resource: res, Kind: kind}
	s.TaskDefinition = d.String("taskDefinition")
	s.Cluster = d.String("cluster")
	s.LaunchType = d.String("launchType")
	s.PlatformVersion = d.String("platformVersion")
	for _, c := range d.Objects("capacityProviderStrategy") {
		s.CapacityProviders = append(s.CapacityProviders, c.String("capacityProvider"))
	}
	nc, _ := d.Sub("networkConfiguration")
	vpc, _ := nc.Sub("awsvpcConfiguration")
	if vpc.N == nil {
		// CloudFormation's AWS::ECS::TaskSet spells it AwsVpcConfiguration,
		// unlike the service.
		vpc, _ = nc.Sub("awsVpcConfiguration")
	}
	s.AssignPublicIP = vpc.String("assignPublicIp")
	s.SecurityGroups = vpc.Strings("securityGroups")
	s.Tags = Tags(d)
	if kind == "service" {
		s.Role = d.String("role")
	}
	return s
}

// Cluster decodes an ECS cluster's settings.
func Cluster(res lint.Resource, d Doc) *lint.Cluster {
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
	conf, _ := d.Sub("configuration")
	exec, ep := conf.Sub("executeCommandConfiguration")
	e := &c.ExecuteCommand
	e.Presence = ep
	e.KMSKeyID = exec.String("kmsKeyId")
	e.Logging = exec.String("logging")
	logs, lp := exec.Sub("logConfiguration")
	e.LogConfiguration = lp
	e.CloudWatchLogGroupName = logs.String("cloudWatchLogGroupName")
	e.CloudWatchEncryptionEnabled = logs.Bool("cloudWatchEncryptionEnabled")
	e.S3BucketName = logs.String("s3BucketName")
	e.S3EncryptionEnabled = logs.Bool("s3EncryptionEnabled")
	c.Tags = Tags(d)
	return c
}

// Policy reads an IAM policy document's statements. IAM documents are
// PascalCase in every format.
func Policy(at lint.Range, name lint.String, docField *lint.Field) *lint.Policy {
	p := &lint.Policy{Range: at, Name: name}
	if docField == nil {
		return p
	}
	doc := Doc{N: docField.Value, Style: lint.PascalCase}
	stmts := doc.Objects("statement")
	if f := doc.Field("statement"); f != nil && f.Value.Kind == lint.ObjectNode {
		// A single statement may be written without a list.
		stmts = []Doc{{N: f.Value, Style: lint.PascalCase}}
	}
	for _, s := range stmts {
		p.Statements = append(p.Statements, lint.Statement{Range: s.Range(), Effect: s.String("effect"),
			Actions: s.Strings("action"), Resources: s.Strings("resource")})
	}
	return p
}

// EKSCluster decodes an EKS cluster.
func EKSCluster(res lint.Resource, d Doc) *lint.EKSCluster {
	c := &lint.EKSCluster{Resource: res, Version: d.String("version"), RoleArn: d.String("roleArn")}
	vpc, _ := d.Sub("resourcesVpcConfig")
	c.EndpointPublicAccess = vpc.Bool("endpointPublicAccess")
	f := vpc.Field("publicAccessCidrs")
	c.PublicAccessCIDRsSet = Presence(f)
	c.PublicAccessCIDRs = Strings(f)
	if f := d.Field("encryptionConfig"); f != nil {
		c.Encryption = Presence(f)
		for _, e := range d.Objects("encryptionConfig") {
			c.EncryptedResources = append(c.EncryptedResources, e.Strings("resources")...)
		}
	}
	logging, _ := d.Sub("logging")
	cl, _ := logging.Sub("clusterLogging")
	if f := cl.Field("enabledTypes"); f != nil {
		c.Logging = Presence(f)
		for _, t := range cl.Objects("enabledTypes") {
			c.LogTypes = append(c.LogTypes, t.String("type"))
		}
		if f.Value.Kind == lint.UnknownNode {
			c.LogTypes = append(c.LogTypes, lint.String{State: lint.Unknown, Range: f.KeyRange})
		}
	}
	c.Tags = Tags(d)
	return c
}

// Int converts a value written as a number or a string (a port).
func Int(s lint.String) lint.Int {
	convert := func(s lint.String) lint.Int {
		v := lint.Int{State: s.State, Range: s.Range, ValueRange: s.ValueRange}
		v.SetRef(s.Ref())
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
	out := convert(s)
	if alts := s.Alts(); len(alts) > 0 {
		conv := make([]lint.Int, len(alts))
		for i, a := range alts {
			conv[i] = convert(a)
		}
		out.SetAlts(conv)
	}
	return out
}

// Linker builds a unit from resources that attach to each other in any
// order: ingress rules written as resources of their own join the group they
// name, policies join the roles they name. Attachments are applied by
// Finish, once every resource is known.
type Linker struct {
	Unit     lint.Unit
	groups   map[string]*lint.SecurityGroup
	roles    map[string]*lint.Role
	named    map[string]*lint.Role // roles by their literal name
	policies map[string]*lint.Policy
	later    []func()
}

// NewLinker returns an empty linker.
func NewLinker() *Linker {
	return &Linker{groups: map[string]*lint.SecurityGroup{}, roles: map[string]*lint.Role{},
		named: map[string]*lint.Role{}, policies: map[string]*lint.Policy{}}
}

// AddGroup records a security group; ingress resources name it by its ID.
func (l *Linker) AddGroup(sg *lint.SecurityGroup) {
	l.Unit.SecurityGroups = append(l.Unit.SecurityGroups, sg)
	l.groups[sg.ID] = sg
}

// AddRole records a role; attachments name it by its ID, or by its name
// when that is a literal (role = "app-task").
func (l *Linker) AddRole(r *lint.Role, name lint.String) {
	l.Unit.Roles = append(l.Unit.Roles, r)
	l.roles[r.ID] = r
	if name.Known() && name.V != "" && len(name.Alts()) == 0 {
		l.named[name.V] = r
	}
}

// role finds the role a reference or a literal name designates.
func (l *Linker) role(v lint.String) *lint.Role {
	if v.Ref() != "" {
		return l.roles[v.Ref()]
	}
	if v.Known() {
		return l.named[v.V]
	}
	return nil
}

// AddPolicy records a standalone policy that roles may attach by its ID.
func (l *Linker) AddPolicy(id string, p *lint.Policy) { l.policies[id] = p }

// AttachIngress adds an ingress rule to the group group refers to; a rule
// whose group is not in the unit stands as a group of its own.
func (l *Linker) AttachIngress(res lint.Resource, group lint.String, rule lint.IngressRule) {
	l.later = append(l.later, func() {
		if sg := l.groups[group.Ref()]; sg != nil && group.Ref() != "" {
			sg.Ingress = append(sg.Ingress, rule)
			return
		}
		l.Unit.SecurityGroups = append(l.Unit.SecurityGroups, &lint.SecurityGroup{Resource: res, Ingress: []lint.IngressRule{rule}})
	})
}

// AttachPolicy adds p to the roles that roles refer to.
func (l *Linker) AttachPolicy(roles []lint.String, p *lint.Policy) {
	l.later = append(l.later, func() {
		for _, role := range roles {
			if r := l.role(role); r != nil {
				r.Policies = append(r.Policies, p)
			}
		}
	})
}

// AttachManaged attaches a managed policy, given by ARN, to the role that
// role refers to: a policy of the unit joins the role's policies, any other
// ARN (an AWS managed policy) its managed policy ARNs.
func (l *Linker) AttachManaged(role lint.String, arn lint.String) {
	l.later = append(l.later, func() {
		r := l.role(role)
		if r == nil {
			return
		}
		if p := l.policies[arn.Ref()]; p != nil && arn.Ref() != "" {
			r.Policies = append(r.Policies, p)
			return
		}
		r.ManagedPolicyArns = append(r.ManagedPolicyArns, arn)
	})
}

// ResolveManaged makes a role's managed policy ARNs that name policies of
// the unit count among its policies.
func (l *Linker) ResolveManaged(r *lint.Role) {
	arns := r.ManagedPolicyArns
	l.later = append(l.later, func() {
		for _, arn := range arns {
			if p := l.policies[arn.Ref()]; p != nil && arn.Ref() != "" {
				r.Policies = append(r.Policies, p)
			}
		}
	})
}

// Finish applies the attachments and returns the unit.
func (l *Linker) Finish() *lint.Unit {
	for _, f := range l.later {
		f()
	}
	l.later = nil
	return &l.Unit
}

// Tags decodes a resource's tags: a list of key/value objects, as the API
// and CloudFormation write them (Terraform's map is normalised into one).
// A list, or an item, that is not known makes the tags unknown.
func Tags(d Doc) lint.Tags {
	f := d.Field("tags")
	t := lint.Tags{Presence: Presence(f)}
	if f == nil && d.partial() {
		t.Presence = lint.Presence{State: lint.Unknown, Range: d.N.Range}
	}
	if f == nil || f.Value.Kind != lint.ArrayNode {
		return t
	}
	if len(f.Value.Alts()) > 0 {
		// Fn::If between lists: which tags apply is not known.
		t.State = lint.Unknown
	}
	for _, it := range Items(f.Value) {
		if it.Kind != lint.ObjectNode {
			t.State = lint.Unknown
			continue
		}
		item := Doc{N: it, Style: d.Style}
		t.Items = append(t.Items, lint.KeyValue{Range: it.Range, Name: item.String("key"), Value: item.String("value")})
	}
	return t
}

// EKSNodeGroup decodes an EKS managed node group.
func EKSNodeGroup(res lint.Resource, d Doc) *lint.EKSNodeGroup {
	g := &lint.EKSNodeGroup{Resource: res, Version: d.String("version"), Cluster: d.String("clusterName"), NodeRole: d.String("nodeRole")}
	ra, rp := d.Sub("remoteAccess")
	g.RemoteAccess = rp
	g.SSHKey = ra.String("ec2SshKey")
	f := ra.Field("sourceSecurityGroups")
	g.SourceSecurityGroupsSet = Presence(f)
	g.SourceSecurityGroups = Strings(f)
	return g
}
