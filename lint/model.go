package lint

// This file is the common model every parser produces and every rule reads.
// Field names follow the ECS API's camelCase spelling; parsers translate
// CloudFormation's PascalCase and Terraform's snake_case into it.

// Resource identifies one resource for messages, links and suppressions.
type Resource struct {
	// ID is the key other values' Ref point at: a CloudFormation logical ID,
	// a Terraform address such as aws_iam_role.task, or the file for raw JSON.
	ID string
	// Name is what messages call the resource: the logical ID (with the CDK
	// construct path when there is one), the Terraform address with its
	// instance key, or the task family for raw JSON.
	Name string
	// Type is the source's type name: AWS::ECS::TaskDefinition,
	// aws_ecs_task_definition, or "task-definition" for raw JSON.
	Type string
	// Range is the resource's declaration: the logical ID key, the block
	// header, or the top-level object of a JSON document.
	Range Range
	// Extent is all of the resource's text (the logical ID with its value,
	// the whole block), or just Range when the parser reports a resource
	// somewhere that is not its text (a registry module's resource, at the
	// module call). A finding outside it names the resource as related.
	Extent Range
	// Suppressions are ignores the source attaches to the resource itself
	// (CloudFormation Metadata: {ecslint: {ignore: [...]}}); comment-based
	// suppressions are read from the file's comments instead, which the
	// parser gives as a CommentSource.
	Suppressions []Suppression
	// DynamicBlocks are the types of the nested blocks a Terraform
	// dynamic block writes in the resource's own body: their number is
	// the for_each's, not the text's, so a fix that adds such a block
	// (a cluster's setting) is not offered.
	DynamicBlocks []string
}

// Suppression is one request to ignore a rule's findings.
type Suppression struct {
	// Rule is a rule ID or name.
	Rule   string
	Reason string
	// Until is an expiry date (YYYY-MM-DD), empty for none; UntilRange is
	// where the date is written (zero when unknown: Range is used).
	Until      string
	UntilRange Range
	// Range is where the suppression is written.
	Range Range
}

// Unit is what one parse produces and rules run over: a CloudFormation
// template, a Terraform root module with the modules it calls, or a raw JSON
// file. References (Value.Ref) resolve within one unit.
type Unit struct {
	TaskDefinitions []*TaskDefinition
	Services        []*Service
	Clusters        []*Cluster
	SecurityGroups  []*SecurityGroup
	Roles           []*Role
	EKSClusters     []*EKSCluster
	// CapacityProviders are ECS capacity providers.
	CapacityProviders []*CapacityProvider
	// EKSNodeGroups are EKS managed node groups.
	EKSNodeGroups []*EKSNodeGroup
	// EKSIdentityProviderConfigs are EKS clusters' OIDC identity provider
	// configurations.
	EKSIdentityProviderConfigs []*EKSIdentityProviderConfig
}

// KeyStyle says how a source document spells task-definition keys.
type KeyStyle uint8

const (
	// CamelCase is the ECS API's spelling, matched exactly (raw JSON).
	CamelCase KeyStyle = iota
	// PascalCase is CloudFormation's spelling.
	PascalCase
	// ProviderJSON is the ECS API's spelling as the Terraform AWS provider
	// reads container_definitions: Go's encoding/json matches each key to a
	// field regardless of case. A document in this style has been rewritten
	// to the API's keys (see ecsdoc.ProviderKeys); TaskDefinition.CaseVariants
	// lists the keys the source spelt otherwise.
	ProviderJSON
)

// CaseVariant is a key that a decoder ignoring case (the Terraform AWS
// provider's) read as the API's Key: Written as the source spelt it, at
// Range. CloudFormation and the ECS API would reject the spelling.
type CaseVariant struct {
	Range   Range
	Written string
	Key     string
}

// TaskDefinition is an ECS task definition.
type TaskDefinition struct {
	Resource
	Family                  String
	NetworkMode             String
	PidMode                 String
	IpcMode                 String
	TaskRoleArn             String
	ExecutionRoleArn        String
	RequiresCompatibilities []String
	// Cpu and Memory are the task-level cpu and memory, as written: CPU
	// units or vCPUs ("1024", "1 vCPU"), MiB or GB ("2048", "2 GB").
	Cpu    String
	Memory String
	// OperatingSystemFamily is runtimePlatform.operatingSystemFamily
	// (LINUX, WINDOWS_SERVER_2022_CORE, ...).
	OperatingSystemFamily String
	Volumes               []*Volume
	Containers            []*Container
	// ContainersState is Unknown when the container definitions could not be
	// evaluated (a variable, a data source); Containers is then empty.
	ContainersState State
	// ContainersRange is the key that set the container definitions.
	ContainersRange Range
	Tags            Tags

	// Doc is the task definition as written, for schema validation, in the
	// spelling DocStyle gives; nil when the source has no such document (a
	// Terraform resource is HCL, only its container definitions are JSON).
	Doc *Node
	// ContainersDoc is the container definitions array as written, in the
	// spelling DocStyle gives.
	ContainersDoc *Node
	DocStyle      KeyStyle
	// DocOversized says Doc (or, without one, ContainersDoc) has more
	// than MaxDocNodes values: it is not validated, and its parser may
	// have dropped the entries of its containers' lists from it once
	// decoded (ecsdoc.Doc.Releasing), so that it no longer shows them.
	DocOversized bool
	// DocDropped says the parser had Doc checked against the schema as
	// soon as it was decoded (CheckDocEarly), kept what ECS000 reports of
	// it in DocCheck, and dropped Doc and ContainersDoc: in a large
	// template the trees are half of what a run holds. What the fixes
	// read of them stays: their ranges (DocRange and ContainersDocRange,
	// when HadDoc and HadContainersDoc say there was one) and the
	// outlines of the objects fixes add keys to (Container.Outline,
	// Volume.EFSOutline).
	DocDropped               bool
	HadDoc, HadContainersDoc bool
	DocRange                 Range
	ContainersDocRange       Range
	// DocCheck is what ECS000 reports of the dropped document; nil when
	// it reports nothing.
	DocCheck *DocCheck
	// CaseVariants are the keys of ContainersDoc, in the ProviderJSON
	// style, that the source spelt other than the API, in document order.
	CaseVariants []CaseVariant
}

// DocCheck is ECS000's check of a task definition's document against the
// schema, made as the document was decoded (TaskDefinition.DocDropped).
type DocCheck struct {
	// Failed says the check could not be made (the embedded schema does
	// not compile): nothing is reported of the task definition.
	Failed bool
	// Oversized says the document has too many values to be checked;
	// the note that says so points at At.
	Oversized bool
	At        Range
	// Violations are the findings, in the order they are reported.
	Violations []DocViolation
}

// DocViolation is one finding of a DocCheck: its range, its key (a
// finding's Key), its message and its fixes, offered when the range is
// the key's own text.
type DocViolation struct {
	Range   Range
	Key     string
	Message string
	Fixes   []Fix
}

// earlyDocCheck is the function CheckDocEarly calls (see SetEarlyDocCheck).
var earlyDocCheck func(*TaskDefinition) bool

// SetEarlyDocCheck installs the function that CheckDocEarly calls: the
// rules' schema check (ECS000), which parsers cannot import. It is set at
// initialisation, before any parse.
func SetEarlyDocCheck(check func(*TaskDefinition) bool) { earlyDocCheck = check }

// CheckDocEarly has td's document checked now, as its parser decodes it,
// and dropped (TaskDefinition.DocDropped), so that a parser holding many
// task definitions need not keep their trees until the rules run. It
// reports false, with td unchanged, when no check is installed or when the
// check needs the trees later (a document in the ProviderJSON style).
func CheckDocEarly(td *TaskDefinition) bool {
	return earlyDocCheck != nil && earlyDocCheck(td)
}

// ObjectOutline is what a fix that adds a member to an object of a task
// definition's document reads of that object, kept when the document is
// dropped (TaskDefinition.DocDropped): its kind and range, whether it is
// partial or has alternatives, and its first key.
type ObjectOutline struct {
	Range         Range
	FirstKeyRange Range
	FirstKey      string
	Kind          NodeKind
	// Held says the outline was taken (the object was found).
	Held, Partial, HasAlts, HasFields bool
}

// OutlineOf takes the outline of n.
func OutlineOf(n *Node) ObjectOutline {
	o := ObjectOutline{Range: n.Range, Kind: n.Kind, Held: true, Partial: n.Partial, HasAlts: len(n.Alts()) > 0}
	if len(n.Fields) > 0 {
		o.HasFields, o.FirstKey, o.FirstKeyRange = true, n.Fields[0].Key, n.Fields[0].KeyRange
	}
	return o
}

// Node returns a node that is the object as far as its outline tells: its
// kind, range and partiality, its first field (a key without a value), and
// one alternative (of its kind and range) when it had any.
func (o ObjectOutline) Node() *Node {
	n := &Node{Kind: o.Kind, Partial: o.Partial, Range: o.Range}
	if o.HasFields {
		n.Fields = []*Field{{Key: o.FirstKey, KeyRange: o.FirstKeyRange}}
	}
	if o.HasAlts {
		n.SetAlts([]*Node{{Kind: o.Kind, Range: o.Range}})
	}
	return n
}

// IsWindows reports whether the task definition targets Windows containers.
func (td *TaskDefinition) IsWindows() bool {
	os := td.OperatingSystemFamily
	return os.Known() && len(os.V) >= 7 && os.V[:7] == "WINDOWS"
}

// Volume is a task-definition volume.
type Volume struct {
	Range Range
	Name  String
	// Host is present for bind-mount volumes; HostSourcePath is
	// host.sourcePath. A host without a source path is a Docker-managed
	// volume.
	Host           Presence
	HostSourcePath String
	// EFS is efsVolumeConfiguration.
	EFS                  Presence
	EFSFileSystemID      String
	EFSTransitEncryption String
	// EFSOutline is the efsVolumeConfiguration object's outline, when
	// the task definition's document was dropped (DocDropped).
	EFSOutline ObjectOutline
}

// DisplayName is the volume's name for messages and finding keys, or
// "(unnamed)" when it is not known.
func (v *Volume) DisplayName() string {
	if v.Name.Known() {
		return v.Name.V
	}
	return "(unnamed)"
}

// Container is one container definition.
type Container struct {
	// Range is the container object, where findings about absent keys point.
	Range                  Range
	Name                   String
	Image                  String
	Essential              Bool
	Privileged             Bool
	User                   String
	ReadonlyRootFilesystem Bool
	Environment            []KeyValue
	Secrets                []Secret
	EnvironmentFiles       []EnvironmentFile
	LogConfiguration       LogConfiguration
	LinuxParameters        LinuxParameters
	MountPoints            []MountPoint
	RepositoryCredentials  RepositoryCredentials
	// HealthCheck is the container's healthCheck.
	HealthCheck Presence
	// Cpu, Memory and MemoryReservation are the container's cpu units and
	// hard and soft memory limits in MiB.
	Cpu               Int
	Memory            Int
	MemoryReservation Int
	PortMappings      []PortMapping
	// Outline is the outline of the item of the task definition's
	// ContainersDoc at Range, when the document was dropped
	// (DocDropped).
	Outline ObjectOutline
}

// PortMapping is an entry of a container's portMappings.
type PortMapping struct {
	Range         Range
	ContainerPort Int
	HostPort      Int
	Protocol      String
}

// DisplayName is the container's name for messages and a finding's
// Container (which baselines match on), or "(unnamed)" when the name is not
// known: every unnamed container of a task definition gets the same text.
func (c *Container) DisplayName() string {
	if c.Name.Known() {
		return c.Name.V
	}
	return "(unnamed)"
}

// Tags are a resource's tags, from the list of key/value objects the API
// and CloudFormation write, or Terraform's map; a Terraform resource's
// include its provider's default_tags. State is Unknown when what the
// tags are is not known (a variable, an intrinsic), Range the tags key.
type Tags struct {
	Presence
	Items []KeyValue
}

// KeyValue is a name/value pair: an environment entry, a log option.
type KeyValue struct {
	Range Range
	Name  String
	Value String
}

// Secret is a name/valueFrom pair: a container secret, a log secret option.
type Secret struct {
	Range     Range
	Name      String
	ValueFrom String
}

// EnvironmentFile is an entry of environmentFiles.
type EnvironmentFile struct {
	Range Range
	Value String
	Type  String
}

// LogConfiguration is a container's logConfiguration.
type LogConfiguration struct {
	Presence
	LogDriver String
	// OptionsSet is the options key: Unknown when the options, or which
	// keys they hold, are not known (a parameter, a Terraform merge with
	// a variable), so that an option absent from Options may still be set.
	OptionsSet    Presence
	Options       []KeyValue
	SecretOptions []Secret
}

// LinuxParameters is the part of linuxParameters the rules need.
type LinuxParameters struct {
	Presence
	CapabilitiesAdd  []String
	CapabilitiesDrop []String
}

// MountPoint is an entry of mountPoints.
type MountPoint struct {
	Range         Range
	SourceVolume  String
	ContainerPath String
	ReadOnly      Bool
}

// RepositoryCredentials is a container's private registry credentials.
type RepositoryCredentials struct {
	Presence
	CredentialsParameter String
}

// Service is an ECS service or task set; Kind tells which.
type Service struct {
	Resource
	// Kind is "service" or "task-set".
	Kind           string
	TaskDefinition String
	Cluster        String
	LaunchType     String
	// CapacityProviders are the capacity provider strategy's provider names.
	CapacityProviders []String
	PlatformVersion   String
	// AssignPublicIP is ENABLED or DISABLED; Terraform's booleans are
	// translated.
	AssignPublicIP String
	SecurityGroups []String
	Tags           Tags
	// Role is the service's legacy IAM role (role), which ECS assumes to
	// register tasks with a load balancer.
	Role String
}

// Cluster is an ECS cluster.
type Cluster struct {
	Resource
	// ContainerInsights is the containerInsights cluster setting.
	ContainerInsights String
	// ExecuteCommand is configuration.executeCommandConfiguration, how
	// ECS Exec sessions are encrypted and logged.
	ExecuteCommand ExecuteCommandConfiguration
	Tags           Tags
	// Doc is the cluster's properties as written, for fixes: a
	// CloudFormation resource's Properties; nil for one built from
	// Terraform blocks, or without Properties.
	Doc *Node
}

// ExecuteCommandConfiguration is a cluster's ECS Exec configuration.
type ExecuteCommandConfiguration struct {
	Presence
	KMSKeyID String
	// Logging is NONE, DEFAULT or OVERRIDE; absent, the API's DEFAULT (the
	// task definition's awslogs configuration).
	Logging String
	// LogConfiguration is where OVERRIDE sends the session logs.
	LogConfiguration            Presence
	CloudWatchLogGroupName      String
	CloudWatchEncryptionEnabled Bool
	S3BucketName                String
	S3EncryptionEnabled         Bool
}

// SecurityGroup is an EC2 security group with the ingress rules that apply
// to it, whether written inline or as separate resources.
type SecurityGroup struct {
	Resource
	Ingress []IngressRule
}

// IngressRule is one ingress permission.
type IngressRule struct {
	Range    Range
	Protocol String
	FromPort Int
	ToPort   Int
	// CIDRs holds IPv4 and IPv6 source ranges.
	CIDRs []String
}

// Role is an IAM role with the policies that apply to it, inline or attached.
type Role struct {
	Resource
	ManagedPolicyArns []String
	Policies          []*Policy
}

// Policy is an IAM policy document, with where it came from.
type Policy struct {
	Range      Range
	Name       String
	Statements []Statement
}

// Statement is one IAM policy statement.
type Statement struct {
	Range     Range
	Effect    String
	Actions   []String
	Resources []String
}

// EKSCluster is an EKS cluster.
type EKSCluster struct {
	Resource
	Version String
	// RoleArn is the cluster's IAM role, which the control plane uses.
	RoleArn String
	// EndpointPublicAccess defaults to true when unset.
	EndpointPublicAccess Bool
	PublicAccessCIDRs    []String
	// PublicAccessCIDRsSet tells an absent list (defaults to 0.0.0.0/0) from
	// an unknown one.
	PublicAccessCIDRsSet Presence
	// Encryption is the encryption configuration; EncryptedResources are the
	// resource kinds it covers ("secrets").
	Encryption         Presence
	EncryptedResources []String
	// Logging is the control-plane logging configuration; LogTypes are the
	// enabled types.
	Logging  Presence
	LogTypes []String
	Tags     Tags
}

// CapacityProvider is an ECS capacity provider.
type CapacityProvider struct {
	Resource
	// AutoScalingGroup is autoScalingGroupProvider, present for a provider
	// backed by an EC2 Auto Scaling group.
	AutoScalingGroup Presence
	// ManagedTerminationProtection is ENABLED or DISABLED; absent, the
	// API's DISABLED.
	ManagedTerminationProtection String
}

// EKSNodeGroup is an EKS managed node group.
type EKSNodeGroup struct {
	Resource
	// Version is the nodes' Kubernetes version; absent, the cluster's.
	Version String
	// Cluster is clusterName; NodeRole is the nodes' IAM role.
	Cluster  String
	NodeRole String
	// RemoteAccess is remoteAccess: SSH access to the nodes with SSHKey
	// (ec2SshKey), from SourceSecurityGroups, or from anywhere when there
	// are none.
	RemoteAccess            Presence
	SSHKey                  String
	SourceSecurityGroups    []String
	SourceSecurityGroupsSet Presence
}

// EKSIdentityProviderConfig is an EKS cluster's OIDC identity provider
// configuration.
type EKSIdentityProviderConfig struct {
	Resource
	// Cluster is clusterName.
	Cluster String
	Tags    Tags
}
