package output_test

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/ecslint/ecslint/lint/output"
)

// TestFormatsOnManyCoresAreTheFormatsOnOne: JSON, SARIF and text encode long
// result lists on all cores (with one shared source cache for snippets);
// what they write is what they write on one core, with findings and
// suppressed findings across chunk edges, several findings on one line,
// and secrets masked in the snippets. Run with -race, it also checks the
// source cache's locking.
func TestFormatsOnManyCoresAreTheFormatsOnOne(t *testing.T) {
	res := trickyResult()
	base := res.Findings
	for len(res.Findings) < 9000 {
		res.Findings = append(res.Findings, base...)
	}
	for len(res.Suppressed) < 3000 {
		res.Suppressed = append(res.Suppressed, res.Suppressed[:2]...)
	}
	for _, f := range []output.Formatter{output.JSON{}, output.SARIF{}, output.Text{}} {
		format := func(procs int) []byte {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			var out bytes.Buffer
			if err := f.Format(&out, res, output.Options{Version: "v1.2.3", BaseDir: "/work", Color: true}); err != nil {
				t.Fatal(err)
			}
			return out.Bytes()
		}
		one, many := format(1), format(4)
		if !bytes.Equal(one, many) {
			t.Errorf("%T: %d bytes on four cores, %d on one, not the same", f, len(many), len(one))
		}
		if bytes.Contains(one, []byte(secretValue)) {
			t.Errorf("%T: a secret in clear", f)
		}
	}
}
