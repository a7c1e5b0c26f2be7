package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ecslint/ecslint/lint"
)

// parseTree writes files into a temporary root and parses the module in
// dir (relative to the root) as the engine would.
func parseTree(t *testing.T, files map[string]string, dir string, opts lint.ParseOptions) (*lint.Unit, *lint.Context) {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	fsys, err := lint.NewFS([]string{"."}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for name := range files {
		if isConfigFile(filepath.Base(name)) {
			paths = append(paths, filepath.FromSlash(name))
		}
	}
	sort.Strings(paths)
	var group []string
	for _, g := range (Parser{}).Group(paths, fsys) {
		if filepath.Dir(g[0]) == filepath.FromSlash(dir) {
			group = g
		}
	}
	if group == nil {
		t.Fatalf("no job for %s", dir)
	}
	ctx := lint.NewContext(fsys, opts)
	units, claimed := Parser{}.Parse(ctx, group)
	if !claimed || len(units) != 1 {
		t.Fatalf("claimed=%v units=%d", claimed, len(units))
	}
	return units[0], ctx
}

func at(t *testing.T, r lint.Range, want string) {
	t.Helper()
	if got := r.String(); got != want {
		t.Errorf("range %s, want %s", got, want)
	}
}

func TestServiceNetworkAndLinks(t *testing.T) {
	u, _ := parseTree(t, map[string]string{"main.tf": `resource "aws_ecs_service" "api" {
  task_definition = aws_ecs_task_definition.api.arn
  launch_type     = "FARGATE"
  platform_version = "1.3.0"
  capacity_provider_strategy {
    capacity_provider = "FARGATE_SPOT"
  }
  network_configuration {
    assign_public_ip = true
    security_groups  = [aws_security_group.svc.id]
  }
}

resource "aws_ecs_task_set" "blue" {
  network_configuration {
    assign_public_ip = var.public
  }
}

variable "public" {
  type = bool
}
`}, ".", lint.ParseOptions{})
	if len(u.Services) != 2 {
		t.Fatalf("services: %d", len(u.Services))
	}
	s := u.Services[0]
	if s.Kind != "service" || s.Name != "aws_ecs_service.api" {
		t.Errorf("service %q kind %q", s.Name, s.Kind)
	}
	if !s.AssignPublicIP.Known() || s.AssignPublicIP.V != "ENABLED" {
		t.Errorf("assignPublicIp %+v", s.AssignPublicIP)
	}
	at(t, s.AssignPublicIP.Range, "main.tf:9:5")
	if len(s.SecurityGroups) != 1 || s.SecurityGroups[0].Ref() != "aws_security_group.svc" {
		t.Errorf("security groups %+v", s.SecurityGroups)
	}
	if s.TaskDefinition.Ref() != "aws_ecs_task_definition.api" || s.TaskDefinition.State != lint.Unknown {
		t.Errorf("task definition %+v", s.TaskDefinition)
	}
	if s.LaunchType.V != "FARGATE" || s.PlatformVersion.V != "1.3.0" || len(s.CapacityProviders) != 1 || s.CapacityProviders[0].V != "FARGATE_SPOT" {
		t.Errorf("launch %+v platform %+v providers %+v", s.LaunchType, s.PlatformVersion, s.CapacityProviders)
	}
	ts := u.Services[1]
	if ts.Kind != "task-set" || ts.AssignPublicIP.State != lint.Unknown {
		t.Errorf("task set %q %+v", ts.Kind, ts.AssignPublicIP)
	}
}

func TestSecurityGroupRulesAttach(t *testing.T) {
	u, _ := parseTree(t, map[string]string{"sg.tf": `resource "aws_security_group" "svc" {
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "http" {
  type              = "ingress"
  security_group_id = aws_security_group.svc.id
  from_port         = 80
  to_port           = 80
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["::/0"]
}

resource "aws_security_group_rule" "out" {
  type              = "egress"
  security_group_id = aws_security_group.svc.id
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.svc.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}
`}, ".", lint.ParseOptions{})
	if len(u.SecurityGroups) != 1 {
		t.Fatalf("groups: %d", len(u.SecurityGroups))
	}
	sg := u.SecurityGroups[0]
	if sg.ID != "aws_security_group.svc" || len(sg.Ingress) != 3 {
		t.Fatalf("group %q with %d rules", sg.ID, len(sg.Ingress))
	}
	r := sg.Ingress[0]
	if len(r.CIDRs) != 2 || r.CIDRs[1].V != "0.0.0.0/0" || r.FromPort.V != 443 {
		t.Errorf("inline rule %+v", r)
	}
	at(t, r.CIDRs[1].Range, "sg.tf:6:34")
	if c := sg.Ingress[1].CIDRs; len(c) != 1 || c[0].V != "::/0" {
		t.Errorf("rule resource %+v", c)
	}
	ssh := sg.Ingress[2]
	if len(ssh.CIDRs) != 1 || ssh.CIDRs[0].V != "0.0.0.0/0" || ssh.Protocol.V != "tcp" || ssh.ToPort.V != 22 {
		t.Errorf("vpc ingress rule %+v", ssh)
	}
	at(t, ssh.CIDRs[0].Range, "sg.tf:27:3")
}

func TestIAMPolicies(t *testing.T) {
	u, _ := parseTree(t, map[string]string{"iam.tf": `resource "aws_iam_role" "task" {
  name                = "task"
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  inline_policy {
    name = "inline"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
    })
  }
}

resource "aws_iam_policy" "admin" {
  policy = <<EOT
{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}
EOT
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.task.name
  policy_arn = aws_iam_policy.admin.arn
}

resource "aws_iam_role_policy_attachment" "ro" {
  role       = aws_iam_role.task.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

data "aws_iam_policy_document" "all" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "doc" {
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.all.json
}
`}, ".", lint.ParseOptions{})
	if len(u.Roles) != 1 {
		t.Fatalf("roles: %d", len(u.Roles))
	}
	r := u.Roles[0]
	var arns []string
	for _, a := range r.ManagedPolicyArns {
		arns = append(arns, a.V)
	}
	if strings.Join(arns, ",") != "arn:aws:iam::aws:policy/AdministratorAccess,arn:aws:iam::aws:policy/ReadOnlyAccess" {
		t.Errorf("managed policy ARNs %v", arns)
	}
	if len(r.Policies) != 3 {
		t.Fatalf("policies: %d", len(r.Policies))
	}
	inline := r.Policies[0].Statements
	if len(inline) != 1 || inline[0].Actions[0].V != "s3:*" {
		t.Errorf("inline statements %+v", inline)
	}
	at(t, inline[0].Actions[0].Range, "iam.tf:8:49")
	admin := r.Policies[1].Statements
	if len(admin) != 1 || admin[0].Actions[0].V != "*" || admin[0].Resources[0].V != "*" {
		t.Errorf("attached statements %+v", admin)
	}
	at(t, admin[0].Actions[0].Range, "iam.tf:15:45")
	doc := r.Policies[2].Statements
	if len(doc) != 1 || doc[0].Effect.V != "Allow" || doc[0].Actions[0].V != "*" {
		t.Errorf("policy document statements %+v", doc)
	}
	at(t, doc[0].Actions[0].Range, "iam.tf:31:18")
}

func TestEKSAndCluster(t *testing.T) {
	u, _ := parseTree(t, map[string]string{"eks.tf": `resource "aws_eks_cluster" "main" {
  version = "1.29"
  vpc_config {
    endpoint_public_access = true
    public_access_cidrs    = ["0.0.0.0/0"]
  }
  encryption_config {
    resources = ["secrets"]
  }
  enabled_cluster_log_types = ["api", "audit"]
}

resource "aws_ecs_cluster" "main" {
  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}
`}, ".", lint.ParseOptions{})
	if len(u.EKSClusters) != 1 || len(u.Clusters) != 1 {
		t.Fatalf("eks %d clusters %d", len(u.EKSClusters), len(u.Clusters))
	}
	e := u.EKSClusters[0]
	if e.Version.V != "1.29" || !e.EndpointPublicAccess.V || len(e.PublicAccessCIDRs) != 1 ||
		len(e.EncryptedResources) != 1 || e.EncryptedResources[0].V != "secrets" || len(e.LogTypes) != 2 || e.LogTypes[1].V != "audit" {
		t.Errorf("eks %+v", e)
	}
	at(t, e.PublicAccessCIDRs[0].Range, "eks.tf:5:31")
	c := u.Clusters[0]
	if c.ContainerInsights.V != "disabled" {
		t.Errorf("container insights %+v", c.ContainerInsights)
	}
	at(t, c.ContainerInsights.Range, "eks.tf:16:5")
}

func TestCountAndForEachAddresses(t *testing.T) {
	u, _ := parseTree(t, map[string]string{"main.tf": `resource "aws_ecs_task_definition" "n" {
  count  = 2
  family = "n-${count.index}"
}

resource "aws_ecs_task_definition" "k" {
  for_each = toset(["b", "a"])
  family   = each.value
}

resource "aws_ecs_task_definition" "u" {
  count  = var.n
  family = "u"
}

variable "n" {}
`}, ".", lint.ParseOptions{})
	var names []string
	for _, td := range u.TaskDefinitions {
		names = append(names, td.Name+"="+td.Family.V)
	}
	want := `aws_ecs_task_definition.n[0]=n-0 aws_ecs_task_definition.n[1]=n-1 aws_ecs_task_definition.k["a"]=a aws_ecs_task_definition.k["b"]=b aws_ecs_task_definition.u=u`
	if got := strings.Join(names, " "); got != want {
		t.Errorf("instances\n got %s\nwant %s", got, want)
	}
}

func TestVariablePrecedence(t *testing.T) {
	files := map[string]string{
		"main.tf": `variable "mode" {
  default = "default"
}
variable "pid" {
  default = "default"
}
variable "ipc" {
  default = "default"
}
resource "aws_ecs_task_definition" "a" {
  network_mode = var.mode
  pid_mode     = var.pid
  ipc_mode     = var.ipc
}
`,
		"terraform.tfvars": "mode = \"tfvars\"\npid = \"tfvars\"\nipc = \"tfvars\"\n",
		"extra.tfvars":     "pid = \"var-file\"\nipc = \"var-file\"\n",
	}
	u, _ := parseTree(t, files, ".", lint.ParseOptions{TerraformVarFiles: []string{"extra.tfvars"}, TerraformVars: []string{"ipc=flag"}})
	td := u.TaskDefinitions[0]
	if td.NetworkMode.V != "tfvars" || td.PidMode.V != "var-file" || td.IpcMode.V != "flag" {
		t.Errorf("network %q pid %q ipc %q", td.NetworkMode.V, td.PidMode.V, td.IpcMode.V)
	}
	at(t, td.IpcMode.Range, "main.tf:13:3")
}

func TestModuleOutputsAndArguments(t *testing.T) {
	files := map[string]string{
		"main.tf": `module "defs" {
  source = "./defs"
  env    = { DB_PASSWORD = "s3cr3t-value" }
}

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = module.defs.json
}
`,
		"defs/main.tf": `variable "env" {
  type = map(string)
}

output "json" {
  value = jsonencode([{
    name        = "web"
    image       = "web:1"
    environment = [for k, v in var.env : { name = k, value = v }]
  }])
}
`,
	}
	u, _ := parseTree(t, files, ".", lint.ParseOptions{})
	if len(u.TaskDefinitions) != 1 || len(u.TaskDefinitions[0].Containers) != 1 {
		t.Fatalf("task definitions %+v", u.TaskDefinitions)
	}
	env := u.TaskDefinitions[0].Containers[0].Environment
	if len(env) != 1 || env[0].Name.V != "DB_PASSWORD" || env[0].Value.V != "s3cr3t-value" {
		t.Fatalf("environment %+v", env)
	}
	// The value was written in the caller's argument.
	at(t, env[0].Value.ValueRange, "main.tf:3:28")
}

func TestFunctionsKeepPositions(t *testing.T) {
	u, _ := parseTree(t, map[string]string{"main.tf": `locals {
  base = { name = "web", image = "nginx:1", privileged = false }
  over = { privileged = true }
}

resource "aws_ecs_task_definition" "app" {
  container_definitions = jsonencode([
    merge(local.base, local.over),
    lookup({ a = { name = "x", image = "x:1", user = "root" } }, "a", null),
    try(local.missing, { name = "y", image = "y:1", readonlyRootFilesystem = true }),
    { name = format("%s-%d", "z", 1), image = upper("z"), user = coalesce("", "1000") },
  ])
  network_mode = provider::aws::unknown_function("x")
  pid_mode     = yamlencode({})
}
`}, ".", lint.ParseOptions{})
	cs := u.TaskDefinitions[0].Containers
	if len(cs) != 4 {
		t.Fatalf("containers: %d", len(cs))
	}
	if !cs[0].Privileged.V {
		t.Errorf("merge: later argument wins")
	}
	at(t, cs[0].Privileged.Range, "main.tf:3:12")
	at(t, cs[1].User.Range, "main.tf:9:47")
	if !cs[2].ReadonlyRootFilesystem.V {
		t.Errorf("try: fallback")
	}
	if cs[3].Name.V != "z-1" || cs[3].Image.V != "Z" || cs[3].User.V != "1000" {
		t.Errorf("cty functions: %q %q %q", cs[3].Name.V, cs[3].Image.V, cs[3].User.V)
	}
	td := u.TaskDefinitions[0]
	if td.NetworkMode.State != lint.Unknown || td.PidMode.State != lint.Unknown {
		t.Errorf("unknown functions must give unknown values: %+v %+v", td.NetworkMode, td.PidMode)
	}
}

// The list functions that pick or reorder elements return the elements
// themselves, with Terraform's semantics, so findings stay at the literals.
func TestListFunctionsKeepPositions(t *testing.T) {
	u, _ := parseTree(t, map[string]string{"main.tf": `locals {
  a = { name = "a", image = "a:1" }
  b = { name = "b", image = "b:1" }
  c = { name = "c", image = "c:1", linuxParameters = { capabilities = { add = sort(compact(["SYS_ADMIN", "", null, "NET_ADMIN"])) } } }
}

resource "aws_ecs_task_definition" "app" {
  container_definitions = jsonencode(concat(
    reverse([local.a, local.b]),
    slice([local.a, local.b, local.c], 1, 3),
    coalescelist([], [local.c]),
    distinct([local.a, local.a, local.b]),
    values(zipmap(["y", "x", "y"], [local.a, local.b, local.c])),
  ))
}
`}, ".", lint.ParseOptions{})
	var got []string
	for _, c := range u.TaskDefinitions[0].Containers {
		got = append(got, fmt.Sprintf("%s@%d:%d", c.Name.V, c.Range.Start.Line, c.Range.Start.Col))
	}
	want := "b@3:7 a@2:7 b@3:7 c@4:7 c@4:7 a@2:7 b@3:7 b@3:7 c@4:7"
	if strings.Join(got, " ") != want {
		t.Fatalf("containers\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	c := u.TaskDefinitions[0].Containers[3].LinuxParameters
	if len(c.CapabilitiesAdd) != 2 || c.CapabilitiesAdd[0].V != "NET_ADMIN" || c.CapabilitiesAdd[1].V != "SYS_ADMIN" {
		t.Fatalf("sort(compact()): %+v", c.CapabilitiesAdd)
	}
	at(t, c.CapabilitiesAdd[0].Range, "main.tf:4:116")
	at(t, c.CapabilitiesAdd[1].Range, "main.tf:4:93")
}

// A variable's type constraint fills in its optional attributes, as
// Terraform does: the default where the attribute is absent or null, null
// where it has none; the caller's own values win.
// A module that builds its own objects from the elements of a list its
// caller wrote reports each value at its key in the caller's literal.
func TestListElementsKeepCallerPositions(t *testing.T) {
	u, _ := parseTree(t, map[string]string{"main.tf": `module "a" {
  source = "./task"
  containers = [
    { name = "a", image = "a:1", privileged = true },
    { name = "b", image = "b:1", privileged = true },
  ]
}
`,
		"task/main.tf": `variable "containers" {}
resource "aws_ecs_task_definition" "t" {
  family                = "t"
  container_definitions = jsonencode(concat(
    [for c in var.containers : { name = c.name, image = c.image, privileged = c.privileged }],
    [{ name = "c", image = "c:1", privileged = var.containers[1].privileged }],
    [for p in var.containers[*].privileged : { name = "d", image = "d:1", privileged = p }],
  ))
}
`}, ".", lint.ParseOptions{})
	var got []string
	for _, c := range u.TaskDefinitions[0].Containers {
		got = append(got, c.Name.V+"@"+c.Privileged.Range.String())
	}
	want := "a@main.tf:4:34 b@main.tf:5:34 c@main.tf:5:34 d@main.tf:4:34 d@main.tf:5:34"
	if strings.Join(got, " ") != want {
		t.Errorf("privileged\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

func TestOptionalAttributeDefaults(t *testing.T) {
	u, _ := parseTree(t, map[string]string{"main.tf": `module "a" {
  source     = "./task"
  containers = [{ name = "a", image = "a:1" }, { name = "b", image = "b:1", privileged = false, user = null }]
}
`,
		"task/main.tf": `variable "containers" {
  type = list(object({
    name       = string
    image      = string
    privileged = optional(bool, true)
    user       = optional(string, "1000")
    essential  = optional(bool)
  }))
}
variable "settings" {
  type = map(object({ network_mode = optional(string, "host") }))
  default = { x = {} }
}
resource "aws_ecs_task_definition" "t" {
  family                = "t"
  network_mode          = var.settings.x.network_mode
  container_definitions = jsonencode([for c in var.containers : merge(c, { essential = c.essential == null ? true : c.essential })])
}
`}, ".", lint.ParseOptions{})
	td := u.TaskDefinitions[0]
	if td.NetworkMode.V != "host" {
		t.Errorf("map(object) default: %+v", td.NetworkMode)
	}
	at(t, td.NetworkMode.Range, "task/main.tf:16:3")
	a, b := td.Containers[0], td.Containers[1]
	if !a.Privileged.V || a.User.V != "1000" || b.Privileged.V || b.User.V != "1000" {
		t.Errorf("defaults: a %v %q, b %v %q", a.Privileged.V, a.User.V, b.Privileged.V, b.User.V)
	}
	at(t, a.Privileged.Range, "task/main.tf:5:33")
	at(t, b.Privileged.Range, "main.tf:3:77")
	at(t, b.User.Range, "task/main.tf:6:35")
	if !a.Essential.V {
		t.Errorf("an optional attribute without a default is null: %+v", a.Essential)
	}
}

func TestGroupFollowsLocalModules(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	for name, content := range map[string]string{
		"live/main.tf":         `module "m" { source = "../modules/m" }`,
		"live/variables.tf":    `variable "x" {}`,
		"modules/m/main.tf":    `resource "aws_ecs_task_definition" "t" {}`,
		"standalone/main.tf":   `resource "aws_ecs_cluster" "c" {}`,
		"modules/m/README.txt": "not terraform",
	} {
		p := filepath.FromSlash(name)
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys, _ := lint.NewFS([]string{"."}, 0)
	// Named files (as pre-commit passes them): the module's directory and
	// the modules it calls come along; the module is not a root of its own.
	groups := Parser{}.Group([]string{filepath.FromSlash("live/main.tf"), filepath.FromSlash("modules/m/main.tf"), filepath.FromSlash("standalone/main.tf")}, fsys)
	var got []string
	for _, g := range groups {
		got = append(got, filepath.ToSlash(strings.Join(g, " ")))
	}
	want := []string{"live/main.tf live/variables.tf modules/m/main.tf", "standalone/main.tf"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("groups\n got %q\nwant %q", got, want)
	}
}

func TestSyntaxErrorsArePositioned(t *testing.T) {
	_, ctx := parseTree(t, map[string]string{
		"bad.tf":      "resource \"aws_ecs_cluster\" \"c\" {\n  name = \n}\n",
		"bad.tf.json": `{"resource": {"aws_ecs_cluster": {"c": {"name": "${unclosed"}}}}`,
	}, ".", lint.ParseOptions{})
	var got []string
	for _, e := range ctx.Errors() {
		got = append(got, e.Range.String())
	}
	sort.Strings(got)
	if strings.Join(got, " ") != "bad.tf.json:1:50 bad.tf:2:10" {
		t.Errorf("errors at %v: %v", got, ctx.Errors())
	}
}

func TestModuleInstances(t *testing.T) {
	u, _ := parseTree(t, map[string]string{
		"main.tf": `module "svc" {
  source   = "./task"
  for_each = { api = true, web = false }
  name     = each.key
  priv     = each.value
}

module "n" {
  source = "./task"
  count  = 1
  name   = "n${count.index}"
}
`,
		"task/main.tf": `variable "name" {}
variable "priv" {
  default = false
}
resource "aws_ecs_task_definition" "t" {
  family                = var.name
  container_definitions = jsonencode([{ name = var.name, image = "x:1", privileged = var.priv }])
}
`}, ".", lint.ParseOptions{})
	var got []string
	for _, td := range u.TaskDefinitions {
		got = append(got, fmt.Sprintf("%s=%s/%v@%s", td.Name, td.Family.V, td.Containers[0].Privileged.V, td.Containers[0].Privileged.Range))
	}
	// Each instance's value is reported at its own key in the caller's
	// for_each literal, not at the argument that passes it to all of them.
	want := `module.svc["api"].aws_ecs_task_definition.t=api/true@main.tf:3:16 ` +
		`module.svc["web"].aws_ecs_task_definition.t=web/false@main.tf:3:28 ` +
		`module.n[0].aws_ecs_task_definition.t=n0/false@task/main.tf:7:73`
	if strings.Join(got, " ") != want {
		t.Errorf("instances\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

// Every model of a known module must parse: a broken one would silently
// evaluate nothing.
func TestKnownModelsParse(t *testing.T) {
	entries, err := knownFS.ReadDir("known")
	if err != nil || len(entries) < 7 {
		t.Fatalf("models: %v (%d)", err, len(entries))
	}
	for _, e := range entries {
		src, _ := knownFS.ReadFile("known/" + e.Name())
		if _, diags := hclsyntax.ParseConfig(src, e.Name(), hcl.InitialPos); diags.HasErrors() {
			t.Errorf("%s: %v", e.Name(), diags)
		}
	}
	for _, vs := range knownModules {
		for _, v := range vs {
			if v.model == "" {
				continue
			}
			if _, err := knownFS.ReadFile("known/" + v.model + ".tf"); err != nil {
				t.Errorf("model %s: %v", v.model, err)
			}
		}
	}
}

func TestKnownModelVersions(t *testing.T) {
	cases := map[[2]string]string{
		{"terraform-aws-modules/ecs/aws//modules/service", "~> 5.11"}:                                                        "tam-ecs-service-v5",
		{"terraform-aws-modules/ecs/aws//modules/service", ">= 6.0"}:                                                         "tam-ecs-service-v6",
		{"terraform-aws-modules/ecs/aws//modules/service", ""}:                                                               "tam-ecs-service-v6",
		{"terraform-aws-modules/ecs/aws//modules/service", "7.0.1"}:                                                          "tam-ecs-service-v6",
		{"registry.terraform.io/terraform-aws-modules/ecs/aws", "5.0.0"}:                                                     "tam-ecs-v5",
		{"git::https://github.com/terraform-aws-modules/terraform-aws-ecs.git//modules/container-definition?ref=v5.2.0", ""}: "tam-ecs-container-definition-v5",
		{"github.com/cloudposse/terraform-aws-ecs-container-definition", ""}:                                                 "cloudposse-ecs-container-definition",
		{"terraform-aws-modules/eks/aws", "~> 18.31"}:                                                                        "tam-eks-v18",
		{"terraform-aws-modules/eks/aws", "~> 19.21"}:                                                                        "tam-eks-v20",
		{"terraform-aws-modules/eks/aws", ">= 20.8, < 21.0"}:                                                                 "tam-eks-v20",
		{"terraform-aws-modules/eks/aws", "21.3.1"}:                                                                          "tam-eks-v21",
		{"terraform-aws-modules/eks/aws", ""}:                                                                                "tam-eks-v21",
		{"git::https://github.com/terraform-aws-modules/terraform-aws-eks.git?ref=v20.37.2", ""}:                             "tam-eks-v20",
	}
	for in, want := range cases {
		if got, ok := knownModel(in[0], in[1]); !ok || got != want {
			t.Errorf("%q %q: got %q, want %q", in[0], in[1], got, want)
		}
	}
	if _, ok := knownModel("acme/other/aws", ""); ok {
		t.Error("an unknown module must not match")
	}
	if m, ok := knownModel("terraform-aws-modules/eks/aws", "~> 17.24"); ok {
		t.Errorf("eks before v18 has no model, got %q", m)
	}
}

func TestRoleAttachedByLiteralName(t *testing.T) {
	u, _ := parseTree(t, map[string]string{"iam.tf": `resource "aws_iam_role" "task" {
  name = "app-task"
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = "app-task"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`}, ".", lint.ParseOptions{})
	if r := u.Roles[0]; len(r.ManagedPolicyArns) != 1 {
		t.Errorf("managed policies of the role named app-task: %+v", r.ManagedPolicyArns)
	}
}

func TestConfigFileNames(t *testing.T) {
	for name, want := range map[string]bool{
		"main.tf": true, "main.tf.json": true, "x.json": false, "terraform.tfvars": false, "tf": false, ".tf": false,
		"override.tf": true, "web_override.tf": true, "web_override.tf.json": true, "overrides.tf": true,
		"main.tftest.hcl": false,
	} {
		if got := isConfigFile(name); got != want {
			t.Errorf("isConfigFile(%q) = %v, want %v", name, got, want)
		}
	}
	for name, want := range map[string]bool{
		"override.tf": true, "web_override.tf": true, "web_override.tf.json": true, "override.tf.json": true,
		"overrides.tf": false, "main.tf": false, "override.tfvars": false, "my-override.tf": false,
	} {
		if got := isOverrideFile(name); got != want {
			t.Errorf("isOverrideFile(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestBrokenVariableFilesAreReported(t *testing.T) {
	u, ctx := parseTree(t, map[string]string{
		"main.tf":               "variable \"m\" {\n  default = \"awsvpc\"\n}\nresource \"aws_ecs_task_definition\" \"a\" {\n  network_mode = var.m\n}\n",
		"terraform.tfvars":      "m = \n",
		"terraform.tfvars.json": `{"m": "host",}`,
	}, ".", lint.ParseOptions{})
	var got []string
	for _, e := range ctx.Errors() {
		got = append(got, e.Range.String())
	}
	sort.Strings(got)
	if strings.Join(got, " ") != "terraform.tfvars.json:1:14 terraform.tfvars:1:5" {
		t.Errorf("errors %v", ctx.Errors())
	}
	if td := u.TaskDefinitions[0]; td.NetworkMode.V != "awsvpc" {
		t.Errorf("broken variable files must not set values: %+v", td.NetworkMode)
	}
}

// for over a map iterates its keys in lexical order, as Terraform does.
func TestForOverMapIsOrdered(t *testing.T) {
	u, _ := parseTree(t, map[string]string{"main.tf": `locals {
  c = { web = "web:1", api = "api:1" }
}
resource "aws_ecs_task_definition" "a" {
  container_definitions = jsonencode([for name, image in local.c : { name = name, image = image }])
}
`}, ".", lint.ParseOptions{})
	var got []string
	for _, c := range u.TaskDefinitions[0].Containers {
		got = append(got, c.Name.V+"="+c.Image.V)
	}
	if strings.Join(got, " ") != "api=api:1 web=web:1" {
		t.Errorf("containers %v", got)
	}
}

// Override files merge as Terraform merges them: arguments replace the
// original's one by one, nested blocks replace all of their type, locals
// replace by name, and a block that names nothing is left out.
func TestOverrideFilesMerge(t *testing.T) {
	u, ctx := parseTree(t, map[string]string{
		"m/main.tf": `locals { family = "app" }
resource "aws_ecs_task_definition" "app" {
  family       = local.family
  network_mode = "bridge"
  volume {
    name      = "a"
    host_path = "/var/a"
  }
  volume {
    name = "b"
  }
  container_definitions = jsonencode([{ name = "web", image = "nginx:1.27" }])
}
`,
		"m/override.tf": `locals { family = "over" }
resource "aws_ecs_task_definition" "app" {
  network_mode = "awsvpc"
  dynamic "volume" {
    for_each = ["c"]
    content {
      name = volume.value
    }
  }
}
resource "aws_ecs_task_definition" "missing" {
  family = "nowhere"
}
`,
		"m/z_override.tf": `resource "aws_ecs_task_definition" "app" {
  network_mode = "host"
}
`,
	}, "m", lint.ParseOptions{})
	if errs := ctx.Errors(); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(u.TaskDefinitions) != 1 {
		t.Fatalf("%d task definitions, want 1 (an override names no new resource)", len(u.TaskDefinitions))
	}
	td := u.TaskDefinitions[0]
	if td.Family.V != "over" || td.NetworkMode.V != "host" {
		t.Errorf("family %q, network mode %q: want the override's local and the last override's argument", td.Family.V, td.NetworkMode.V)
	}
	at(t, td.NetworkMode.Range, "m/z_override.tf:2:3")
	var names []string
	for _, v := range td.Volumes {
		names = append(names, v.Name.V)
	}
	if strings.Join(names, ",") != "c" {
		t.Errorf("volumes %v, want only the override's dynamic one", names)
	}
	if len(td.Containers) != 1 || td.Containers[0].Name.V != "web" {
		t.Errorf("containers %+v: the original's container_definitions stay", td.Containers)
	}
}

// TestConfigVarFilesAreConfined: a variable file the config names is read
// through the config's sandbox (here, without one, the scanned roots), so
// one outside is an error and sets nothing, while one inside applies
// before --var-file.
func TestConfigVarFilesAreConfined(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "ci.tfvars")
	if err := os.WriteFile(outside, []byte("pid = \"outside\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"main.tf": `variable "pid" {
  default = "default"
}
resource "aws_ecs_task_definition" "a" {
  pid_mode = var.pid
}
`,
		"env/prod.tfvars": "pid = \"config\"\n",
	}
	u, ctx := parseTree(t, files, ".", lint.ParseOptions{TerraformConfigVarFiles: []string{outside}})
	if got := u.TaskDefinitions[0].PidMode.V; got != "default" {
		t.Errorf("pid %q: a config var file outside the roots was read", got)
	}
	errs := ctx.Errors()
	if len(errs) != 1 || errs[0].Range.File != filepath.ToSlash(outside) || !strings.Contains(errs[0].Message, "outside the scanned paths") {
		t.Errorf("errors %+v", errs)
	}
	u, _ = parseTree(t, files, ".", lint.ParseOptions{TerraformConfigVarFiles: []string{"env/prod.tfvars"}})
	if got := u.TaskDefinitions[0].PidMode.V; got != "config" {
		t.Errorf("pid %q, want the config var file's", got)
	}
}
