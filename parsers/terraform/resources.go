package terraform

import (
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
)

// Resources are normalised into documents spelled with the ECS API's keys
// (camelCase; PascalCase for IAM policy documents) and mapped into the
// model by ecsdoc.Linker.Add, so a Terraform resource means what the same
// CloudFormation resource means. What is Terraform's own stays here: the
// provider's attribute and block names, its JSON-string attributes, and
// what it makes of a value (assign_public_ip's boolean).

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
func (in *instance) resource(l *ecsdoc.Linker, bl *block, kind ecsdoc.Kind, ex expansion) {
	typ, name := bl.labels[0], bl.labels[1]
	res := lint.Resource{ID: in.prefix + typ + "." + name, Name: in.prefix + typ + "." + name + ex.suffix, Type: typ, Range: bl.defRange, Extent: bl.extent}
	ev := in.ev
	d := doc{ev.bodyNode(ex.scope, bl)}
	in.noteModuleUnknowns(bl, ex.scope, d)
	r, ok := ev.normalise(res, kind, d)
	if !ok {
		return
	}
	td := l.Add(r)
	if td == nil {
		return
	}
	if r.Containers != nil && td.ContainersState == lint.Unknown && r.Containers.Value.Kind == lint.ArrayNode {
		ev.ctx.Notef(r.Containers.KeyRange, "container_definitions has more than %d values; they are not checked", ecsdoc.MaxProviderNodes)
	}
	in.noteUnknownContainers(bl, ex.scope, td)
}

// normalise translates a resource body into the API's document for its
// kind; false for a resource that is not what the kind reads (an egress
// aws_security_group_rule).
func (ev *evaluator) normalise(res lint.Resource, kind ecsdoc.Kind, d doc) (ecsdoc.Resource, bool) {
	r := ecsdoc.Resource{Resource: res, Kind: kind, Built: true}
	switch kind {
	case ecsdoc.KindTaskDefinition:
		r.Props = taskDefinitionDoc(res, d)
		if cf := d.field("container_definitions"); cf != nil {
			// The provider decodes them with encoding/json: keys match
			// regardless of case.
			r.Containers = &lint.Field{Key: "containerDefinitions", KeyRange: cf.KeyRange, Value: ev.jsonOf(cf.Value, "container_definitions")}
			r.ContainersStyle = lint.ProviderJSON
		}
	case ecsdoc.KindService, ecsdoc.KindTaskSet:
		r.Props = serviceDoc(res, d)
	case ecsdoc.KindCluster:
		r.Props = clusterDoc(res, d)
	case ecsdoc.KindSecurityGroup:
		c := newCamel(res.Range)
		list := &lint.Node{Kind: lint.ArrayNode, Range: res.Range}
		for _, rule := range d.blocks("ingress") {
			list.Items = append(list.Items, ingressDoc(rule, rule.n.Range, "cidr_blocks", "ipv6_cidr_blocks").n)
		}
		c.setNode("securityGroupIngress", res.Range, list)
		r.Props = c.doc()
	case ecsdoc.KindIngressRule:
		if t := ecsdoc.String(d.field("type")); t.Known() && t.V != "ingress" {
			return r, false
		}
		v4, v6 := "cidr_blocks", "ipv6_cidr_blocks"
		if res.Type == "aws_vpc_security_group_ingress_rule" {
			v4, v6 = "cidr_ipv4", "cidr_ipv6"
		}
		c := ingressDoc(d, res.Range, v4, v6)
		c.set("groupId", d.field("security_group_id"))
		r.Props = c.doc()
	case ecsdoc.KindRole:
		c := newCamel(res.Range)
		c.set("managedPolicyArns", d.field("managed_policy_arns"))
		list := &lint.Node{Kind: lint.ArrayNode, Range: res.Range}
		for _, ip := range d.blocks("inline_policy") {
			pc := newCamel(ip.n.Range)
			pc.set("policyName", ip.field("name"))
			pc.set("policyDocument", ev.policyField(ip.field("policy")))
			list.Items = append(list.Items, pc.n)
		}
		c.setNode("policies", res.Range, list)
		c.set("roleName", d.field("name"))
		r.Props = c.doc()
	case ecsdoc.KindManagedPolicy, ecsdoc.KindRolePolicy:
		c := newCamel(res.Range)
		if kind == ecsdoc.KindManagedPolicy {
			c.set("managedPolicyName", d.field("name"))
		} else {
			c.set("policyName", d.field("name"))
			c.set("roleName", d.field("role"))
		}
		c.set("policyDocument", ev.policyField(d.field("policy")))
		r.Props = c.doc()
	case ecsdoc.KindPolicyAttachment:
		c := newCamel(res.Range)
		c.set("roleName", d.field("role"))
		c.set("policyArn", d.field("policy_arn"))
		r.Props = c.doc()
	case ecsdoc.KindEKSCluster:
		r.Props = eksDoc(res, d)
	}
	return r, true
}

func taskDefinitionDoc(res lint.Resource, d doc) ecsdoc.Doc {
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
	return c.doc()
}

func clusterDoc(res lint.Resource, d doc) ecsdoc.Doc {
	c := newCamel(res.Range)
	list := &lint.Node{Kind: lint.ArrayNode, Range: res.Range}
	for _, s := range d.blocks("setting") {
		sc := newCamel(s.n.Range)
		sc.set("name", s.field("name"))
		sc.set("value", s.field("value"))
		list.Items = append(list.Items, sc.n)
	}
	c.setNode("clusterSettings", res.Range, list)
	return c.doc()
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

// ingressDoc normalises an ingress rule (a security group's ingress block,
// or a rule resource) at a range, given the names of its IPv4 and IPv6
// CIDR attributes: a CIDR list becomes the API's ipRanges (ipv6Ranges),
// one item per address; a single address, one item at its attribute; a
// list that is not known, an item whose address is unknown at its
// attribute.
func ingressDoc(d doc, at lint.Range, v4, v6 string) camel {
	c := newCamel(at)
	if f := d.field("ip_protocol"); f != nil {
		c.set("ipProtocol", f)
	} else {
		c.set("ipProtocol", d.field("protocol"))
	}
	c.set("fromPort", d.field("from_port"))
	c.set("toPort", d.field("to_port"))
	for _, cidrs := range [...]struct{ attr, list, item string }{{v4, "ipRanges", "cidrIp"}, {v6, "ipv6Ranges", "cidrIpv6"}} {
		f := d.field(cidrs.attr)
		if f == nil {
			continue
		}
		list := &lint.Node{Kind: lint.ArrayNode, Range: f.KeyRange}
		add := func(keyAt lint.Range, v *lint.Node) {
			ic := newCamel(v.Range)
			ic.setNode(cidrs.item, keyAt, v)
			list.Items = append(list.Items, ic.n)
		}
		if f.Value.Kind == lint.StringNode {
			add(f.KeyRange, f.Value)
		} else {
			for _, it := range ecsdoc.Items(f.Value) {
				add(it.Range, it)
			}
			if f.Value.Kind == lint.UnknownNode {
				// Placed at the attribute, with no value range of its own.
				add(f.KeyRange, &lint.Node{Kind: lint.UnknownNode})
			}
		}
		c.setNode(cidrs.list, f.KeyRange, list)
	}
	return c
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
