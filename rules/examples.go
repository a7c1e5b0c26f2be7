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

// tfTask is a Terraform task definition whose container_definitions is
// jsonencode() of the given containers (HCL objects, one per line, joined
// with commas) and whose extra arguments are the given body entries (see
// tfBody), written between family and container_definitions.
func tfTask(containers string, args ...string) string {
	body := append([]string{`family = "app"`}, args...)
	body = append(body, "", "container_definitions = jsonencode([\n  "+strings.ReplaceAll(containers, "\n", "\n  ")+",\n])")
	return tfResource("aws_ecs_task_definition", "app", body...)
}

// tfResource is a Terraform resource with the given body entries.
func tfResource(typ, name string, body ...string) string {
	return "resource \"" + typ + "\" \"" + name + "\" {\n" + tfBody(body...) + "}\n"
}

// tfBlock is a nested block with the given body entries, as one entry.
func tfBlock(name string, body ...string) string {
	return name + " {\n" + tfBody(body...) + "}"
}

// tfBody renders body entries two spaces in, one per line: attributes
// (`key = value`), blocks (tfBlock) or "" for a blank line. An entry may
// span lines. The = of consecutive attributes is aligned as terraform fmt
// aligns it; a block, a blank line or the end of a multi-line attribute
// ends the run.
func tfBody(entries ...string) string {
	const indent = "  "
	var b strings.Builder
	for i := 0; i < len(entries); {
		j, width := i, 0
		for j < len(entries) {
			key, _, ok := strings.Cut(entries[j], " = ")
			if !ok || strings.ContainsAny(key, " \n{") {
				break
			}
			width = max(width, len(key))
			j++
			if strings.Contains(entries[j-1], "\n") {
				break // a multi-line attribute: its first line aligns
			}
		}
		if j == i {
			j = i + 1 // a block or a blank line
		}
		for _, e := range entries[i:j] {
			if key, value, ok := strings.Cut(e, " = "); ok && width > 0 {
				e = key + strings.Repeat(" ", width-len(key)) + " = " + value
			}
			for _, line := range strings.Split(e, "\n") {
				if line != "" {
					b.WriteString(indent + line)
				}
				b.WriteString("\n")
			}
		}
		i = j
	}
	return b.String()
}
