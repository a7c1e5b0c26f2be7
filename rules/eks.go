package rules

// eksCluster is a CloudFormation EKS cluster with the given extra properties
// (indented 6 spaces), for the examples.
func eksCluster(props string) string {
	return cfnTemplate("  Cluster:\n    Type: AWS::EKS::Cluster\n    Properties:\n      Name: prod\n" +
		"      RoleArn: arn:aws:iam::111122223333:role/eks\n" + props)
}

// eksPrivateVPC is a ResourcesVpcConfig with a private endpoint only.
const eksPrivateVPC = "      ResourcesVpcConfig:\n        SubnetIds: [subnet-0abc, subnet-0def]\n" +
	"        EndpointPublicAccess: false\n        EndpointPrivateAccess: true\n"
