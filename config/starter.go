package config

import (
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// Starter is the commented config `ecslint init` writes. Its options
// example is written from the rules' option declarations, so it shows
// every option there is and no other, and so is its list of the rules off
// by default: the starter names exactly those.
func Starter(rules []lint.Rule) string {
	s := strings.Replace(starter, "{{options}}", optionsExample(rules), 1)
	return strings.Replace(s, "{{off-by-default}}", offByDefault(rules), 1)
}

// offByDefault comments out an enable entry for every rule off by
// default, or says there are none.
func offByDefault(rules []lint.Rule) string {
	var b strings.Builder
	for _, r := range rules {
		if m := r.Meta(); m.Disabled {
			b.WriteString("  #  - " + m.ID + " # " + m.Name + "\n")
		}
	}
	if b.Len() == 0 {
		return "  # (none: every rule is on by default)\n"
	}
	return b.String()
}

// optionsExample comments out every option of every rule, set to its
// example (or its default).
func optionsExample(rules []lint.Rule) string {
	var b strings.Builder
	for _, r := range rules {
		m := r.Meta()
		if len(m.Options) == 0 {
			continue
		}
		b.WriteString("#  " + m.ID + ":\n")
		for _, o := range m.Options {
			v := o.Example
			if v == nil {
				v = o.Default
			}
			b.WriteString("#    " + o.Name + ": " + o.Render(v) + "\n")
		}
	}
	return b.String()
}

const starter = `# ecslint configuration. Reference: docs/config.md; schema: ` + "`ecslint config-schema`" + `.
# Paths are relative to this file. Flags given on the command line win.

# Lowest severity that makes ecslint exit 1: critical, high, medium or low;
# none reports findings without failing (errors still exit 2).
fail-on: low

rules:
  # Rules to turn off, by ID or name.
  disable: []
  # Rules that are off by default to turn on.
  enable: []
{{off-by-default}}
# Severity overrides, by rule ID or name.
severity: {}
#  ECS006: low

# Paths never linted (** spans directories).
exclude: []
#  - legacy/**

# Per-rule options, by rule ID or name. A rule takes only its own options
# (docs/config.md#rule-options); the values below are examples.
options: {}
{{options}}
# Suppressions for files that cannot carry comments (raw JSON task
# definitions). Every entry needs a reason; "until" makes it expire.
ignore: []
#  - path: deploy/legacy-taskdef.json
#    rule: ECS001
#    reason: the agent needs device access, tracked in OPS-123
#    until: 2027-03-31

# Honour # ecslint:ignore comments and CloudFormation Metadata ignores.
inline-suppressions: true
# Report unused, expired or reason-less suppressions as errors (exit 2).
strict-suppressions: false

# Findings recorded here (ecslint --write-baseline FILE) are not reported.
# baseline: .ecslint-baseline.json
`
