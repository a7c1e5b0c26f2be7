package main

import (
	"strings"
	"testing"
)

// TestSuppressionExpiries: an expiry is read wherever it is written
// (before "--", as documented, or ending the reason, as the SUP001 docs
// once showed), and a date that is not one (2027-13-01, 2099-02-30) makes
// the suppression not apply, reported at the date itself: a suppression
// whose expiry cannot be read fails closed.
func TestSuppressionExpiries(t *testing.T) {
	const cfn = `Resources:
  TD:
    Type: AWS::ECS::TaskDefinition
    Metadata:
      ecslint:
        ignore: [{rule: ECS009, reason: "legacy image", until: "2099-02-30"}]
    Properties:
      ContainerDefinitions:
        - Name: a
          Image: nginx:1.27
          Privileged: true # ecslint:ignore ECS001 -- the sidecar needs it until 2020-03-31
        - Name: b
          Image: nginx:1.27
          Privileged: true # ecslint:ignore ECS001 until 2027-13-01 -- the sidecar
        - Name: c
          Image: nginx:1.27
          Privileged: true # ecslint:ignore ECS001 -- the sidecar until 2099-02-30
        - Name: d
          Image: nginx:1.27
          Privileged: true # ecslint:ignore ECS001 -- the sidecar needs it until 2099-01-31
        - Name: e
          Image: nginx:1.27
          Privileged: true # ecslint:ignore ECS001 until 2099-01-31 -- needs raw sockets until the kernel upgrade
`
	const tf = `resource "aws_ecs_task_definition" "x" {
  family = "x"
  pid_mode = "host" # ecslint:ignore ECS002 -- shares the host's PIDs until 2001-01-01
  container_definitions = jsonencode([{ name = "a", image = "nginx:1.27" }])
}
`
	repo(t, map[string]string{
		"t.yaml":  cfn,
		"main.tf": tf,
		".ecslint.yaml": "ignore:\n  - {path: t.yaml, rule: ECS007, reason: x, until: 2027-13-01}\n" +
			"  - path: main.tf\n    rule: ECS009\n    reason: x\n    until: 2027-02-29\n",
	})
	_, stdout, stderr := run(t, "", "--color", "never", ".")
	for _, want := range []string{
		// Expired, written at the end of the reason: the finding is back.
		`t.yaml:11:11: high: container "a" runs privileged`,
		"t.yaml:11:28: low: suppression of ECS001 expired on 2020-03-31 and no longer applies",
		// Not dates: the findings are back, SUP001 at the date.
		`t.yaml:14:11: high: container "b" runs privileged`,
		`t.yaml:14:58: low: suppression has an invalid expiry date "2027-13-01"`,
		`t.yaml:17:11: high: container "c" runs privileged`,
		`t.yaml:17:73: low: suppression has an invalid expiry date "2099-02-30"`,
		`t.yaml:6:64: low: suppression has an invalid expiry date "2099-02-30"`,
		`.ecslint.yaml:2:52: low: suppression has an invalid expiry date "2027-13-01"`,
		`.ecslint.yaml:6:12: low: suppression has an invalid expiry date "2027-02-29"`,
		// HCL: expired at the end of the reason.
		"main.tf:3:21: low: suppression of ECS002 expired on 2001-01-01",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("missing %q in:\n%s%s", want, stdout, stderr)
		}
	}
	for _, hidden := range []string{
		// Valid and in the future, in either place: suppressed.
		`container "d" runs privileged`, `container "e" runs privileged`,
	} {
		if strings.Contains(stdout, hidden) {
			t.Errorf("suppressed finding reported: %s\n%s", hidden, stdout)
		}
	}
	// "until the kernel upgrade" is part of the reason, not an expiry.
	if strings.Contains(stdout, `"the kernel`) || strings.Contains(stdout, "t.yaml:23:") {
		t.Errorf("a reason with \"until\" in it is misread:\n%s", stdout)
	}
}
