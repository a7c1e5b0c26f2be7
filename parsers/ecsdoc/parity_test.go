package ecsdoc_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/cloudformation"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
	"github.com/ecslint/ecslint/parsers/terraform"
)

// Each kind of resource means the same in every format: the same resources
// written as a CloudFormation template and as Terraform give the same
// model, positions and identifiers aside. A kind one naming lacks (an
// AWS::IAM::Policy naming its roles; a Terraform policy attachment) is
// checked against what the other format writes for the same thing.
var parityCases = []struct {
	name  string
	kinds []ecsdoc.Kind
	cfn   string // the template's Resources, indented by two
	tf    []string
}{{
	name:  "task definition",
	kinds: []ecsdoc.Kind{ecsdoc.KindTaskDefinition},
	cfn: `  T:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: app
      NetworkMode: awsvpc
      PidMode: host
      IpcMode: host
      TaskRoleArn: arn:aws:iam::1:role/task
      ExecutionRoleArn: arn:aws:iam::1:role/exec
      RequiresCompatibilities: [FARGATE]
      Cpu: "256"
      Memory: 1 GB
      RuntimePlatform: {OperatingSystemFamily: LINUX}
      Volumes:
        - Name: data
          Host: {SourcePath: /var/data}
        - Name: shared
          EFSVolumeConfiguration: {FilesystemId: fs-1, TransitEncryption: DISABLED}
      ContainerDefinitions:
        - Name: web
          Image: nginx
          Privileged: true
          User: root
`,
	tf: []string{`resource "aws_ecs_task_definition" "t" {
  family                   = "app"
  network_mode             = "awsvpc"
  pid_mode                 = "host"
  ipc_mode                 = "host"
  task_role_arn            = "arn:aws:iam::1:role/task"
  execution_role_arn       = "arn:aws:iam::1:role/exec"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 256
  memory                   = "1 GB"
  runtime_platform {
    operating_system_family = "LINUX"
  }
  volume {
    name      = "data"
    host_path = "/var/data"
  }
  volume {
    name = "shared"
    efs_volume_configuration {
      file_system_id     = "fs-1"
      transit_encryption = "DISABLED"
    }
  }
  container_definitions = jsonencode([{ name = "web", image = "nginx", privileged = true, user = "root" }])
}
`},
}, {
	name:  "service",
	kinds: []ecsdoc.Kind{ecsdoc.KindService},
	cfn: `  S:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: arn:aws:ecs:eu-west-1:1:task-definition/app:1
      Cluster: main
      LaunchType: FARGATE
      PlatformVersion: 1.3.0
      Role: arn:aws:iam::1:role/ecs-service
      CapacityProviderStrategy:
        - CapacityProvider: FARGATE_SPOT
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: ENABLED
          SecurityGroups: [sg-1, sg-2]
`,
	tf: []string{`resource "aws_ecs_service" "s" {
  task_definition  = "arn:aws:ecs:eu-west-1:1:task-definition/app:1"
  cluster          = "main"
  launch_type      = "FARGATE"
  platform_version = "1.3.0"
  iam_role         = "arn:aws:iam::1:role/ecs-service"
  capacity_provider_strategy {
    capacity_provider = "FARGATE_SPOT"
  }
  network_configuration {
    assign_public_ip = true
    security_groups  = ["sg-1", "sg-2"]
  }
}
`},
}, {
	name:  "task set",
	kinds: []ecsdoc.Kind{ecsdoc.KindTaskSet},
	cfn: `  S:
    Type: AWS::ECS::TaskSet
    Properties:
      TaskDefinition: app
      Cluster: main
      NetworkConfiguration:
        AwsVpcConfiguration:
          AssignPublicIp: DISABLED
`,
	tf: []string{`resource "aws_ecs_task_set" "s" {
  task_definition = "app"
  cluster         = "main"
  network_configuration {
    assign_public_ip = false
  }
}
`},
}, {
	name:  "cluster",
	kinds: []ecsdoc.Kind{ecsdoc.KindCluster},
	cfn: `  C:
    Type: AWS::ECS::Cluster
    Properties:
      ClusterSettings:
        - Name: containerInsights
          Value: disabled
      Configuration:
        ExecuteCommandConfiguration:
          KmsKeyId: alias/exec
          Logging: OVERRIDE
          LogConfiguration:
            CloudWatchLogGroupName: /ecs/exec
            CloudWatchEncryptionEnabled: false
            S3BucketName: exec-logs
            S3EncryptionEnabled: true
      Tags:
        - Key: Owner
          Value: payments
        - Key: Environment
          Value: production
`,
	tf: []string{`resource "aws_ecs_cluster" "c" {
  setting {
    name  = "containerInsights"
    value = "disabled"
  }
  configuration {
    execute_command_configuration {
      kms_key_id = "alias/exec"
      logging    = "OVERRIDE"
      log_configuration {
        cloud_watch_log_group_name     = "/ecs/exec"
        cloud_watch_encryption_enabled = false
        s3_bucket_name                 = "exec-logs"
        s3_bucket_encryption_enabled   = true
      }
    }
  }
  tags = { Owner = "payments", Environment = "production" }
}
`, `provider "aws" {
  default_tags {
    tags = { Owner = "payments", Environment = "staging" }
  }
}

resource "aws_ecs_cluster" "c" {
  setting {
    name  = "containerInsights"
    value = "disabled"
  }
  configuration {
    execute_command_configuration {
      kms_key_id = "alias/exec"
      logging    = "OVERRIDE"
      log_configuration {
        cloud_watch_log_group_name     = "/ecs/exec"
        cloud_watch_encryption_enabled = false
        s3_bucket_name                 = "exec-logs"
        s3_bucket_encryption_enabled   = true
      }
    }
  }
  # The provider's default_tags, the resource's own winning.
  tags = { Environment = "production" }
}
`},
}, {
	name:  "cluster without ECS Exec configuration",
	kinds: []ecsdoc.Kind{ecsdoc.KindCluster},
	cfn: `  C:
    Type: AWS::ECS::Cluster
    Properties:
      Configuration: {}
`,
	tf: []string{`resource "aws_ecs_cluster" "c" {
  configuration {}
}
`},
}, {
	name:  "capacity providers",
	kinds: []ecsdoc.Kind{ecsdoc.KindCapacityProvider},
	cfn: `  P:
    Type: AWS::ECS::CapacityProvider
    Properties:
      AutoScalingGroupProvider:
        AutoScalingGroupArn: arn:aws:autoscaling:eu-west-1:1:autoScalingGroup:1:autoScalingGroupName/a
        ManagedTerminationProtection: ENABLED
  Q:
    Type: AWS::ECS::CapacityProvider
    Properties:
      ManagedInstancesProvider:
        InfrastructureRoleArn: arn:aws:iam::1:role/infra
`,
	tf: []string{`resource "aws_ecs_capacity_provider" "p" {
  name = "p"
  auto_scaling_group_provider {
    auto_scaling_group_arn         = "arn:aws:autoscaling:eu-west-1:1:autoScalingGroup:1:autoScalingGroupName/a"
    managed_termination_protection = "ENABLED"
  }
}

resource "aws_ecs_capacity_provider" "q" {
  name = "q"
  managed_instances_provider {
    infrastructure_role_arn = "arn:aws:iam::1:role/infra"
  }
}
`},
}, {
	name:  "EKS node groups",
	kinds: []ecsdoc.Kind{ecsdoc.KindEKSNodeGroup},
	cfn: `  Open:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: prod
      NodeRole: arn:aws:iam::1:role/node
      Subnets: [subnet-1]
      Version: "1.31"
      RemoteAccess:
        Ec2SshKey: ops
  Scoped:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: prod
      NodeRole: arn:aws:iam::1:role/node
      Subnets: [subnet-1]
      RemoteAccess:
        Ec2SshKey: ops
        SourceSecurityGroups: [sg-1]
`,
	tf: []string{`resource "aws_eks_node_group" "open" {
  cluster_name  = "prod"
  node_role_arn = "arn:aws:iam::1:role/node"
  subnet_ids    = ["subnet-1"]
  version       = "1.31"
  remote_access {
    ec2_ssh_key = "ops"
  }
}

resource "aws_eks_node_group" "scoped" {
  cluster_name  = "prod"
  node_role_arn = "arn:aws:iam::1:role/node"
  subnet_ids    = ["subnet-1"]
  remote_access {
    ec2_ssh_key               = "ops"
    source_security_group_ids = ["sg-1"]
  }
}
`},
}, {
	name:  "EKS identity provider configs",
	kinds: []ecsdoc.Kind{ecsdoc.KindEKSIdentityProviderConfig},
	cfn: `  Oidc:
    Type: AWS::EKS::IdentityProviderConfig
    Properties:
      ClusterName: prod
      Type: oidc
      Oidc: {ClientId: app, IssuerUrl: "https://idp.example.com"}
      Tags:
        - Key: Owner
          Value: platform
`,
	tf: []string{`resource "aws_eks_identity_provider_config" "oidc" {
  cluster_name = "prod"
  oidc {
    client_id                     = "app"
    identity_provider_config_name = "idp"
    issuer_url                    = "https://idp.example.com"
  }
  tags = { Owner = "platform" }
}
`},
}, {
	name:  "security group with inline rules",
	kinds: []ecsdoc.Kind{ecsdoc.KindSecurityGroup},
	cfn: `  G:
    Type: AWS::EC2::SecurityGroup
    Properties:
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIpv6: "::/0"}
`,
	tf: []string{`resource "aws_security_group" "g" {
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    ipv6_cidr_blocks = ["::/0"]
  }
}
`},
}, {
	name:  "ingress rule resources",
	kinds: []ecsdoc.Kind{ecsdoc.KindIngressRule},
	cfn: `  G:
    Type: AWS::EC2::SecurityGroup
  In:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref G
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: 0.0.0.0/0
`,
	tf: []string{`resource "aws_security_group" "g" {}

resource "aws_security_group_rule" "in" {
  type              = "ingress"
  security_group_id = aws_security_group.g.id
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["0.0.0.0/0"]
}
`, `resource "aws_security_group" "g" {}

resource "aws_vpc_security_group_ingress_rule" "in" {
  security_group_id = aws_security_group.g.id
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group_rule" "out" {
  type              = "egress"
  security_group_id = aws_security_group.g.id
  cidr_blocks       = ["0.0.0.0/0"]
}
`},
}, {
	name:  "role with inline and managed policies",
	kinds: []ecsdoc.Kind{ecsdoc.KindRole},
	cfn: `  R:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app
      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
      Policies:
        - PolicyName: inline
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: "s3:*", Resource: "*"}
`,
	tf: []string{`resource "aws_iam_role" "r" {
  name                = "app"
  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
  inline_policy {
    name   = "inline"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
  }
}
`},
}, {
	name:  "policies naming their role",
	kinds: []ecsdoc.Kind{ecsdoc.KindPolicy, ecsdoc.KindRolePolicy},
	cfn: `  R:
    Type: AWS::IAM::Role
  P:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: by-list
      Roles: [!Ref R]
      PolicyDocument:
        Statement: {Effect: Allow, Action: "*", Resource: "*"}
  RP:
    Type: AWS::IAM::RolePolicy
    Properties:
      PolicyName: by-name
      RoleName: !Ref R
      PolicyDocument:
        Statement:
          - {Effect: Deny, Action: ["iam:*"], Resource: "*"}
`,
	tf: []string{`resource "aws_iam_role" "r" {}

resource "aws_iam_role_policy" "p" {
  name   = "by-list"
  role   = aws_iam_role.r.id
  policy = jsonencode({ Statement = { Effect = "Allow", Action = "*", Resource = "*" } })
}

resource "aws_iam_role_policy" "rp" {
  name   = "by-name"
  role   = aws_iam_role.r.id
  policy = jsonencode({ Statement = [{ Effect = "Deny", Action = ["iam:*"], Resource = "*" }] })
}
`},
}, {
	name:  "managed policies",
	kinds: []ecsdoc.Kind{ecsdoc.KindManagedPolicy},
	cfn: `  MP:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: mine
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: "ecr:*", Resource: "*"}
  R:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app
      ManagedPolicyArns: [!Ref MP, arn:aws:iam::aws:policy/AdministratorAccess]
`,
	tf: []string{`resource "aws_iam_policy" "mp" {
  name   = "mine"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "ecr:*", Resource = "*" }] })
}

resource "aws_iam_role" "r" {
  name                = "app"
  managed_policy_arns = [aws_iam_policy.mp.arn, "arn:aws:iam::aws:policy/AdministratorAccess"]
}
`},
}, {
	// CloudFormation has no attachment resource: a managed policy names
	// its roles, or a role lists the ARNs.
	name:  "policy attachments",
	kinds: []ecsdoc.Kind{ecsdoc.KindManagedPolicy, ecsdoc.KindPolicyAttachment},
	cfn: `  MP:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: mine
      Roles: [!Ref R]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: "ecr:*", Resource: "*"}
  R:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
`,
	tf: []string{`resource "aws_iam_policy" "mp" {
  name   = "mine"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "ecr:*", Resource = "*" }] })
}

resource "aws_iam_role" "r" {
  name = "app"
}

resource "aws_iam_role_policy_attachment" "mine" {
  role       = aws_iam_role.r.name
  policy_arn = aws_iam_policy.mp.arn
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = "app"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`},
}, {
	name:  "EKS cluster",
	kinds: []ecsdoc.Kind{ecsdoc.KindEKSCluster},
	cfn: `  E:
    Type: AWS::EKS::Cluster
    Properties:
      Version: "1.27"
      RoleArn: arn:aws:iam::1:role/eks
      ResourcesVpcConfig:
        EndpointPublicAccess: true
        PublicAccessCidrs: [0.0.0.0/0]
      EncryptionConfig:
        - Resources: [secrets]
      Logging:
        ClusterLogging:
          EnabledTypes:
            - Type: api
            - Type: audit
`,
	tf: []string{`resource "aws_eks_cluster" "e" {
  version  = "1.27"
  role_arn = "arn:aws:iam::1:role/eks"
  vpc_config {
    endpoint_public_access = true
    public_access_cidrs    = ["0.0.0.0/0"]
  }
  encryption_config {
    resources = ["secrets"]
  }
  enabled_cluster_log_types = ["api", "audit"]
}
`},
}}

func TestFormatsMapResourcesAlike(t *testing.T) {
	covered := map[ecsdoc.Kind]bool{}
	for _, tc := range parityCases {
		for _, k := range tc.kinds {
			covered[k] = true
		}
		t.Run(tc.name, func(t *testing.T) {
			want := summary(parseTemplate(t, "Resources:\n"+tc.cfn))
			if want == "" {
				t.Fatalf("the template maps to almost nothing:\n%s", want)
			}
			for i, src := range tc.tf {
				if got := summary(parseTerraform(t, src)); got != want {
					t.Errorf("Terraform %d maps otherwise than CloudFormation.\nTerraform:\n%s\nCloudFormation:\n%s", i+1, got, want)
				}
			}
		})
	}
	for _, k := range ecsdoc.Kinds() {
		if !covered[k] {
			t.Errorf("kind %d (%v, %v) has no parity case", k,
				ecsdoc.Types(ecsdoc.CloudFormation, k), ecsdoc.Types(ecsdoc.Terraform, k))
		}
	}
}

func parseTemplate(t *testing.T, text string) *lint.Unit {
	t.Helper()
	ctx, path := contextWith(t, "template.yaml", text)
	units, claimed := cloudformation.Parser{}.Parse(ctx, []string{path})
	return only(t, ctx, units, claimed)
}

func parseTerraform(t *testing.T, text string) *lint.Unit {
	t.Helper()
	ctx, path := contextWith(t, "main.tf", text)
	units, claimed := terraform.Parser{}.Parse(ctx, []string{path})
	return only(t, ctx, units, claimed)
}

func contextWith(t *testing.T, name, text string) (*lint.Context, string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys, err := lint.NewFS([]string{dir}, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	return lint.NewContext(fsys, lint.ParseOptions{}), path
}

func only(t *testing.T, ctx *lint.Context, units []*lint.Unit, claimed bool) *lint.Unit {
	t.Helper()
	if errs := ctx.Errors(); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if !claimed || len(units) != 1 {
		t.Fatalf("claimed=%v, %d units", claimed, len(units))
	}
	return units[0]
}

// summary writes what a unit says, without positions or identifiers
// (logical IDs and addresses differ between the formats).
func summary(u *lint.Unit) string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	for _, td := range u.TaskDefinitions {
		line("task definition family=%s network=%s pid=%s ipc=%s task-role=%s exec-role=%s compat=%s os=%s containers=%s",
			str(td.Family), str(td.NetworkMode), str(td.PidMode), str(td.IpcMode), str(td.TaskRoleArn),
			str(td.ExecutionRoleArn), strs(td.RequiresCompatibilities), str(td.OperatingSystemFamily), td.ContainersState)
		for _, v := range td.Volumes {
			line("  volume %s host=%v path=%s efs=%v fs=%s transit=%s", str(v.Name), v.Host.State, str(v.HostSourcePath),
				v.EFS.State, str(v.EFSFileSystemID), str(v.EFSTransitEncryption))
		}
		for _, c := range td.Containers {
			line("  container %s image=%s privileged=%s user=%s", str(c.Name), str(c.Image), boolean(c.Privileged), str(c.User))
		}
	}
	for _, s := range u.Services {
		line("%s task-definition=%s cluster=%s launch=%s platform=%s providers=%s public-ip=%s groups=%s role=%s", s.Kind,
			str(s.TaskDefinition), str(s.Cluster), str(s.LaunchType), str(s.PlatformVersion), strs(s.CapacityProviders),
			str(s.AssignPublicIP), strs(s.SecurityGroups), str(s.Role))
	}
	for _, c := range u.Clusters {
		e := c.ExecuteCommand
		line("cluster tags=%s", tags(c.Tags))
		line("cluster insights=%s exec=%v kms=%s logging=%s logs=%v cloudwatch=%s:%s s3=%s:%s", str(c.ContainerInsights),
			e.State, str(e.KMSKeyID), str(e.Logging), e.LogConfiguration.State, str(e.CloudWatchLogGroupName),
			boolean(e.CloudWatchEncryptionEnabled), str(e.S3BucketName), boolean(e.S3EncryptionEnabled))
	}
	for _, p := range u.CapacityProviders {
		line("capacity provider asg=%v protection=%s", p.AutoScalingGroup.State, str(p.ManagedTerminationProtection))
	}
	for _, g := range u.EKSNodeGroups {
		line("node group cluster=%s role=%s", str(g.Cluster), str(g.NodeRole))
		line("node group version=%s remote=%v key=%s sources=%v:%s", str(g.Version), g.RemoteAccess.State, str(g.SSHKey),
			g.SourceSecurityGroupsSet.State, strs(g.SourceSecurityGroups))
	}
	for _, c := range u.EKSIdentityProviderConfigs {
		var tags []string
		for _, kv := range c.Tags.Items {
			tags = append(tags, str(kv.Name)+"="+str(kv.Value))
		}
		line("identity provider config cluster=%s tags=%v:%v", str(c.Cluster), c.Tags.State, tags)
	}
	for _, sg := range u.SecurityGroups {
		line("security group")
		for _, r := range sg.Ingress {
			line("  ingress %s %s-%s from %s", str(r.Protocol), integer(r.FromPort), integer(r.ToPort), strs(r.CIDRs))
		}
	}
	for _, r := range u.Roles {
		line("role managed=%s", strs(r.ManagedPolicyArns))
		for _, p := range r.Policies {
			line("  policy %s", str(p.Name))
			for _, s := range p.Statements {
				line("    %s %s on %s", str(s.Effect), strs(s.Actions), strs(s.Resources))
			}
		}
	}
	for _, c := range u.EKSClusters {
		line("eks role=%s", str(c.RoleArn))
		line("eks version=%s public=%s cidrs=%v:%s encryption=%v:%s logging=%v:%s", str(c.Version),
			boolean(c.EndpointPublicAccess), c.PublicAccessCIDRsSet.State, strs(c.PublicAccessCIDRs),
			c.Encryption.State, strs(c.EncryptedResources), c.Logging.State, strs(c.LogTypes))
	}
	return b.String()
}

func value[T any](v lint.Value[T]) string {
	s := fmt.Sprint(v.V)
	switch v.State {
	case lint.Unset:
		s = "<unset>"
	case lint.Unknown:
		s = "<unknown>"
	}
	for _, a := range v.Alts() {
		s += "|" + value(a)
	}
	return s
}

func str(v lint.String) string   { return value(v) }
func boolean(v lint.Bool) string { return value(v) }
func integer(v lint.Int) string  { return value(v) }

func strs(vs []lint.String) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = str(v)
	}
	return "[" + strings.Join(out, " ") + "]"
}

func tags(t lint.Tags) string {
	out := []string{t.State.String()}
	for _, kv := range t.Items {
		out = append(out, str(kv.Name)+"="+str(kv.Value))
	}
	return strings.Join(out, " ")
}
