package ecsdoc

import "github.com/ecslint/ecslint/lint"

// This file is the one mapping from a normalised resource to the model,
// shared by every format: the parsers find resources and normalise their
// properties (kinds.go says which types they read), and Linker.Add gives
// each kind its meaning.

// Resource is one resource a parser found, normalised: its kind and its
// properties as a document spelled with the API's keys. What is truly a
// format's own (where resources are, how references and intrinsics
// resolve, how its attributes are named) is settled before; everything
// after is the same for every format.
type Resource struct {
	lint.Resource
	Kind  Kind
	Props Doc
	// Built reports properties that the parser built from something other
	// than a task-definition document (Terraform's blocks and attributes):
	// a task definition then keeps no document for ECS000 to validate.
	Built bool
	// Containers holds a built task definition's container definitions as
	// written (Terraform's container_definitions, a JSON document), read in
	// ContainersStyle; Props has none.
	Containers      *lint.Field
	ContainersStyle lint.KeyStyle
}

// Add maps a resource into the unit: each kind means the same whatever
// format wrote it. It returns the task definition when the resource is
// one, for the parser to note what of it could not be read.
func (l *Linker) Add(r Resource) *lint.TaskDefinition {
	res, d := r.Resource, r.Props
	u := &l.Unit
	switch r.Kind {
	case KindTaskDefinition:
		td := &lint.TaskDefinition{Resource: res}
		TaskDefinition(d, td)
		if r.Built {
			td.Doc = nil
		}
		if r.Containers != nil {
			Containers(r.Containers, r.ContainersStyle, td)
		}
		u.TaskDefinitions = append(u.TaskDefinitions, td)
		return td
	case KindService:
		u.Services = append(u.Services, Service(res, "service", d))
	case KindTaskSet:
		u.Services = append(u.Services, Service(res, "task-set", d))
	case KindCluster:
		c := Cluster(res, d)
		if !r.Built {
			c.Doc = d.N
		}
		u.Clusters = append(u.Clusters, c)
	case KindSecurityGroup:
		sg := &lint.SecurityGroup{Resource: res}
		for _, in := range d.Objects("securityGroupIngress") {
			sg.Ingress = append(sg.Ingress, Ingress(in, in.Range()))
		}
		l.AddGroup(sg)
	case KindIngressRule:
		l.AttachIngress(res, d.String("groupId"), Ingress(d, res.Range))
	case KindRole:
		role := &lint.Role{Resource: res, ManagedPolicyArns: d.Strings("managedPolicyArns")}
		for _, ip := range d.Objects("policies") {
			role.Policies = append(role.Policies, Policy(ip.Range(), ip.String("policyName"), ip.Field("policyDocument")))
		}
		l.AddRole(role, d.String("roleName"))
		l.ResolveManaged(role)
	case KindPolicy:
		l.AttachPolicy(d.Strings("roles"), Policy(res.Range, d.String("policyName"), d.Field("policyDocument")))
	case KindManagedPolicy:
		p := Policy(res.Range, d.String("managedPolicyName"), d.Field("policyDocument"))
		l.AddPolicy(res.ID, p)
		l.AttachPolicy(d.Strings("roles"), p)
	case KindRolePolicy:
		p := Policy(res.Range, d.String("policyName"), d.Field("policyDocument"))
		l.AttachPolicy([]lint.String{d.String("roleName")}, p)
	case KindPolicyAttachment:
		l.AttachManaged(d.String("roleName"), d.String("policyArn"))
	case KindEKSCluster:
		u.EKSClusters = append(u.EKSClusters, EKSCluster(res, d))
	case KindCapacityProvider:
		asg, ap := d.Sub("autoScalingGroupProvider")
		u.CapacityProviders = append(u.CapacityProviders, &lint.CapacityProvider{Resource: res, AutoScalingGroup: ap,
			ManagedTerminationProtection: asg.String("managedTerminationProtection")})
	case KindEKSNodeGroup:
		u.EKSNodeGroups = append(u.EKSNodeGroups, EKSNodeGroup(res, d))
	case KindEKSIdentityProviderConfig:
		u.EKSIdentityProviderConfigs = append(u.EKSIdentityProviderConfigs,
			&lint.EKSIdentityProviderConfig{Resource: res, Cluster: d.String("clusterName"), Tags: Tags(d)})
	}
	return nil
}

// Ingress decodes an ingress permission at a range: an item of a security
// group's SecurityGroupIngress, or an ingress rule resource. Its addresses
// are CidrIp and CidrIpv6 when set, as CloudFormation writes them, then
// every item of IpRanges and Ipv6Ranges (the EC2 API's lists, into which
// Terraform's CIDR lists are normalised; an item whose address is unknown
// stands for a list that is not known).
func Ingress(d Doc, at lint.Range) lint.IngressRule {
	r := lint.IngressRule{Range: at, Protocol: d.String("ipProtocol"),
		FromPort: Int(d.String("fromPort")), ToPort: Int(d.String("toPort"))}
	for _, key := range []string{"cidrIp", "cidrIpv6"} {
		if v := d.String(key); v.Set() {
			r.CIDRs = append(r.CIDRs, v)
		}
	}
	if d.Style == lint.PascalCase {
		// CloudFormation's ingress has no lists: an IpRanges written
		// there is not a property, and does not open the group.
		return r
	}
	for _, list := range [...]struct{ key, item string }{{"ipRanges", "cidrIp"}, {"ipv6Ranges", "cidrIpv6"}} {
		for _, it := range d.Objects(list.key) {
			r.CIDRs = append(r.CIDRs, it.String(list.item))
		}
	}
	return r
}
