package lint_test

import (
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ecslint/ecslint/lint"
)

func TestAUnitOverTheMemoryBudgetIsRefusedAndTheOthersChecked(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.fake", "fake\nbad\n")
	write(t, dir, "big.fake", "fake\nbad\n"+strings.Repeat("x", 4000))
	write(t, dir, "z.fake", "fake\n  bad\n")
	c := cfg(2)
	c.MemoryBudget = 1000 * lint.MemoryPerInputByte
	res, err := lint.Run(c, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := spots(res), filepath.ToSlash(dir)+"/a.fake:2:1 T001\n"+filepath.ToSlash(dir)+"/a.fake:2:1 T002\n"+
		filepath.ToSlash(dir)+"/z.fake:2:3 T001\n"+filepath.ToSlash(dir)+"/z.fake:2:3 T002\n"; got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
	if len(res.Errors) != 1 {
		t.Fatalf("errors: %+v", res.Errors)
	}
	e := res.Errors[0]
	want := "too large to check within the memory budget: 3.9 KiB of input needs about 187.9 KiB, the budget is 46.9 KiB; raise --memory-budget"
	if e.Range.File != filepath.ToSlash(dir)+"/big.fake" || e.Message != want {
		t.Errorf("error %s: %q, want big.fake: %q", e.Range, e.Message, want)
	}
}

// meetingParser claims *.big files and, while parsing one, waits up to
// wait for another parse to be running beside it, recording the most that
// ever ran at once.
type meetingParser struct {
	wait     time.Duration
	inFlight atomic.Int32
	most     atomic.Int32
	met      chan struct{}
	once     sync.Once
}

func (*meetingParser) Name() string             { return "big" }
func (*meetingParser) Accepts(path string) bool { return strings.HasSuffix(path, ".big") }
func (p *meetingParser) Parse(ctx *lint.Context, paths []string) ([]*lint.Unit, bool) {
	n := p.inFlight.Add(1)
	defer p.inFlight.Add(-1)
	for {
		m := p.most.Load()
		if n <= m || p.most.CompareAndSwap(m, n) {
			break
		}
	}
	if n >= 2 {
		p.once.Do(func() { close(p.met) })
	}
	select {
	case <-p.met:
	case <-time.After(p.wait):
	}
	_, _ = ctx.ReadFile(paths[0])
	return nil, true
}

func TestLargeUnitsAreNotCheckedAtOnce(t *testing.T) {
	dir := t.TempDir()
	const size = 10000
	write(t, dir, "a.big", strings.Repeat("x", size))
	write(t, dir, "b.big", strings.Repeat("x", size))
	for _, tc := range []struct {
		name   string
		budget int64
		wait   time.Duration
		most   int32
	}{
		// Room for both: they meet (this shows the parser can see two at once).
		{"both fit", 2 * size * lint.MemoryPerInputByte, 10 * time.Second, 2},
		// Room for one: the second waits for the first to finish.
		{"one fits", 2*size*lint.MemoryPerInputByte - 1, 50 * time.Millisecond, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &meetingParser{wait: tc.wait, met: make(chan struct{})}
			res, err := lint.Run(lint.Options{Parsers: []lint.Parser{p}, Workers: 2, MemoryBudget: tc.budget}, []string{dir})
			if err != nil || len(res.Errors) != 0 || res.Files != 2 {
				t.Fatalf("err %v, errors %+v, files %d", err, res.Errors, res.Files)
			}
			if got := p.most.Load(); got != tc.most {
				t.Errorf("%d units were checked at once, want %d", got, tc.most)
			}
		})
	}
}

func TestFindingsBeyondTheCapAreAnErrorNotASilentDrop(t *testing.T) {
	dir := t.TempDir()
	// 30,000 containers, two findings each, in 120 KB: over the cap of
	// 50,000 findings that inputs under 6.4 MB get.
	write(t, dir, "many.fake", "fake\n"+strings.Repeat("bad\n", 30000))
	write(t, dir, "few.fake", "fake\nbad\n")
	res, err := lint.Run(cfg(2), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	perFile := map[string]int{}
	for _, f := range res.Findings {
		perFile[filepath.Base(f.Range.File)]++
	}
	if perFile["many.fake"] != 50000 || perFile["few.fake"] != 2 {
		t.Errorf("findings per file: %v", perFile)
	}
	if len(res.Errors) != 1 {
		t.Fatalf("errors: %+v", res.Errors)
	}
	want := "too many findings to hold within the memory budget: 50000 reported, 10000 more not (at most one per 128 bytes of input, or 50000); the file is likely generated"
	if e := res.Errors[0]; e.Range.File != filepath.ToSlash(dir)+"/many.fake" || e.Message != want {
		t.Errorf("error %s: %q, want many.fake: %q", e.Range, e.Message, want)
	}
}
