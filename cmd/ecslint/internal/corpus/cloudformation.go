package corpus

import (
	"fmt"
	"strings"
)

// cloudformation writes one template: YAML with short-form intrinsics or
// JSON as CDK writes it. Most are a few services; one in sixteen is a large
// application stack (well over 100 KB); one in five has no ECS at all.
func (g *gen) cloudformation(i int) {
	services := 1 + g.r.IntN(4)
	if g.chance(6) {
		services = 40 + g.r.IntN(40)
	}
	ecs := !g.chance(20)
	if g.chance(60) {
		g.write(&g.stats.CloudFormation, fmt.Sprintf("cfn/stack-%d.%s", i, g.pick("yaml", "yml", "template")), g.yamlTemplate(i, services, ecs))
	} else {
		g.write(&g.stats.CloudFormation, fmt.Sprintf("cdk.out/Stack%d.template.json", i), g.jsonTemplate(i, services, ecs))
	}
}

func (g *gen) yamlTemplate(i, services int, ecs bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: Stack %d\nParameters:\n  Env:\n    Type: String\n    Default: prod\n    AllowedValues: [dev, prod]\n  VpcId:\n    Type: AWS::EC2::VPC::Id\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n", i)
	for s := range services {
		fmt.Fprintf(&b, "  Bucket%d:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub \"${AWS::StackName}-data-%d\"\n      VersioningConfiguration: {Status: Enabled}\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault: {SSEAlgorithm: aws:kms}\n", s, s)
		fmt.Fprintf(&b, "  SG%d:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: service %d\n      VpcId: !Ref VpcId\n      SecurityGroupIngress:\n        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: %s}\n", s, s, g.pick("10.0.0.0/8", "10.0.0.0/8", "0.0.0.0/0"))
		if !ecs {
			fmt.Fprintf(&b, "  Fn%d:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: index.handler\n      Role: !GetAtt Role%d.Arn\n      Code: {ZipFile: \"def handler(e, c): return e\"}\n  Role%d:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]\n", s, s, s)
			continue
		}
		fmt.Fprintf(&b, "  Task%d:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: !Sub \"${Env}-svc-%d\"\n      NetworkMode: %s\n      RequiresCompatibilities: [FARGATE]\n      Cpu: \"512\"\n      Memory: \"1024\"\n", s, s, g.pick("awsvpc", "awsvpc", "awsvpc", "host"))
		if g.chance(5) {
			b.WriteString("      PidMode: host\n")
		}
		b.WriteString("      ContainerDefinitions:\n")
		for _, c := range g.containers(i) {
			fmt.Fprintf(&b, "        - Name: %s\n          Image: %s\n          Essential: true\n          PortMappings: [{ContainerPort: %d}]\n", c.name, c.image, c.port)
			if c.privileged {
				b.WriteString("          Privileged: !If [IsProd, false, true]\n")
			}
			b.WriteString("          Environment:\n")
			for _, kv := range c.env {
				fmt.Fprintf(&b, "            - Name: %s\n              Value: %s\n", kv[0], kv[1])
			}
			b.WriteString("            - Name: ENV\n              Value: !Ref Env\n")
			if !c.noLogs {
				fmt.Fprintf(&b, "          LogConfiguration:\n            LogDriver: awslogs\n            Options:\n              awslogs-group: !Sub /ecs/${Env}/%s\n              awslogs-region: !Ref AWS::Region\n              awslogs-stream-prefix: ecs\n", c.name)
			}
		}
		fmt.Fprintf(&b, "  Service%d:\n    Type: AWS::ECS::Service\n    Properties:\n      LaunchType: FARGATE\n      TaskDefinition: !Ref Task%d\n      DesiredCount: 2\n      NetworkConfiguration:\n        AwsvpcConfiguration:\n          AssignPublicIp: DISABLED\n          SecurityGroups: [!GetAtt SG%d.GroupId]\n          Subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]\n", s, s, s)
	}
	b.WriteString("Outputs:\n  Env:\n    Value: !Ref Env\n")
	return b.String()
}

func (g *gen) jsonTemplate(i, services int, ecs bool) string {
	var res []string
	for s := range services {
		res = append(res, fmt.Sprintf(`    "Bucket%[1]d": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, "data", "%[1]d"]]}}}`, s))
		if !ecs {
			res = append(res, fmt.Sprintf(`    "Queue%d": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 60}}`, s))
			continue
		}
		var cs []string
		for _, c := range g.containers(i) {
			var env []string
			for _, kv := range c.env {
				env = append(env, fmt.Sprintf(`{"Name": %q, "Value": %q}`, kv[0], kv[1]))
			}
			def := fmt.Sprintf(`{"Name": %q, "Image": %q, "Essential": true, "PortMappings": [{"ContainerPort": %d}], "Environment": [%s]`, c.name, c.image, c.port, strings.Join(env, ", "))
			if c.privileged {
				def += `, "Privileged": true`
			}
			if !c.noLogs {
				def += fmt.Sprintf(`, "LogConfiguration": {"LogDriver": "awslogs", "Options": {"awslogs-group": "/ecs/%s", "awslogs-region": {"Ref": "AWS::Region"}}}`, c.name)
			}
			cs = append(cs, "\n          "+def+"}")
		}
		res = append(res,
			fmt.Sprintf(`    "Task%[1]d": {"Type": "AWS::ECS::TaskDefinition", "Metadata": {"aws:cdk:path": "Stack%[2]d/Service%[1]d/TaskDef/Resource"}, "Properties": {"Family": "svc%[1]d", "NetworkMode": "awsvpc", "RequiresCompatibilities": ["FARGATE"], "Cpu": "256", "Memory": "512", "ContainerDefinitions": [%[3]s]}}`, s, i, strings.Join(cs, ",")),
			fmt.Sprintf(`    "Service%[1]d": {"Type": "AWS::ECS::Service", "Properties": {"LaunchType": "FARGATE", "TaskDefinition": {"Ref": "Task%[1]d"}, "NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "DISABLED", "Subnets": ["subnet-1", "subnet-2"]}}}}`, s))
	}
	return "{\n  \"Resources\": {\n" + strings.Join(res, ",\n") + "\n  },\n  \"Parameters\": {\"BootstrapVersion\": {\"Type\": \"AWS::SSM::Parameter::Value<String>\", \"Default\": \"/cdk-bootstrap/hnb659fds/version\"}}\n}\n"
}
