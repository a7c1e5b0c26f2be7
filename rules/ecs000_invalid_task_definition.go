package rules

import "github.com/ecslint/ecslint/lint"

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
		"adds (taskDefinitionArn, revision, status, ...) are accepted.",
	Remediation: "Fix the key's spelling (ecslint suggests the nearest known key), its type or its value, as the " +
		"ECS API reference (or, for CloudFormation, the AWS::ECS::TaskDefinition reference) gives them.",
	Formats: allFormats,
	Examples: []lint.Example{
		{Format: "json",
			Bad:  jsonTask(`{"name": "app", "image": "nginx:1.27", "readOnlyRootFilesystem": true}`, `"networkMode": "hosts"`),
			Good: jsonTask(`{"name": "app", "image": "nginx:1.27", "readonlyRootFilesystem": true}`, `"networkMode": "host"`)},
		{Format: "cloudformation",
			Bad:  cfnTask("        - Name: app\n          Image: nginx:1.27\n          Essential: maybe\n          Memroy: 512\n"),
			Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n          Essential: true\n          Memory: 512\n")},
		{Format: "terraform",
			Bad:  tfTask(`{ name = "app", image = "nginx:1.27", readOnlyRootFilesystem = true }`),
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
			p.Report(taskFinding(td, v.Range, "schema."+v.Key, v.Message))
		}
	}
}
