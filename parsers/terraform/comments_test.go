package terraform

import (
	"fmt"
	"strings"
	"testing"
)

func TestCommentsAreHCLComments(t *testing.T) {
	src := "# top\r\n" +
		"locals {\n" +
		"  a = \"# text\" // after a string\n" +
		"  b = <<-EOT\n" +
		"    # text of the heredoc\n" +
		"  EOT\n" +
		"  /* block */ c = 1\n" +
		"}\n"
	var got []string
	for _, c := range (Parser{}).Comments("main.tf", []byte(src)) {
		got = append(got, fmt.Sprintf("%d:%d-%d:%d own=%v %q", c.Range.Start.Line, c.Range.Start.Col, c.Range.End.Line, c.Range.End.Col, c.OwnLine, c.Text))
	}
	want := []string{
		`1:1-1:6 own=true " top"`,
		`3:16-3:33 own=false " after a string"`,
		`7:3-7:14 own=true " block "`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if cs := (Parser{}).Comments("main.tf.json", []byte(`{"locals": {"a": "# text"}}`)); len(cs) != 0 {
		t.Errorf(".tf.json has comments: %+v", cs)
	}
}
