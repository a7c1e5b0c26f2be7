package rules

import (
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// eksCheck is a rule's question about one EKS cluster. Rules whose
// findings are traits of a cluster's exposure are written as one, so that
// EKS301 (cluster-exposure) asks exactly the question the rule asks.
type eksCheck func(u *lint.Unit, c *lint.EKSCluster, opts lint.OptionValues, report func(lint.Finding))

// runEKSCheck runs an eksCheck over every EKS cluster of the pass.
func runEKSCheck(p *lint.Pass, check eksCheck) {
	for _, c := range p.Unit.EKSClusters {
		check(p.Unit, c, p.Options, p.Report)
	}
}

// mayInclude reports whether a list may hold a value that matches: one
// known to, or one not known at all (EKS002's encrypted resources, EKS004's
// log types, where an unknown entry is given the benefit of the doubt).
func mayInclude(list []lint.String, match func(string) bool) bool {
	for _, v := range list {
		if _, ok := v.Any(func(v lint.String) bool { return !v.Known() || match(v.V) }); ok {
			return true
		}
	}
	return false
}

// eksCluster is a CloudFormation EKS cluster with the given extra properties
// (indented 6 spaces), for the examples. Like the task definitions' builders
// (see examples.go) it adds what the other EKS rules ask for, secrets
// encryption and audit logs, unless props set it or the builder omits it.
func eksCluster(props string) string { return hardened.eksCluster(props) }

func (b builder) eksCluster(props string) string {
	if b.omit&secretsEncryption == 0 && !strings.Contains(props, "      EncryptionConfig:") {
		props += "      EncryptionConfig:\n        - Resources: [secrets]\n" +
			"          Provider: {KeyArn: " + eksKeyARN + "}\n"
	}
	if !strings.Contains(props, "      Logging:") {
		props += "      Logging: {ClusterLogging: {EnabledTypes: [{Type: api}, {Type: audit}]}}\n"
	}
	return cfnTemplate("  Cluster:\n    Type: AWS::EKS::Cluster\n    Properties:\n      Name: prod\n" +
		"      RoleArn: arn:aws:iam::111122223333:role/eks\n" + props)
}

// eksKeyARN is the KMS key the examples encrypt secrets with.
const eksKeyARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

// eksPrivateVPC is a ResourcesVpcConfig with a private endpoint only.
const eksPrivateVPC = "      ResourcesVpcConfig:\n        SubnetIds: [subnet-0abc, subnet-0def]\n" +
	"        EndpointPublicAccess: false\n        EndpointPrivateAccess: true\n"

// tfEKSCluster is a Terraform EKS cluster with the given extra arguments
// (tfBody entries), for the examples; it adds what eksCluster adds.
func tfEKSCluster(args ...string) string { return hardened.tfEKSCluster(args...) }

func (b builder) tfEKSCluster(args ...string) string {
	head := []string{`name = "prod"`, `role_arn = "arn:aws:iam::111122223333:role/eks"`}
	set := strings.Join(args, "\n")
	if !strings.Contains(set, "enabled_cluster_log_types =") {
		head = append(head, `enabled_cluster_log_types = ["api", "audit"]`)
	}
	if b.omit&secretsEncryption == 0 && !strings.Contains(set, "encryption_config {") {
		args = append(args, "", tfBlock("encryption_config", `resources = ["secrets"]`, "",
			tfBlock("provider", `key_arn = "`+eksKeyARN+`"`)))
	}
	return tfResource("aws_eks_cluster", "prod", append(head, args...)...)
}

// tfEKSPrivateVPC is a vpc_config block with a private endpoint only.
var tfEKSPrivateVPC = tfBlock("vpc_config", `subnet_ids = ["subnet-0abc", "subnet-0def"]`,
	"endpoint_public_access = false", "endpoint_private_access = true")

// eksNodeGroup is a CloudFormation managed node group of cluster prod with
// the given extra properties (indented 6 spaces), for the examples.
func eksNodeGroup(props string) string {
	return cfnTemplate("  Nodes:\n    Type: AWS::EKS::Nodegroup\n    Properties:\n      ClusterName: prod\n" +
		"      NodeRole: arn:aws:iam::111122223333:role/eks-node\n      Subnets: [subnet-0abc]\n" + props)
}

// tfEKSNodeGroup is the Terraform equivalent, with the given extra
// arguments (tfBody entries).
func tfEKSNodeGroup(args ...string) string {
	return tfResource("aws_eks_node_group", "nodes", append([]string{`cluster_name = "prod"`,
		`node_role_arn = "arn:aws:iam::111122223333:role/eks-node"`, `subnet_ids = ["subnet-0abc"]`}, args...)...)
}
