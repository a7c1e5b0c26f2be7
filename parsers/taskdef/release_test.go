package taskdef

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"weak"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
	"github.com/ecslint/ecslint/parsers/jsonnode"
)

// largeEnvironment is a task definition whose one container has n
// environment entries and n secrets, and a mount point and a port mapping.
func largeEnvironment(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"family": "f", "containerDefinitions": [{"name": "web", "image": "nginx",
  "mountPoints": [{"sourceVolume": "v", "containerPath": "/data"}], "portMappings": [{"containerPort": 80}],
  "environment": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n  {\"name\": \"VAR_%d\", \"value\": \"value-%d\"}", i, i)
	}
	b.WriteString("],\n  \"secrets\": [")
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n  {\"name\": \"S_%d\", \"valueFrom\": \"arn:%d\"}", i, i)
	}
	b.WriteString("]}], \"volumes\": [{\"name\": \"v\"}]}\n")
	return []byte(b.String())
}

// A document too large to validate is decoded as any other, but the
// entries of its containers' lists are dropped from its tree once decoded
// and reclaimed: the tree is most of what a large file costs.
func TestOversizedDocumentsDropDecodedEntries(t *testing.T) {
	const n = 40_000 // 240,000 values, over lint.MaxDocNodes, in chunks
	src := largeEnvironment(n)
	kept, err := jsonnode.Parse("t.json", src)
	if err != nil {
		t.Fatal(err)
	}
	want := &lint.TaskDefinition{}
	ecsdoc.TaskDefinition(ecsdoc.Doc{N: kept, Style: lint.CamelCase}, want)

	root, err := jsonnode.Parse("t.json", src)
	if err != nil {
		t.Fatal(err)
	}
	envList := root.Get("containerDefinitions").Value.Items[0].Get("environment").Value
	entry := weak.Make(envList.Items[n/2])
	name := weak.Make(envList.Items[n/2].Fields[0].Value)
	envList = nil
	td := Decode("t.json", root)
	root = nil

	if !td.DocOversized {
		t.Fatal("a document of 240,000 values is not marked oversized")
	}
	got := td.Containers[0]
	if len(got.Environment) != n || len(got.Secrets) != n || len(got.MountPoints) != 1 || len(got.PortMappings) != 1 {
		t.Fatalf("decoded %d environment entries, %d secrets, %d mount points, %d port mappings",
			len(got.Environment), len(got.Secrets), len(got.MountPoints), len(got.PortMappings))
	}
	if !reflect.DeepEqual(got, want.Containers[0]) {
		t.Error("the container decoded while dropping entries differs from the one decoded from the whole tree")
	}
	if !reflect.DeepEqual(td.Volumes, want.Volumes) || !reflect.DeepEqual(td.Family, want.Family) {
		t.Error("the task definition's own values differ")
	}
	c := td.Doc.Get("containerDefinitions").Value.Items[0]
	for _, key := range []string{"environment", "secrets", "mountPoints", "portMappings"} {
		if l := c.Get(key).Value; l.Kind != lint.ArrayNode || len(l.Items) != 0 {
			t.Errorf("%s still holds %d items in the tree", key, len(l.Items))
		}
	}
	// The containers, volumes and tags stay, for the fixes that edit them.
	if c.Get("image") == nil || len(td.Doc.Get("volumes").Value.Items) != 1 || td.ContainersDoc.Items[0] != c {
		t.Error("the tree lost what fixes edit")
	}
	runtime.GC()
	runtime.GC()
	if entry.Value() != nil || name.Value() != nil {
		t.Error("a dropped entry is still reachable: its arena block is kept")
	}
	runtime.KeepAlive(td)
	runtime.KeepAlive(kept)
}

// A document within the bound keeps its whole tree, for ECS000.
func TestDocumentsWithinTheBoundKeepTheirTree(t *testing.T) {
	td := decode(t, string(largeEnvironment(100)))
	if td.DocOversized {
		t.Fatal("a small document is marked oversized")
	}
	if l := td.Doc.Get("containerDefinitions").Value.Items[0].Get("environment").Value; len(l.Items) != 100 {
		t.Errorf("environment holds %d items in the tree, want 100", len(l.Items))
	}
}
