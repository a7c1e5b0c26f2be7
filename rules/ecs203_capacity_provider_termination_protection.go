package rules

import (
	"github.com/ecslint/ecslint/lint"
)

type capacityProviderTerminationProtection struct{}

// capacityProvider is a CloudFormation capacity provider backed by an Auto
// Scaling group, with the given extra lines of its AutoScalingGroupProvider
// (indented 8 spaces), for the examples.
func capacityProvider(lines string) string {
	return cfnTemplate("  Provider:\n    Type: AWS::ECS::CapacityProvider\n    Properties:\n      AutoScalingGroupProvider:\n" +
		"        AutoScalingGroupArn: arn:aws:autoscaling:eu-west-1:111122223333:autoScalingGroup:1:autoScalingGroupName/app\n" +
		"        ManagedScaling: {Status: ENABLED}\n" + lines)
}

// tfCapacityProvider is the Terraform equivalent, with the given extra
// auto_scaling_group_provider entries.
func tfCapacityProvider(body ...string) string {
	return tfResource("aws_ecs_capacity_provider", "app", `name = "app"`, "",
		tfBlock("auto_scaling_group_provider", append([]string{"auto_scaling_group_arn = aws_autoscaling_group.app.arn"}, body...)...))
}

var capacityProviderTerminationProtectionMeta = lint.Meta{
	ID:       "ECS203",
	Name:     "capacity-provider-termination-protection",
	Severity: lint.Medium,
	Controls: []string{"ECS.19"},
	Summary:  "Capacity providers backed by an Auto Scaling group should have managed termination protection enabled.",
	Rationale: "Without managed termination protection, the Auto Scaling group may terminate, when it scales in, " +
		"an instance that still runs tasks: they are stopped without draining, and a service drops requests " +
		"until ECS places them again. With it, ECS protects the instances that run tasks from scale-in.",
	Remediation: "Set `managedTerminationProtection` to `ENABLED` in the capacity provider's " +
		"`autoScalingGroupProvider` (with managed scaling on, and instance scale-in protection on the Auto Scaling group).",
	Reads: lint.CapacityProviders,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad:  capacityProvider(""),
				Good: capacityProvider("        ManagedTerminationProtection: ENABLED\n")},
			{Format: "terraform",
				Bad:  tfCapacityProvider(`managed_termination_protection = "DISABLED"`),
				Good: tfCapacityProvider(`managed_termination_protection = "ENABLED"`)},
		}
	},
}

func (capacityProviderTerminationProtection) Meta() *lint.Meta {
	return &capacityProviderTerminationProtectionMeta
}

func (capacityProviderTerminationProtection) Check(p *lint.Pass) {
	for _, cp := range p.Unit.CapacityProviders {
		// Fargate and managed instances providers have no Auto Scaling
		// group to protect.
		if !cp.AutoScalingGroup.Known() {
			continue
		}
		v, ok := cp.ManagedTerminationProtection.Any(func(v lint.String) bool {
			return v.State == lint.Unset || (v.Known() && v.V != "ENABLED")
		})
		if !ok {
			continue
		}
		msg := "capacity provider " + quote(cp.Name) + " does not enable managed termination protection"
		at := v.Range
		if v.Set() {
			msg += " (managedTerminationProtection " + quote(v.V) + ")"
		} else {
			at = cp.AutoScalingGroup.Range
		}
		p.Report(resourceFinding(cp.Resource, at, "autoScalingGroupProvider.managedTerminationProtection", msg))
	}
}
