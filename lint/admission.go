package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// MemoryPerInputByte is what checking one byte of input is estimated to
// hold in memory at its peak: the bytes themselves, the positioned tree
// every parser builds (a Node is 160 bytes, a Field 72, for a value that
// may be written in ten), and the model decoded from it, 24 bytes; and
// the findings, at most one per findingInputBytes bytes of input (a
// Finding is about 350 bytes with its strings), 22 more. The first part
// was measured on the 30 MB inputs of issue 16 (a task definition of
// 270,000 environment entries peaks at 14-17 bytes per byte of input, a
// CloudFormation JSON template at 22-23) and is checked by
// TestPeakMemoryIsWithinTheAdmissionEstimate in cmd/ecslint.
const MemoryPerInputByte = 48

// findingInputBytes is the input that pays for one finding: a job may
// hold one finding per that many bytes of its files, and at least
// minFindingCap. A million containers in 30 MB once made four million
// findings and 5 GB; a real template has a few findings per kilobyte, a
// minified file of bare containers one per 22 bytes.
const (
	findingInputBytes = 16
	minFindingCap     = 10000
)

// maxFindings is how many findings a job of input bytes may hold.
func maxFindings(input int64) int {
	return int(max(minFindingCap, input/findingInputBytes))
}

// findingCap counts the findings a job could not hold.
type findingCap struct {
	limit, dropped int
}

// diagnostic is the error that says findings were left out: a file whose
// findings are incomplete was not fully checked.
func (c *findingCap) diagnostic(file string) Diagnostic {
	return Diagnostic{
		Range: Range{File: filepath.ToSlash(file)},
		Message: fmt.Sprintf("too many findings to hold within the memory budget: %d reported, %d more not (at most one per %d bytes of input, or %d); the file is likely generated",
			c.limit, c.dropped, findingInputBytes, minFindingCap),
	}
}

// DefaultMemoryBudget is how much estimated memory the units being checked
// at one time may hold, unless Options.MemoryBudget says otherwise. It is
// never less than what one file under the size cap needs, so the default
// settings refuse no single file the cap lets through.
const DefaultMemoryBudget = 3 << 29 // 1.5 GiB

// memoryBudget is the run's budget: the configured one, or the default
// raised to fit a file as large as the size cap.
func (cfg *Options) memoryBudget(maxFileSize int64) int64 {
	if cfg.MemoryBudget > 0 {
		return cfg.MemoryBudget
	}
	return max(DefaultMemoryBudget, MemoryPerInputByte*maxFileSize)
}

// admission admits jobs by estimated memory, like a weighted semaphore:
// a job runs when what it needs fits beside the jobs already running, or
// when nothing else runs. So two large units are never checked at once,
// while small files still run on every core.
type admission struct {
	budget  int64
	changed func(int64) // Options.AdmittedMemory
	mu      sync.Mutex
	freed   *sync.Cond
	inUse   int64
}

func newAdmission(budget int64, changed func(int64)) *admission {
	a := &admission{budget: budget, changed: changed}
	a.freed = sync.NewCond(&a.mu)
	return a
}

// acquire waits until cost fits; cost is at most the budget.
func (a *admission) acquire(cost int64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for a.inUse > 0 && a.inUse+cost > a.budget {
		a.freed.Wait()
	}
	a.inUse += cost
	if a.changed != nil {
		a.changed(a.inUse)
	}
}

func (a *admission) release(cost int64) {
	a.mu.Lock()
	a.inUse -= cost
	if a.changed != nil {
		a.changed(a.inUse)
	}
	a.mu.Unlock()
	a.freed.Broadcast()
}

// run runs a job once its estimated memory is admitted, or refuses it with
// an error when the estimate alone exceeds the budget.
func (a *admission) run(fsys *FS, j *job, runJob func() jobResult) jobResult {
	input, largest := jobInputSize(fsys, j.paths)
	j.inputSize = input
	cost := MemoryPerInputByte * input
	if cost > a.budget {
		what := formatSize(input) + " of input"
		if len(j.paths) > 1 {
			what += fmt.Sprintf(" in %d files checked together", len(j.paths))
		}
		return jobResult{errors: []Diagnostic{{
			Range: Range{File: filepath.ToSlash(largest)},
			Message: fmt.Sprintf("too large to check within the memory budget: %s needs about %s, the budget is %s; raise --memory-budget",
				what, formatSize(cost), formatSize(a.budget)),
		}}}
	}
	a.acquire(cost)
	defer a.release(cost)
	return runJob()
}

// jobInputSize sums the sizes of a job's files and names the largest. A
// file that cannot be stat'ed counts as empty: reading it will fail and
// say why.
func jobInputSize(fsys *FS, paths []string) (total int64, largest string) {
	var most int64 = -1
	for _, p := range paths {
		n := fsys.size(p)
		total += n
		if n > most {
			most, largest = n, p
		}
	}
	return total, largest
}

// size is the size a read of path would see, capped at the size cap (a
// larger file is refused when read, and costs nothing to check).
func (fs *FS) size(path string) int64 {
	if b, ok := fs.overlay[filepath.Clean(path)]; ok {
		return int64(len(b))
	}
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() > fs.MaxFileSize {
		return 0
	}
	return info.Size()
}

// formatSize formats a size for a message, in the largest unit that
// keeps a digit before the point.
func formatSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
