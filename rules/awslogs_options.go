package rules

import (
	"fmt"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// This file is ECS000's check of awslogs log configurations. The ECS
// Developer Guide ("Send Amazon ECS logs to CloudWatch", LogConfiguration
// in the API reference) marks awslogs-group and awslogs-region required,
// and awslogs-stream-prefix required on Fargate; RegisterTaskDefinition
// rejects a missing or empty group ("Log driver awslogs option
// 'awslogs-group' should not be null or empty") and an awslogs-create-group
// other than "true" ("should only be set to 'true', else omit option"),
// and the container agent treats a task without a region as invalid.
// What is required is judged only where the options are known as a whole:
// an option absent from options that could not be read may be in them.

// awslogsRequired are the options every awslogs configuration must set.
var awslogsRequired = []string{"awslogs-group", "awslogs-region"}

// checkAwslogs reports the awslogs configurations of td's containers that
// ECS would reject.
func checkAwslogs(p *lint.Pass, td *lint.TaskDefinition) {
	fargate := requiresFargate(td)
	for _, c := range td.Containers {
		lc := &c.LogConfiguration
		if _, ok := lint.Is(lc.LogDriver, "awslogs"); !ok {
			continue
		}
		required := awslogsRequired
		if fargate {
			required = append(required[:len(required):len(required)], "awslogs-stream-prefix")
		}
		var missing []string
		for _, name := range required {
			v, ok := logOption(lc, name)
			if !ok {
				missing = append(missing, name)
				continue
			}
			if empty, isEmpty := lint.Is(v, ""); isEmpty {
				p.Report(containerFinding(td, c, empty.Range, "awslogs/options/"+name, fmt.Sprintf(
					"container %s sets the awslogs option %s empty: ECS requires a value", quote(c.DisplayName()), name)))
			}
		}
		if len(missing) > 0 && lc.OptionsSet.State == lint.Unknown {
			p.Notef(lc.OptionsSet.Range.Or(lc.Range), "the awslogs options of container %s are not all known offline; whether they set %s is not checked",
				quote(c.DisplayName()), strings.Join(missing, ", "))
		}
		if len(missing) > 0 && lc.OptionsSet.State != lint.Unknown {
			why := "ECS requires them"
			if len(missing) == 1 {
				why = "ECS requires it"
			}
			if fargate && missing[len(missing)-1] == "awslogs-stream-prefix" {
				why += " (the stream prefix on Fargate)"
			}
			p.Report(containerFinding(td, c, lc.OptionsSet.Range.Or(lc.Range), "awslogs/options", fmt.Sprintf(
				"container %s logs with awslogs without %s: %s", quote(c.DisplayName()), optionList(missing), why)))
		}
		if v, ok := logOption(lc, "awslogs-create-group"); ok {
			if bad, isBad := v.Any(func(v lint.String) bool { return v.Known() && v.V != "true" }); isBad {
				p.Report(containerFinding(td, c, bad.Range, "awslogs/options/awslogs-create-group", fmt.Sprintf(
					"container %s sets awslogs-create-group to %s: ECS accepts only \"true\", or the option left out",
					quote(c.DisplayName()), quote(bad.V))))
			}
		}
	}
}

// logOption returns a log option's value, the last one written when the
// key is written twice; one set from a secret is present with a value not
// known here.
func logOption(lc *lint.LogConfiguration, name string) (lint.String, bool) {
	for _, s := range lc.SecretOptions {
		if s.Name.Known() && s.Name.V == name {
			return lint.String{State: lint.Unknown, Range: s.Range}, true
		}
	}
	for i := len(lc.Options) - 1; i >= 0; i-- {
		if o := lc.Options[i]; o.Name.Known() && o.Name.V == name {
			return o.Value, true
		}
	}
	return lint.String{}, false
}

// optionList names options for a message: "the awslogs-group option", "the
// awslogs-group and awslogs-region options".
func optionList(names []string) string {
	switch len(names) {
	case 1:
		return "the " + names[0] + " option"
	case 2:
		return "the " + names[0] + " and " + names[1] + " options"
	}
	return "the " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " options"
}
