package rules

import (
	"fmt"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type serviceExposure struct{}

var serviceExposureMeta = lint.Meta{
	ID:       "ECS301",
	Name:     "service-exposure",
	Severity: lint.High,
	Summary:  "Services reachable from the internet should not run task definitions with risky traits.",
	Options:  []lint.Option{traitOption("ECS301", secretNamePatterns, "ECS005"), traitOption("ECS301", allowedCapabilities, "ECS011")},
	Rationale: "Each of a task definition's risky traits (privileged containers, host namespaces, host mounts, " +
		"plain-text secrets, dangerous capabilities, an administrator task role, and, as Security Hub's exposure " +
		"findings count it, a container that can assume an IAM role that can write: a task role allowed any " +
		"action that is not a read, or a wildcard, or given a *FullAccess or PowerUserAccess managed policy) is " +
		"worse on a service that the internet can reach: a public IP or a security group open to 0.0.0.0/0 is " +
		"the first step of the attack path, the trait the second. The finding is critical when the service has " +
		"a public IP and an open security group and either two or more traits or a privileged container, a " +
		"critical host mount (the Docker socket or runtime directory, the host's root) or an administrator task " +
		"role; high otherwise. The trait rules' options (ECS005's secret-name-patterns, ECS011's " +
		"allowed-capabilities) apply to ECS301's traits unless ECS301 sets its own.",
	Remediation: "Break the path at any step: remove the public IP or the open ingress rule, or fix one of the " +
		"listed traits (each has its own rule and finding).",
	Reads: lint.Services | lint.TaskDefinitions | lint.SecurityGroups,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad: cfnTemplate(exposedService("ENABLED") + "          SecurityGroups: [!Ref OpenSG]\n" +
					openSGResource + "          CidrIp: 0.0.0.0/0\n" + exposedTask("          Privileged: true\n")),
				Good: cfnTemplate(exposedService("DISABLED") + exposedTask("          "+reviewedPrivileged+"\n          Privileged: true\n"))},
			{Format: "terraform",
				Bad: tfService("aws_ecs_task_definition.app.arn", []string{"assign_public_ip = true", "security_groups = [aws_security_group.web.id]"}) +
					"\n" + tfOpenSG("0.0.0.0/0") + "\n" + tfTask(`{ name = "app", image = "nginx:1.27", privileged = true }`),
				Good: tfService("aws_ecs_task_definition.app.arn", []string{"assign_public_ip = false"}) +
					"\n" + tfTask(reviewedPrivileged+"\n"+`{ name = "app", image = "nginx:1.27", privileged = true }`)},
		}
	},
}

// traitOption is a trait rule's option as an exposure rule (ECS301,
// EKS301) takes it: the trait checks read their options from the exposure
// rule's own settings, which inherit the trait rule's: a capability
// allowed for ECS011 is allowed in ECS301's trait too, unless ECS301 sets
// its own list.
func traitOption(exposure string, o lint.Option, rule string) lint.Option {
	o.Description = "As " + rule + "'s, for " + exposure + "'s check of that trait; unset, " + rule + "'s setting applies: " +
		strings.ToLower(o.Description[:1]) + o.Description[1:]
	o.Inherits = rule
	return o
}

// reviewedPrivileged suppresses ECS001 in ECS301's example that is not
// reported: the privileged container is the trait ECS301 looks for, and
// ECS001 reports it wherever it runs.
const reviewedPrivileged = "# ecslint:ignore ECS001 -- the node exporter reads host devices, reviewed in OPS-42"

// exposedService and exposedTask build ECS301's examples.
func exposedService(publicIP string) string {
	return "  Service:\n    Type: AWS::ECS::Service\n    Properties:\n      Cluster: prod\n      TaskDefinition: !Ref TaskDef\n" +
		"      NetworkConfiguration:\n        AwsvpcConfiguration:\n          Subnets: [subnet-0abc]\n" +
		"          AssignPublicIp: " + publicIP + "\n"
}

func exposedTask(container string) string {
	return "  TaskDef:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n" +
		"      ContainerDefinitions:\n" + hardened.cfnContainers("        - Name: app\n          Image: nginx:1.27\n"+container)
}

func (serviceExposure) Meta() *lint.Meta { return &serviceExposureMeta }

// exposureTraits are the rules whose findings make a reachable service
// worse, with the very checks those rules run.
var exposureTraits = []struct {
	meta  *lint.Meta
	check taskCheck
}{
	{&privilegedContainerMeta, checkPrivileged},
	{&hostPIDModeMeta, checkHostPID},
	{&hostNetworkModeMeta, checkHostNetwork},
	{&hostPathVolumeMeta, checkHostPath},
	{&secretInEnvironmentMeta, checkSecrets},
	{&hostIPCModeMeta, checkHostIPC},
	{&dangerousCapabilitiesMeta, checkCapabilities},
	{&adminTaskRoleMeta, checkAdminRole},
	{&assumableRoleTrait, checkAssumableRole},
}

// trait is one trait finding of a task definition.
type trait struct {
	meta *lint.Meta
	f    lint.Finding
}

// traitsOf runs every trait check over td.
func traitsOf(u *lint.Unit, td *lint.TaskDefinition, opts lint.OptionValues) []trait {
	var out []trait
	for _, t := range exposureTraits {
		t.check(u, td, opts, func(f lint.Finding) { out = append(out, trait{t.meta, f}) })
	}
	return out
}

// label names the trait in messages: its rule, or what it is when no rule
// reports it on its own.
func (t trait) label() string {
	if t.meta == &assumableRoleTrait {
		return "a task role that can write"
	}
	return t.meta.ID + " " + t.meta.Name
}

// severe reports a trait that alone makes an internet path critical.
func (t trait) severe() bool {
	switch t.meta.ID {
	case "ECS001", "ECS013":
		return true
	case "ECS004":
		return t.f.Severity == lint.Critical
	}
	return false
}

func (serviceExposure) Check(p *lint.Pass) {
	// Services often share a task definition (a task set beside its
	// service, one per environment): judge each one once.
	traitsByTD := map[*lint.TaskDefinition][]trait{}
	for _, s := range p.Unit.Services {
		ip, hasIP := publicIP(s)
		open := openIngresses(p.Unit, s)
		if !hasIP && len(open) == 0 {
			continue
		}
		td := p.Unit.TaskDefinition(s.TaskDefinition.Ref())
		if td == nil {
			continue
		}
		traits, ok := traitsByTD[td]
		if !ok {
			traits = traitsOf(p.Unit, td, p.Options)
			traitsByTD[td] = traits
		}
		if len(traits) == 0 {
			continue
		}
		var how []string
		var related []lint.Related
		if hasIP {
			how = append(how, "a public IP")
			related = append(related, lint.Related{Range: ip.Range, Message: "public IP"})
		}
		for _, o := range open {
			how = append(how, fmt.Sprintf("security group %s open to %s", quote(o.Group.Name), o.CIDR.V))
			related = append(related, lint.Related{Range: o.CIDR.Range, Message: "open to " + o.CIDR.V})
		}
		var names []string
		severe := false
		seen := map[string]bool{}
		for _, t := range traits {
			related = append(related, lint.Related{Range: t.f.Range, Message: t.label() + ": " + t.f.Message})
			severe = severe || t.severe()
			if !seen[t.label()] {
				seen[t.label()] = true
				names = append(names, t.label())
			}
		}
		f := resourceFinding(s.Resource, lint.Range{}, "exposure",
			fmt.Sprintf("%s %s is reachable through %s and runs task definition %s with %s; fixing any one lowers the exposure",
				s.Kind, quote(s.Name), strings.Join(how, " and "), quote(td.Name), strings.Join(names, ", ")))
		f.Related = related
		// Internet-reachable: the tasks have public addresses and a group
		// that admits the internet; a public IP behind closed groups, or an
		// open group without public IP (behind a load balancer or NAT),
		// leaves an extra hop.
		if hasIP && len(open) > 0 && (len(names) >= 2 || severe) {
			f.Severity = lint.Critical
		}
		for _, t := range traits {
			f.Redact = append(f.Redact, t.f.Redact...)
		}
		p.Report(f)
	}
}
