package rules

import (
	"slices"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type containerInsightsDisabled struct{}

const clusterResource = "  Cluster:\n    Type: AWS::ECS::Cluster\n    Properties:\n      ClusterName: prod\n"

var containerInsightsDisabledMeta = lint.Meta{
	ID:         "ECS201",
	Name:       "container-insights-disabled",
	Severity:   lint.Medium,
	Controls:   []string{"ECS.12"},
	ConfigRule: "ecs-container-insights-enabled",
	Summary:    "ECS clusters should use Container Insights.",
	Rationale: "Container Insights collects the cluster's, services' and tasks' metrics and events; without it " +
		"resource exhaustion, crash loops and unexpected tasks go unnoticed and incidents lack data.",
	Remediation: "Add the cluster setting `containerInsights` with value `enabled` or `enhanced`.",
	Reads:       lint.Clusters,
	Examples: []lint.Example{
		{Format: "cloudformation",
			Bad: cfnTemplate(clusterResource),
			Good: cfnTemplate(clusterResource + "      ClusterSettings:\n        - Name: containerInsights\n" +
				"          Value: enhanced\n")},
		{Format: "terraform",
			Bad: tfResource("aws_ecs_cluster", "prod", `name = "prod"`),
			Good: tfResource("aws_ecs_cluster", "prod", `name = "prod"`, "",
				tfBlock("setting", `name = "containerInsights"`, `value = "enhanced"`))},
	},
}

func (containerInsightsDisabled) Meta() *lint.Meta { return &containerInsightsDisabledMeta }

func (containerInsightsDisabled) Check(p *lint.Pass) {
	for _, c := range p.Unit.Clusters {
		v, ok := c.ContainerInsights.Any(func(v lint.String) bool {
			return v.State == lint.Unset ||
				(v.Known() && !strings.EqualFold(v.V, "enabled") && !strings.EqualFold(v.V, "enhanced"))
		})
		if !ok {
			continue
		}
		msg := "cluster " + quote(c.Name) + " does not enable Container Insights"
		if v.Set() {
			msg = "cluster " + quote(c.Name) + " sets containerInsights to " + quote(v.V)
		}
		f := resourceFinding(c.Resource, v.Range, "containerInsights", msg)
		switch {
		case v.Set():
			f.Fixes = setValue(c.ContainerInsights, v, "set containerInsights to enabled", literal{v.V, "enabled"})
		case len(c.ContainerInsights.Alts()) == 0:
			f.Fixes = addInsightsSetting(c)
		}
		p.Report(f)
	}
}

// addInsightsSetting is the fix for a cluster with no containerInsights
// setting at all: a setting block as the last block of a Terraform
// aws_ecs_cluster. Not for a resource of a module call, whose text serves
// every caller, nor for one with a dynamic "setting" block, which may
// write the setting from its for_each.
func addInsightsSetting(c *lint.Cluster) []lint.Fix {
	if strings.HasPrefix(c.ID, "module.") || slices.Contains(c.DynamicBlocks, "setting") {
		return nil
	}
	return addLastBlock(c.Range, c.Extent, "add the setting containerInsights = enabled",
		"setting {", `  name  = "containerInsights"`, `  value = "enabled"`, "}")
}
