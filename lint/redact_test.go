package lint

import (
	"strings"
	"testing"
)

func TestRedactURLCredentials(t *testing.T) {
	cases := []struct{ in, want string }{
		{"no url here", "no url here"},
		{`module "m" (source "git::https://user:ghp_SECRET@github.com/o/r.git?ref=v1") not evaluated`,
			`module "m" (source "git::https://REDACTED@github.com/o/r.git?ref=v1") not evaluated`},
		{"https://ghp_TOKENASUSER@github.com/o/r", "https://REDACTED@github.com/o/r"},
		{"git::https://example.com/r.git?ref=v1.2&token=SECRET&depth=1", "git::https://example.com/r.git?ref=v1.2&token=REDACTED&depth=1"},
		{"s3::https://b.s3.amazonaws.com/m.zip?X-Amz-Signature=SIG&X-Amz-Credential=CRED#frag",
			"s3::https://b.s3.amazonaws.com/m.zip?X-Amz-Signature=REDACTED&X-Amz-Credential=REDACTED#frag"},
		{"git::ssh://git@host/r.git?sshkey=KEYMATERIAL", "git::ssh://REDACTED@host/r.git?sshkey=REDACTED"},
		// The "@" of a path or query is not user information.
		{"https://host/a@b?ref=x@y", "https://host/a@b?ref=x@y"},
		{"two: https://a:b@one/x and (http://c@two?k=v)", "two: https://REDACTED@one/x and (http://REDACTED@two?k=REDACTED)"},
		{"https://u:p@host", "https://REDACTED@host"},
		{"end://", "end://"},
	}
	for _, c := range cases {
		if got := RedactURLCredentials(c.in); got != c.want {
			t.Errorf("RedactURLCredentials(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// Notes and errors go through the redaction, whatever reported them.
func TestContextRedactsURLs(t *testing.T) {
	ctx := NewContext(nil, ParseOptions{})
	r := Range{File: "main.tf", Start: Pos{Line: 3, Col: 1}}
	ctx.Notef(r, "module %q not evaluated", "git::https://x-access-token:SECRET1@github.com/o/r")
	ctx.Errorf(r, "could not fetch %s", "https://host/m.zip?token=SECRET2")
	for _, d := range append(ctx.notes, ctx.Errors()...) {
		if want := "REDACTED"; !strings.Contains(d.Message, want) || strings.Contains(d.Message, "SECRET") {
			t.Errorf("message not redacted: %q", d.Message)
		}
	}
}

// Messages that do not pass through Context are masked by Run.
func TestRedactMessages(t *testing.T) {
	res := &Result{
		Errors:     []Diagnostic{{Message: "bad suppression near https://u:SECRET1@h/x", Related: []Related{{Message: "see https://h/?token=SECRET2"}}}},
		Notes:      []Diagnostic{{Message: "https://SECRET3@h"}},
		Findings:   []Finding{{Message: `image "https://u:SECRET4@r/i"`, Related: []Related{{Message: "https://h/?sig=SECRET5"}}}},
		Suppressed: []SuppressedFinding{{Finding: Finding{Message: "https://u:SECRET6@h"}}},
	}
	redactMessages(res)
	all := res.Errors[0].Message + res.Errors[0].Related[0].Message + res.Notes[0].Message +
		res.Findings[0].Message + res.Findings[0].Related[0].Message + res.Suppressed[0].Finding.Message
	if strings.Contains(all, "SECRET") || strings.Count(all, "REDACTED") != 6 {
		t.Errorf("messages not all masked: %q", all)
	}
}
