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
	vars map[string]any
	// nodes are the paths of every value; ranges where they are written.
	nodes  []node
	ranges []lint.Range
	// vars' variables: name → its root path.
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
	// r indexes the view's ranges: where the value is written; -1 when
	// it is not (most values are unset).
	r int32
}

func (v *view) root(name string) path {
	v.nodes = append(v.nodes, node{parent: -1, name: name, index: -1, r: -1})
	return path{v, int32(len(v.nodes) - 1)} //nolint:gosec // G115: a view holds one resource's values, far below 2^31
}

func (p path) field(name string) path {
	p.v.nodes = append(p.v.nodes, node{parent: p.i, name: name, index: -1, r: -1})
	return path{p.v, int32(len(p.v.nodes) - 1)} //nolint:gosec // G115: as in root
}

func (p path) index(i int) path {
	p.v.nodes = append(p.v.nodes, node{parent: p.i, index: int32(i), r: -1}) //nolint:gosec // G115: an index into one resource's list
	return path{p.v, int32(len(p.v.nodes) - 1)}                              //nolint:gosec // G115: as in root
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
	ch := p.chain()
	var b []byte
	for _, n := range ch[1:] {
		if n.index >= 0 {
			b = appendQual(b, nqual{index: int64(n.index), isIdx: true})
		} else {
			b = appendQual(b, nqual{name: n.name})
		}
	}
	return npat{variable: ch[0].name, rest: string(b)}
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

// list records a list's length.
func (v *view) list(n int) { v.longest = max(v.longest, n) }

func newView() *view { return newViewSized(32) }

// newViewSized makes a view for about n values.
func newViewSized(n int) *view {
	return &view{vars: map[string]any{}, roots: map[string]path{}, nodes: make([]node, 0, n), ranges: make([]lint.Range, 0, n/2)}
}

func (v *view) at(p path, r lint.Range) {
	if !r.IsZero() {
		v.nodes[p.i].r = int32(len(v.ranges)) //nolint:gosec // G115: as in root
		v.ranges = append(v.ranges, r)
	}
}

// rangeAt is where node i is written, zero when it is not.
func (v *view) rangeAt(i int32) lint.Range {
	if j := v.nodes[i].r; j >= 0 {
		return v.ranges[j]
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

// fieldValue fills dst from the model value of the field name under p. A
// value that is unset, written nowhere and without alternatives gets no
// path: it has nothing to point at, be unknown or choose, and a finding
// about it points where its enclosing object is written, as it would
// through a path of its own. Half of a view's values are such.
func fieldValue[T any](v *view, p path, name string, x lint.Value[T], dst *T) {
	if x.State == lint.Unset && x.Range.IsZero() && len(x.Alts()) == 0 {
		return
	}
	value(v, p.field(name), x, dst)
}

// value fills dst from a model value at p.
func value[T any](v *view, p path, x lint.Value[T], dst *T) {
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
	v.at(p, x.Range)
	if x.State == lint.Unknown {
		v.unknown = append(v.unknown, p)
	}
}

// choose records a value's alternatives: set(i) installs possibility i
// over the default def.
func choose[T any](v *view, p path, x lint.Value[T], dst *T, def T) {
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

// strs is a list of strings; an unknown element makes the list's element
// unknown, an element with alternatives a choice.
func strs(v *view, p path, xs []lint.String) []string {
	v.list(len(xs))
	out := make([]string, len(xs))
	for i, x := range xs {
		value(v, p.index(i), x, &out[i])
	}
	return out
}

// presence records an object: nil when unset, and unknown when its
// content cannot be known.
func presence(v *view, p path, pr lint.Presence) bool {
	v.at(p, pr.Range)
	if pr.State == lint.Unknown {
		v.unknown = append(v.unknown, p)
	}
	return pr.State != lint.Unset
}

func resourceView(v *view, r lint.Resource, tags *lint.Tags) {
	p := v.root("resource")
	v.roots["resource"] = p
	res := &Resource{ID: r.ID, Name: r.Name, Type: r.Type, File: r.Range.File, Tags: map[string]string{}}
	v.at(p, r.Range)
	if tags != nil {
		tp := p.field("tags")
		presence(v, tp, tags.Presence)
		v.list(len(tags.Items))
		for _, kv := range tags.Items {
			if !kv.Name.Known() {
				// A tag whose key is unknown could be any tag.
				v.unknown = append(v.unknown, tp)
				continue
			}
			var s string
			fieldValue(v, tp, kv.Name.V, kv.Value, &s)
			res.Tags[kv.Name.V] = s
		}
	}
	v.vars["resource"] = res
}

func taskView(v *view, td *lint.TaskDefinition) *Task {
	p := v.root("task")
	v.roots["task"] = p
	t := &Task{}
	v.at(p, td.Range)
	fieldValue(v, p, "family", td.Family, &t.Family)
	fieldValue(v, p, "networkMode", td.NetworkMode, &t.NetworkMode)
	fieldValue(v, p, "pidMode", td.PidMode, &t.PidMode)
	fieldValue(v, p, "ipcMode", td.IpcMode, &t.IpcMode)
	fieldValue(v, p, "taskRoleArn", td.TaskRoleArn, &t.TaskRoleArn)
	fieldValue(v, p, "executionRoleArn", td.ExecutionRoleArn, &t.ExecutionRoleArn)
	t.RequiresCompatibilities = strs(v, p.field("requiresCompatibilities"), td.RequiresCompatibilities)
	if td.OperatingSystemFamily.Set() {
		t.RuntimePlatform = &RuntimePlatform{}
		fieldValue(v, p.field("runtimePlatform"), "operatingSystemFamily", td.OperatingSystemFamily, &t.RuntimePlatform.OperatingSystemFamily)
	}
	fieldValue(v, p, "cpu", td.Cpu, &t.Cpu)
	fieldValue(v, p, "memory", td.Memory, &t.Memory)
	cp := p.field("containerDefinitions")
	v.at(cp, td.ContainersRange)
	if td.ContainersState == lint.Unknown {
		v.unknown = append(v.unknown, cp)
	}
	v.list(len(td.Containers))
	for i, c := range td.Containers {
		ip := cp.index(i)
		v.containers = append(v.containers, ip)
		t.ContainerDefinitions = append(t.ContainerDefinitions, containerView(v, ip, c))
	}
	vp := p.field("volumes")
	v.list(len(td.Volumes))
	for i, vol := range td.Volumes {
		ip := vp.index(i)
		v.volumes = append(v.volumes, ip)
		t.Volumes = append(t.Volumes, volumeView(v, ip, vol))
	}
	v.vars["task"] = t
	resourceView(v, td.Resource, &td.Tags)
	return t
}

func containerView(v *view, p path, c *lint.Container) *Container {
	out := &Container{Essential: true}
	v.at(p, c.Range)
	fieldValue(v, p, "name", c.Name, &out.Name)
	fieldValue(v, p, "image", c.Image, &out.Image)
	fieldValue(v, p, "essential", c.Essential, &out.Essential)
	fieldValue(v, p, "privileged", c.Privileged, &out.Privileged)
	fieldValue(v, p, "user", c.User, &out.User)
	fieldValue(v, p, "readonlyRootFilesystem", c.ReadonlyRootFilesystem, &out.ReadonlyRootFilesystem)
	fieldValue(v, p, "cpu", c.Cpu, &out.Cpu)
	fieldValue(v, p, "memory", c.Memory, &out.Memory)
	fieldValue(v, p, "memoryReservation", c.MemoryReservation, &out.MemoryReservation)
	v.list(len(c.PortMappings))
	pmp := listPath(p, "portMappings", len(c.PortMappings))
	for i, pm := range c.PortMappings {
		ip := pmp.index(i)
		m := &PortMapping{}
		v.at(ip, pm.Range)
		fieldValue(v, ip, "containerPort", pm.ContainerPort, &m.ContainerPort)
		fieldValue(v, ip, "hostPort", pm.HostPort, &m.HostPort)
		fieldValue(v, ip, "protocol", pm.Protocol, &m.Protocol)
		out.PortMappings = append(out.PortMappings, m)
	}
	v.list(len(c.Environment))
	envp := listPath(p, "environment", len(c.Environment))
	for i, e := range c.Environment {
		ip := envp.index(i)
		kv := &KeyValue{}
		v.at(ip, e.Range)
		fieldValue(v, ip, "name", e.Name, &kv.Name)
		fieldValue(v, ip, "value", e.Value, &kv.Value)
		out.Environment = append(out.Environment, kv)
	}
	out.Secrets = secretsView(v, p.field("secrets"), c.Secrets)
	v.list(len(c.EnvironmentFiles))
	efp := listPath(p, "environmentFiles", len(c.EnvironmentFiles))
	for i, e := range c.EnvironmentFiles {
		ip := efp.index(i)
		f := &EnvironmentFile{}
		v.at(ip, e.Range)
		fieldValue(v, ip, "value", e.Value, &f.Value)
		fieldValue(v, ip, "type", e.Type, &f.Type)
		out.EnvironmentFiles = append(out.EnvironmentFiles, f)
	}
	lp := p.field("logConfiguration")
	if presence(v, lp, c.LogConfiguration.Presence) {
		lc := &LogConfiguration{Options: map[string]string{}}
		fieldValue(v, lp, "logDriver", c.LogConfiguration.LogDriver, &lc.LogDriver)
		v.list(len(c.LogConfiguration.Options))
		var op path
		if len(c.LogConfiguration.Options) > 0 {
			op = lp.field("options")
		}
		for _, o := range c.LogConfiguration.Options {
			if !o.Name.Known() {
				v.unknown = append(v.unknown, op)
				continue
			}
			var s string
			fieldValue(v, op, o.Name.V, o.Value, &s)
			lc.Options[o.Name.V] = s
		}
		lc.SecretOptions = secretsView(v, lp.field("secretOptions"), c.LogConfiguration.SecretOptions)
		out.LogConfiguration = lc
	}
	lin := p.field("linuxParameters")
	if presence(v, lin, c.LinuxParameters.Presence) {
		caps := &Capabilities{
			Add:  strs(v, lin.field("capabilities").field("add"), c.LinuxParameters.CapabilitiesAdd),
			Drop: strs(v, lin.field("capabilities").field("drop"), c.LinuxParameters.CapabilitiesDrop),
		}
		out.LinuxParameters = &LinuxParameters{Capabilities: caps}
	}
	v.list(len(c.MountPoints))
	mpp := listPath(p, "mountPoints", len(c.MountPoints))
	for i, m := range c.MountPoints {
		ip := mpp.index(i)
		mp := &MountPoint{}
		v.at(ip, m.Range)
		fieldValue(v, ip, "sourceVolume", m.SourceVolume, &mp.SourceVolume)
		fieldValue(v, ip, "containerPath", m.ContainerPath, &mp.ContainerPath)
		fieldValue(v, ip, "readOnly", m.ReadOnly, &mp.ReadOnly)
		out.MountPoints = append(out.MountPoints, mp)
	}
	rp := p.field("repositoryCredentials")
	if presence(v, rp, c.RepositoryCredentials.Presence) {
		out.RepositoryCredentials = &RepositoryCredentials{}
		fieldValue(v, rp, "credentialsParameter", c.RepositoryCredentials.CredentialsParameter, &out.RepositoryCredentials.CredentialsParameter)
	}
	if presence(v, p.field("healthCheck"), c.HealthCheck) {
		out.HealthCheck = &HealthCheck{Declared: true}
	}
	return out
}

func secretsView(v *view, p path, ss []lint.Secret) []*Secret {
	var out []*Secret
	v.list(len(ss))
	for i, s := range ss {
		ip := p.index(i)
		x := &Secret{}
		v.at(ip, s.Range)
		fieldValue(v, ip, "name", s.Name, &x.Name)
		fieldValue(v, ip, "valueFrom", s.ValueFrom, &x.ValueFrom)
		out = append(out, x)
	}
	return out
}

func volumeView(v *view, p path, vol *lint.Volume) *Volume {
	out := &Volume{}
	v.at(p, vol.Range)
	fieldValue(v, p, "name", vol.Name, &out.Name)
	hp := p.field("host")
	if presence(v, hp, vol.Host) {
		out.Host = &Host{}
		fieldValue(v, hp, "sourcePath", vol.HostSourcePath, &out.Host.SourcePath)
	}
	ep := p.field("efsVolumeConfiguration")
	if presence(v, ep, vol.EFS) {
		out.EfsVolumeConfiguration = &EfsVolumeConfiguration{}
		fieldValue(v, ep, "fileSystemId", vol.EFSFileSystemID, &out.EfsVolumeConfiguration.FileSystemID)
		fieldValue(v, ep, "transitEncryption", vol.EFSTransitEncryption, &out.EfsVolumeConfiguration.TransitEncryption)
	}
	return out
}

func serviceView(v *view, s *lint.Service) {
	p := v.root("service")
	v.roots["service"] = p
	out := &Service{Kind: s.Kind}
	v.at(p, s.Range)
	fieldValue(v, p, "taskDefinition", s.TaskDefinition, &out.TaskDefinition)
	fieldValue(v, p, "cluster", s.Cluster, &out.Cluster)
	fieldValue(v, p, "launchType", s.LaunchType, &out.LaunchType)
	out.CapacityProviders = strs(v, p.field("capacityProviders"), s.CapacityProviders)
	fieldValue(v, p, "platformVersion", s.PlatformVersion, &out.PlatformVersion)
	fieldValue(v, p, "assignPublicIp", s.AssignPublicIP, &out.AssignPublicIP)
	out.SecurityGroups = strs(v, p.field("securityGroups"), s.SecurityGroups)
	fieldValue(v, p, "role", s.Role, &out.Role)
	v.vars["service"] = out
	resourceView(v, s.Resource, &s.Tags)
}

func clusterView(v *view, c *lint.Cluster) {
	p := v.root("cluster")
	v.roots["cluster"] = p
	out := &Cluster{}
	v.at(p, c.Range)
	fieldValue(v, p, "containerInsights", c.ContainerInsights, &out.ContainerInsights)
	ep := p.field("executeCommandConfiguration")
	if e := c.ExecuteCommand; presence(v, ep, e.Presence) {
		x := &ExecuteCommandConfiguration{}
		fieldValue(v, ep, "kmsKeyId", e.KMSKeyID, &x.KmsKeyID)
		fieldValue(v, ep, "logging", e.Logging, &x.Logging)
		lp := ep.field("logConfiguration")
		if presence(v, lp, e.LogConfiguration) {
			l := &ExecLogConfiguration{}
			fieldValue(v, lp, "cloudWatchLogGroupName", e.CloudWatchLogGroupName, &l.CloudWatchLogGroupName)
			fieldValue(v, lp, "cloudWatchEncryptionEnabled", e.CloudWatchEncryptionEnabled, &l.CloudWatchEncryptionEnabled)
			fieldValue(v, lp, "s3BucketName", e.S3BucketName, &l.S3BucketName)
			fieldValue(v, lp, "s3EncryptionEnabled", e.S3EncryptionEnabled, &l.S3EncryptionEnabled)
			x.LogConfiguration = l
		}
		out.ExecuteCommandConfiguration = x
	}
	v.vars["cluster"] = out
	resourceView(v, c.Resource, &c.Tags)
}

func securityGroupView(v *view, sg *lint.SecurityGroup) {
	p := v.root("securityGroup")
	v.roots["securityGroup"] = p
	out := &SecurityGroup{}
	v.at(p, sg.Range)
	v.list(len(sg.Ingress))
	for i, in := range sg.Ingress {
		ip := p.field("ingress").index(i)
		r := &IngressRule{}
		v.at(ip, in.Range)
		fieldValue(v, ip, "ipProtocol", in.Protocol, &r.IPProtocol)
		fieldValue(v, ip, "fromPort", in.FromPort, &r.FromPort)
		fieldValue(v, ip, "toPort", in.ToPort, &r.ToPort)
		r.Cidrs = strs(v, ip.field("cidrs"), in.CIDRs)
		out.Ingress = append(out.Ingress, r)
	}
	v.vars["securityGroup"] = out
	resourceView(v, sg.Resource, nil)
}

func roleView(v *view, r *lint.Role) {
	p := v.root("role")
	v.roots["role"] = p
	out := &Role{}
	v.at(p, r.Range)
	out.ManagedPolicyArns = strs(v, p.field("managedPolicyArns"), r.ManagedPolicyArns)
	v.list(len(r.Policies))
	for i, pol := range r.Policies {
		pp := p.field("policies").index(i)
		x := &Policy{}
		v.at(pp, pol.Range)
		fieldValue(v, pp, "policyName", pol.Name, &x.PolicyName)
		v.list(len(pol.Statements))
		for j, st := range pol.Statements {
			sp := pp.field("statement").index(j)
			s := &Statement{}
			v.at(sp, st.Range)
			fieldValue(v, sp, "effect", st.Effect, &s.Effect)
			s.Action = strs(v, sp.field("action"), st.Actions)
			s.Resource = strs(v, sp.field("resource"), st.Resources)
			x.Statement = append(x.Statement, s)
		}
		out.Policies = append(out.Policies, x)
	}
	v.vars["role"] = out
	resourceView(v, r.Resource, nil)
}

func eksClusterView(v *view, c *lint.EKSCluster) {
	p := v.root("eksCluster")
	v.roots["eksCluster"] = p
	out := &EKSCluster{EndpointPublicAccess: true}
	v.at(p, c.Range)
	fieldValue(v, p, "version", c.Version, &out.Version)
	fieldValue(v, p, "roleArn", c.RoleArn, &out.RoleArn)
	fieldValue(v, p, "endpointPublicAccess", c.EndpointPublicAccess, &out.EndpointPublicAccess)
	cp := p.field("publicAccessCidrs")
	if presence(v, cp, c.PublicAccessCIDRsSet) {
		out.PublicAccessCidrs = strs(v, cp, c.PublicAccessCIDRs)
	} else {
		out.PublicAccessCidrs = []string{"0.0.0.0/0"}
	}
	presence(v, p.field("encryptedResources"), c.Encryption)
	out.EncryptedResources = strs(v, p.field("encryptedResources"), c.EncryptedResources)
	presence(v, p.field("logTypes"), c.Logging)
	out.LogTypes = strs(v, p.field("logTypes"), c.LogTypes)
	v.vars["eksCluster"] = out
	resourceView(v, c.Resource, &c.Tags)
}
