package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// repo1000 writes a repository of 1,000 files: 500 task-definition JSON
// files, 300 CloudFormation templates and 20 Terraform modules of ten
// files each.
func repo1000(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 500 {
		write(fmt.Sprintf("taskdefs/%03d/task.json", i), taskJSON)
	}
	for i := range 300 {
		write(fmt.Sprintf("cfn/%03d.yaml", i), taskYAML)
	}
	for m := range 20 {
		write(fmt.Sprintf("tf/m%02d/main.tf", m), tfMain)
		write(fmt.Sprintf("tf/m%02d/variables.tf", m), "variable \"privileged\" {\n  default = true\n}\n")
		for i := range 8 {
			write(fmt.Sprintf("tf/m%02d/r%d.tf", m, i), fmt.Sprintf("resource \"aws_ecs_task_definition\" \"t%d\" {\n  family = \"t%d\"\n  container_definitions = jsonencode([{name = \"c\", image = \"nginx:1.25\", privileged = true}])\n}\n", i, i))
		}
	}
	return dir
}

// BenchmarkRelintOneFile measures what a keystroke costs once the debounce
// fires: linting one open file of a 1,000-file repository from its buffer
// and turning the result into diagnostics (the goal is under 50 ms).
func BenchmarkRelintOneFile(b *testing.B) {
	dir := repo1000(b)
	for _, file := range []string{"taskdefs/250/task.json", "cfn/150.yaml", "tf/m10/main.tf"} {
		b.Run(filepath.Ext(file)[1:], func(b *testing.B) {
			s := newServer(Options{})
			path := filepath.Join(dir, file)
			src, err := os.ReadFile(path)
			if err != nil {
				b.Fatal(err)
			}
			s.docs[path] = &document{uri: uriOf(path), text: src}
			key := target(path)
			b.ResetTimer()
			for range b.N {
				s.lintAndPublish(key)
			}
			b.StopTimer()
			if len(s.itemsIn(path)) == 0 {
				b.Fatalf("%s: no diagnostics", file)
			}
		})
	}
}
