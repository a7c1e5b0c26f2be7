package rules

import "strings"

// placeholder reports whether a value is a template to be filled in before
// deployment rather than the value itself: ${VAR} (shells, Terraform,
// envsubst), {{ var }} (Helm, Jinja, Go templates), #{var} (Octopus),
// $(var) (Azure Pipelines), $VAR, or <IMAGE1_NAME> (CodeDeploy). Rules
// say nothing about such values: what will stand there is not known.
func placeholder(v string) bool {
	if strings.HasPrefix(v, "$") {
		return true
	}
	for _, open := range []string{"${", "{{", "#{", "$("} {
		if strings.Contains(v, open) {
			return true
		}
	}
	if i := strings.Index(v, "<"); i >= 0 && strings.Contains(v[i:], ">") {
		return true
	}
	return false
}
