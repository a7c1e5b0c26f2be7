package main

// Benchmarks over a generated corpus (see internal/corpus). Run them with
//
//	go test -run '^$' -bench . -benchmem ./cmd/ecslint
//
// They generate 500 files into a temporary directory; set
// ECSLINT_BENCH_CORPUS to a directory written by
// `go run ./cmd/ecslint/internal/corpus/gencorpus` to measure that instead.
// BenchmarkFloor is the naive parse-only floor to compare BenchmarkRun with.

import (
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"go.yaml.in/yaml/v3"

	"github.com/ecslint/ecslint/cmd/ecslint/internal/corpus"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/output"
)

// benchCorpus returns a corpus directory and its file count and size.
func benchCorpus(b *testing.B) (dir string, files int, size int64) {
	b.Helper()
	dir = os.Getenv("ECSLINT_BENCH_CORPUS")
	if dir == "" {
		dir = b.TempDir()
		if _, err := corpus.Generate(dir, 500, 1); err != nil {
			b.Fatal(err)
		}
	}
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return dir, files, size
}

// reportThroughput adds files/s to the MB/s that SetBytes gives.
func reportThroughput(b *testing.B, files int) {
	b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkRun is the whole engine on all cores: walk, every parser, every
// rule, suppressions.
func BenchmarkRun(b *testing.B) {
	dir, files, size := benchCorpus(b)
	cfg := testConfig()
	cfg.Workers = 0
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lint.Run(cfg, []string{dir}); err != nil {
			b.Fatal(err)
		}
	}
	reportThroughput(b, files)
}

// BenchmarkMain adds flag parsing, config discovery, JSON output and the
// binary's collector settings: what one invocation of the binary does after
// it has started.
func BenchmarkMain(b *testing.B) {
	dir, files, size := benchCorpus(b)
	defer tuneGC()()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if code := Main([]string{"ecslint", "--format", "json", "--no-config", dir}, strings.NewReader(""), io.Discard, io.Discard); code == ExitError {
			b.Fatalf("exit %d", code)
		}
	}
	reportThroughput(b, files)
}

// BenchmarkMainFormats is BenchmarkMain in the other formats CI runs use:
// SARIF (what code scanning uploads, with snippets and fingerprints) and
// text.
func BenchmarkMainFormats(b *testing.B) {
	dir, files, size := benchCorpus(b)
	defer tuneGC()()
	for _, format := range []string{"sarif", "text"} {
		b.Run(format, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				if code := Main([]string{"ecslint", "--format", format, "--no-config", dir}, strings.NewReader(""), io.Discard, io.Discard); code == ExitError {
					b.Fatalf("exit %d", code)
				}
			}
			reportThroughput(b, files)
		})
	}
}

// BenchmarkMainCustomRules is BenchmarkMain with ten custom rules (CEL)
// loaded beside the built-in ones: compiling them once, and evaluating
// each on every resource of its kind.
func BenchmarkMainCustomRules(b *testing.B) {
	dir, files, size := benchCorpus(b)
	cfg, err := filepath.Abs("testdata/bench_custom_rules.yaml")
	if err != nil {
		b.Fatal(err)
	}
	defer tuneGC()()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if code := Main([]string{"ecslint", "--format", "json", "--config", cfg, dir}, strings.NewReader(""), io.Discard, io.Discard); code == ExitError {
			b.Fatalf("exit %d", code)
		}
	}
	reportThroughput(b, files)
}

// BenchmarkParse is each parser alone, on one core, with no rules: the
// cost of one input format, including the walk and skipping files that
// are not its own.
func BenchmarkParse(b *testing.B) {
	dir, files, size := benchCorpus(b)
	for _, p := range parsers() {
		b.Run(p.Name(), func(b *testing.B) {
			cfg := lint.Options{Parsers: []lint.Parser{p}, Workers: 1}
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := lint.Run(cfg, []string{dir}); err != nil {
					b.Fatal(err)
				}
			}
			reportThroughput(b, files)
		})
	}
}

// unitCollector is a rule that keeps every unit it is shown.
type unitCollector struct {
	mu    sync.Mutex
	units []*lint.Unit
}

var collectorMeta = lint.Meta{ID: "BEN000", Name: "collector", Severity: lint.Low}

func (c *unitCollector) Meta() *lint.Meta { return &collectorMeta }
func (c *unitCollector) Check(p *lint.Pass) {
	c.mu.Lock()
	c.units = append(c.units, p.Unit)
	c.mu.Unlock()
}

// BenchmarkRules is each rule over the corpus's parsed units, on one core:
// the rules' own cost, without parsing.
func BenchmarkRules(b *testing.B) {
	dir, _, _ := benchCorpus(b)
	col := &unitCollector{}
	if _, err := lint.Run(lint.Options{Parsers: parsers(), Rules: []lint.Rule{col}}, []string{dir}); err != nil {
		b.Fatal(err)
	}
	for _, r := range allRules() {
		b.Run(r.Meta().ID, func(b *testing.B) {
			b.ReportAllocs()
			var out []lint.Finding
			for b.Loop() {
				out = out[:0]
				for _, u := range col.units {
					r.Check(lint.NewPass(r, u, nil, &out))
				}
			}
			b.ReportMetric(float64(len(col.units))*float64(b.N)/b.Elapsed().Seconds(), "units/s")
		})
	}
}

// BenchmarkFloor is the naive floor: walk the corpus and parse every file
// ecslint would look at with the stock parsers (hclsyntax and HCL JSON for
// Terraform, yaml.v3 for YAML, encoding/json for JSON) on all cores,
// keeping nothing. No positions, no model, no rules: what ecslint costs
// above this is its own work.
func BenchmarkFloor(b *testing.B) {
	dir, files, size := benchCorpus(b)
	// all is the floor to compare BenchmarkRun with; the others split it by
	// format, for comparing with BenchmarkParse (on all cores, though).
	for _, kind := range []string{"all", "terraform", "yaml", "json"} {
		b.Run(kind, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				naivePass(b, dir, kind)
			}
			reportThroughput(b, files)
		})
	}
}

// naivePass walks dir and parses the files of a kind on all cores.
func naivePass(b *testing.B, dir, kind string) {
	var paths []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (kind == "all" || naiveKind(p) == kind) {
			paths = append(paths, p)
		}
		return nil
	})
	work := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range work {
				if err := parseNaive(p); err != nil {
					b.Error(err)
				}
			}
		})
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
}

func naiveKind(path string) string {
	switch {
	case strings.HasSuffix(path, ".tf"), strings.HasSuffix(path, ".tf.json"):
		return "terraform"
	case strings.HasSuffix(path, ".json"):
		return "json"
	}
	return "yaml"
}

func parseNaive(path string) error {
	var parse func([]byte) error
	switch {
	case strings.HasSuffix(path, ".tf"):
		parse = func(src []byte) error {
			if _, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos); diags.HasErrors() {
				return diags
			}
			return nil
		}
	case strings.HasSuffix(path, ".tf.json"):
		parse = func(src []byte) error {
			if _, diags := hcljson.Parse(src, path); diags.HasErrors() {
				return diags
			}
			return nil
		}
	case strings.HasSuffix(path, ".json"):
		parse = func(src []byte) error { var v any; return json.Unmarshal(src, &v) }
	case strings.HasSuffix(path, ".yaml"), strings.HasSuffix(path, ".yml"), strings.HasSuffix(path, ".template"):
		parse = func(src []byte) error {
			// A YAML stream may hold several documents (Kubernetes).
			dec := yaml.NewDecoder(strings.NewReader(string(src)))
			for {
				var n yaml.Node
				if err := dec.Decode(&n); err != nil {
					if err == io.EOF { //nolint:errorlint // yaml.v3 returns io.EOF itself at the end of the stream
						return nil
					}
					return err
				}
			}
		}
	default:
		return nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return parse(src)
}

// BenchmarkOutput is each output format alone over one run's result: what
// Main does after lint.Run. The run itself is done once, outside the loop.
func BenchmarkOutput(b *testing.B) {
	dir, _, _ := benchCorpus(b)
	cfg := testConfig()
	cfg.Workers = 0
	res, err := lint.Run(cfg, []string{dir})
	if err != nil {
		b.Fatal(err)
	}
	opts := output.Options{Rules: append(cfg.Rules, lint.SuppressionRule), Version: "1.2.3", BaseDir: "/repo"}
	for _, name := range []string{"json", "sarif", "text", "github", "junit"} {
		b.Run(name, func(b *testing.B) {
			f, err := output.Lookup(name)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := f.Format(io.Discard, res, opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(res.Findings)), "findings")
		})
	}
}
