package custom

import (
	"slices"

	"github.com/google/cel-go/cel"

	"github.com/ecslint/ecslint/lint"
)

// The view is what a rule's CEL sees: the model in the ECS API's camelCase
// spelling (the cel tags), one Go struct per object, exposed to CEL as
// native types so that a misspelt field or a wrong type is a load-time
// error. The doc tags are the variable reference (docs/custom-rules.md is
// generated from them); TestModelCovered fails when a field of the model
// is neither here nor listed as deliberately left out.
//
// A value the source does not set reads as the API's default (false, 0,
// "", an empty list; essential: true); an object it does not set is null,
// so has(container.logConfiguration) tells whether it is written. A value
// that is set but cannot be known offline is unknown (CEL partial
// evaluation): a condition that depends on it reports nothing.

// Resource is the resource a rule runs on (for a container or a volume,
// its task definition).
type Resource struct {
	ID   string            `cel:"id" doc:"The CloudFormation logical ID, the Terraform address, or the file for raw JSON."`
	Name string            `cel:"name" doc:"The name findings use: logical ID, address with instance key, or task family."`
	Type string            `cel:"type" doc:"The source's type: AWS::ECS::TaskDefinition, aws_ecs_task_definition, task-definition (raw JSON)."`
	File string            `cel:"file" doc:"The file the resource is declared in, slash-separated, as ecslint names it."`
	Tags map[string]string `cel:"tags" doc:"The resource's tags (Terraform: with the provider's default_tags)."`
}

// Task is a task definition.
type Task struct {
	Family                  string           `cel:"family" doc:""`
	NetworkMode             string           `cel:"networkMode" doc:"bridge, host, awsvpc, none; \"\" when unset (the API's default: bridge on EC2)."`
	PidMode                 string           `cel:"pidMode" doc:""`
	IpcMode                 string           `cel:"ipcMode" doc:""`
	TaskRoleArn             string           `cel:"taskRoleArn" doc:""`
	ExecutionRoleArn        string           `cel:"executionRoleArn" doc:""`
	RequiresCompatibilities []string         `cel:"requiresCompatibilities" doc:"EC2, FARGATE, EXTERNAL."`
	RuntimePlatform         *RuntimePlatform `cel:"runtimePlatform" doc:""`
	Cpu                     string           `cel:"cpu" doc:"Task size in CPU units, as the API writes it (a string: \"256\", \"1 vCPU\")."`
	Memory                  string           `cel:"memory" doc:"Task memory in MiB, as the API writes it (a string: \"512\", \"2 GB\")."`
	ContainerDefinitions    []*Container     `cel:"containerDefinitions" doc:"The containers."`
	Volumes                 []*Volume        `cel:"volumes" doc:""`
}

// RuntimePlatform is a task's runtimePlatform.
type RuntimePlatform struct {
	OperatingSystemFamily string `cel:"operatingSystemFamily" doc:"LINUX, WINDOWS_SERVER_2022_CORE, ..."`
}

// Container is a container definition.
type Container struct {
	Name                   string                 `cel:"name" doc:""`
	Image                  string                 `cel:"image" doc:""`
	Essential              bool                   `cel:"essential" doc:"true when unset (the API's default)."`
	Privileged             bool                   `cel:"privileged" doc:""`
	User                   string                 `cel:"user" doc:""`
	ReadonlyRootFilesystem bool                   `cel:"readonlyRootFilesystem" doc:""`
	Cpu                    int64                  `cel:"cpu" doc:"CPU units; 0 when unset."`
	Memory                 int64                  `cel:"memory" doc:"Hard memory limit in MiB; 0 when unset."`
	MemoryReservation      int64                  `cel:"memoryReservation" doc:"Soft memory limit in MiB; 0 when unset."`
	PortMappings           []*PortMapping         `cel:"portMappings" doc:""`
	Environment            []*KeyValue            `cel:"environment" doc:""`
	Secrets                []*Secret              `cel:"secrets" doc:""`
	EnvironmentFiles       []*EnvironmentFile     `cel:"environmentFiles" doc:""`
	LogConfiguration       *LogConfiguration      `cel:"logConfiguration" doc:"null when unset."`
	LinuxParameters        *LinuxParameters       `cel:"linuxParameters" doc:"null when unset."`
	MountPoints            []*MountPoint          `cel:"mountPoints" doc:""`
	RepositoryCredentials  *RepositoryCredentials `cel:"repositoryCredentials" doc:"null when unset."`
	HealthCheck            *HealthCheck           `cel:"healthCheck" doc:"null when unset: has(container.healthCheck) tells whether one is declared."`
}

// PortMapping is an entry of portMappings.
type PortMapping struct {
	ContainerPort int64  `cel:"containerPort" doc:""`
	HostPort      int64  `cel:"hostPort" doc:"0 when unset."`
	Protocol      string `cel:"protocol" doc:"tcp or udp; \"\" when unset (the API's default: tcp)."`
}

// KeyValue is an environment entry.
type KeyValue struct {
	Name  string `cel:"name" doc:""`
	Value string `cel:"value" doc:""`
}

// Secret is a secrets entry.
type Secret struct {
	Name      string `cel:"name" doc:""`
	ValueFrom string `cel:"valueFrom" doc:""`
}

// EnvironmentFile is an environmentFiles entry.
type EnvironmentFile struct {
	Value string `cel:"value" doc:""`
	Type  string `cel:"type" doc:""`
}

// LogConfiguration is a container's logConfiguration.
type LogConfiguration struct {
	LogDriver     string            `cel:"logDriver" doc:""`
	Options       map[string]string `cel:"options" doc:""`
	SecretOptions []*Secret         `cel:"secretOptions" doc:""`
}

// LinuxParameters is a container's linuxParameters.
type LinuxParameters struct {
	Capabilities *Capabilities `cel:"capabilities" doc:""`
}

// Capabilities is linuxParameters.capabilities.
type Capabilities struct {
	Add  []string `cel:"add" doc:""`
	Drop []string `cel:"drop" doc:""`
}

// MountPoint is a mountPoints entry.
type MountPoint struct {
	SourceVolume  string `cel:"sourceVolume" doc:""`
	ContainerPath string `cel:"containerPath" doc:""`
	ReadOnly      bool   `cel:"readOnly" doc:""`
}

// RepositoryCredentials is a container's repositoryCredentials.
type RepositoryCredentials struct {
	CredentialsParameter string `cel:"credentialsParameter" doc:""`
}

// HealthCheck is a container's healthCheck; the model records only that
// it is declared.
type HealthCheck struct {
	Declared bool `cel:"declared" doc:"Always true: the object is null when no health check is declared."`
}

// Volume is a task-definition volume.
type Volume struct {
	Name                   string                  `cel:"name" doc:""`
	Host                   *Host                   `cel:"host" doc:"null unless a bind mount."`
	EfsVolumeConfiguration *EfsVolumeConfiguration `cel:"efsVolumeConfiguration" doc:"null unless an EFS volume."`
}

// Host is a volume's host.
type Host struct {
	SourcePath string `cel:"sourcePath" doc:"\"\" for a Docker-managed volume."`
}

// EfsVolumeConfiguration is a volume's efsVolumeConfiguration.
type EfsVolumeConfiguration struct {
	FileSystemID      string `cel:"fileSystemId" doc:""`
	TransitEncryption string `cel:"transitEncryption" doc:"ENABLED or DISABLED; \"\" when unset (the API's default: DISABLED)."`
}

// Service is an ECS service or task set.
type Service struct {
	Kind              string   `cel:"kind" doc:"service or task-set."`
	TaskDefinition    string   `cel:"taskDefinition" doc:""`
	Cluster           string   `cel:"cluster" doc:""`
	LaunchType        string   `cel:"launchType" doc:""`
	CapacityProviders []string `cel:"capacityProviders" doc:"The capacity provider strategy's provider names."`
	PlatformVersion   string   `cel:"platformVersion" doc:""`
	AssignPublicIP    string   `cel:"assignPublicIp" doc:"ENABLED or DISABLED (Terraform's booleans translated); \"\" when unset (DISABLED)."`
	SecurityGroups    []string `cel:"securityGroups" doc:""`
	Role              string   `cel:"role" doc:"The legacy service IAM role."`
}

// Cluster is an ECS cluster.
type Cluster struct {
	ContainerInsights           string                       `cel:"containerInsights" doc:"The containerInsights setting: enabled, enhanced, disabled; \"\" when unset."`
	ExecuteCommandConfiguration *ExecuteCommandConfiguration `cel:"executeCommandConfiguration" doc:"null when unset."`
}

// ExecuteCommandConfiguration is a cluster's ECS Exec configuration.
type ExecuteCommandConfiguration struct {
	KmsKeyID         string                `cel:"kmsKeyId" doc:""`
	Logging          string                `cel:"logging" doc:"NONE, DEFAULT, OVERRIDE; \"\" when unset (DEFAULT)."`
	LogConfiguration *ExecLogConfiguration `cel:"logConfiguration" doc:"null when unset."`
}

// ExecLogConfiguration is executeCommandConfiguration.logConfiguration.
type ExecLogConfiguration struct {
	CloudWatchLogGroupName      string `cel:"cloudWatchLogGroupName" doc:""`
	CloudWatchEncryptionEnabled bool   `cel:"cloudWatchEncryptionEnabled" doc:""`
	S3BucketName                string `cel:"s3BucketName" doc:""`
	S3EncryptionEnabled         bool   `cel:"s3EncryptionEnabled" doc:""`
}

// SecurityGroup is an EC2 security group with every ingress rule that
// applies to it, inline or separate.
type SecurityGroup struct {
	Ingress []*IngressRule `cel:"ingress" doc:""`
}

// IngressRule is one ingress permission.
type IngressRule struct {
	IPProtocol string   `cel:"ipProtocol" doc:"tcp, udp, icmp, -1 (all)."`
	FromPort   int64    `cel:"fromPort" doc:""`
	ToPort     int64    `cel:"toPort" doc:""`
	Cidrs      []string `cel:"cidrs" doc:"IPv4 and IPv6 source ranges."`
}

// Role is an IAM role with every policy that applies to it.
type Role struct {
	ManagedPolicyArns []string  `cel:"managedPolicyArns" doc:""`
	Policies          []*Policy `cel:"policies" doc:"Inline and attached policy documents."`
}

// Policy is an IAM policy document.
type Policy struct {
	PolicyName string       `cel:"policyName" doc:""`
	Statement  []*Statement `cel:"statement" doc:""`
}

// Statement is one IAM policy statement.
type Statement struct {
	Effect   string   `cel:"effect" doc:"Allow or Deny."`
	Action   []string `cel:"action" doc:""`
	Resource []string `cel:"resource" doc:""`
}

// EKSCluster is an EKS cluster.
type EKSCluster struct {
	Version              string   `cel:"version" doc:""`
	RoleArn              string   `cel:"roleArn" doc:""`
	EndpointPublicAccess bool     `cel:"endpointPublicAccess" doc:"true when unset (the API's default)."`
	PublicAccessCidrs    []string `cel:"publicAccessCidrs" doc:"[\"0.0.0.0/0\"] when unset (the API's default)."`
	EncryptedResources   []string `cel:"encryptedResources" doc:"The resources the encryption configuration covers (secrets)."`
	LogTypes             []string `cel:"logTypes" doc:"The enabled control-plane log types."`
}

// viewTypes are the struct types CEL is told about.
var viewTypes = []any{
	&Resource{}, &Task{}, &RuntimePlatform{}, &Container{}, &PortMapping{}, &KeyValue{}, &Secret{},
	&EnvironmentFile{}, &LogConfiguration{}, &LinuxParameters{}, &Capabilities{}, &MountPoint{},
	&RepositoryCredentials{}, &HealthCheck{}, &Volume{}, &Host{}, &EfsVolumeConfiguration{},
	&Service{}, &Cluster{}, &ExecuteCommandConfiguration{}, &ExecLogConfiguration{},
	&SecurityGroup{}, &IngressRule{}, &Role{}, &Policy{}, &Statement{}, &EKSCluster{},
}

// view is the variables of one evaluation and what is known about them.
type view struct {
	vars bindings
	// nodes are the paths of every value, and where they are written.
	nodes []node
	// roots are the vars' variables' root paths, by name.
	roots map[string]path
	// unknown are the paths whose values cannot be known.
	unknown []path
	choices []choice
	// longest is the length of the longest list.
	longest int
	// containers and volumes are the paths of a task's containers and
	// volumes, which the container and volume variables stand for.
	containers, volumes []path
	// upats are the unknown paths as native patterns, made on first use.
	upats []npat
	// td is the task definition of a task's view, for mayBeSecret.
	td *lint.TaskDefinition
}

// path is a variable, or a field or index under one: a node of its
// view's tree of paths. Building the view records every value's path and
// position there without building the path's text, which only a finding,
// a note or an unknown value needs.
type path struct {
	v *view
	i int32
}

// node is one path: a field name (or variable) or an index under parent.
type node struct {
	parent int32 // -1 for a variable
	index  int32 // -1 for a field
	name   string
	// r is where the value is written, in the model (which outlives the
	// view); nil when it is not (most values are unset). A copy would
	// cost 40 bytes a value.
	r *lint.Range
}

func (v *view) root(name string) path {
	v.nodes = append(v.nodes, node{parent: -1, name: name, index: -1})
	p := path{v, int32(len(v.nodes) - 1)} //nolint:gosec // G115: a view holds one resource's values, far below 2^31
	v.roots[name] = p
	return p
}

func (p path) field(name string) path {
	p.v.nodes = append(p.v.nodes, node{parent: p.i, name: name, index: -1})
	return path{p.v, int32(len(p.v.nodes) - 1)} //nolint:gosec // G115: as in root
}

func (p path) index(i int) path {
	p.v.nodes = append(p.v.nodes, node{parent: p.i, index: int32(i)}) //nolint:gosec // G115: an index into one resource's list
	return path{p.v, int32(len(p.v.nodes) - 1)}                       //nolint:gosec // G115: as in root
}

// chain is the path's nodes from its variable down.
func (p path) chain() []node {
	var out []node
	for i := p.i; i >= 0; i = p.v.nodes[i].parent {
		out = append(out, p.v.nodes[i])
	}
	slices.Reverse(out)
	return out
}

// pattern is the CEL attribute pattern that marks the path unknown, with
// its variable renamed when as is not empty and its first skip
// qualifiers dropped (container for task.containerDefinitions[1]).
func (p path) pattern(as string, skip int) *cel.AttributePatternType {
	ch := p.chain()
	name := ch[0].name
	if as != "" {
		name = as
	}
	pat := cel.AttributePattern(name)
	for _, n := range ch[1+skip:] {
		if n.index >= 0 {
			pat = pat.QualInt(int64(n.index))
		} else {
			pat = pat.QualString(n.name)
		}
	}
	return pat
}

// npat is the path as a pattern for the native evaluator.
func (p path) npat() npat {
	var b []byte
	var walk func(i int32) string
	walk = func(i int32) string {
		n := p.v.nodes[i]
		if n.parent < 0 {
			return n.name
		}
		variable := walk(n.parent)
		if n.index >= 0 {
			b = appendQual(b, nqual{index: int64(n.index), isIdx: true})
		} else {
			b = appendQual(b, nqual{name: n.name})
		}
		return variable
	}
	variable := walk(p.i)
	return npat{variable: variable, rest: string(b)}
}

// unknownPatterns are the view's unknown paths as native patterns, made
// once for every subject and rule of the view.
func (v *view) unknownPatterns() []npat {
	if v.upats == nil && len(v.unknown) > 0 {
		v.upats = make([]npat, len(v.unknown))
		for i, p := range v.unknown {
			v.upats[i] = p.npat()
		}
	}
	return v.upats
}

// depth is the number of qualifiers under the variable.
func (p path) depth() int {
	d := 0
	for i := p.v.nodes[p.i].parent; i >= 0; i = p.v.nodes[i].parent {
		d++
	}
	return d
}

// within reports whether p is q or under it.
func (p path) within(q path) bool {
	for i := p.i; i >= 0; i = p.v.nodes[i].parent {
		if i == q.i {
			return true
		}
	}
	return false
}

// find follows a field chain (image, logConfiguration.logDriver) from p;
// ok is false when a field is not in the view.
func (p path) find(fields []string) (path, bool) {
	cur := p.i
	for _, f := range fields {
		next := int32(-1)
		for j := cur + 1; j < int32(len(p.v.nodes)); j++ { //nolint:gosec // G115: as in root
			if n := p.v.nodes[j]; n.parent == cur && n.index < 0 && n.name == f {
				next = j
				break
			}
		}
		if next < 0 {
			return path{p.v, cur}, false
		}
		cur = next
	}
	return path{p.v, cur}, true
}

// rangeOf is where the path is written: its own key, else its nearest
// enclosing object that is written.
func (p path) rangeOf() lint.Range {
	for i := p.i; i >= 0; i = p.v.nodes[i].parent {
		if r := p.v.rangeAt(i); !r.IsZero() {
			return r
		}
	}
	return lint.Range{}
}

// choice is a value with alternatives (CloudFormation Fn::If): set(i)
// installs possibility i (0 is the first) and returns where it is written
// and whether it is unknown.
type choice struct {
	at  path
	n   int
	set func(i int) (lint.Range, bool)
}

// list records a list's length, whether the view holds the list or not:
// what a rule may iterate is bounded by the longest (Rule.evaluate).
func (v *view) list(n int) { v.longest = max(v.longest, n) }

func newView() *view { return newViewSized(16) }

// newViewSized makes a view for about n values.
func newViewSized(n int) *view {
	return &view{roots: make(map[string]path, 2), nodes: make([]node, 0, n)}
}

func (v *view) at(p path, r *lint.Range) {
	if !r.IsZero() {
		v.nodes[p.i].r = r
	}
}

// rangeAt is where node i is written, zero when it is not.
func (v *view) rangeAt(i int32) lint.Range {
	if r := v.nodes[i].r; r != nil {
		return *r
	}
	return lint.Range{}
}

// listPath is the path of a list field, made only when the list has
// entries, once for all of them.
func listPath(p path, name string, n int) path {
	if n == 0 {
		return path{}
	}
	return p.field(name)
}

// fieldValue fills dst from the model value of the field name under p,
// when a loaded rule reads it (need). A value that is unset, written
// nowhere and without alternatives gets no path: it has nothing to point
// at, be unknown or choose, and a finding about it points where its
// enclosing object is written, as it would through a path of its own.
// Half of a view's values are such.
func fieldValue[T any](v *view, p path, n *need, name string, x *lint.Value[T], dst *T) {
	if !n.wants(name) || x.State == lint.Unset && x.Range.IsZero() && len(x.Alts()) == 0 {
		return
	}
	value(v, p.field(name), x, dst)
}

// value fills dst from a model value at p.
func value[T any](v *view, p path, x *lint.Value[T], dst *T) {
	if len(x.Alts()) > 0 {
		// Only a value with alternatives needs the closure: built for
		// every value, it was an allocation each.
		choose(v, p, x, dst, *dst)
	}
	switch x.State {
	case lint.Known:
		*dst = x.V
	case lint.Unknown:
		var zero T
		*dst = zero
	}
	v.at(p, &x.Range)
	if x.State == lint.Unknown {
		v.unknown = append(v.unknown, p)
	}
}

// choose records a value's alternatives: set(i) installs possibility i
// over the default def.
func choose[T any](v *view, p path, x *lint.Value[T], dst *T, def T) {
	all := x.Possible()
	v.choices = append(v.choices, choice{at: p, n: len(all), set: func(i int) (lint.Range, bool) {
		*dst = def
		var zero T
		switch all[i].State {
		case lint.Known:
			*dst = all[i].V
		case lint.Unknown:
			*dst = zero
		}
		return all[i].Range, all[i].State == lint.Unknown
	}})
}

// strs is a list of strings, when a loaded rule reads it; an unknown
// element makes the list's element unknown, an element with alternatives
// a choice.
func strs(v *view, p path, n *need, name string, xs []lint.String) []string {
	v.list(len(xs))
	if !n.wants(name) {
		return nil
	}
	lp := p.field(name)
	out := make([]string, len(xs))
	for i := range xs {
		value(v, lp.index(i), &xs[i], &out[i])
	}
	return out
}

// presence records an object: nil when unset, and unknown when its
// content cannot be known.
func presence(v *view, p path, pr *lint.Presence) bool {
	v.at(p, &pr.Range)
	if pr.State == lint.Unknown {
		v.unknown = append(v.unknown, p)
	}
	return pr.State != lint.Unset
}

func resourceView(v *view, n *need, r *lint.Resource, tags *lint.Tags) {
	p := v.root("resource")
	n = n.sub("resource")
	res := &Resource{ID: r.ID, Name: r.Name, Type: r.Type, File: r.Range.File}
	v.at(p, &r.Range)
	if tags != nil && n.wants("tags") {
		// A map is built whole: a rule may look up any key.
		res.Tags = make(map[string]string, len(tags.Items))
		tp := p.field("tags")
		presence(v, tp, &tags.Presence)
		v.list(len(tags.Items))
		for i := range tags.Items {
			kv := &tags.Items[i]
			if !kv.Name.Known() {
				// A tag whose key is unknown could be any tag.
				v.unknown = append(v.unknown, tp)
				continue
			}
			mapEntry(v, tp, kv.Name.V, &kv.Value, res.Tags)
		}
	} else {
		res.Tags = map[string]string{}
		if tags != nil {
			v.list(len(tags.Items))
		}
	}
	v.vars.set("resource", res)
}

// taskView builds a task definition's view: the parts of it need names.
func taskView(v *view, n *need, td *lint.TaskDefinition) {
	p := v.root("task")
	v.td = td
	tn := n.sub("task")
	t := &Task{}
	v.at(p, &td.Range)
	fieldValue(v, p, tn, "family", &td.Family, &t.Family)
	fieldValue(v, p, tn, "networkMode", &td.NetworkMode, &t.NetworkMode)
	fieldValue(v, p, tn, "pidMode", &td.PidMode, &t.PidMode)
	fieldValue(v, p, tn, "ipcMode", &td.IpcMode, &t.IpcMode)
	fieldValue(v, p, tn, "taskRoleArn", &td.TaskRoleArn, &t.TaskRoleArn)
	fieldValue(v, p, tn, "executionRoleArn", &td.ExecutionRoleArn, &t.ExecutionRoleArn)
	t.RequiresCompatibilities = strs(v, p, tn, "requiresCompatibilities", td.RequiresCompatibilities)
	if td.OperatingSystemFamily.Set() && tn.wants("runtimePlatform") {
		t.RuntimePlatform = &RuntimePlatform{}
		fieldValue(v, p.field("runtimePlatform"), tn.sub("runtimePlatform"), "operatingSystemFamily", &td.OperatingSystemFamily, &t.RuntimePlatform.OperatingSystemFamily)
	}
	fieldValue(v, p, tn, "cpu", &td.Cpu, &t.Cpu)
	fieldValue(v, p, tn, "memory", &td.Memory, &t.Memory)
	// The lists themselves are always built: the container and volume
	// variables stand for their entries.
	cp := p.field("containerDefinitions")
	v.at(cp, &td.ContainersRange)
	if td.ContainersState == lint.Unknown {
		v.unknown = append(v.unknown, cp)
	}
	v.list(len(td.Containers))
	cn := tn.sub("containerDefinitions")
	if len(td.Containers) > 0 {
		// Never an empty list for none: has() tells a nil list from an
		// empty one.
		t.ContainerDefinitions = make([]*Container, 0, len(td.Containers))
	}
	for i, c := range td.Containers {
		ip := cp.index(i)
		v.containers = append(v.containers, ip)
		t.ContainerDefinitions = append(t.ContainerDefinitions, containerView(v, ip, cn, c))
	}
	vp := p.field("volumes")
	v.list(len(td.Volumes))
	vn := tn.sub("volumes")
	for i, vol := range td.Volumes {
		ip := vp.index(i)
		v.volumes = append(v.volumes, ip)
		t.Volumes = append(t.Volumes, volumeView(v, ip, vn, vol))
	}
	v.vars.set("task", t)
	resourceView(v, n, &td.Resource, &td.Tags)
}

func containerView(v *view, p path, n *need, c *lint.Container) *Container {
	out := &Container{Essential: true}
	v.at(p, &c.Range)
	fieldValue(v, p, n, "name", &c.Name, &out.Name)
	fieldValue(v, p, n, "image", &c.Image, &out.Image)
	fieldValue(v, p, n, "essential", &c.Essential, &out.Essential)
	fieldValue(v, p, n, "privileged", &c.Privileged, &out.Privileged)
	fieldValue(v, p, n, "user", &c.User, &out.User)
	fieldValue(v, p, n, "readonlyRootFilesystem", &c.ReadonlyRootFilesystem, &out.ReadonlyRootFilesystem)
	fieldValue(v, p, n, "cpu", &c.Cpu, &out.Cpu)
	fieldValue(v, p, n, "memory", &c.Memory, &out.Memory)
	fieldValue(v, p, n, "memoryReservation", &c.MemoryReservation, &out.MemoryReservation)
	v.list(len(c.PortMappings))
	if n.wants("portMappings") {
		pn := n.sub("portMappings")
		pmp := listPath(p, "portMappings", len(c.PortMappings))
		for i := range c.PortMappings {
			pm := &c.PortMappings[i]
			ip := pmp.index(i)
			m := &PortMapping{}
			v.at(ip, &pm.Range)
			fieldValue(v, ip, pn, "containerPort", &pm.ContainerPort, &m.ContainerPort)
			fieldValue(v, ip, pn, "hostPort", &pm.HostPort, &m.HostPort)
			fieldValue(v, ip, pn, "protocol", &pm.Protocol, &m.Protocol)
			out.PortMappings = append(out.PortMappings, m)
		}
	}
	v.list(len(c.Environment))
	if n.wants("environment") {
		en := n.sub("environment")
		envp := listPath(p, "environment", len(c.Environment))
		if len(c.Environment) > 0 {
			out.Environment = make([]*KeyValue, 0, len(c.Environment))
		}
		for i := range c.Environment {
			e := &c.Environment[i]
			ip := envp.index(i)
			kv := &KeyValue{}
			v.at(ip, &e.Range)
			fieldValue(v, ip, en, "name", &e.Name, &kv.Name)
			fieldValue(v, ip, en, "value", &e.Value, &kv.Value)
			out.Environment = append(out.Environment, kv)
		}
	}
	out.Secrets = secretsView(v, p, n, "secrets", c.Secrets)
	v.list(len(c.EnvironmentFiles))
	if n.wants("environmentFiles") {
		fn := n.sub("environmentFiles")
		efp := listPath(p, "environmentFiles", len(c.EnvironmentFiles))
		for i := range c.EnvironmentFiles {
			e := &c.EnvironmentFiles[i]
			ip := efp.index(i)
			f := &EnvironmentFile{}
			v.at(ip, &e.Range)
			fieldValue(v, ip, fn, "value", &e.Value, &f.Value)
			fieldValue(v, ip, fn, "type", &e.Type, &f.Type)
			out.EnvironmentFiles = append(out.EnvironmentFiles, f)
		}
	}
	lc := &c.LogConfiguration
	v.list(len(lc.Options))
	v.list(len(lc.SecretOptions))
	if n.wants("logConfiguration") {
		ln := n.sub("logConfiguration")
		if lp := p.field("logConfiguration"); presence(v, lp, &lc.Presence) {
			out.LogConfiguration = logConfigurationView(v, lp, ln, lc)
		}
	}
	if n.wants("linuxParameters") {
		lin := p.field("linuxParameters")
		v.list(len(c.LinuxParameters.CapabilitiesAdd))
		v.list(len(c.LinuxParameters.CapabilitiesDrop))
		if presence(v, lin, &c.LinuxParameters.Presence) {
			out.LinuxParameters = &LinuxParameters{}
			if capn := n.sub("linuxParameters").sub("capabilities"); capn != nil {
				cp := lin.field("capabilities")
				out.LinuxParameters.Capabilities = &Capabilities{
					Add:  strs(v, cp, capn, "add", c.LinuxParameters.CapabilitiesAdd),
					Drop: strs(v, cp, capn, "drop", c.LinuxParameters.CapabilitiesDrop),
				}
			} else {
				out.LinuxParameters.Capabilities = &Capabilities{}
			}
		}
	} else {
		v.list(len(c.LinuxParameters.CapabilitiesAdd))
		v.list(len(c.LinuxParameters.CapabilitiesDrop))
	}
	v.list(len(c.MountPoints))
	if n.wants("mountPoints") {
		mn := n.sub("mountPoints")
		mpp := listPath(p, "mountPoints", len(c.MountPoints))
		for i := range c.MountPoints {
			m := &c.MountPoints[i]
			ip := mpp.index(i)
			mp := &MountPoint{}
			v.at(ip, &m.Range)
			fieldValue(v, ip, mn, "sourceVolume", &m.SourceVolume, &mp.SourceVolume)
			fieldValue(v, ip, mn, "containerPath", &m.ContainerPath, &mp.ContainerPath)
			fieldValue(v, ip, mn, "readOnly", &m.ReadOnly, &mp.ReadOnly)
			out.MountPoints = append(out.MountPoints, mp)
		}
	}
	if n.wants("repositoryCredentials") {
		if rp := p.field("repositoryCredentials"); presence(v, rp, &c.RepositoryCredentials.Presence) {
			out.RepositoryCredentials = &RepositoryCredentials{}
			fieldValue(v, rp, n.sub("repositoryCredentials"), "credentialsParameter", &c.RepositoryCredentials.CredentialsParameter, &out.RepositoryCredentials.CredentialsParameter)
		}
	}
	if n.wants("healthCheck") && presence(v, p.field("healthCheck"), &c.HealthCheck) {
		out.HealthCheck = &HealthCheck{Declared: true}
	}
	return out
}

// mapEntry sets m[name] from a model value at p.field(name). A value with
// alternatives (Fn::If) is chosen branch by branch: its choice sets a
// local, and the map, which holds a copy, is set with it.
func mapEntry(v *view, p path, name string, x *lint.String, m map[string]string) {
	var s string
	fieldValue(v, p, everything, name, x, &s)
	m[name] = s
	if len(x.Alts()) > 0 {
		c := &v.choices[len(v.choices)-1]
		set := c.set
		c.set = func(i int) (lint.Range, bool) {
			r, unknown := set(i)
			m[name] = s
			return r, unknown
		}
	}
}

func logConfigurationView(v *view, lp path, n *need, lc *lint.LogConfiguration) *LogConfiguration {
	out := &LogConfiguration{}
	fieldValue(v, lp, n, "logDriver", &lc.LogDriver, &out.LogDriver)
	if n.wants("options") {
		// A map is built whole: a rule may look up any key.
		out.Options = make(map[string]string, len(lc.Options))
		var op path
		if len(lc.Options) > 0 {
			op = lp.field("options")
		}
		for i := range lc.Options {
			o := &lc.Options[i]
			if !o.Name.Known() {
				v.unknown = append(v.unknown, op)
				continue
			}
			mapEntry(v, op, o.Name.V, &o.Value, out.Options)
		}
	} else {
		out.Options = map[string]string{}
	}
	out.SecretOptions = secretsView(v, lp, n, "secretOptions", lc.SecretOptions)
	return out
}

func secretsView(v *view, p path, n *need, name string, ss []lint.Secret) []*Secret {
	v.list(len(ss))
	if !n.wants(name) {
		return nil
	}
	var out []*Secret
	sn := n.sub(name)
	lp := p.field(name)
	for i := range ss {
		s := &ss[i]
		ip := lp.index(i)
		x := &Secret{}
		v.at(ip, &s.Range)
		fieldValue(v, ip, sn, "name", &s.Name, &x.Name)
		fieldValue(v, ip, sn, "valueFrom", &s.ValueFrom, &x.ValueFrom)
		out = append(out, x)
	}
	return out
}

func volumeView(v *view, p path, n *need, vol *lint.Volume) *Volume {
	out := &Volume{}
	v.at(p, &vol.Range)
	fieldValue(v, p, n, "name", &vol.Name, &out.Name)
	if n.wants("host") {
		if hp := p.field("host"); presence(v, hp, &vol.Host) {
			out.Host = &Host{}
			fieldValue(v, hp, n.sub("host"), "sourcePath", &vol.HostSourcePath, &out.Host.SourcePath)
		}
	}
	if n.wants("efsVolumeConfiguration") {
		if ep := p.field("efsVolumeConfiguration"); presence(v, ep, &vol.EFS) {
			en := n.sub("efsVolumeConfiguration")
			out.EfsVolumeConfiguration = &EfsVolumeConfiguration{}
			fieldValue(v, ep, en, "fileSystemId", &vol.EFSFileSystemID, &out.EfsVolumeConfiguration.FileSystemID)
			fieldValue(v, ep, en, "transitEncryption", &vol.EFSTransitEncryption, &out.EfsVolumeConfiguration.TransitEncryption)
		}
	}
	return out
}

func serviceView(v *view, n *need, s *lint.Service) {
	p := v.root("service")
	sn := n.sub("service")
	out := &Service{Kind: s.Kind}
	v.at(p, &s.Range)
	fieldValue(v, p, sn, "taskDefinition", &s.TaskDefinition, &out.TaskDefinition)
	fieldValue(v, p, sn, "cluster", &s.Cluster, &out.Cluster)
	fieldValue(v, p, sn, "launchType", &s.LaunchType, &out.LaunchType)
	out.CapacityProviders = strs(v, p, sn, "capacityProviders", s.CapacityProviders)
	fieldValue(v, p, sn, "platformVersion", &s.PlatformVersion, &out.PlatformVersion)
	fieldValue(v, p, sn, "assignPublicIp", &s.AssignPublicIP, &out.AssignPublicIP)
	out.SecurityGroups = strs(v, p, sn, "securityGroups", s.SecurityGroups)
	fieldValue(v, p, sn, "role", &s.Role, &out.Role)
	v.vars.set("service", out)
	resourceView(v, n, &s.Resource, &s.Tags)
}

func clusterView(v *view, n *need, c *lint.Cluster) {
	p := v.root("cluster")
	cn := n.sub("cluster")
	out := &Cluster{}
	v.at(p, &c.Range)
	fieldValue(v, p, cn, "containerInsights", &c.ContainerInsights, &out.ContainerInsights)
	if e := &c.ExecuteCommand; cn.wants("executeCommandConfiguration") {
		en := cn.sub("executeCommandConfiguration")
		if ep := p.field("executeCommandConfiguration"); presence(v, ep, &e.Presence) {
			x := &ExecuteCommandConfiguration{}
			fieldValue(v, ep, en, "kmsKeyId", &e.KMSKeyID, &x.KmsKeyID)
			fieldValue(v, ep, en, "logging", &e.Logging, &x.Logging)
			if en.wants("logConfiguration") {
				ln := en.sub("logConfiguration")
				if lp := ep.field("logConfiguration"); presence(v, lp, &e.LogConfiguration) {
					l := &ExecLogConfiguration{}
					fieldValue(v, lp, ln, "cloudWatchLogGroupName", &e.CloudWatchLogGroupName, &l.CloudWatchLogGroupName)
					fieldValue(v, lp, ln, "cloudWatchEncryptionEnabled", &e.CloudWatchEncryptionEnabled, &l.CloudWatchEncryptionEnabled)
					fieldValue(v, lp, ln, "s3BucketName", &e.S3BucketName, &l.S3BucketName)
					fieldValue(v, lp, ln, "s3EncryptionEnabled", &e.S3EncryptionEnabled, &l.S3EncryptionEnabled)
					x.LogConfiguration = l
				}
			}
			out.ExecuteCommandConfiguration = x
		}
	}
	v.vars.set("cluster", out)
	resourceView(v, n, &c.Resource, &c.Tags)
}

func securityGroupView(v *view, n *need, sg *lint.SecurityGroup) {
	p := v.root("securityGroup")
	gn := n.sub("securityGroup")
	out := &SecurityGroup{}
	v.at(p, &sg.Range)
	v.list(len(sg.Ingress))
	for i := range sg.Ingress {
		v.list(len(sg.Ingress[i].CIDRs))
	}
	if gn.wants("ingress") {
		in := gn.sub("ingress")
		for i := range sg.Ingress {
			rule := &sg.Ingress[i]
			ip := p.field("ingress").index(i)
			r := &IngressRule{}
			v.at(ip, &rule.Range)
			fieldValue(v, ip, in, "ipProtocol", &rule.Protocol, &r.IPProtocol)
			fieldValue(v, ip, in, "fromPort", &rule.FromPort, &r.FromPort)
			fieldValue(v, ip, in, "toPort", &rule.ToPort, &r.ToPort)
			r.Cidrs = strs(v, ip, in, "cidrs", rule.CIDRs)
			out.Ingress = append(out.Ingress, r)
		}
	}
	v.vars.set("securityGroup", out)
	resourceView(v, n, &sg.Resource, nil)
}

func roleView(v *view, n *need, r *lint.Role) {
	p := v.root("role")
	rn := n.sub("role")
	out := &Role{}
	v.at(p, &r.Range)
	out.ManagedPolicyArns = strs(v, p, rn, "managedPolicyArns", r.ManagedPolicyArns)
	v.list(len(r.Policies))
	pn := rn.sub("policies")
	for i := range r.Policies {
		pol := r.Policies[i]
		v.list(len(pol.Statements))
		if pn == nil {
			for j := range pol.Statements {
				v.list(len(pol.Statements[j].Actions))
				v.list(len(pol.Statements[j].Resources))
			}
			continue
		}
		pp := p.field("policies").index(i)
		x := &Policy{}
		v.at(pp, &pol.Range)
		fieldValue(v, pp, pn, "policyName", &pol.Name, &x.PolicyName)
		stn := pn.sub("statement")
		for j := range pol.Statements {
			st := &pol.Statements[j]
			if stn == nil {
				v.list(len(st.Actions))
				v.list(len(st.Resources))
				continue
			}
			sp := pp.field("statement").index(j)
			s := &Statement{}
			v.at(sp, &st.Range)
			fieldValue(v, sp, stn, "effect", &st.Effect, &s.Effect)
			s.Action = strs(v, sp, stn, "action", st.Actions)
			s.Resource = strs(v, sp, stn, "resource", st.Resources)
			x.Statement = append(x.Statement, s)
		}
		out.Policies = append(out.Policies, x)
	}
	v.vars.set("role", out)
	resourceView(v, n, &r.Resource, nil)
}

func eksClusterView(v *view, n *need, c *lint.EKSCluster) {
	p := v.root("eksCluster")
	en := n.sub("eksCluster")
	out := &EKSCluster{EndpointPublicAccess: true}
	v.at(p, &c.Range)
	fieldValue(v, p, en, "version", &c.Version, &out.Version)
	fieldValue(v, p, en, "roleArn", &c.RoleArn, &out.RoleArn)
	fieldValue(v, p, en, "endpointPublicAccess", &c.EndpointPublicAccess, &out.EndpointPublicAccess)
	v.list(len(c.PublicAccessCIDRs))
	if en.wants("publicAccessCidrs") {
		cp := p.field("publicAccessCidrs")
		if presence(v, cp, &c.PublicAccessCIDRsSet) {
			out.PublicAccessCidrs = strsAt(v, cp, c.PublicAccessCIDRs)
		} else {
			out.PublicAccessCidrs = []string{"0.0.0.0/0"}
		}
	}
	if en.wants("encryptedResources") {
		ep := p.field("encryptedResources")
		presence(v, ep, &c.Encryption)
		out.EncryptedResources = strsAt(v, ep, c.EncryptedResources)
	} else {
		v.list(len(c.EncryptedResources))
	}
	if en.wants("logTypes") {
		lp := p.field("logTypes")
		presence(v, lp, &c.Logging)
		out.LogTypes = strsAt(v, lp, c.LogTypes)
	} else {
		v.list(len(c.LogTypes))
	}
	v.vars.set("eksCluster", out)
	resourceView(v, n, &c.Resource, &c.Tags)
}

// strsAt is strs for a list whose path is already made.
func strsAt(v *view, lp path, xs []lint.String) []string {
	v.list(len(xs))
	out := make([]string, len(xs))
	for i := range xs {
		value(v, lp.index(i), &xs[i], &out[i])
	}
	return out
}
