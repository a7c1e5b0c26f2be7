package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/output"
)

// fuzzNames are the file names the pipeline fuzz target lints its input
// as, one per way a parser may claim a file. A new input format adds its
// names here and its fixtures to fixtures/<format>/ (the seeds).
var fuzzNames = []string{"task.json", "template.yaml", "template.yml", "stack.template", "cdk.template.json", "main.tf", "main.tf.json"}

// fuzzSeedName picks the fuzzNames entry for a seed file by its extension.
func fuzzSeedName(path string) uint8 {
	for i, n := range fuzzNames {
		if strings.HasSuffix(path, ".tf.json") && n == "main.tf.json" || filepath.Ext(n) == filepath.Ext(path) && !strings.HasSuffix(n, ".tf.json") {
			return uint8(i)
		}
	}
	return 0
}

// FuzzPipeline runs arbitrary bytes through the whole run: every parser,
// every rule, suppressions, and every output format. It must not panic (the
// engine recovers panics into "internal error" diagnostics, which count as
// failures here), and every finding and error must point inside the input.
//
// go test -fuzz FuzzPipeline -fuzztime 1m ./cmd/ecslint
func FuzzPipeline(f *testing.F) {
	var seeds []string
	_ = filepath.WalkDir("../../fixtures", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(p, ".out") {
			seeds = append(seeds, p)
		}
		return nil
	})
	if len(seeds) == 0 {
		// Without -fuzz only the seeds run: none would make the test pass
		// without linting anything.
		f.Fatal("no seeds under ../../fixtures")
	}
	// Every seed runs through the whole pipeline before fuzzing starts:
	// with all 500-odd fixtures that baseline took 8 of CI's 10 seconds.
	// A spread of at most maxSeeds small ones (every k-th, in path order,
	// so every format and most rules are among them) leaves the time to
	// mutating them.
	const maxSeeds, maxSeedBytes = 120, 2 << 10
	var small []string
	for _, s := range seeds {
		if info, err := os.Stat(s); err == nil && info.Size() <= maxSeedBytes {
			small = append(small, s)
		}
	}
	step := (len(small) + maxSeeds - 1) / maxSeeds
	for i := 0; i < len(small); i += step {
		b, err := os.ReadFile(small[i])
		if err != nil {
			f.Fatal(err)
		}
		f.Add(fuzzSeedName(small[i]), b)
	}
	// A small plan: the fixtures' plans are larger than maxSeedBytes.
	f.Add(fuzzSeedName("tfplan.json"), []byte(`{"format_version": "1.2", "planned_values": {"root_module": {"resources": [`+
		`{"address": "aws_ecs_task_definition.t", "type": "aws_ecs_task_definition", "name": "t", "values": {"family": "t", `+
		`"container_definitions": "[{\"name\":\"a\",\"image\":\"b\",\"privileged\":true}]"}}]}}}`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, kind uint8, src []byte) {
		name := filepath.Join(dir, fuzzNames[int(kind)%len(fuzzNames)])
		cfg := testConfig()
		cfg.Workers = 1
		cfg.Stdin = src
		cfg.StdinName = name
		res, err := lint.Run(cfg, []string{"-"})
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.ToSlash(name)
		lines := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 1
		inside := func(what string, r lint.Range) {
			if r.Start.IsZero() {
				return
			}
			if r.File != file || r.Start.Line < 1 || int(r.Start.Line) > lines || r.Start.Col < 1 || r.End.Before(r.Start) {
				t.Fatalf("%s at %+v, outside the %d-line input", what, r, lines)
			}
		}
		for _, e := range res.Errors {
			if strings.Contains(e.Message, "internal error") {
				t.Fatalf("%s", e.Message)
			}
			inside("error", e.Range)
		}
		for _, fd := range res.Findings {
			inside(fd.RuleID, fd.Range)
			for _, r := range fd.Redact {
				inside("redaction", r)
			}
		}
		opts := output.Options{Rules: append(cfg.Rules, lint.SuppressionRule), Version: "fuzz", BaseDir: dir}
		for _, format := range formatNames() {
			fm, err := output.Lookup(format)
			if err != nil {
				t.Fatal(err)
			}
			if err := fm.Format(&bytes.Buffer{}, res, opts); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
		}
	})
}
