package rules

import (
	"fmt"
	"strconv"

	"github.com/ecslint/ecslint/lint"
)

type invalidTaskDefinition struct{}

var invalidTaskDefinitionMeta = lint.Meta{
	ID:       "ECS000",
	Name:     "invalid-task-definition",
	Severity: lint.High,
	Summary:  "Task definitions should match the ECS API's schema.",
	Rationale: "ECS rejects a task definition with an unknown key, a wrong type or a value outside an " +
		"enumeration only at deploy time, and some tools drop unknown keys silently: a misspelt " +
		"`readOnlyRootFilesystem` leaves the root file system writable while the file looks hardened, and " +
		"every other rule then judges a setting that does not exist. Keys that describe-task-definition " +
		"adds (taskDefinitionArn, revision, status, ...) are accepted. In Terraform the AWS provider decodes " +
		"`container_definitions` with Go's encoding/json, which matches each key to a field regardless of case: " +
		"there `Privileged` or `readOnlyRootFilesystem` takes effect as `privileged` or `readonlyRootFilesystem` " +
		"would, and ecslint reads it so. Such a key is reported at low severity, as a spelling that CloudFormation " +
		"and the ECS API would reject; a key that matches no field even ignoring case is dropped by the provider " +
		"without a word and reported as unknown, at high severity, as everywhere.",
	Remediation: "Fix the key's spelling (ecslint suggests the nearest known key), its type or its value, as the " +
		"ECS API reference (or, for CloudFormation, the AWS::ECS::TaskDefinition reference) gives them.",
	Reads: lint.TaskDefinitions,
	Examples: []lint.Example{
		{Format: "json",
			Bad:  jsonTask(`{"name": "app", "image": "nginx:1.27", "readOnlyRootFilesystem": true}`, `"networkMode": "aws-vpc"`),
			Good: jsonTask(`{"name": "app", "image": "nginx:1.27", "readonlyRootFilesystem": true}`, `"networkMode": "awsvpc"`)},
		{Format: "cloudformation",
			Bad:  cfnTask("        - Name: app\n          Image: nginx:1.27\n          Essential: maybe\n          Memroy: 512\n"),
			Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n          Essential: true\n          Memory: 512\n")},
		{Format: "terraform",
			Bad:  except(readonlyRoot).tfTask(`{ name = "app", image = "nginx:1.27", readonlyRootFs = true }`),
			Good: tfTask(`{ name = "app", image = "nginx:1.27", readonlyRootFilesystem = true }`)},
	},
}

func (invalidTaskDefinition) Meta() *lint.Meta { return &invalidTaskDefinitionMeta }

func (invalidTaskDefinition) Check(p *lint.Pass) {
	for _, td := range p.Unit.TaskDefinitions {
		var vs []violation
		var err error
		switch {
		case td.Doc != nil:
			vs, err = validateDoc(td.Doc, td.DocStyle, false)
		case td.ContainersDoc != nil && td.ContainersState == lint.Known:
			vs, err = validateDoc(td.ContainersDoc, td.DocStyle, true)
		}
		if err != nil {
			// The embedded schema does not compile: a bug the rules'
			// tests catch; say nothing rather than something wrong.
			continue
		}
		for _, v := range vs {
			fd := taskFinding(td, v.Range, "schema."+v.Key, v.Message)
			if !placed(td, v.Range) {
				fd.Fixes = v.Fixes
			}
			p.Report(fd)
		}
		if len(td.CaseVariants) > 0 {
			reportCaseVariants(p, td)
		}
	}
}

// reportCaseVariants reports, at low severity, the keys of Terraform
// container definitions that the provider matched to a field ignoring
// case. Each is named by its path in the document where it is found
// there (a key a later one overwrote is not: it is named by its spelling).
func reportCaseVariants(p *lint.Pass, td *lint.TaskDefinition) {
	paths := map[lint.Pos]string{}
	if td.ContainersDoc != nil && withinSize(td.ContainersDoc, maxDocNodes) {
		want := make(map[lint.Pos]bool, len(td.CaseVariants))
		for _, v := range td.CaseVariants {
			want[v.Range.Start] = true
		}
		keyPaths(td.ContainersDoc, "", want, paths)
	}
	for _, v := range td.CaseVariants {
		key, ok := paths[v.Range.Start]
		if !ok {
			key = "overwritten/" + v.Written
		}
		fd := taskFinding(td, v.Range, "spelling."+key, fmt.Sprintf(
			"key %s is %s in the ECS API: the Terraform AWS provider ignores the case of keys and accepts it, "+
				"CloudFormation and the ECS API would not", quote(v.Written), quote(v.Key)))
		fd.Severity = lint.Low
		if !placed(td, v.Range) {
			fd.Fixes = renameKey(v.Range, v.Written, v.Key)
		}
		p.Report(fd)
	}
}

// keyPaths records the path of every field whose key starts at a wanted
// position.
func keyPaths(n *lint.Node, path string, want map[lint.Pos]bool, out map[lint.Pos]string) {
	for i, it := range n.Items {
		keyPaths(it, joinKey(path, strconv.Itoa(i)), want, out)
	}
	for _, a := range n.Alts() {
		keyPaths(a, path, want, out)
	}
	for _, f := range n.Fields {
		key := joinKey(path, f.Key)
		if want[f.KeyRange.Start] {
			out[f.KeyRange.Start] = key
		}
		keyPaths(f.Value, key, want, out)
	}
}
