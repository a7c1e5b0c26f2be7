// Command gendocs writes docs/rules from the rules' metadata; `go generate
// ./rules` runs it. cmd/ecslint's TestRuleDocs fails when the files are stale.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/rules"
	"github.com/ecslint/ecslint/rules/ruledoc"
)

func main() {
	out := flag.String("out", "docs/rules", "directory to write")
	flag.Parse()
	// SUP001 is reported by the engine, but documented like any rule.
	files, err := ruledoc.Files(formats.All(), append(rules.All(), lint.SuppressionRule))
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
	if err := os.MkdirAll(*out, 0o750); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
	old, _ := filepath.Glob(filepath.Join(*out, "*.md"))
	for _, f := range old {
		if _, keep := files[filepath.Base(f)]; !keep {
			_ = os.Remove(f) // a removed rule's page
		}
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(*out, name), []byte(content), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
	}
}
