// Command gencorpus writes a synthetic repository for benchmarking ecslint:
//
//	go run ./cmd/ecslint/internal/corpus/gencorpus -n 10000 -seed 1 -out /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/ecslint/ecslint/cmd/ecslint/internal/corpus"
)

func main() {
	n := flag.Int("n", 10000, "number of files to write (about)")
	seed := flag.Uint64("seed", 1, "seed: the same seed writes the same corpus")
	out := flag.String("out", "", "directory to write into (created; must be empty or absent)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gencorpus: -out is required")
		os.Exit(2)
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		fmt.Fprintf(os.Stderr, "gencorpus: %s is not empty\n", *out)
		os.Exit(2)
	}
	st, err := corpus.Generate(*out, *n, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	fmt.Printf("%d files, %.1f MB: %d Terraform, %d CloudFormation, %d task definitions, %d other\n",
		st.Files, float64(st.Bytes)/(1<<20), st.Terraform, st.CloudFormation, st.TaskDefs, st.Noise)
}
