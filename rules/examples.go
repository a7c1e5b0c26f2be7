package rules

import "strings"

// Builders for the documented examples: each rule's Meta.Examples differ
// only in the lines that matter, so the rest is written once here.
//
// The docs show the real output of `ecslint FILE` on an example, every rule
// included, and an example shown as not reported must report nothing. So
// each container the builders write gets the members the other rules ask
// for (a non-root user, a read-only root file system, a log configuration)
// unless it sets them itself, or the example leaves them out on purpose
// with except (ECS006's bad example has no log configuration).

// member is one of the members the builders add to a container.
type member uint8

const (
	user member = 1 << iota
	readonlyRoot
	logConfiguration
	// secretsEncryption is an EKS cluster's (see eksCluster).
	secretsEncryption
)

// builder writes examples, adding every member but those in omit.
type builder struct{ omit member }

// except is a builder that leaves out the given members.
func except(omit member) builder { return builder{omit: omit} }

// hardened is the builder the plain jsonTask, cfnTask and tfTask use.
var hardened builder

// A member's key as each format writes it, lower-cased (a container that
// sets it in another case, as ECS000's misspelt examples do, sets it), and
// the text added for it.
var members = []struct {
	m                member
	jsonKey, jsonAdd string
	cfnKey, cfnAdd   string
	tfKey, tfAdd     string
}{
	{user, `"user":`, `"user": "1000"`, "user:", `User: "1000"`, "user =", `user = "1000"`},
	{readonlyRoot, `"readonlyrootfilesystem":`, `"readonlyRootFilesystem": true`,
		"readonlyrootfilesystem:", "ReadonlyRootFilesystem: true", "readonlyrootfilesystem =", "readonlyRootFilesystem = true"},
	{logConfiguration, `"logconfiguration":`, `"logConfiguration": {"logDriver": "awslogs", "options": ` +
		`{"awslogs-group": "/ecs/app", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "app"}}`,
		"logconfiguration:", "LogConfiguration:\n  LogDriver: awslogs\n  Options: " +
			"{awslogs-group: /ecs/app, awslogs-region: eu-west-1, awslogs-stream-prefix: app}",
		"logconfiguration =", `logConfiguration = { logDriver = "awslogs", options = ` +
			`{ "awslogs-group" = "/ecs/app", "awslogs-region" = "eu-west-1", "awslogs-stream-prefix" = "app" } }`},
}

// missing lists, with add, the members container does not set (has tells
// whether its lower-cased text holds a key) and the builder does not omit.
func (b builder) missing(container string, key, add func(int) string) []string {
	lower := strings.ToLower(container)
	var out []string
	for i, m := range members {
		if b.omit&m.m == 0 && !strings.Contains(lower, key(i)) {
			out = append(out, add(i))
		}
	}
	return out
}

// eachObject rewrites each top-level {...} of s (braces inside quoted
// strings do not count) with f.
func eachObject(s string, f func(string) string) string {
	var b strings.Builder
	depth, start, quoted := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '{':
			if depth == 0 {
				b.WriteString(s[start:i])
				start = i
			}
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				b.WriteString(f(s[start : i+1]))
				start = i + 1
			}
		}
	}
	b.WriteString(s[start:])
	return b.String()
}

// jsonTask is a raw JSON task definition with the given container
// definitions (JSON objects on one line each, joined with commas) and extra
// top-level members (each `"key": value`).
func jsonTask(containers string, top ...string) string { return hardened.jsonTask(containers, top...) }

func (bl builder) jsonTask(containers string, top ...string) string {
	containers = eachObject(containers, func(c string) string {
		add := bl.missing(c, func(i int) string { return members[i].jsonKey }, func(i int) string { return members[i].jsonAdd })
		if len(add) == 0 {
			return c
		}
		// The added members go on lines of their own, after the ones the
		// example is about.
		return c[:len(c)-1] + ",\n     " + strings.Join(add, ",\n     ") + "}"
	})
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
	return hardened.cfnTask(containers, props...)
}

func (b builder) cfnTask(containers string, props ...string) string {
	containers = b.cfnContainers(containers)
	return cfnTemplate("  TaskDef:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n" +
		strings.Join(props, "") + "      ContainerDefinitions:\n" + containers)
}

// cfnContainers adds the missing members to each container of a YAML
// sequence of container definitions indented 8 spaces.
func (b builder) cfnContainers(containers string) string {
	const item, indent = "        - ", "          "
	var out strings.Builder
	for _, c := range strings.SplitAfter(containers, "\n"+item) {
		rest, next := c, ""
		if strings.HasSuffix(c, "\n"+item) {
			rest, next = strings.TrimSuffix(c, item), item
		}
		out.WriteString(rest)
		for _, add := range b.missing(rest, func(i int) string { return "\n" + indent + members[i].cfnKey },
			func(i int) string { return members[i].cfnAdd }) {
			out.WriteString(indent + strings.ReplaceAll(add, "\n", "\n"+indent) + "\n")
		}
		out.WriteString(next)
	}
	return out.String()
}

// cfnTemplate wraps resources (YAML lines indented 2 spaces) in a template.
func cfnTemplate(resources string) string {
	return "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n" + resources
}

// tfTask is a Terraform task definition whose container_definitions is
// jsonencode() of the given containers (HCL objects, one per line, joined
// with commas) and whose extra arguments are the given body entries (see
// tfBody), written between family and container_definitions.
func tfTask(containers string, args ...string) string { return hardened.tfTask(containers, args...) }

func (b builder) tfTask(containers string, args ...string) string {
	containers = eachObject(containers, func(c string) string {
		add := b.missing(c, func(i int) string { return members[i].tfKey }, func(i int) string { return members[i].tfAdd })
		if len(add) == 0 {
			return c
		}
		return strings.TrimSuffix(c[:len(c)-1], " ") + ",\n  " + strings.Join(add, ",\n  ") + " }"
	})
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
