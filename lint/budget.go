package lint

import (
	"fmt"
	"time"
	"unsafe"
)

// Limits are what one job's evaluation may spend: CloudFormation intrinsics
// and YAML aliases, Terraform expressions, functions, templates and module
// instances all draw on the same Budget. A few lines of input can ask for
// exponential work (a string doubled forty times, a template that renders
// itself, modules that fan out at every level); the limits turn that into
// a positioned error instead of a run that runs out of memory or stack,
// which Go cannot recover from and which loses every file's result.
type Limits struct {
	// Steps bound time: one per expression or intrinsic evaluated, and one
	// per StepBytes bytes a function scans (a regexp over a file).
	Steps int64
	// Bytes bound memory: the bytes of every string produced, and
	// ElementCost per element of every collection produced. They are
	// charged before the value is built wherever its size is known first.
	Bytes int64
	// Depth bounds nesting that recurses through the evaluator: template
	// files rendering template files, locals and outputs referring to each
	// other, module calls.
	Depth int
	// Instances bounds module instances (count and for_each included).
	Instances int
	// Time is a backstop for work the other limits do not see; in normal
	// operation Steps ends hostile work first, so results do not depend on
	// the machine's speed.
	Time time.Duration
}

// DefaultLimits are generous for real configurations: the largest module
// trees and templates in the benchmark corpus use a few per cent of them.
// They are the base; every byte of input a job reads adds to them (Grant).
var DefaultLimits = Limits{
	Steps:     1_000_000,
	Bytes:     64 << 20,
	Depth:     256,
	Instances: 2_000,
	Time:      20 * time.Second,
}

// ElementCost is what one collection element is charged: the size of the
// node that holds it.
const ElementCost = int64(unsafe.Sizeof(Node{}))

// StepBytes is how many bytes a function scans per step charged.
const StepBytes = 4

// timeCheckEvery is how many steps pass between clock readings.
const timeCheckEvery = 1024

// Budget is one job's allowance. It is not safe for concurrent use: a job is
// evaluated by one goroutine. Once exhausted it stays exhausted, so that
// every evaluation after it ends at once (with unknown values).
type Budget struct {
	limits    Limits
	steps     int64
	bytes     int64
	depth     int
	instances int
	start     time.Time
	exhausted bool
	report    func(Range, string)
}

// NewBudget returns a budget with the given limits; report receives the
// first exhaustion, once.
func NewBudget(l Limits, report func(r Range, msg string)) *Budget {
	return &Budget{limits: l, start: time.Now(), report: report}
}

// Grant raises the limits for n bytes of input read: a file that is merely
// large is checked whole (its plain walk costs a step per node, and a node
// takes at least two bytes of text), while a few lines cannot ask for more
// than the base limits.
func (b *Budget) Grant(n int) {
	b.limits.Steps += int64(n) / 2
	b.limits.Bytes += 4 * int64(n)
}

// Exhausted reports whether the budget ran out.
func (b *Budget) Exhausted() bool { return b.exhausted }

// Step charges one evaluation step made at r.
func (b *Budget) Step(r Range) bool { return b.Steps(r, 1) }

// Steps charges n steps at r.
func (b *Budget) Steps(r Range, n int64) bool {
	if b.exhausted {
		return false
	}
	before := b.steps
	b.steps += n
	if b.steps > b.limits.Steps {
		return b.exhaust(r, fmt.Sprintf("more than %d evaluation steps", b.limits.Steps))
	}
	if before/timeCheckEvery != b.steps/timeCheckEvery && time.Since(b.start) > b.limits.Time {
		return b.exhaust(r, fmt.Sprintf("more than %s of evaluation", b.limits.Time))
	}
	return true
}

// Scan charges the work of scanning n bytes at r.
func (b *Budget) Scan(r Range, n int) bool {
	return b.Steps(r, 1+int64(n)/StepBytes)
}

// Alloc charges n bytes of values about to be produced at r; false means
// they must not be produced.
func (b *Budget) Alloc(r Range, n int64) bool {
	if b.exhausted {
		return false
	}
	if n < 0 || n > b.limits.Bytes-b.bytes {
		return b.exhaust(r, fmt.Sprintf("values larger than %d MiB", b.limits.Bytes>>20))
	}
	b.bytes += n
	return true
}

// Elements charges n collection elements about to be produced at r.
func (b *Budget) Elements(r Range, n int64) bool {
	if n < 0 || n > (1<<62)/ElementCost {
		return b.Alloc(r, -1)
	}
	return b.Alloc(r, n*ElementCost)
}

// Refund returns bytes charged for an upper bound that the value did not
// reach.
func (b *Budget) Refund(n int64) {
	if n > 0 && n <= b.bytes {
		b.bytes -= n
	}
}

// Enter charges one level of nesting at r; every successful Enter must be
// matched by a Leave.
func (b *Budget) Enter(r Range) bool {
	if b.exhausted {
		return false
	}
	if b.depth >= b.limits.Depth {
		return b.exhaust(r, fmt.Sprintf("nesting deeper than %d levels", b.limits.Depth))
	}
	b.depth++
	return true
}

// Leave ends a level of nesting Enter began.
func (b *Budget) Leave() { b.depth-- }

// Instance charges one module instance created at r.
func (b *Budget) Instance(r Range) bool {
	if b.exhausted {
		return false
	}
	if b.instances >= b.limits.Instances {
		return b.exhaust(r, fmt.Sprintf("more than %d module instances", b.limits.Instances))
	}
	b.instances++
	return true
}

// exhaust marks the budget spent and reports it, the first time.
func (b *Budget) exhaust(r Range, what string) bool {
	if !b.exhausted {
		b.exhausted = true
		if b.report != nil {
			b.report(r, what)
		}
	}
	return false
}

// Used is what the budget has spent so far, for tests and benchmarks.
func (b *Budget) Used() Limits {
	return Limits{Steps: b.steps, Bytes: b.bytes, Depth: b.depth, Instances: b.instances, Time: time.Since(b.start)}
}
