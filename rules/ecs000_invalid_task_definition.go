package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type invalidTaskDefinition struct{}

var invalidTaskDefinitionMeta = lint.Meta{
	ID:       "ECS000",
	Name:     "invalid-task-definition",
	Severity: lint.High,
	Summary:  "Task definitions should match the ECS API's schema and what it registers.",
	Rationale: "ECS rejects a task definition with an unknown key, a wrong type or a value outside an " +
		"enumeration only at deploy time, and some tools drop unknown keys silently: a misspelt " +
		"`readOnlyRootFilesystem` leaves the root file system writable while the file looks hardened, and " +
		"every other rule then judges a setting that does not exist. Keys that describe-task-definition " +
		"adds (taskDefinitionArn, revision, status, ...) are accepted. In Terraform the AWS provider decodes " +
		"`container_definitions` with Go's encoding/json, which matches each key to a field regardless of case: " +
		"there `Privileged` or `readOnlyRootFilesystem` takes effect as `privileged` or `readonlyRootFilesystem` " +
		"would, and ecslint reads it so. Such a key is reported at low severity, as a spelling that CloudFormation " +
		"and the ECS API would reject; a key that matches no field even ignoring case is dropped by the provider " +
		"without a word and reported as unknown, at high severity, as everywhere. Beyond the schema, ECS000 checks " +
		"what RegisterTaskDefinition rejects in valid JSON: a task whose requiresCompatibilities include FARGATE " +
		"needs a task-level cpu and memory that form one of Fargate's combinations (256 CPU units with 512, 1024 or " +
		"2048 MiB, up to 16 vCPU with 32 to 120 GB in 8 GB steps; cpu may be written in vCPU, memory in GB; Windows " +
		"containers take 1, 2 or 4 vCPU), and an `awslogs` log configuration needs the `awslogs-group` and " +
		"`awslogs-region` options (and `awslogs-stream-prefix` on Fargate), and accepts `awslogs-create-group` only " +
		"as \"true\". Values that are not known (a parameter, a variable, options built from one) are not judged; " +
		"`--verbose` lists them as notes.",
	Remediation: "Fix the key's spelling (ecslint suggests the nearest known key), its type or its value, as the " +
		"ECS API reference (or, for CloudFormation, the AWS::ECS::TaskDefinition reference) gives them. Give a Fargate " +
		"task a cpu and memory from the table in the ECS Developer Guide (\"Troubleshoot Amazon ECS task definition " +
		"invalid CPU or memory errors\"), and an awslogs configuration its log group, region and, on Fargate, stream prefix.",
	Reads: lint.TaskDefinitions,
	Peers: []string{"cfn-lint E3046", "cfn-lint E3047"},
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad:  jsonTask(`{"name": "app", "image": "nginx:1.27", "readOnlyRootFilesystem": true}`, `"networkMode": "aws-vpc"`),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27", "readonlyRootFilesystem": true}`, `"networkMode": "awsvpc"`)},
			{Format: "cloudformation",
				Bad:  cfnTask("        - Name: app\n          Image: nginx:1.27\n          Essential: maybe\n          Memroy: 512\n"),
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n          Essential: true\n          Memory: 512\n")},
			{Format: "terraform",
				Bad:  except(readonlyRoot).tfTask(`{ name = "app", image = "nginx:1.27", readonlyRootFs = true }`),
				Good: tfTask(`{ name = "app", image = "nginx:1.27", readonlyRootFilesystem = true }`)},
		}
	},
}

func (invalidTaskDefinition) Meta() *lint.Meta { return &invalidTaskDefinitionMeta }

func (invalidTaskDefinition) Check(p *lint.Pass) {
	for _, td := range p.Unit.TaskDefinitions {
		chk := td.DocCheck
		if !td.DocDropped {
			chk = checkDoc(td)
		}
		if chk != nil && chk.Failed {
			// The embedded schema does not compile: a bug the rules'
			// tests catch; say nothing rather than something wrong.
			continue
		}
		if chk != nil && chk.Oversized {
			// Not validated, and not silently: a YAML alias bomb shares
			// nodes, and validating would expand them.
			p.Notef(chk.At, "task definition %s has more than %d values (aliases counted each time they are used); it is not checked against the ECS schema", quote(td.Name), maxDocNodes)
		}
		if chk != nil {
			for _, v := range chk.Violations {
				fd := taskFinding(td, v.Range, v.Key, v.Message)
				if !placed(td, v.Range) {
					fd.Fixes = v.Fixes
				}
				p.Report(fd)
			}
		}
		if len(td.CaseVariants) > 0 {
			reportCaseVariants(p, td)
		}
		checkFargateSize(p, td)
		checkAwslogs(p, td)
	}
}

// checkDoc checks td's document (or, without one, its container list)
// against the schema: what ECS000 reports of it, nil for nothing.
func checkDoc(td *lint.TaskDefinition) *lint.DocCheck {
	doc, containersOnly := td.Doc, false
	if doc == nil && td.ContainersDoc != nil && td.ContainersState == lint.Known {
		doc, containersOnly = td.ContainersDoc, true
	}
	if doc == nil {
		return nil
	}
	// A parser that found the document over the bound may have dropped
	// parts of it once decoded: it is not counted again.
	if td.DocOversized || !withinSize(doc, maxDocNodes) {
		return &lint.DocCheck{Oversized: true, At: doc.Range}
	}
	vs, err := validateDoc(doc, td.DocStyle, containersOnly)
	if err != nil {
		return &lint.DocCheck{Failed: true}
	}
	if len(vs) == 0 {
		return nil
	}
	root := td.Doc
	if root == nil {
		root = td.ContainersDoc
	}
	chk := &lint.DocCheck{Violations: make([]lint.DocViolation, len(vs))}
	for i, v := range vs {
		chk.Violations[i] = lint.DocViolation{Range: v.Range, Key: "schema." + stableKey(root, v.Key), Message: v.Message, Fixes: v.Fixes}
	}
	return chk
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
		keyPaths(it, joinKey(path, itemSegment(it, i)), want, out)
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

// stableKey names the items of a violation's path (slash-separated, array
// items by index) by their name where they have one:
// containerDefinitions/0/memroy becomes containerDefinitions/[app]/memroy.
// The key is part of a finding's fingerprint, which baselines record: a
// container inserted above another must not make the findings of the
// ones below new.
func stableKey(root *lint.Node, key string) string {
	segs := strings.Split(key, "/")
	n := root
	for i, seg := range segs {
		if n == nil {
			break
		}
		switch n.Kind {
		case lint.ObjectNode:
			f := n.Get(seg)
			if f == nil {
				n = nil
				continue
			}
			n = f.Value
		case lint.ArrayNode:
			at, err := strconv.Atoi(seg)
			if err != nil || at < 0 || at >= len(n.Items) {
				n = nil
				continue
			}
			n = n.Items[at]
			segs[i] = itemSegment(n, at)
		default:
			n = nil
		}
	}
	return strings.Join(segs, "/")
}

// itemSegment is an array item's segment in a stable key: its name in
// brackets when it has one (a container, an environment variable), else
// its index.
func itemSegment(it *lint.Node, index int) string {
	for _, k := range []string{"name", "Name"} {
		if f := it.Get(k); f != nil && f.Value != nil && f.Value.Kind == lint.StringNode && f.Value.Text != "" {
			return "[" + f.Value.Text + "]"
		}
	}
	return strconv.Itoa(index)
}
