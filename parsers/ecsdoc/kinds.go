package ecsdoc

// This file is the one list of the resource types ecslint reads. Each
// parser finds its resources in its own way, looks their types up here, and
// hands what it found to Linker.Add as a Resource of a Kind; the parsers'
// filters and their quick checks of a file's text (Sniff) derive from the
// list, so a type added here is read by every format that names it.

// Kind is a kind of resource ecslint reads, whatever format declares it.
// The zero Kind is none: a type ecslint does not read.
type Kind uint8

// The kinds of resource ecslint reads.
const (
	_ Kind = iota
	KindTaskDefinition
	KindService
	KindTaskSet
	KindCluster
	KindSecurityGroup
	// KindIngressRule is an ingress rule written as a resource of its own;
	// it joins the security group it names.
	KindIngressRule
	KindRole
	// KindPolicy is a policy that names the roles it attaches to.
	KindPolicy
	// KindManagedPolicy is a policy that roles attach by its ID (and that
	// may name roles itself, in CloudFormation).
	KindManagedPolicy
	// KindRolePolicy is an inline policy of the one role it names.
	KindRolePolicy
	// KindPolicyAttachment attaches a managed policy, by ARN, to a role.
	KindPolicyAttachment
	KindEKSCluster
	KindCapacityProvider
	KindEKSNodeGroup
	KindEKSIdentityProviderConfig
	kindCount
)

// TypeNames says whose names a resource type is given in. Formats share
// them: Terraform HCL, Terraform JSON and (next) a Terraform plan all name
// resources with the AWS provider's types.
type TypeNames uint8

// The type namings ecslint reads.
const (
	CloudFormation TypeNames = iota
	Terraform
	typeNamesCount
)

// resourceTypes are the type names of each kind, in each naming.
var resourceTypes = [kindCount][typeNamesCount][]string{
	KindTaskDefinition: {{"AWS::ECS::TaskDefinition"}, {"aws_ecs_task_definition"}},
	KindService:        {{"AWS::ECS::Service"}, {"aws_ecs_service"}},
	KindTaskSet:        {{"AWS::ECS::TaskSet"}, {"aws_ecs_task_set"}},
	KindCluster:        {{"AWS::ECS::Cluster"}, {"aws_ecs_cluster"}},
	KindSecurityGroup:  {{"AWS::EC2::SecurityGroup"}, {"aws_security_group"}},
	KindIngressRule: {{"AWS::EC2::SecurityGroupIngress"},
		{"aws_security_group_rule", "aws_vpc_security_group_ingress_rule"}},
	KindRole:                      {{"AWS::IAM::Role"}, {"aws_iam_role"}},
	KindPolicy:                    {{"AWS::IAM::Policy"}, nil},
	KindManagedPolicy:             {{"AWS::IAM::ManagedPolicy"}, {"aws_iam_policy"}},
	KindRolePolicy:                {{"AWS::IAM::RolePolicy"}, {"aws_iam_role_policy"}},
	KindPolicyAttachment:          {nil, {"aws_iam_role_policy_attachment"}},
	KindEKSCluster:                {{"AWS::EKS::Cluster"}, {"aws_eks_cluster"}},
	KindCapacityProvider:          {{"AWS::ECS::CapacityProvider"}, {"aws_ecs_capacity_provider"}},
	KindEKSNodeGroup:              {{"AWS::EKS::Nodegroup"}, {"aws_eks_node_group"}},
	KindEKSIdentityProviderConfig: {{"AWS::EKS::IdentityProviderConfig"}, {"aws_eks_identity_provider_config"}},
}

// sniffWords are words one of which every type name above contains, so a
// file holding none of them declares no resource ecslint reads and need
// not be parsed. They are prefixes shared by several types (a whole
// service where ecslint reads most of what matters in it) rather than the
// names themselves, as the quick checks have always been: the words decide
// which files are parsed, and with that which are reported as too large or
// broken. A test checks that they cover every type, and that each covers
// one.
var sniffWords = [typeNamesCount][]string{
	CloudFormation: {"AWS::ECS::", "AWS::EKS::", "AWS::IAM::", "AWS::EC2::SecurityGroup"},
	Terraform:      {"aws_ecs_", "aws_eks_", "aws_iam_", "aws_security_group", "aws_vpc_security_group"},
}

// kindsByType indexes resourceTypes by name, per naming.
var kindsByType = func() [typeNamesCount]map[string]Kind {
	var out [typeNamesCount]map[string]Kind
	for names := range typeNamesCount {
		out[names] = map[string]Kind{}
		for kind, byNames := range resourceTypes {
			for _, typ := range byNames[names] {
				out[names][typ] = Kind(kind)
			}
		}
	}
	return out
}()

// KindOf returns the kind of a resource type given in names, or the zero
// Kind when ecslint does not read it.
func KindOf(names TypeNames, typ string) Kind { return kindsByType[names][typ] }

// Types returns the type names a naming gives kind; none when the naming
// has no such type (Terraform has no policy that names its roles).
func Types(names TypeNames, kind Kind) []string {
	return append([]string(nil), resourceTypes[kind][names]...)
}

// Kinds returns every kind ecslint reads, in declaration order.
func Kinds() []Kind {
	out := make([]Kind, 0, kindCount-1)
	for k := Kind(1); k < kindCount; k++ {
		out = append(out, k)
	}
	return out
}

// SniffWords returns the words whose absence proves a file in names'
// format declares nothing ecslint reads. The slice is the caller's.
func SniffWords(names TypeNames) [][]byte {
	out := make([][]byte, 0, len(sniffWords[names]))
	for _, w := range sniffWords[names] {
		out = append(out, []byte(w))
	}
	return out
}
