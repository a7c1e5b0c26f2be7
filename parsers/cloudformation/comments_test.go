package cloudformation

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestCommentsAreYAMLComments(t *testing.T) {
	src := `# top
Resources: # after a key
  A:
    Desc: "two
      lines # text" # after a quoted scalar that spans lines
    Script: | # on the indicator line
      # text of the script
        # more text
    # after the script
    Plain: it's # after an apostrophe
    Flow: [a, "b # text", c] # after a flow sequence
    Url: http://example.com/#anchor
# end
`
	var got []string
	for _, c := range (Parser{}).Comments("t.yaml", []byte(src)) {
		got = append(got, fmt.Sprintf("%d:%d-%d:%d own=%v %q", c.Range.Start.Line, c.Range.Start.Col, c.Range.End.Line, c.Range.End.Col, c.OwnLine, c.Text))
	}
	want := []string{
		`1:1-1:6 own=true " top"`,
		`2:12-2:25 own=false " after a key"`,
		`5:21-5:61 own=false " after a quoted scalar that spans lines"`,
		`6:15-6:38 own=false " on the indicator line"`,
		`9:5-9:23 own=true " after the script"`,
		`10:17-10:38 own=false " after an apostrophe"`,
		`11:30-11:53 own=false " after a flow sequence"`,
		`13:1-13:6 own=true " end"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestJSONTemplatesHaveNoComments(t *testing.T) {
	src := `{"Resources": {"A": {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterName": "x # ecslint:ignore ECS201 -- text"}}}}`
	for _, name := range []string{"t.json", "t.template", "t.yaml"} {
		if cs := (Parser{}).Comments(name, []byte(src)); len(cs) != 0 {
			t.Errorf("%s: comments in JSON: %+v", name, cs)
		}
	}
}

// TestFastPathFindsYAMLv3Comments: where the block-YAML fast path reads a
// template, the comments it places are those yaml.v3 reports, at the same
// places.
func TestFastPathFindsYAMLv3Comments(t *testing.T) {
	files, _ := filepath.Glob("../../fixtures/cloudformation/*.y*ml")
	more, _ := filepath.Glob("../../cmd/ecslint/testdata/*/*.yaml")
	fast := 0
	sources := map[string][]byte{"inline": []byte(fastCommentsCases)}
	for _, f := range append(files, more...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources[f] = src
	}
	for name, src := range sources {
		s := newSource(name, src)
		got, ok := fastComments(s)
		if !ok {
			continue
		}
		fast++
		if want := yamlv3Comments(newSource(name, src)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: fast path\n%+v\nyaml.v3\n%+v", name, got, want)
		}
	}
	if fast < 10 {
		t.Errorf("only %d templates in the fast path's subset", fast)
	}
}

const fastCommentsCases = `# top
AWSTemplateFormatVersion: "2010-09-09" # version
Resources:
  # head
  A: # after a key
    Type: AWS::ECS::TaskDefinition
    Properties:
      "Quoted # key": 'single # quoted' # after
      Script: !Sub | # on the indicator line
        # text of the script
          # more text
      # after the script
      Folded: >
        # folded text
        more
      Plain: it's # after an apostrophe
      Flow: [a, "b # text", c] # after a flow sequence
      Url: http://example.com/#anchor
      Nothing: # a null
# end
`
