package rules

import (
	"slices"
	"sort"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type missingRequiredTags struct{}

var requiredTagsOption = lint.Option{
	Name: "required-tags",
	Type: lint.StringMapOption,
	Example: map[string]string{
		"Owner":       "",
		"Environment": "production,staging,development",
	},
	Description: "Tag keys every service, cluster, task definition, EKS cluster and EKS identity provider configuration must have, each with the values " +
		"it may take, separated by commas, which tag values cannot hold (empty: any value). Unset, a resource must have at least one tag, " +
		"as Security Hub's controls require when given no keys.",
}

var missingRequiredTagsMeta = lint.Meta{
	ID:       "ECS016",
	Name:     "missing-required-tags",
	Severity: lint.Low,
	Controls: []string{"ECS.13", "ECS.14", "ECS.15", "EKS.6", "EKS.7"},
	Summary:  "ECS services, clusters and task definitions, and EKS clusters and identity provider configurations, should have the required tags.",
	Rationale: "Tags are how an account's resources are attributed to owners and environments, how cost is allocated " +
		"and how attribute-based access control grants access. An untagged resource has no owner to call when it " +
		"misbehaves and may fall outside the policies that should govern it. System tags (`aws:`) are set by AWS " +
		"and do not count. Terraform's provider default_tags count; tags added at deployment (a CloudFormation " +
		"stack's tags, propagated tags) are not in the source and cannot be seen. EKS identity provider " +
		"configurations (EKS.7) are judged as `AWS::EKS::IdentityProviderConfig` and " +
		"`aws_eks_identity_provider_config`.",
	Remediation: "Add the required tags (`Tags` in CloudFormation and the ECS API, `tags` or the AWS provider's " +
		"`default_tags` in Terraform), and set `required-tags` to your organisation's keys.",
	// Task definitions are what every format holds; the rule judges the
	// services, clusters, EKS clusters and identity provider
	// configurations of the formats that hold them.
	Reads:    lint.TaskDefinitions,
	Disabled: true,
	Options:  []lint.Option{requiredTagsOption},
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad:  jsonTask(`{"name": "app", "image": "nginx:1.27"}`),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27"}`, `"tags": [{"key": "Owner", "value": "payments"}]`)},
			{Format: "cloudformation",
				Bad:  cfnTemplate(clusterResource + insightsSetting),
				Good: cfnTemplate(clusterResource + insightsSetting + "      Tags:\n        - Key: Owner\n          Value: payments\n")},
			{Format: "terraform",
				Bad: tfResource("aws_ecs_cluster", "prod", `name = "prod"`, "", tfInsightsSetting),
				Good: "provider \"aws\" {\n" + tfBody(tfBlock("default_tags", `tags = { Owner = "payments" }`)) + "}\n\n" +
					tfResource("aws_ecs_cluster", "prod", `name = "prod"`, "", tfInsightsSetting)},
		}
	},
}

func (missingRequiredTags) Meta() *lint.Meta { return &missingRequiredTagsMeta }

// tagged is a resource that takes tags, and what messages call it.
type tagged struct {
	res  lint.Resource
	what string
	tags lint.Tags
}

func (missingRequiredTags) Check(p *lint.Pass) {
	required := p.Options.StringMap(requiredTagsOption)
	keys := make([]string, 0, len(required))
	for k := range required {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var all []tagged
	for _, s := range p.Unit.Services {
		if s.Kind == "service" {
			all = append(all, tagged{s.Resource, "service", s.Tags})
		}
	}
	for _, c := range p.Unit.Clusters {
		all = append(all, tagged{c.Resource, "cluster", c.Tags})
	}
	for _, td := range p.Unit.TaskDefinitions {
		all = append(all, tagged{td.Resource, "task definition", td.Tags})
	}
	for _, c := range p.Unit.EKSClusters {
		all = append(all, tagged{c.Resource, "EKS cluster", c.Tags})
	}
	for _, c := range p.Unit.EKSIdentityProviderConfigs {
		all = append(all, tagged{c.Resource, "EKS identity provider configuration", c.Tags})
	}
	for _, t := range all {
		checkTags(p, t, keys, required)
	}
}

// checkTags reports a resource without a required tag, or with a value
// not allowed; with no keys required, a resource without any tag.
func checkTags(p *lint.Pass, t tagged, keys []string, required map[string]string) {
	if t.tags.State == lint.Unknown {
		return
	}
	name := t.what + " " + quote(t.res.Name)
	report := func(at lint.Range, key, msg string) {
		p.Report(resourceFinding(t.res, at.Or(t.tags.Range), key, name+" "+msg))
	}
	// A tag whose key is not known may be any tag.
	byKey := map[string]lint.KeyValue{}
	someUnknown := false
	for _, kv := range t.tags.Items {
		switch {
		case !kv.Name.Known():
			someUnknown = true
		case !strings.HasPrefix(kv.Name.V, "aws:"):
			byKey[kv.Name.V] = kv
		}
	}
	if someUnknown {
		return
	}
	if len(keys) == 0 {
		if len(byKey) == 0 {
			report(lint.Range{}, "tags", "has no tags")
		}
		return
	}
	for _, k := range keys {
		kv, ok := byKey[k]
		if !ok {
			report(lint.Range{}, "tags", "has no "+quote(k)+" tag")
			continue
		}
		allowed := required[k]
		if allowed == "" {
			continue
		}
		values := strings.Split(allowed, ",")
		for i := range values {
			values[i] = strings.TrimSpace(values[i])
		}
		if v, bad := kv.Value.Any(func(v lint.String) bool {
			return (v.Known() || v.State == lint.Unset) && !slices.Contains(values, v.V)
		}); bad {
			report(kv.Range, "tags."+k, "has tag "+quote(k)+" = "+quote(v.V)+", not one of "+strings.Join(values, ", "))
		}
	}
}
