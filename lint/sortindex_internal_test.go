package lint

import (
	"cmp"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// TestSortIndexesIsOneSort: on any number of cores, parts odd or even,
// sortIndexes gives the permutation one sort gives (keys with many ties,
// the index breaking them).
func TestSortIndexesIsOneSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	keys := make([]int, 3*sortInParallelFrom+5)
	for i := range keys {
		keys[i] = rng.IntN(500)
	}
	compare := func(a, b int32) int {
		if c := cmp.Compare(keys[a], keys[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	}
	reversed := func(n int) []int32 {
		order := make([]int32, n)
		for i := range order {
			order[i] = int32(len(keys) - 1 - i)
		}
		return order
	}
	for _, n := range []int{10, sortInParallelFrom, len(keys)} {
		want := reversed(n)
		slices.SortFunc(want, compare)
		for _, procs := range []int{1, 2, 3, 5, 8} {
			prev := runtime.GOMAXPROCS(procs)
			got := reversed(n)
			sortIndexes(got, compare)
			runtime.GOMAXPROCS(prev)
			if !slices.Equal(got, want) {
				t.Errorf("%d indexes on %d cores: not the order one sort gives", n, procs)
			}
		}
	}
}
