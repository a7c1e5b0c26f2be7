// Command ecslint lints Amazon ECS task definitions and the ECS/EKS resources
// around them in raw JSON, CloudFormation and Terraform.
package main

import (
	"os"
	"runtime/debug"
	"sync/atomic"
)

// defaultMemoryLimit is the soft heap limit of a run: parsing a monorepo
// makes garbage much faster than it keeps data (a 10,000-file corpus keeps
// under 100 MB). GOMEMLIMIT overrides it.
const defaultMemoryLimit = 256 << 20

// defaultGCPercent lets the heap grow to five times what is live before a
// collection, where Go's default is twice: under the memory limit that
// means collecting about when the heap nears the limit, a third as often
// on the corpus (peak RSS 265 MB instead of 195 MB), and never in a
// pre-commit run over a few files. GOGC overrides it.
const defaultGCPercent = 400

func main() {
	switch {
	case isLSP(os.Args):
		tuneGC()
		os.Exit(runLSP(os.Args, os.Stdin, os.Stdout, os.Stderr))
	case supervised():
		tuneGC()
		os.Exit(runChild(os.Args))
	case os.Getenv(noSupervisorEnv) != "":
		tuneGC()
		os.Exit(Main(os.Args, os.Stdin, os.Stdout, os.Stderr))
	default:
		// The parent only waits and copies: Go's default collector
		// settings suit it.
		os.Exit(supervise(os.Args, os.Stdin, os.Stdout, os.Stderr))
	}
}

// tuneGC sets the memory limit and collector pace unless the environment
// sets them, and returns a function that restores the previous settings
// (for the benchmark that measures a run as the binary makes it).
func tuneGC() (restore func()) {
	limit, percent := debug.SetMemoryLimit(-1), debug.SetGCPercent(-1)
	debug.SetGCPercent(percent) // SetGCPercent(-1) turned collection off
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
		followAdmissions.Store(true)
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(defaultGCPercent)
		}
	}
	return func() {
		followAdmissions.Store(false)
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(percent)
	}
}

// followAdmissions says the soft memory limit is ours to move (tuneGC set
// it, GOMEMLIMIT did not).
var followAdmissions atomic.Bool

// softLimit is the soft memory limit last set by memoryAdmitted.
var softLimit atomic.Int64

// memoryAdmitted raises the soft memory limit above the estimated memory
// of the units being checked, and lowers it back when they finish. Under
// a limit below what is live the collector runs without pause: a 30 MB
// CloudFormation template took three times the CPU for the same peak.
func memoryAdmitted(estimate int64) {
	if !followAdmissions.Load() {
		return
	}
	limit := max(defaultMemoryLimit, estimate+defaultMemoryLimit/2)
	if softLimit.Swap(limit) != limit {
		debug.SetMemoryLimit(limit)
	}
}
