// Command ecslint lints Amazon ECS task definitions and the ECS/EKS resources
// around them in raw JSON, CloudFormation and Terraform.
package main

import (
	"os"
	"runtime/debug"
)

// defaultMemoryLimit is the soft heap limit of a run: parsing a monorepo
// makes garbage much faster than it keeps data (a 10,000-file corpus keeps
// under 100 MB), and without a limit the collector lets the heap grow to
// several times that. GOMEMLIMIT overrides it.
const defaultMemoryLimit = 256 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	os.Exit(Main(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
