// Package awsprovider reads resources as the Terraform AWS provider shapes
// them, attributes and nested blocks under the provider's names, and
// normalises them into documents spelled with the ECS, EC2, IAM and EKS
// APIs' keys, for ecsdoc.Linker.Add to map into the model. Whatever gives
// a resource in the provider's terms uses it: a Terraform configuration
// once evaluated (parsers/terraform), and a Terraform plan, whose resources
// are the same types with their attribute values.
//
// What the provider makes of a value is here too: assign_public_ip's
// boolean is the API's ENABLED or DISABLED, CIDR lists are the EC2 API's
// ipRanges. Reading an attribute that holds a JSON document as a string
// (container_definitions, a policy) is the caller's: a configuration
// renders jsonencode() and templates, a plan holds the string.
package awsprovider

import (
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
)

// JSONDecoder reads an attribute value that holds a JSON document as a
// string into the document's node, positioned in the source; what names
// the attribute for notes ("container_definitions", "the policy").
type JSONDecoder func(n *lint.Node, what string) *lint.Node

// Body is a resource's body as the provider's schema shapes it: its
// attributes by name, its nested blocks as lists of objects under their
// type (a configuration's evaluated body; a plan's attribute values).
type Body struct{ N *lint.Node }

// Field returns the attribute or nested block of that name, or nil.
func (d Body) Field(name string) *lint.Field {
	if d.N == nil || d.N.Kind != lint.ObjectNode {
		return nil
	}
	return d.N.Get(name)
}

// Blocks returns a nested block's objects (also when written as an
// attribute holding a list of objects).
func (d Body) Blocks(name string) []Body {
	f := d.Field(name)
	if f == nil {
		return nil
	}
	var out []Body
	for _, it := range ecsdoc.Items(f.Value) {
		if it.Kind == lint.ObjectNode {
			out = append(out, Body{it})
		}
	}
	if f.Value.Kind == lint.ObjectNode {
		out = append(out, Body{f.Value})
	}
	return out
}

// First returns the first of a nested block's objects, or an empty Body.
func (d Body) First(name string) Body {
	if bs := d.Blocks(name); len(bs) > 0 {
		return bs[0]
	}
	return Body{}
}

// Object builds an API document from the provider's fields.
type Object struct{ N *lint.Node }

// NewObject starts an empty document at a range.
func NewObject(r lint.Range) Object { return Object{&lint.Node{Kind: lint.ObjectNode, Range: r}} }

// Set copies a field under an API key, keeping its positions; nothing
// when f is nil.
func (c Object) Set(key string, f *lint.Field) {
	if f != nil {
		c.N.Fields = append(c.N.Fields, &lint.Field{Key: key, KeyRange: f.KeyRange, Value: f.Value})
	}
}

// SetNode sets a value under an API key, with its key at a range.
func (c Object) SetNode(key string, at lint.Range, v *lint.Node) {
	c.N.Fields = append(c.N.Fields, &lint.Field{Key: key, KeyRange: at, Value: v})
}

// Doc is the document in the API's camelCase spelling.
func (c Object) Doc() ecsdoc.Doc { return ecsdoc.Doc{N: c.N, Style: lint.CamelCase} }

// Normalise translates a resource's body into the API's document for its
// kind, for ecsdoc.Linker.Add; false for a resource that is not what its
// kind reads (an egress aws_security_group_rule). decode reads the
// attributes that hold a JSON document as a string.
func Normalise(res lint.Resource, kind ecsdoc.Kind, d Body, decode JSONDecoder) (ecsdoc.Resource, bool) {
	r := ecsdoc.Resource{Resource: res, Kind: kind, Built: true}
	switch kind {
	case ecsdoc.KindTaskDefinition:
		r.Props = taskDefinitionDoc(res, d)
		if cf := d.Field("container_definitions"); cf != nil {
			// The provider decodes them with encoding/json: keys match
			// regardless of case.
			r.Containers = &lint.Field{Key: "containerDefinitions", KeyRange: cf.KeyRange, Value: decode(cf.Value, "container_definitions")}
			r.ContainersStyle = lint.ProviderJSON
		}
	case ecsdoc.KindService, ecsdoc.KindTaskSet:
		r.Props = serviceDoc(res, d)
	case ecsdoc.KindCluster:
		r.Props = clusterDoc(res, d)
	case ecsdoc.KindSecurityGroup:
		c := NewObject(res.Range)
		list := &lint.Node{Kind: lint.ArrayNode, Range: res.Range}
		for _, rule := range d.Blocks("ingress") {
			list.Items = append(list.Items, ingressDoc(rule, rule.N.Range, "cidr_blocks", "ipv6_cidr_blocks").N)
		}
		c.SetNode("securityGroupIngress", res.Range, list)
		r.Props = c.Doc()
	case ecsdoc.KindIngressRule:
		if t := ecsdoc.String(d.Field("type")); t.Known() && t.V != "ingress" {
			return r, false
		}
		v4, v6 := "cidr_blocks", "ipv6_cidr_blocks"
		if res.Type == "aws_vpc_security_group_ingress_rule" {
			v4, v6 = "cidr_ipv4", "cidr_ipv6"
		}
		c := ingressDoc(d, res.Range, v4, v6)
		c.Set("groupId", d.Field("security_group_id"))
		r.Props = c.Doc()
	case ecsdoc.KindRole:
		c := NewObject(res.Range)
		c.Set("managedPolicyArns", d.Field("managed_policy_arns"))
		list := &lint.Node{Kind: lint.ArrayNode, Range: res.Range}
		for _, ip := range d.Blocks("inline_policy") {
			pc := NewObject(ip.N.Range)
			pc.Set("policyName", ip.Field("name"))
			pc.Set("policyDocument", policyField(decode, ip.Field("policy")))
			list.Items = append(list.Items, pc.N)
		}
		c.SetNode("policies", res.Range, list)
		c.Set("roleName", d.Field("name"))
		r.Props = c.Doc()
	case ecsdoc.KindManagedPolicy, ecsdoc.KindRolePolicy:
		c := NewObject(res.Range)
		if kind == ecsdoc.KindManagedPolicy {
			c.Set("managedPolicyName", d.Field("name"))
		} else {
			c.Set("policyName", d.Field("name"))
			c.Set("roleName", d.Field("role"))
		}
		c.Set("policyDocument", policyField(decode, d.Field("policy")))
		r.Props = c.Doc()
	case ecsdoc.KindPolicyAttachment:
		c := NewObject(res.Range)
		c.Set("roleName", d.Field("role"))
		c.Set("policyArn", d.Field("policy_arn"))
		r.Props = c.Doc()
	case ecsdoc.KindEKSCluster:
		r.Props = eksDoc(res, d)
	case ecsdoc.KindCapacityProvider:
		c := NewObject(res.Range)
		if asg := d.First("auto_scaling_group_provider"); asg.N != nil {
			ac := NewObject(asg.N.Range)
			ac.Set("autoScalingGroupArn", asg.Field("auto_scaling_group_arn"))
			ac.Set("managedTerminationProtection", asg.Field("managed_termination_protection"))
			c.SetNode("autoScalingGroupProvider", asg.N.Range, ac.N)
		}
		r.Props = c.Doc()
	case ecsdoc.KindEKSIdentityProviderConfig:
		c := NewObject(res.Range)
		c.Set("clusterName", d.Field("cluster_name"))
		setTags(c, d)
		r.Props = c.Doc()
	case ecsdoc.KindEKSNodeGroup:
		c := NewObject(res.Range)
		c.Set("version", d.Field("version"))
		c.Set("clusterName", d.Field("cluster_name"))
		c.Set("nodeRole", d.Field("node_role_arn"))
		if ra := d.First("remote_access"); ra.N != nil {
			rc := NewObject(ra.N.Range)
			rc.Set("ec2SshKey", ra.Field("ec2_ssh_key"))
			rc.Set("sourceSecurityGroups", ra.Field("source_security_group_ids"))
			c.SetNode("remoteAccess", ra.N.Range, rc.N)
		}
		r.Props = c.Doc()
	}
	return r, true
}

func taskDefinitionDoc(res lint.Resource, d Body) ecsdoc.Doc {
	c := NewObject(res.Range)
	c.Set("family", d.Field("family"))
	c.Set("networkMode", d.Field("network_mode"))
	c.Set("pidMode", d.Field("pid_mode"))
	c.Set("ipcMode", d.Field("ipc_mode"))
	c.Set("taskRoleArn", d.Field("task_role_arn"))
	c.Set("executionRoleArn", d.Field("execution_role_arn"))
	c.Set("requiresCompatibilities", d.Field("requires_compatibilities"))
	c.Set("cpu", d.Field("cpu"))
	c.Set("memory", d.Field("memory"))
	if rp := d.First("runtime_platform"); rp.N != nil {
		rc := NewObject(rp.N.Range)
		rc.Set("operatingSystemFamily", rp.Field("operating_system_family"))
		c.SetNode("runtimePlatform", rp.N.Range, rc.N)
	}
	if vf := d.Field("volume"); vf != nil {
		vols := &lint.Node{Kind: lint.ArrayNode, Range: vf.KeyRange}
		for _, v := range d.Blocks("volume") {
			vc := NewObject(v.N.Range)
			vc.Set("name", v.Field("name"))
			if hp := v.Field("host_path"); hp != nil {
				host := NewObject(hp.KeyRange)
				host.Set("sourcePath", hp)
				vc.SetNode("host", hp.KeyRange, host.N)
			}
			if efs := v.First("efs_volume_configuration"); efs.N != nil {
				ec := NewObject(efs.N.Range)
				ec.Set("fileSystemId", efs.Field("file_system_id"))
				ec.Set("transitEncryption", efs.Field("transit_encryption"))
				vc.SetNode("efsVolumeConfiguration", efs.N.Range, ec.N)
			}
			vols.Items = append(vols.Items, vc.N)
		}
		c.SetNode("volumes", vf.KeyRange, vols)
	}
	setTags(c, d)
	return c.Doc()
}

func clusterDoc(res lint.Resource, d Body) ecsdoc.Doc {
	c := NewObject(res.Range)
	list := &lint.Node{Kind: lint.ArrayNode, Range: res.Range}
	for _, s := range d.Blocks("setting") {
		sc := NewObject(s.N.Range)
		sc.Set("name", s.Field("name"))
		sc.Set("value", s.Field("value"))
		list.Items = append(list.Items, sc.N)
	}
	c.SetNode("clusterSettings", res.Range, list)
	setTags(c, d)
	if conf := d.First("configuration"); conf.N != nil {
		cc := NewObject(conf.N.Range)
		if ex := conf.First("execute_command_configuration"); ex.N != nil {
			ec := NewObject(ex.N.Range)
			ec.Set("kmsKeyId", ex.Field("kms_key_id"))
			ec.Set("logging", ex.Field("logging"))
			if lc := ex.First("log_configuration"); lc.N != nil {
				lcc := NewObject(lc.N.Range)
				lcc.Set("cloudWatchLogGroupName", lc.Field("cloud_watch_log_group_name"))
				lcc.Set("cloudWatchEncryptionEnabled", lc.Field("cloud_watch_encryption_enabled"))
				lcc.Set("s3BucketName", lc.Field("s3_bucket_name"))
				// The provider's name for the API's s3EncryptionEnabled.
				lcc.Set("s3EncryptionEnabled", lc.Field("s3_bucket_encryption_enabled"))
				ec.SetNode("logConfiguration", lc.N.Range, lcc.N)
			}
			cc.SetNode("executeCommandConfiguration", ex.N.Range, ec.N)
		}
		c.SetNode("configuration", conf.N.Range, cc.N)
	}
	return c.Doc()
}

func serviceDoc(res lint.Resource, d Body) ecsdoc.Doc {
	c := NewObject(res.Range)
	c.Set("taskDefinition", d.Field("task_definition"))
	c.Set("cluster", d.Field("cluster"))
	c.Set("launchType", d.Field("launch_type"))
	c.Set("platformVersion", d.Field("platform_version"))
	c.Set("role", d.Field("iam_role"))
	if f := d.Field("capacity_provider_strategy"); f != nil {
		list := &lint.Node{Kind: lint.ArrayNode, Range: f.KeyRange}
		for _, s := range d.Blocks("capacity_provider_strategy") {
			sc := NewObject(s.N.Range)
			sc.Set("capacityProvider", s.Field("capacity_provider"))
			list.Items = append(list.Items, sc.N)
		}
		c.SetNode("capacityProviderStrategy", f.KeyRange, list)
	}
	if nc := d.First("network_configuration"); nc.N != nil {
		vpc := NewObject(nc.N.Range)
		if f := nc.Field("assign_public_ip"); f != nil {
			vpc.SetNode("assignPublicIp", f.KeyRange, enabledDisabled(f.Value))
		}
		vpc.Set("securityGroups", nc.Field("security_groups"))
		ncc := NewObject(nc.N.Range)
		ncc.SetNode("awsvpcConfiguration", nc.N.Range, vpc.N)
		c.SetNode("networkConfiguration", nc.N.Range, ncc.N)
	}
	setTags(c, d)
	return c.Doc()
}

// enabledDisabled translates Terraform's assign_public_ip boolean into the
// API's ENABLED/DISABLED, alternatives included.
func enabledDisabled(n *lint.Node) *lint.Node {
	conv := func(n *lint.Node) *lint.Node {
		b, ok := boolean(n)
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
func ingressDoc(d Body, at lint.Range, v4, v6 string) Object {
	c := NewObject(at)
	if f := d.Field("ip_protocol"); f != nil {
		c.Set("ipProtocol", f)
	} else {
		c.Set("ipProtocol", d.Field("protocol"))
	}
	c.Set("fromPort", d.Field("from_port"))
	c.Set("toPort", d.Field("to_port"))
	for _, cidrs := range [...]struct{ attr, list, item string }{{v4, "ipRanges", "cidrIp"}, {v6, "ipv6Ranges", "cidrIpv6"}} {
		f := d.Field(cidrs.attr)
		if f == nil {
			continue
		}
		list := &lint.Node{Kind: lint.ArrayNode, Range: f.KeyRange}
		add := func(keyAt lint.Range, v *lint.Node) {
			ic := NewObject(v.Range)
			ic.SetNode(cidrs.item, keyAt, v)
			list.Items = append(list.Items, ic.N)
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
		c.SetNode(cidrs.list, f.KeyRange, list)
	}
	return c
}

func eksDoc(res lint.Resource, d Body) ecsdoc.Doc {
	c := NewObject(res.Range)
	c.Set("version", d.Field("version"))
	c.Set("roleArn", d.Field("role_arn"))
	if vpc := d.First("vpc_config"); vpc.N != nil {
		vc := NewObject(vpc.N.Range)
		vc.Set("endpointPublicAccess", vpc.Field("endpoint_public_access"))
		vc.Set("publicAccessCidrs", vpc.Field("public_access_cidrs"))
		c.SetNode("resourcesVpcConfig", vpc.N.Range, vc.N)
	}
	if f := d.Field("encryption_config"); f != nil && hasUnknownBlock(f.Value) {
		// A dynamic block over an unknown collection: how many configs
		// there are, and what they encrypt, is not known.
		c.SetNode("encryptionConfig", f.KeyRange, &lint.Node{Kind: lint.UnknownNode, Range: f.KeyRange})
	} else if f != nil {
		list := &lint.Node{Kind: lint.ArrayNode, Range: f.KeyRange}
		for _, e := range d.Blocks("encryption_config") {
			ec := NewObject(e.N.Range)
			ec.Set("resources", e.Field("resources"))
			list.Items = append(list.Items, ec.N)
		}
		c.SetNode("encryptionConfig", f.KeyRange, list)
	}
	if f := d.Field("enabled_cluster_log_types"); f != nil {
		types := &lint.Node{Kind: f.Value.Kind, Range: f.Value.Range}
		if f.Value.Kind == lint.ArrayNode {
			for _, it := range f.Value.Items {
				tc := NewObject(it.Range)
				tc.SetNode("type", it.Range, it)
				types.Items = append(types.Items, tc.N)
			}
		}
		cl := NewObject(f.KeyRange)
		cl.SetNode("enabledTypes", f.KeyRange, types)
		lg := NewObject(f.KeyRange)
		lg.SetNode("clusterLogging", f.KeyRange, cl.N)
		c.SetNode("logging", f.KeyRange, lg.N)
	}
	setTags(c, d)
	return c.Doc()
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
func policyField(decode JSONDecoder, f *lint.Field) *lint.Field {
	if f == nil {
		return nil
	}
	return &lint.Field{Key: f.Key, KeyRange: f.KeyRange, Value: decode(f.Value, "the policy")}
}

// boolean reads a boolean attribute as the provider receives it: Terraform
// converts the strings "true" and "false"; anything else, or a value that
// may be either, is not known.
func boolean(n *lint.Node) (bool, bool) {
	if len(n.Alts()) > 0 {
		return false, false
	}
	switch n.Kind {
	case lint.BoolNode, lint.StringNode:
		switch n.Text {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

// setTags sets the API's tags, a list of key/value objects, from the
// provider's map: tags_all when the body has it (a plan's, or a
// configuration's with its provider's default_tags merged in), else tags.
// A map that is not known is an unknown list.
func setTags(c Object, d Body) {
	f := d.Field("tags_all")
	if f == nil {
		f = d.Field("tags")
	}
	if f == nil {
		return
	}
	switch f.Value.Kind {
	case lint.NullNode, lint.AbsentNode:
		if len(f.Value.Alts()) == 0 {
			return
		}
	case lint.ObjectNode:
		if len(f.Value.Alts()) > 0 {
			break
		}
		list := &lint.Node{Kind: lint.ArrayNode, Range: f.Value.Range}
		for _, t := range f.Value.Fields {
			tc := NewObject(t.KeyRange)
			tc.SetNode("key", t.KeyRange, &lint.Node{Kind: lint.StringNode, Text: t.Key, Range: t.KeyRange})
			tc.SetNode("value", t.KeyRange, t.Value)
			list.Items = append(list.Items, tc.N)
		}
		c.SetNode("tags", f.KeyRange, list)
		return
	}
	c.SetNode("tags", f.KeyRange, &lint.Node{Kind: lint.UnknownNode, Range: f.KeyRange})
}
