package main

import (
	"runtime"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint/output"

	"github.com/ecslint/ecslint/cmd/ecslint/internal/corpus"
)

// TestOutputIsDeterministic runs every format over fixtures/ and a
// generated corpus with one and eight workers, on one and eight threads,
// twice each: the output must be byte-identical. Parallel parsing must
// never leak into ordering, and no format may depend on map iteration order.
func TestOutputIsDeterministic(t *testing.T) {
	gen := t.TempDir()
	if _, err := corpus.Generate(gen, 100, 5); err != nil {
		t.Fatal(err)
	}
	t.Chdir("../..")
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, format := range output.Names() {
		format = strings.Trim(format, `"`)
		var first string
		for _, procs := range []int{1, 8} {
			runtime.GOMAXPROCS(procs)
			for _, workers := range []string{"1", "8"} {
				for i := range 2 {
					code, stdout, stderr := run(t, "", "--format", format, "--color", "never", "-j", workers, "fixtures", gen)
					if code != ExitError || len(stdout) < 1000 {
						t.Fatalf("%s: exit %d, %d bytes (want exit 2: fixtures hold malformed files)\n%s", format, code, len(stdout), stderr)
					}
					if first == "" {
						first = stdout
					} else if stdout != first {
						t.Fatalf("%s output differs with GOMAXPROCS=%d -j %s (run %d)", format, procs, workers, i+1)
					}
				}
			}
		}
	}
}
