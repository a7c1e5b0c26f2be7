package output

import "runtime"

// itemsPerChunk is how many items (findings, results) one worker encodes
// at a time: enough to make a goroutine and a buffer cheap beside them.
const itemsPerChunk = 1024

// worthChunks reports whether n items are worth encoding on several cores.
func worthChunks(n int) bool { return runtime.GOMAXPROCS(0) > 1 && n >= 4*itemsPerChunk }

// inOrder encodes items 0..n-1 in chunks on all cores and hands each
// chunk's bytes to emit in order. A run with a hundred thousand findings
// spent a tenth of a second (JSON) to half a second (SARIF, text with
// snippets) encoding them on one core after every worker had finished.
// encode appends items lo..hi-1 to buf and returns it; a written chunk's
// buffer is the next chunk's, so that the document is never in memory,
// only the chunks in flight (two per core).
func inOrder(n int, encode func(buf []byte, lo, hi int) []byte, emit func([]byte)) {
	type part struct {
		b      []byte
		failed any // a panic of encode, raised again in the caller's goroutine
	}
	chunks := (n + itemsPerChunk - 1) / itemsPerChunk
	done := make([]chan part, chunks)
	for c := range done {
		done[c] = make(chan part, 1)
	}
	free := make(chan []byte, 2*runtime.GOMAXPROCS(0))
	for range cap(free) {
		free <- make([]byte, 0, 64<<10)
	}
	stop := make(chan struct{}) // closed when the caller gives up
	defer close(stop)
	go func() {
		for c := range chunks {
			var buf []byte
			select {
			case buf = <-free:
			case <-stop:
				return
			}
			go func() {
				defer func() {
					if r := recover(); r != nil {
						done[c] <- part{failed: r}
					}
				}()
				done[c] <- part{b: encode(buf[:0], c*itemsPerChunk, min(n, (c+1)*itemsPerChunk))}
			}()
		}
	}()
	for c := range chunks {
		p := <-done[c]
		if p.failed != nil {
			panic(p.failed)
		}
		emit(p.b)
		free <- p.b
	}
}
