package cloudformation

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"weak"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/rules"
)

// Every template's task definitions, their documents checked as they are
// decoded and dropped (as a large template's are), give the findings,
// fixes, notes and errors they give with their documents kept to the rules.
func TestDroppedDocumentsGiveTheSameResults(t *testing.T) {
	t.Chdir("../..")
	paths := []string{"fixtures/cloudformation", "fixtures/examples"}
	run := func() *lint.Result {
		t.Helper()
		res, err := lint.Run(lint.Options{Parsers: []lint.Parser{Parser{}}, Rules: rules.All(), Workers: 1}, paths)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	kept := run()
	defer func(above int) { dropDocsAbove = above }(dropDocsAbove)
	dropDocsAbove = 0
	dropped := run()
	if len(kept.Findings) < 100 {
		t.Fatalf("only %d findings", len(kept.Findings))
	}
	for i := range max(len(kept.Findings), len(dropped.Findings)) {
		if i >= len(kept.Findings) || i >= len(dropped.Findings) || !reflect.DeepEqual(kept.Findings[i], dropped.Findings[i]) {
			t.Fatalf("finding %d differs: %d findings kept, %d dropped", i, len(kept.Findings), len(dropped.Findings))
		}
	}
	if !reflect.DeepEqual(kept.Notes, dropped.Notes) || !reflect.DeepEqual(kept.Errors, dropped.Errors) {
		t.Error("the notes or errors differ")
	}

	// The path was taken: the task definitions had their documents
	// dropped, and fixes were made from what is kept of them.
	files, _ := filepath.Glob("fixtures/cloudformation/*")
	fsys, err := lint.NewFS([]string{"fixtures"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	droppedTDs, checked := 0, 0
	for _, file := range files {
		if info, err := os.Stat(file); err != nil || info.IsDir() || strings.HasSuffix(file, ".out") {
			continue
		}
		units, _ := Parser{}.Parse(lint.NewContext(fsys, lint.ParseOptions{}), []string{file})
		for _, u := range units {
			for _, td := range u.TaskDefinitions {
				if td.DocDropped && td.Doc == nil && td.ContainersDoc == nil {
					droppedTDs++
				}
				if td.DocCheck != nil && len(td.DocCheck.Violations) > 0 {
					checked++
				}
			}
		}
	}
	fixes := 0
	for _, f := range dropped.Findings {
		fixes += len(f.Fixes)
	}
	t.Logf("%d task definitions dropped their documents, %d with violations kept, %d fixes", droppedTDs, checked, fixes)
	if droppedTDs < 80 || checked < 5 || fixes < 40 {
		t.Errorf("%d task definitions dropped their documents, %d with violations kept, %d fixes", droppedTDs, checked, fixes)
	}
}

// manyTaskDefinitions is a JSON template of n small task definitions.
func manyTaskDefinitions(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"Resources": {`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n"+`"TD%d": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Family": "f%d", "ContainerDefinitions": [{"Name": "web", "Image": "nginx", "Memroy": 512}]}}`, i, i)
	}
	b.WriteString("}}\n")
	return []byte(b.String())
}

// A task definition's part of the template's tree is reclaimed once it is
// decoded and its document checked, while the template's tree is still
// held: what ECS000 reports of it is kept.
func TestDroppedResourcesAreReclaimed(t *testing.T) {
	const n = 4000
	root, shared, perr := parse("t.json", manyTaskDefinitions(n))
	if perr != nil || shared {
		t.Fatalf("parse: %v, shared %v", perr, shared)
	}
	resources := root.Get("Resources").Value
	td := resources.Fields[n/2].Value
	resource := weak.Make(td)
	image := weak.Make(td.Get("Properties").Value.Get("ContainerDefinitions").Value.Items[0].Get("Image").Value)
	field := weak.Make(resources.Fields[n/2])
	td = nil

	u := decodeDropping(root, shared, lint.NewBudget(lint.DefaultLimits, nil), true, false)
	runtime.GC()
	runtime.GC()
	if resource.Value() != nil || image.Value() != nil || field.Value() != nil {
		t.Error("a decoded resource's tree is still reachable")
	}
	if len(u.TaskDefinitions) != n {
		t.Fatalf("%d task definitions", len(u.TaskDefinitions))
	}
	got := u.TaskDefinitions[n/2]
	if !got.DocDropped || got.Doc != nil || got.ContainersDoc != nil {
		t.Fatal("the document is kept")
	}
	if got.DocCheck == nil || len(got.DocCheck.Violations) != 1 || !strings.Contains(got.DocCheck.Violations[0].Message, "Memroy") {
		t.Errorf("ECS000's check is not kept: %+v", got.DocCheck)
	}
	if c := got.Containers[0]; !c.Outline.Held || c.Outline.FirstKey != "Name" || c.Outline.Range != c.Range {
		t.Errorf("the container's outline is %+v", c.Outline)
	}
	runtime.KeepAlive(root)
}

// A template that shares nodes (YAML aliases) keeps its trees.
func TestSharedTreesAreKept(t *testing.T) {
	src := []byte("Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions: &c [{Name: a, Image: b}]\n" +
		"  U:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions: *c\n")
	defer func(above int) { dropDocsAbove = above }(dropDocsAbove)
	dropDocsAbove = 0
	dir := t.TempDir()
	file := filepath.Join(dir, "t.yaml")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	fsys, err := lint.NewFS([]string{dir}, 0)
	if err != nil {
		t.Fatal(err)
	}
	units, _ := Parser{}.Parse(lint.NewContext(fsys, lint.ParseOptions{}), []string{file})
	if len(units) != 1 || len(units[0].TaskDefinitions) != 2 {
		t.Fatal("not parsed")
	}
	for _, td := range units[0].TaskDefinitions {
		if td.DocDropped || td.ContainersDoc == nil {
			t.Errorf("%s: a shared tree was dropped", td.Name)
		}
	}
}
