package rules

import "strings"

// Builders for the documented examples: each rule's Meta.Examples differ
// only in the lines that matter, so the rest is written once here.

// jsonTask is a raw JSON task definition with the given container
// definitions (JSON objects, joined with commas) and extra top-level
// members (each `"key": value`).
func jsonTask(containers string, top ...string) string {
	var b strings.Builder
	b.WriteString("{\n  \"family\": \"app\",\n")
	for _, t := range top {
		b.WriteString("  " + t + ",\n")
	}
	b.WriteString("  \"containerDefinitions\": [\n    " + containers + "\n  ]\n}\n")
	return b.String()
}

// cfnTask is a CloudFormation template with one task definition whose
// container definitions are the given YAML lines (indented 8 spaces) and
// whose extra properties are the given lines (indented 6 spaces).
func cfnTask(containers string, props ...string) string {
	return cfnTemplate("  TaskDef:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n" +
		strings.Join(props, "") + "      ContainerDefinitions:\n" + containers)
}

// cfnTemplate wraps resources (YAML lines indented 2 spaces) in a template.
func cfnTemplate(resources string) string {
	return "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n" + resources
}
