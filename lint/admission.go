package lint

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"unsafe"
)

// MemoryPerInputByte is what checking one byte of input is estimated to
// hold in memory at its peak, for the common shapes: the bytes
// themselves, the positioned tree every parser builds (a Node is 120
// bytes, a Field 64, for a value that may be written in ten), the model
// decoded from it, the findings (at most about 3 bytes per byte, see
// findingInputBytes) and the collector's headroom. Measured on the 30 MB
// inputs of issue 16: a task definition of 400,000 environment entries
// peaks at 13 bytes per byte of input, a CloudFormation JSON template of
// 73,000 task definitions at 19; TestPeakMemoryIsWithinTheAdmissionEstimate
// in cmd/ecslint checks both. The costliest shape, objects listed in a
// sequence (a JSON array, a YAML list), is estimated by its objects
// instead (see MemoryEstimate).
const MemoryPerInputByte = 48

// findingInputBytes is the input that pays for one finding: a job may
// hold one finding per that many bytes of its files, and at least
// minFindingCap. A million containers in 30 MB once made four million
// findings and 5 GB; a real template has a few findings per kilobyte (the
// benchmark corpus one per 420 bytes), a minified file of bare containers
// one per 6 bytes. At one per 128 bytes a Finding (288 bytes, about 400
// with its message and key) costs at most about 3 bytes per byte of
// input; the minimum, 20 MB of findings at most, lets a file under 6 MB
// be as dense as it likes up to it.
const (
	findingInputBytes = 128
	minFindingCap     = 50000
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
	// Each file's size (see FS.size), on the stack for the usual job of a
	// file or a few: a stat per file, once.
	var small [4]int64
	sizes := small[:0]
	for _, p := range j.paths {
		sizes = append(sizes, fsys.size(p))
	}
	input, largest := jobInputSize(j.paths, sizes)
	j.inputSize = input
	cost := jobEstimate(fsys, j.paths, sizes)
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
func jobInputSize(paths []string, sizes []int64) (total int64, largest string) {
	var most int64 = -1
	for i, p := range paths {
		n := sizes[i]
		total += n
		if n > most {
			most, largest = n, p
		}
	}
	return total, largest
}

// A byte of input costs MemoryPerInputByte for the common shapes, but one
// shape costs far more: objects listed in a sequence, each of which may
// become a Container of the model (1.3 KB, decoded from as little as
// "{}," and checked by every container rule). A million of them in 30 MB
// peaked at 3.5 GB, 115 bytes per byte. Such a file is estimated by what
// its objects cost, so that the estimate stays a bound. Measured on
// 100,000 bare containers (3 MB of JSON; 4 MB of block YAML), an object
// listed in a sequence holds 2.0 KB when the rules run (its Container,
// three Nodes and two Fields, 1.8 KB) and the peak resident memory, with
// the collector's headroom, is 2.9 to 3.4 KB per object: it is estimated at
// twice what it holds.
var itemObjectCost = 2 * int64(unsafe.Sizeof(Container{})+3*unsafe.Sizeof(Node{})+2*unsafe.Sizeof(Field{}))

// shapeScanMin is the size from which a file's shape is counted: below
// it, even a file of nothing but "{}," (43,000 objects) costs less than
// 256 MiB, which the budget's headroom absorbs, so the files of a normal
// run (the benchmark corpus's largest is 0.1 MB) are never read ahead.
const shapeScanMin = 1 << 17

// jobEstimate is the memory a job is estimated to need at its peak: the
// sum of its files' estimates (see MemoryEstimate). A file too small for
// its shape to matter is estimated by its size and not read ahead.
func jobEstimate(fsys *FS, paths []string, sizes []int64) int64 {
	var total int64
	for i, p := range paths {
		n := sizes[i]
		if n < shapeScanMin {
			total += MemoryPerInputByte * n
			continue
		}
		// Read ahead: the job's own read then takes these bytes.
		b, err := fsys.ReadFileAhead(p)
		if err != nil {
			total += MemoryPerInputByte * n
			continue
		}
		total += MemoryEstimateFor(p, b)
	}
	return total
}

// MemoryEstimate is the memory checking a file of this content is
// estimated to need at its peak: MemoryPerInputByte per byte, or, for a
// text whose sequences list many objects (see listedObjects), what they cost
// (itemObjectCost each) beside the bytes themselves and the findings the
// file may hold, whichever is more.
func MemoryEstimate(content []byte) int64 {
	n := int64(len(content))
	return max(MemoryPerInputByte*n, n+itemObjectCost*listedObjects(content)+maxFindingsCost(n))
}

// findingCost is what a finding is estimated to hold: the Finding and its
// message, key and fingerprint strings.
const findingCost = 400

// maxFindingsCost is what the findings a file of n bytes may hold cost.
func maxFindingsCost(n int64) int64 { return findingCost * int64(maxFindings(n)) }

// listedObjects counts the objects listed in the sequences of a text: in
// JSON, YAML flow style or an HCL list, each '{' that follows '[' or ','
// (spaces aside); in YAML block style, each "- " item whose line holds a
// key ("- name: web"). Either may count a brace or a colon inside a string
// too, which only raises the estimate.
func listedObjects(b []byte) int64 {
	b = skipBOM(b)
	var prev byte
	var n int64
	lineStart := true
	for i := 0; i < len(b); i++ {
		c := b[i]
		if lineStart {
			lineStart = false
			j := i
			for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
				j++
			}
			if j+1 < len(b) && b[j] == '-' && b[j+1] == ' ' && holdsKey(b[j+2:]) {
				n++
			}
		}
		switch c {
		case '\n':
			lineStart = true
			continue
		case ' ', '\t', '\r':
			continue
		}
		if c == '{' && (prev == '[' || prev == ',') {
			n++
		}
		prev = c
	}
	return n
}

// holdsKey reports whether the line that starts b holds a YAML key: a
// colon followed by a space or ending the line, before any comment.
func holdsKey(b []byte) bool {
	for i, c := range b {
		switch c {
		case '\n', '#':
			return false
		case ':':
			if i+1 == len(b) || b[i+1] == ' ' || b[i+1] == '\n' || b[i+1] == '\r' {
				return true
			}
		}
	}
	return false
}

// skipBOM drops a UTF-8 byte order mark.
func skipBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

// size is the size a read of path would see, capped at the size cap (a
// larger file is refused when read, and costs nothing to check).
func (fs *FS) size(path string) int64 {
	if b, ok := fs.overlay[filepath.Clean(path)]; ok {
		return int64(len(b))
	}
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return 0
	}
	if n := info.Size(); n > fs.MaxFileSize && (n > fs.MaxPlanFileSize || !fs.startsAsPlan(path)) {
		return 0
	}
	return info.Size()
}

// startsAsPlan reports whether the file at path starts as a Terraform plan
// or state JSON does (PlanHead): over the size cap, it has the plan cap.
func (fs *FS) startsAsPlan(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, planHeadSize)
	n, _ := io.ReadFull(f, head)
	return PlanHead(head[:n])
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
