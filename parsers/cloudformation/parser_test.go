package cloudformation

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
)

// parseText parses one template written to a temporary file.
func parseText(t *testing.T, name, text string) (*lint.Unit, *lint.Context, bool) {
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
	ctx := lint.NewContext(fsys, lint.ParseOptions{})
	units, claimed := Parser{}.Parse(ctx, []string{path})
	if len(units) == 0 {
		return nil, ctx, claimed
	}
	return units[0], ctx, claimed
}

func mustParse(t *testing.T, text string) *lint.Unit {
	t.Helper()
	u, ctx, claimed := parseText(t, "template.yaml", text)
	if !claimed || u == nil {
		t.Fatalf("template not claimed")
	}
	if errs := ctx.Errors(); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	return u
}

func at(line, col int) string { return fmt.Sprintf("%d:%d", line, col) }

func pos(r lint.Range) string { return at(int(r.Start.Line), int(r.Start.Col)) }

func TestDetection(t *testing.T) {
	cases := []struct {
		name, text string
		claimed    bool
		errors     int
	}{
		{"k8s.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n", false, 0},
		{"helm.yaml", "metadata:\n  name: {{ .Release.Name }}\nResources: AWS::x\n  {{ end }}\n", false, 0},
		{"list.yaml", "Resources:\n  - AWS::ECS::Service\n", false, 0},
		{"no-aws.yaml", "Resources:\n  A:\n    Type: Google::Thing\n", false, 0},
		// Templates without a resource type ecslint reads are not parsed.
		{"s3.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n", false, 0},
		{"custom.json", `{"Resources": {"C": {"Type": "Custom::Thing"}}}`, false, 0},
		{"cluster.yaml", "Resources:\n  B:\n    Type: AWS::ECS::Cluster\n", true, 0},
		{"broken.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A: {Type: AWS::ECS::Cluster\n", true, 1},
		{"broken.json", "{\"Resources\": {\"A\": {\"Type\": \"AWS::ECS::Cluster\",}}}", true, 1},
		{"broken-other.yaml", "x: AWS::Thing\nResources: [\n", false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, ctx, claimed := parseText(t, c.name, c.text)
			if claimed != c.claimed || len(ctx.Errors()) != c.errors {
				t.Errorf("claimed %v with %d errors, want %v with %d: %v", claimed, len(ctx.Errors()), c.claimed, c.errors, ctx.Errors())
			}
		})
	}
}

func TestAccepts(t *testing.T) {
	for path, want := range map[string]bool{
		"a.yaml": true, "a.yml": true, "a.json": true, "stack.template": true, "cdk.out/App.template.json": true,
		"main.tf.json": false, "main.tf": false, "README.md": false,
	} {
		if got := (Parser{}).Accepts(path); got != want {
			t.Errorf("Accepts(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestYAMLErrorPositions(t *testing.T) {
	cases := []struct{ text, want, related string }{
		// Parser errors: yaml.v3 counts these lines from zero, and names
		// the line of the construct the error is in; the error is at the
		// line that is wrong, the construct related.
		{"Resources:\n  A:\n    Type: AWS::ECS::Cluster\n    Properties: [x,\n", "5:1", ""},
		{"Resources:\n  A:\n    Type: AWS::ECS::Cluster\n   bad: x\n", "4:4", "2:3"},
		// A mis-indented key in a sequence item, two lines below the item.
		{"Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n" +
			"        - Name: app\n          Image: nginx\n         Privileged: true\n        - Name: b\n", "8:10", "6:9"},
		// A scanner error: counted from one.
		{"Resources:\n  A:\n    Type: AWS::ECS::Cluster\n    Properties:\n\tClusterName: x\n", "5:2", ""},
		// yaml.v3 names no line for a control character: its own position.
		{"Resources:\n  A:\n    Type: AWS::ECS::Cluster\n    Properties: {ClusterName: \"a\x00b\"}\n", "4:33", ""},
		{"Resources:\n  A:\n    Type: AWS::ECS::Cluster\n    Properties: {ClusterName: ab\x00}\n", "4:33", ""},
	}
	for _, c := range cases {
		_, ctx, _ := parseText(t, "t.yaml", c.text)
		errs := ctx.Errors()
		if len(errs) != 1 || pos(errs[0].Range) != c.want {
			t.Errorf("%q: errors %v, want one at %s", c.text, errs, c.want)
			continue
		}
		related := ""
		if len(errs[0].Related) > 0 {
			related = pos(errs[0].Related[0].Range)
		}
		if related != c.related {
			t.Errorf("%q: related %q, want %q", c.text, related, c.related)
		}
	}
}

func TestIntrinsics(t *testing.T) {
	u := mustParse(t, `Parameters:
  Mode: {Type: String, Default: host}
  NoDefault: {Type: String}
  Caps: {Type: CommaDelimitedList, Default: "SYS_ADMIN,NET_ADMIN"}
Mappings:
  Env: {prod: {User: "0"}}
Conditions:
  C: !Equals [a, b]
Resources:
  Role:
    Type: AWS::IAM::Role
  TD:
    Type: AWS::ECS::TaskDefinition
    Properties:
      NetworkMode: !Ref Mode
      PidMode: !Ref NoDefault
      IpcMode: !Sub "${Mode}"
      Family: !Join ["-", [a, !Ref "AWS::Region"]]
      TaskRoleArn: !GetAtt Role.Arn
      ExecutionRoleArn: {"Fn::GetAtt": ["Role", "Arn"]}
      ContainerDefinitions:
        - Name: !Select [1, [x, "y"]]
          User: !FindInMap [Env, prod, User]
          Image: !Join ["", ["repo:", "1.0"]]
          Privileged: !If [C, "true", !Ref AWS::NoValue]
          LinuxParameters:
            Capabilities:
              Add: !Ref Caps
          ReadonlyRootFilesystem: !ImportValue Shared
`)
	td := u.TaskDefinitions[0]
	c := td.Containers[0]
	check := func(what string, v lint.String, state lint.State, want, ref string) {
		t.Helper()
		if v.State != state || v.V != want || v.Ref() != ref {
			t.Errorf("%s = %+v, want %v %q ref %q", what, v, state, want, ref)
		}
	}
	check("NetworkMode", td.NetworkMode, lint.Known, "host", "")
	check("PidMode", td.PidMode, lint.Unknown, "", "")
	check("IpcMode", td.IpcMode, lint.Known, "host", "")
	check("Family", td.Family, lint.Unknown, "", "")
	check("TaskRoleArn", td.TaskRoleArn, lint.Unknown, "", "Role")
	check("ExecutionRoleArn", td.ExecutionRoleArn, lint.Unknown, "", "Role")
	check("Name", c.Name, lint.Known, "y", "")
	check("User", c.User, lint.Known, "0", "")
	check("Image", c.Image, lint.Known, "repo:1.0", "")
	if pos(td.NetworkMode.Range) != "15:7" || pos(td.NetworkMode.ValueRange) != "15:20" {
		t.Errorf("NetworkMode at %s, value at %s", pos(td.NetworkMode.Range), pos(td.NetworkMode.ValueRange))
	}
	p := c.Privileged
	if p.State != lint.Known || !p.V || len(p.Alts()) != 1 || p.Alts()[0].State != lint.Unset || pos(p.Range) != "25:31" {
		t.Errorf("Privileged = %+v", p)
	}
	if c.ReadonlyRootFilesystem.State != lint.Unknown {
		t.Errorf("ReadonlyRootFilesystem = %+v", c.ReadonlyRootFilesystem)
	}
	caps := c.LinuxParameters.CapabilitiesAdd
	if len(caps) != 2 || caps[0].V != "SYS_ADMIN" || caps[1].V != "NET_ADMIN" {
		t.Errorf("capabilities = %+v", caps)
	}
}

func TestResourcesAndLinks(t *testing.T) {
	u := mustParse(t, `Resources:
  SG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: "443", CidrIp: 0.0.0.0/0}
  SSH:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt SG.GroupId
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIpv6: ::/0
  Orphan:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: sg-0123
      CidrIp: 10.0.0.0/8
  Svc:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      PlatformVersion: 1.3.0
      TaskDefinition: !Ref TD
      CapacityProviderStrategy:
        - CapacityProvider: FARGATE_SPOT
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: ENABLED
          SecurityGroups: [!Ref SG, sg-external]
  Set:
    Type: AWS::ECS::TaskSet
    Properties:
      TaskDefinition: !Ref TD
  TD:
    Type: AWS::ECS::TaskDefinition
    Metadata:
      aws:cdk:path: App/TD/Resource
      ecslint:
        ignore:
          - {rule: ECS001, reason: test}
    Properties:
      TaskRoleArn: !GetAtt Role.Arn
  Role:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess, !Ref Managed]
      Policies:
        - PolicyName: inline
          PolicyDocument:
            Statement:
              Effect: Allow
              Action: "*"
              Resource: "*"
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{Effect: Allow, Action: [s3:GetObject], Resource: ["*"]}]
  Attached:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: attached
      Roles: [!Ref Role]
      PolicyDocument:
        Statement: [{Effect: Deny, Action: "*:*", Resource: "*"}]
  Cluster:
    Type: AWS::ECS::Cluster
    Properties:
      ClusterSettings: [{Name: containerInsights, Value: disabled}]
  EKS:
    Type: AWS::EKS::Cluster
    Properties:
      Version: "1.30"
      ResourcesVpcConfig:
        EndpointPublicAccess: false
        PublicAccessCidrs: [0.0.0.0/0]
      EncryptionConfig: [{Resources: [secrets]}]
      Logging: {ClusterLogging: {EnabledTypes: [{Type: api}, {Type: audit}]}}
`)
	if len(u.SecurityGroups) != 2 {
		t.Fatalf("%d security groups, want SG and the orphan rule", len(u.SecurityGroups))
	}
	sg := u.SecurityGroups[0]
	if sg.ID != "SG" || len(sg.Ingress) != 2 || sg.Ingress[0].CIDRs[0].V != "0.0.0.0/0" || sg.Ingress[1].CIDRs[0].V != "::/0" ||
		sg.Ingress[0].FromPort.V != 443 || sg.Ingress[0].ToPort.V != 443 || pos(sg.Ingress[0].CIDRs[0].Range) != "6:59" {
		t.Errorf("security group = %+v", sg)
	}
	if u.SecurityGroups[1].ID != "Orphan" {
		t.Errorf("orphan rule = %+v", u.SecurityGroups[1])
	}
	if len(u.Services) != 2 {
		t.Fatalf("%d services", len(u.Services))
	}
	svc := u.Services[0]
	if svc.Kind != "service" || svc.TaskDefinition.Ref() != "TD" || svc.AssignPublicIP.V != "ENABLED" ||
		len(svc.SecurityGroups) != 2 || svc.SecurityGroups[0].Ref() != "SG" || svc.SecurityGroups[1].V != "sg-external" ||
		svc.PlatformVersion.V != "1.3.0" || svc.LaunchType.V != "FARGATE" || svc.CapacityProviders[0].V != "FARGATE_SPOT" {
		t.Errorf("service = %+v", svc)
	}
	if u.Services[1].Kind != "task-set" {
		t.Errorf("task set kind = %q", u.Services[1].Kind)
	}
	td := u.TaskDefinitions[0]
	if td.Name != "TD (App/TD/Resource)" || td.TaskRoleArn.Ref() != "Role" || len(td.Suppressions) != 1 || td.Suppressions[0].Rule != "ECS001" {
		t.Errorf("task definition = %+v", td.Resource)
	}
	role := u.Roles[0]
	if len(role.ManagedPolicyArns) != 2 || role.ManagedPolicyArns[0].V != "arn:aws:iam::aws:policy/AdministratorAccess" {
		t.Errorf("managed policies = %+v", role.ManagedPolicyArns)
	}
	var names []string
	for _, p := range role.Policies {
		names = append(names, fmt.Sprintf("%s:%d", p.Name.V, len(p.Statements)))
	}
	if strings.Join(names, ",") != "inline:1,:1,attached:1" {
		t.Errorf("role policies = %v", names)
	}
	st := role.Policies[0].Statements[0]
	if st.Effect.V != "Allow" || st.Actions[0].V != "*" || st.Resources[0].V != "*" {
		t.Errorf("inline statement = %+v", st)
	}
	if ci := u.Clusters[0].ContainerInsights; ci.V != "disabled" {
		t.Errorf("container insights = %+v", ci)
	}
	eks := u.EKSClusters[0]
	if eks.Version.V != "1.30" || eks.EndpointPublicAccess.State != lint.Known || eks.EndpointPublicAccess.V ||
		!eks.PublicAccessCIDRsSet.Known() || eks.PublicAccessCIDRs[0].V != "0.0.0.0/0" || !eks.Encryption.Known() ||
		eks.EncryptedResources[0].V != "secrets" || !eks.Logging.Known() || len(eks.LogTypes) != 2 || eks.LogTypes[1].V != "audit" {
		t.Errorf("EKS cluster = %+v", eks)
	}
}

// TestPositionsInYAML checks ranges the converter computes from the text:
// quoted, plain, tagged, flow and multi-line scalars.
func TestPositionsInYAML(t *testing.T) {
	u := mustParse(t, "Resources:\n"+
		"  TD:\n"+
		"    Type: AWS::ECS::TaskDefinition\n"+
		"    Properties:\n"+
		"      ContainerDefinitions:\n"+
		"        - Name: \"a \\\" b\"\n"+ // 6
		"          Environment:\n"+
		"            - {Name: 'it''s', Value: plain value # comment\n"+ // 8
		"              }\n"+
		"            - Name: folded\n"+
		"              Value: first\n"+ // 11
		"                second\n"+
		"            - Name: block\n"+
		"              Value: |\n"+ // 14
		"                line one\n"+
		"                line two\n"+
		"          Image: !Sub 'ümlaut:${AWS::Region}'\n") // 17
	c := u.TaskDefinitions[0].Containers[0]
	span := func(r lint.Range) string {
		return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Col, r.End.Line, r.End.Col)
	}
	env := c.Environment
	for _, tc := range []struct {
		what string
		r    lint.Range
		want string
	}{
		{"name", c.Name.ValueRange, "6:17-6:25"},
		{"quoted key", env[0].Name.ValueRange, "8:22-8:29"},
		{"plain value", env[0].Value.ValueRange, "8:38-8:49"},
		{"flow item", env[0].Range, "8:15-9:16"},
		{"folded value", env[1].Value.ValueRange, "11:22-12:23"},
		{"block value", env[2].Value.ValueRange, "14:22-16:25"},
		{"tagged value", c.Image.ValueRange, "17:18-17:46"},
		{"container", c.Range, "6:11-17:46"},
	} {
		if got := span(tc.r); got != tc.want {
			t.Errorf("%s at %s, want %s", tc.what, got, tc.want)
		}
	}
	if env[1].Value.V != "first second" || env[2].Value.V != "line one\nline two\n" {
		t.Errorf("values %q %q", env[1].Value.V, env[2].Value.V)
	}
}

func TestAliasesAreShared(t *testing.T) {
	// An alias bomb: each level doubles the size when expanded; shared
	// nodes keep it linear.
	var b strings.Builder
	b.WriteString("Resources:\n  A:\n    Type: AWS::ECS::Cluster\nX0: &x0 [a, a]\n")
	for i := 1; i < 60; i++ {
		fmt.Fprintf(&b, "X%d: &x%d [*x%d, *x%d]\n", i, i, i-1, i-1)
	}
	u := mustParse(t, b.String())
	if len(u.Clusters) != 1 {
		t.Fatalf("clusters = %d", len(u.Clusters))
	}
}

func TestMergeKeys(t *testing.T) {
	u := mustParse(t, `Resources:
  TD:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - &base
          Name: base
          Privileged: true
        - <<: *base
          Name: derived
`)
	cs := u.TaskDefinitions[0].Containers
	if len(cs) != 2 || cs[1].Name.V != "derived" || !cs[1].Privileged.V || pos(cs[1].Privileged.Range) != "8:11" {
		t.Errorf("containers = %+v", cs)
	}
}

// An !If aliased into both branches of the next doubles the alternatives at
// each level; past maxAlts the resolver gives up (unknown) instead of
// expanding 2^40 values.
func TestFnIfAliasBombIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      X0: &b0 !If [c, true, false]\n")
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&b, "      X%d: &b%d !If [c, *b%d, *b%d]\n", i, i, i-1, i-1)
	}
	b.WriteString("      ContainerDefinitions: [{Name: a, Image: b, Privileged: *b39}]\n")
	root, shared, perr := parse("bomb.yaml", []byte(b.String()))
	if perr != nil {
		t.Fatal(perr.msg)
	}
	u := decode(root, shared, lint.NewBudget(lint.DefaultLimits, nil))
	if p := u.TaskDefinitions[0].Containers[0].Privileged; len(p.Alts()) > maxAlts {
		t.Errorf("privileged has %d alternatives, want at most %d", len(p.Alts()), maxAlts)
	}
}

// A mapping entry naming the next entry twice, forty deep, asks for 2^40
// resolutions unless each entry is resolved once; the template has no
// aliases, so only the memo on mapping entries stands in the way.
func TestFindInMapChainIsLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString("Mappings:\n  M:\n")
	for i := range 40 {
		fmt.Fprintf(&b, "    L%d:\n      a: [!FindInMap [M, L%d, a], !FindInMap [M, L%d, a]]\n", i, i+1, i+1)
	}
	b.WriteString("    L40:\n      a: x\n")
	b.WriteString("Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: !FindInMap [M, L0, a]\n      ContainerDefinitions: [{Name: a, Image: b}]\n")
	root, shared, perr := parse("chain.yaml", []byte(b.String()))
	if perr != nil || shared {
		t.Fatalf("parse: %v, shared %v", perr, shared)
	}
	done := make(chan *lint.Unit)
	go func() { done <- decode(root, shared, lint.NewBudget(lint.DefaultLimits, nil)) }()
	select {
	case u := <-done:
		if len(u.TaskDefinitions) != 1 {
			t.Errorf("%d task definitions", len(u.TaskDefinitions))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("resolving the chain did not finish: mapping entries are resolved more than once")
	}
}

// Every type the mapper reads passes the sniff: a type added to
// ecsdoc's list without a sniffed prefix would never be parsed.
func TestSniffCoversMappedTypes(t *testing.T) {
	for _, typ := range cloudFormationTypes() {
		if !Sniff([]byte("Resources:\n  R:\n    Type: " + typ + "\n")) {
			t.Errorf("%s is mapped but not sniffed", typ)
		}
	}
	if Sniff([]byte("Resources:\n  B:\n    Type: AWS::S3::Bucket\n")) {
		t.Error("a template with nothing ecslint reads should not be parsed")
	}
}

// cloudFormationTypes are the resource types ecslint reads in templates.
func cloudFormationTypes() []string {
	var out []string
	for _, kind := range ecsdoc.Kinds() {
		out = append(out, ecsdoc.Types(ecsdoc.CloudFormation, kind)...)
	}
	return out
}

// Duplicate keys are errors at the second key, with the first related,
// whichever YAML path parsed the template, and in JSON templates too.
func TestDuplicateKeys(t *testing.T) {
	yamlText := "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      PidMode: host\n      PidMode: task\n" +
		"      ContainerDefinitions: [{Name: a, Image: a, Name: b}]\n"
	want := []string{"6:7 PidMode 5:7", "7:50 Name 7:31"}
	describe := func(ds []lint.Diagnostic) []string {
		var out []string
		for _, d := range ds {
			key := strings.Split(d.Message, `"`)[1]
			out = append(out, pos(d.Range)+" "+key+" "+pos(d.Related[0].Range))
		}
		return out
	}
	fast, ok := parseBlockYAML(newSource("t.yaml", []byte(yamlText)))
	if !ok {
		t.Fatal("the fast path declined the template: the test would not compare the paths")
	}
	slow, shared, perr := parseYAMLv3(newSource("t.yaml", []byte(yamlText)))
	if perr != nil {
		t.Fatal(perr.msg)
	}
	for name, got := range map[string][]string{"fast": describe(duplicateKeys(fast, false)), "yaml.v3": describe(duplicateKeys(slow, shared))} {
		if !slices.Equal(got, want) {
			t.Errorf("%s path: duplicates %v, want %v", name, got, want)
		}
	}
	_, ctx, claimed := parseText(t, "t.json", `{"Resources": {"T": {"Type": "AWS::ECS::TaskDefinition", "Type": "AWS::ECS::TaskDefinition"}}}`)
	if errs := ctx.Errors(); !claimed || len(errs) != 1 || pos(errs[0].Range) != "1:58" || pos(errs[0].Related[0].Range) != "1:22" {
		t.Errorf("JSON duplicate: claimed %v, errors %v", claimed, errs)
	}
	// An alias shares a mapping: its duplicate is reported once.
	_, ctx, _ = parseText(t, "a.yaml", "X: &m {A: 1, A: 2}\nResources:\n  T:\n    Type: AWS::ECS::Cluster\n    Properties: *m\n")
	if errs := ctx.Errors(); len(errs) != 1 || pos(errs[0].Range) != "1:14" {
		t.Errorf("aliased duplicate: errors %v", errs)
	}
}

// A YAML template in flow style starts with "{" as JSON does: it is YAML,
// and is read; a .json file stays JSON.
func TestFlowStyleYAML(t *testing.T) {
	text := "{Resources: {T: {Type: AWS::ECS::TaskDefinition, Properties: {PidMode: host}}}}\n"
	u, ctx, claimed := parseText(t, "flow.yaml", text)
	if !claimed || len(ctx.Errors()) != 0 || u == nil || len(u.TaskDefinitions) != 1 {
		t.Fatalf("flow YAML: claimed %v, errors %v", claimed, ctx.Errors())
	}
	if pm := u.TaskDefinitions[0].PidMode; pm.V != "host" || pos(pm.Range) != "1:63" {
		t.Errorf("pidMode %q at %s, want host at 1:63", pm.V, pos(pm.Range))
	}
	_, ctx, claimed = parseText(t, "flow.json", strings.Replace(text, "{Resources", `{"AWSTemplateFormatVersion": "2010-09-09", Resources`, 1))
	if errs := ctx.Errors(); !claimed || len(errs) != 1 || !strings.HasPrefix(errs[0].Message, "invalid JSON") {
		t.Errorf("flow YAML in a .json file: claimed %v, errors %v", claimed, errs)
	}
}
