package lint

import (
	"runtime"
	"slices"
	"sync"
)

// sortInParallelFrom is the length from which sortIndexes uses more than one
// core: below it a goroutine per part costs more than it saves.
const sortInParallelFrom = 1 << 14

// sortIndexes sorts order by compare, which must be a total order (the
// findings' comparison with the index as the last key): then every correct
// sort gives the same permutation, whatever the number of cores. Sorting a
// run's 200,000 findings took 50 ms on one core after every worker had
// finished; here the parts are sorted on all cores and merged, pairs of
// parts at a time, also on all cores.
func sortIndexes(order []int32, compare func(a, b int32) int) {
	parts := min(runtime.GOMAXPROCS(0), 8)
	if parts < 2 || len(order) < sortInParallelFrom {
		slices.SortFunc(order, compare)
		return
	}
	bounds := make([]int, parts+1)
	for i := range bounds {
		bounds[i] = i * len(order) / parts
	}
	var wg sync.WaitGroup
	for i := range parts {
		wg.Go(func() { slices.SortFunc(order[bounds[i]:bounds[i+1]], compare) })
	}
	wg.Wait()
	src, dst := order, make([]int32, len(order))
	for len(bounds) > 2 {
		var next []int
		for i := 0; i+1 < len(bounds); i += 2 {
			lo := bounds[i]
			next = append(next, lo)
			if i+2 >= len(bounds) { // an odd part out: carried over as it is
				copy(dst[lo:bounds[i+1]], src[lo:bounds[i+1]])
				continue
			}
			mid, hi := bounds[i+1], bounds[i+2]
			wg.Go(func() { mergeIndexes(dst[lo:hi], src[lo:mid], src[mid:hi], compare) })
		}
		wg.Wait()
		next = append(next, len(order))
		bounds = next
		src, dst = dst, src
	}
	if &src[0] != &order[0] {
		copy(order, src)
	}
}

// mergeIndexes merges the sorted a and b into dst, which holds both; of
// equal elements a's come first (with a total order there are none).
func mergeIndexes(dst, a, b []int32, compare func(a, b int32) int) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if compare(b[j], a[i]) < 0 {
			dst[k] = b[j]
			j++
		} else {
			dst[k] = a[i]
			i++
		}
		k++
	}
	k += copy(dst[k:], a[i:])
	copy(dst[k:], b[j:])
}
