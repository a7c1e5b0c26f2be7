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
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad: cfnTemplate(clusterResource),
				Good: cfnTemplate(clusterResource + "      ClusterSettings:\n        - Name: containerInsights\n" +
					"          Value: enhanced\n")},
			{Format: "terraform",
				Bad: tfResource("aws_ecs_cluster", "prod", `name = "prod"`),
				Good: tfResource("aws_ecs_cluster", "prod", `name = "prod"`, "",
					tfBlock("setting", `name = "containerInsights"`, `value = "enhanced"`))},
		}
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
	if c.Doc != nil {
		return addClusterSetting(c.Doc)
	}
	return addLastBlock(c.Range, c.Extent, "add the setting containerInsights = enabled",
		"setting {", `  name  = "containerInsights"`, `  value = "enabled"`, "}")
}

// The setting as a JSON value, which is also YAML flow.
const insightsEntry = `{"Name": "containerInsights", "Value": "enabled"}`

// addClusterSetting is the fix for a CloudFormation AWS::ECS::Cluster
// (props, its Properties) with no containerInsights setting: ClusterSettings
// with the setting as Properties' first key, or the setting as the first
// entry of a ClusterSettings written as a list. CloudFormation's keys are
// case-sensitive: only ClusterSettings is the property.
func addClusterSetting(props *lint.Node) []lint.Fix {
	if props.Kind != lint.ObjectNode || len(props.Fields) == 0 {
		return nil
	}
	// In the style of the first key: quoted is JSON's, bare YAML's.
	entry := insightsEntry
	if at := props.Fields[0].KeyRange; int(at.End.Offset-at.Start.Offset) == len(props.Fields[0].Key) {
		entry = "{Name: containerInsights, Value: enabled}"
	}
	f := props.Get("ClusterSettings")
	if f == nil {
		return addFirstMember(props, props.Fields[0].Key, "ClusterSettings", "["+entry+"]", func(indent string) string {
			return "ClusterSettings:\n" + indent + "  - Name: containerInsights\n" + indent + "    Value: enabled\n"
		})
	}
	list := f.Value
	if list == nil || list.Kind != lint.ArrayNode || list.Partial || len(list.Alts()) > 0 || list.Origin() != nil ||
		list.Range.File != f.KeyRange.File || list.Range.Start.IsZero() {
		return nil
	}
	fix := func(at lint.Range, old, text string) []lint.Fix {
		return []lint.Fix{{Description: "add the setting containerInsights: enabled",
			Edits: []lint.Edit{{Range: at, Old: old, NewText: text}}}}
	}
	// A flow or JSON list starts at its bracket: the entry after it.
	bracket := list.Range
	bracket.End = bracket.Start
	bracket.End.Col, bracket.End.Offset = bracket.Start.Col+1, bracket.Start.Offset+1
	if len(list.Items) == 0 {
		return fix(bracket, "[", "["+entry)
	}
	// A YAML block sequence starts at its first entry's dash; the entry,
	// a mapping written "- Name: ...", at its first key: the new entry's
	// lines go before it, dash under dash. Anything else starts at its
	// bracket: the new entry after it.
	first := list.Items[0]
	if first.Kind != lint.ObjectNode || len(first.Fields) == 0 || first.Fields[0].KeyRange.Start != first.Range.Start ||
		first.Range.Start.Line != list.Range.Start.Line || first.Range.Start.Offset != list.Range.Start.Offset+2 {
		return fix(bracket, "[", "["+entry+", ")
	}
	key := first.Fields[0]
	at := key.KeyRange
	col := at.Start.Col
	if col < 3 || at.Start.Line != at.End.Line || int(at.End.Offset-at.Start.Offset) != len(key.Key) {
		return nil
	}
	at.Start.Col, at.Start.Offset = col-2, at.Start.Offset-2
	dash := strings.Repeat(" ", int(col)-3) + "- "
	return fix(at, "- "+key.Key, "- Name: containerInsights\n"+strings.Repeat(" ", int(col)-1)+"Value: enabled\n"+dash+key.Key)
}
