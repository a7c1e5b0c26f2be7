package cloudformation

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// FuzzParse feeds arbitrary bytes through detection, parsing, intrinsic
// resolution and mapping: it must never panic, and every position it
// produces must lie inside the input.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../fixtures/cloudformation/*")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("Resources:\n  A: &a\n    Type: AWS::ECS::Cluster\n  B: *a\n"))
	f.Add([]byte("Resources: {T: {Type: AWS::ECS::TaskDefinition, Properties: !If [c, {}, !Ref AWS::NoValue]}}"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if !Sniff(src) {
			return
		}
		root, shared, perr := parse("f.yaml", src)
		lines := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 1
		if perr != nil {
			if perr.at.Start.Line < 1 || int(perr.at.Start.Line) > lines {
				t.Fatalf("error at line %d of %d", perr.at.Start.Line, lines)
			}
			return
		}
		if !isTemplate(root) {
			return
		}
		u := decode(root, shared, lint.NewBudget(lint.DefaultLimits, nil))
		inside := func(r lint.Range) {
			if r.IsZero() {
				return
			}
			if r.Start.Line < 1 || int(r.Start.Line) > lines || r.End.Before(r.Start) {
				t.Fatalf("range %v-%v outside %d lines", r.Start, r.End, lines)
			}
		}
		for _, td := range u.TaskDefinitions {
			inside(td.Range)
			for _, c := range td.Containers {
				inside(c.Range)
				inside(c.Privileged.Range)
				for _, e := range c.Environment {
					inside(e.Value.ValueRange)
				}
			}
		}
	})
}

// largeTemplate writes a template of n task definitions, each with a
// service and a security group: CDK output for a large application is
// this size.
func largeTemplate(n int) []byte {
	var b bytes.Buffer
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  Env: {Type: String, Default: prod}\nResources:\n")
	for i := range n {
		fmt.Fprintf(&b, `  SG%[1]d:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: service %[1]d
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}
  Task%[1]d:
    Type: AWS::ECS::TaskDefinition
    Metadata:
      aws:cdk:path: App/Service%[1]d/TaskDef/Resource
    Properties:
      Family: !Sub "${Env}-service-%[1]d"
      NetworkMode: awsvpc
      RequiresCompatibilities: [FARGATE]
      Cpu: "256"
      Memory: "512"
      ContainerDefinitions:
        - Name: app
          Image: !Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1.%[1]d"
          Essential: true
          ReadonlyRootFilesystem: true
          User: "1000"
          PortMappings: [{ContainerPort: 8080}]
          Environment:
            - {Name: ENV, Value: !Ref Env}
            - {Name: SERVICE, Value: service-%[1]d}
          LogConfiguration:
            LogDriver: awslogs
            Options: {awslogs-group: /ecs/service-%[1]d, awslogs-region: !Ref AWS::Region}
  Service%[1]d:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      TaskDefinition: !Ref Task%[1]d
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: DISABLED
          SecurityGroups: [!GetAtt SG%[1]d.GroupId]
          Subnets: [subnet-1, subnet-2]
`, i)
	}
	return b.Bytes()
}

// BenchmarkParseLargeTemplate measures a 900-resource YAML template (go
// test -bench ParseLarge ./parsers/cloudformation).
func BenchmarkParseLargeTemplate(b *testing.B) {
	src := largeTemplate(300)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		root, shared, perr := parse("large.yaml", src)
		if perr != nil {
			b.Fatal(perr.msg)
		}
		if u := decode(root, shared, lint.NewBudget(lint.DefaultLimits, nil)); len(u.TaskDefinitions) != 300 {
			b.Fatal(len(u.TaskDefinitions))
		}
	}
}

// largeJSONTemplate is largeTemplate as CDK writes it: JSON, long-form
// intrinsics.
func largeJSONTemplate(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"Parameters": {"Env": {"Type": "String", "Default": "prod"}}, "Resources": {`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `
 "SG%[1]d": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "service %[1]d",
  "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/8"}]}},
 "Task%[1]d": {"Type": "AWS::ECS::TaskDefinition", "Metadata": {"aws:cdk:path": "App/Service%[1]d/TaskDef/Resource"},
  "Properties": {"Family": {"Fn::Sub": "${Env}-service-%[1]d"}, "NetworkMode": "awsvpc", "RequiresCompatibilities": ["FARGATE"],
   "Cpu": "256", "Memory": "512", "ContainerDefinitions": [{"Name": "app",
    "Image": {"Fn::Join": ["", [{"Ref": "AWS::AccountId"}, ".dkr.ecr.", {"Ref": "AWS::Region"}, ".amazonaws.com/app:1.%[1]d"]]},
    "Essential": true, "ReadonlyRootFilesystem": true, "User": "1000", "PortMappings": [{"ContainerPort": 8080}],
    "Environment": [{"Name": "ENV", "Value": {"Ref": "Env"}}, {"Name": "SERVICE", "Value": "service-%[1]d"}],
    "LogConfiguration": {"LogDriver": "awslogs", "Options": {"awslogs-group": "/ecs/service-%[1]d", "awslogs-region": {"Ref": "AWS::Region"}}}}]}},
 "Service%[1]d": {"Type": "AWS::ECS::Service", "Properties": {"LaunchType": "FARGATE", "TaskDefinition": {"Ref": "Task%[1]d"},
  "NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "DISABLED",
   "SecurityGroups": [{"Fn::GetAtt": ["SG%[1]d", "GroupId"]}], "Subnets": ["subnet-1", "subnet-2"]}}}}`, i)
	}
	b.WriteString("}}\n")
	return b.Bytes()
}

// BenchmarkParseLargeJSONTemplate measures the same 900 resources as CDK
// synthesises them.
func BenchmarkParseLargeJSONTemplate(b *testing.B) {
	src := largeJSONTemplate(300)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		root, shared, perr := parse("large.template.json", src)
		if perr != nil {
			b.Fatal(perr.msg)
		}
		if u := decode(root, shared, lint.NewBudget(lint.DefaultLimits, nil)); len(u.TaskDefinitions) != 300 || len(u.Services) != 300 {
			b.Fatal(len(u.TaskDefinitions))
		}
	}
}
