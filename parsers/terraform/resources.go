package terraform

import (
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
)

// Resources are translated into documents spelled with the ECS API's keys
// (camelCase; PascalCase for IAM policy documents) and decoded by ecsdoc, so
// a Terraform resource means what the same CloudFormation resource means.

// mappedTypes are the resource types ecslint reads.
var mappedTypes = map[string]bool{
	"aws_ecs_task_definition": true, "aws_ecs_service": true, "aws_ecs_task_set": true, "aws_ecs_cluster": true,
	"aws_security_group": true, "aws_security_group_rule": true, "aws_vpc_security_group_ingress_rule": true,
	"aws_iam_role": true, "aws_iam_role_policy": true, "aws_iam_role_policy_attachment": true, "aws_iam_policy": true,
	"aws_eks_cluster": true,
}

// doc is an evaluated resource body, read with Terraform's names.
type doc struct{ n *lint.Node }

func (d doc) field(name string) *lint.Field {
	if d.n == nil || d.n.Kind != lint.ObjectNode {
		return nil
	}
	return d.n.Get(name)
}

// blocks returns a nested block's objects (also when written as an
// attribute holding a list of objects).
func (d doc) blocks(name string) []doc {
	f := d.field(name)
	if f == nil {
		return nil
	}
	var out []doc
	for _, it := range ecsdoc.Items(f.Value) {
		if it.Kind == lint.ObjectNode {
			out = append(out, doc{it})
		}
	}
	if f.Value.Kind == lint.ObjectNode {
		out = append(out, doc{f.Value})
	}
	return out
}

func (d doc) first(name string) doc {
	if bs := d.blocks(name); len(bs) > 0 {
		return bs[0]
	}
	return doc{}
}

// camel builds an API document from Terraform fields.
type camel struct{ n *lint.Node }

func newCamel(r lint.Range) camel { return camel{&lint.Node{Kind: lint.ObjectNode, Range: r}} }

// set copies a Terraform field under an API key, keeping its positions.
func (c camel) set(key string, f *lint.Field) {
	if f != nil {
		c.n.Fields = append(c.n.Fields, &lint.Field{Key: key, KeyRange: f.KeyRange, Value: f.Value})
	}
}

func (c camel) setNode(key string, at lint.Range, v *lint.Node) {
	c.n.Fields = append(c.n.Fields, &lint.Field{Key: key, KeyRange: at, Value: v})
}

func (c camel) doc() ecsdoc.Doc { return ecsdoc.Doc{N: c.n, Style: lint.CamelCase} }

// resource evaluates one resource instance and adds it to the unit.
func (in *instance) resource(l *ecsdoc.Linker, bl *block, ex expansion) {
	typ, name := bl.labels[0], bl.labels[1]
	res := lint.Resource{ID: in.prefix + typ + "." + name, Name: in.prefix + typ + "." + name + ex.suffix, Type: typ, Range: bl.defRange, Extent: bl.extent}
	ev := in.ev
	d := doc{ev.bodyNode(ex.scope, bl)}
	in.noteModuleUnknowns(bl, ex.scope, d)
	switch typ {
	case "aws_ecs_task_definition":
		td := ev.taskDefinition(res, d)
		in.noteUnknownContainers(bl, ex.scope, td)
		l.Unit.TaskDefinitions = append(l.Unit.TaskDefinitions, td)
	case "aws_ecs_service", "aws_ecs_task_set":
		kind := "service"
		if typ == "aws_ecs_task_set" {
			kind = "task-set"
		}
		l.Unit.Services = append(l.Unit.Services, ecsdoc.Service(res, kind, serviceDoc(res, d)))
	case "aws_ecs_cluster":
		c := newCamel(res.Range)
		list := &lint.Node{Kind: lint.ArrayNode, Range: res.Range}
		for _, s := range d.blocks("setting") {
			sc := newCamel(s.n.Range)
			sc.set("name", s.field("name"))
			sc.set("value", s.field("value"))
			list.Items = append(list.Items, sc.n)
		}
		c.setNode("clusterSettings", res.Range, list)
		l.Unit.Clusters = append(l.Unit.Clusters, ecsdoc.Cluster(res, c.doc()))
	case "aws_security_group":
		sg := &lint.SecurityGroup{Resource: res}
		for _, rule := range d.blocks("ingress") {
			sg.Ingress = append(sg.Ingress, ingress(rule, rule.n.Range, "cidr_blocks", "ipv6_cidr_blocks"))
		}
		l.AddGroup(sg)
	case "aws_security_group_rule":
		if t := ecsdoc.String(d.field("type")); t.Known() && t.V != "ingress" {
			return
		}
		l.AttachIngress(res, ecsdoc.String(d.field("security_group_id")), ingress(d, res.Range, "cidr_blocks", "ipv6_cidr_blocks"))
	case "aws_vpc_security_group_ingress_rule":
		l.AttachIngress(res, ecsdoc.String(d.field("security_group_id")), ingress(d, res.Range, "cidr_ipv4", "cidr_ipv6"))
	case "aws_iam_role":
		r := &lint.Role{Resource: res, ManagedPolicyArns: ecsdoc.Strings(d.field("managed_policy_arns"))}
		for _, ip := range d.blocks("inline_policy") {
			r.Policies = append(r.Policies, ecsdoc.Policy(ip.n.Range, ecsdoc.String(ip.field("name")), ev.policyField(ip.field("policy"))))
		}
		l.AddRole(r, ecsdoc.String(d.field("name")))
		l.ResolveManaged(r)
	case "aws_iam_policy":
		p := ecsdoc.Policy(res.Range, ecsdoc.String(d.field("name")), ev.policyField(d.field("policy")))
		l.AddPolicy(res.ID, p)
	case "aws_iam_role_policy":
		p := ecsdoc.Policy(res.Range, ecsdoc.String(d.field("name")), ev.policyField(d.field("policy")))
		l.AttachPolicy([]lint.String{ecsdoc.String(d.field("role"))}, p)
	case "aws_iam_role_policy_attachment":
		l.AttachManaged(ecsdoc.String(d.field("role")), ecsdoc.String(d.field("policy_arn")))
	case "aws_eks_cluster":
		l.Unit.EKSClusters = append(l.Unit.EKSClusters, ecsdoc.EKSCluster(res, eksDoc(res, d)))
	}
}

func (ev *evaluator) taskDefinition(res lint.Resource, d doc) *lint.TaskDefinition {
	c := newCamel(res.Range)
	c.set("family", d.field("family"))
	c.set("networkMode", d.field("network_mode"))
	c.set("pidMode", d.field("pid_mode"))
	c.set("ipcMode", d.field("ipc_mode"))
	c.set("taskRoleArn", d.field("task_role_arn"))
	c.set("executionRoleArn", d.field("execution_role_arn"))
	c.set("requiresCompatibilities", d.field("requires_compatibilities"))
	if rp := d.first("runtime_platform"); rp.n != nil {
		rc := newCamel(rp.n.Range)
		rc.set("operatingSystemFamily", rp.field("operating_system_family"))
		c.setNode("runtimePlatform", rp.n.Range, rc.n)
	}
	if vf := d.field("volume"); vf != nil {
		vols := &lint.Node{Kind: lint.ArrayNode, Range: vf.KeyRange}
		for _, v := range d.blocks("volume") {
			vc := newCamel(v.n.Range)
			vc.set("name", v.field("name"))
			if hp := v.field("host_path"); hp != nil {
				host := newCamel(hp.KeyRange)
				host.set("sourcePath", hp)
				vc.setNode("host", hp.KeyRange, host.n)
			}
			if efs := v.first("efs_volume_configuration"); efs.n != nil {
				ec := newCamel(efs.n.Range)
				ec.set("fileSystemId", efs.field("file_system_id"))
				ec.set("transitEncryption", efs.field("transit_encryption"))
				vc.setNode("efsVolumeConfiguration", efs.n.Range, ec.n)
			}
			vols.Items = append(vols.Items, vc.n)
		}
		c.setNode("volumes", vf.KeyRange, vols)
	}
	td := &lint.TaskDefinition{Resource: res}
	ecsdoc.TaskDefinition(c.doc(), td)
	// The resource is HCL, not a task-definition document; only its
	// container definitions are JSON for schema validation.
	td.Doc = nil
	if cf := d.field("container_definitions"); cf != nil {
		containers := ev.jsonOf(cf.Value, "container_definitions")
		// The provider decodes them with encoding/json: keys match
		// regardless of case.
		ecsdoc.Containers(&lint.Field{Key: "containerDefinitions", KeyRange: cf.KeyRange, Value: containers}, lint.ProviderJSON, td)
		if td.ContainersState == lint.Unknown && containers.Kind == lint.ArrayNode {
			ev.ctx.Notef(cf.KeyRange, "container_definitions has more than %d values; they are not checked", ecsdoc.MaxProviderNodes)
		}
	}
	return td
}

func serviceDoc(res lint.Resource, d doc) ecsdoc.Doc {
	c := newCamel(res.Range)
	c.set("taskDefinition", d.field("task_definition"))
	c.set("cluster", d.field("cluster"))
	c.set("launchType", d.field("launch_type"))
	c.set("platformVersion", d.field("platform_version"))
	if f := d.field("capacity_provider_strategy"); f != nil {
		list := &lint.Node{Kind: lint.ArrayNode, Range: f.KeyRange}
		for _, s := range d.blocks("capacity_provider_strategy") {
			sc := newCamel(s.n.Range)
			sc.set("capacityProvider", s.field("capacity_provider"))
			list.Items = append(list.Items, sc.n)
		}
		c.setNode("capacityProviderStrategy", f.KeyRange, list)
	}
	if nc := d.first("network_configuration"); nc.n != nil {
		vpc := newCamel(nc.n.Range)
		if f := nc.field("assign_public_ip"); f != nil {
			vpc.setNode("assignPublicIp", f.KeyRange, enabledDisabled(f.Value))
		}
		vpc.set("securityGroups", nc.field("security_groups"))
		ncc := newCamel(nc.n.Range)
		ncc.setNode("awsvpcConfiguration", nc.n.Range, vpc.n)
		c.setNode("networkConfiguration", nc.n.Range, ncc.n)
	}
	return c.doc()
}

// enabledDisabled translates Terraform's assign_public_ip boolean into the
// API's ENABLED/DISABLED, alternatives included.
func enabledDisabled(n *lint.Node) *lint.Node {
	conv := func(n *lint.Node) *lint.Node {
		b, ok := truth(n)
		if !ok {
			return n
		}
		out := *n
		out.Kind, out.Text = lint.StringNode, "DISABLED"
		out.SetAlts(nil)
		if b {
			out.Text = "ENABLED"
		}
		return &out
	}
	out := conv(n)
	if len(n.Alts()) > 0 {
		base := *n
		base.SetAlts(nil)
		out = conv(&base)
		for _, a := range n.Alts() {
			out.SetAlts(append(out.Alts(), conv(a)))
		}
	}
	return out
}

// ingress decodes an ingress rule: a security group's ingress block, or a
// rule resource, with the names of its IPv4 and IPv6 CIDR fields.
func ingress(d doc, at lint.Range, v4, v6 string) lint.IngressRule {
	r := lint.IngressRule{Range: at, Protocol: ecsdoc.String(d.field("protocol")),
		FromPort: ecsdoc.Int(ecsdoc.String(d.field("from_port"))), ToPort: ecsdoc.Int(ecsdoc.String(d.field("to_port")))}
	if f := d.field("ip_protocol"); f != nil {
		r.Protocol = ecsdoc.String(f)
	}
	for _, key := range []string{v4, v6} {
		f := d.field(key)
		if f == nil {
			continue
		}
		if f.Value.Kind == lint.StringNode {
			r.CIDRs = append(r.CIDRs, ecsdoc.String(f))
			continue
		}
		r.CIDRs = append(r.CIDRs, ecsdoc.Strings(f)...)
		if f.Value.Kind == lint.UnknownNode {
			r.CIDRs = append(r.CIDRs, lint.String{State: lint.Unknown, Range: f.KeyRange})
		}
	}
	return r
}

func eksDoc(res lint.Resource, d doc) ecsdoc.Doc {
	c := newCamel(res.Range)
	c.set("version", d.field("version"))
	if vpc := d.first("vpc_config"); vpc.n != nil {
		vc := newCamel(vpc.n.Range)
		vc.set("endpointPublicAccess", vpc.field("endpoint_public_access"))
		vc.set("publicAccessCidrs", vpc.field("public_access_cidrs"))
		c.setNode("resourcesVpcConfig", vpc.n.Range, vc.n)
	}
	if f := d.field("encryption_config"); f != nil && hasUnknownBlock(f.Value) {
		// A dynamic block over an unknown collection: how many configs
		// there are, and what they encrypt, is not known.
		c.setNode("encryptionConfig", f.KeyRange, unknown(f.KeyRange))
	} else if f != nil {
		list := &lint.Node{Kind: lint.ArrayNode, Range: f.KeyRange}
		for _, e := range d.blocks("encryption_config") {
			ec := newCamel(e.n.Range)
			ec.set("resources", e.field("resources"))
			list.Items = append(list.Items, ec.n)
		}
		c.setNode("encryptionConfig", f.KeyRange, list)
	}
	if f := d.field("enabled_cluster_log_types"); f != nil {
		types := &lint.Node{Kind: f.Value.Kind, Range: f.Value.Range}
		if f.Value.Kind == lint.ArrayNode {
			for _, it := range f.Value.Items {
				tc := newCamel(it.Range)
				tc.setNode("type", it.Range, it)
				types.Items = append(types.Items, tc.n)
			}
		}
		cl := newCamel(f.KeyRange)
		cl.setNode("enabledTypes", f.KeyRange, types)
		lg := newCamel(f.KeyRange)
		lg.setNode("clusterLogging", f.KeyRange, cl.n)
		c.setNode("logging", f.KeyRange, lg.n)
	}
	return c.doc()
}

// hasUnknownBlock reports whether a nested block's value is, or holds, an
// unknown (a dynamic block whose for_each is not known).
func hasUnknownBlock(n *lint.Node) bool {
	if n.Kind == lint.UnknownNode || len(n.Alts()) > 0 {
		return true
	}
	for _, it := range n.Items {
		if it.Kind == lint.UnknownNode {
			return true
		}
	}
	return false
}

// policyField turns a policy attribute (a JSON string: jsonencode(), a
// heredoc, a policy document data source's json) into its document.
func (ev *evaluator) policyField(f *lint.Field) *lint.Field {
	if f == nil {
		return nil
	}
	return &lint.Field{Key: f.Key, KeyRange: f.KeyRange, Value: ev.jsonOf(f.Value, "the policy")}
}

// policyDocument computes an aws_iam_policy_document data source: its
// statement blocks as an IAM JSON document (Effect defaults to Allow).
func (ev *evaluator) policyDocument(s *scope, bl *block) *lint.Node {
	d := doc{ev.bodyNode(s, bl)}
	stmts := &lint.Node{Kind: lint.ArrayNode, Range: bl.defRange}
	for _, st := range d.blocks("statement") {
		sc := camel{&lint.Node{Kind: lint.ObjectNode, Range: st.n.Range}}
		if f := st.field("effect"); f != nil {
			sc.set("Effect", f)
		} else {
			sc.setNode("Effect", st.n.Range, strNode("Allow", st.n.Range))
		}
		sc.set("Action", st.field("actions"))
		sc.set("Resource", st.field("resources"))
		stmts.Items = append(stmts.Items, sc.n)
	}
	return object(bl.defRange, "Version", strNode("2012-10-17", bl.defRange), "Statement", stmts)
}
