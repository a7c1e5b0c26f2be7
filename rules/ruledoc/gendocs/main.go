// Command gendocs writes docs/rules (and its translations, docs/rules/<lang>), and the options sections of the
// config schema and of docs/config.md, from the rules' metadata; `go
// generate ./rules` runs it. cmd/ecslint's TestRuleDocs and config's
// TestSchemaIsGenerated and TestReferenceListsOptions fail when the files
// are stale.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ecslint/ecslint/config"
	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/rules"
	"github.com/ecslint/ecslint/rules/ruledoc"
)

func main() {
	out := flag.String("out", "docs/rules", "directory to write")
	schema := flag.String("schema", "", "config schema whose options section to rewrite")
	configDoc := flag.String("config-doc", "", "config reference whose rule options table to rewrite")
	flag.Parse()
	// SUP001 is reported by the engine, but documented like any rule.
	all := append(rules.All(), lint.SuppressionRule)
	files, err := ruledoc.Files(formats.All(), all)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
	if *configDoc != "" {
		if err := rewrite(*configDoc, func(b []byte) ([]byte, error) {
			doc, err := ruledoc.ConfigOptions(string(b), all)
			return []byte(doc), err
		}); err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
	}
	if *schema != "" {
		if err := rewrite(*schema, func(b []byte) ([]byte, error) { return config.GenerateSchema(b, all) }); err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
	}
	old, _ := filepath.Glob(filepath.Join(*out, "*.md"))
	translated, _ := filepath.Glob(filepath.Join(*out, "*", "*.md"))
	for _, f := range append(old, translated...) {
		rel, _ := filepath.Rel(*out, f)
		if _, keep := files[filepath.ToSlash(rel)]; !keep {
			_ = os.Remove(f) // a removed rule's page
		}
	}
	for name, content := range files {
		path := filepath.Join(*out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
	}
}

// rewrite replaces a file's content with what generate makes of it.
func rewrite(path string, generate func([]byte) ([]byte, error)) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	updated, err := generate(old)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.WriteFile(path, updated, 0o644)
}
