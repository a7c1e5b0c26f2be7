package lint

import (
	"testing"
	"unsafe"
)

func TestArenaHandsOutDistinctValues(t *testing.T) {
	var a Arena
	seen := map[*Node]bool{}
	seenF := map[*Field]bool{}
	for i := range 1000 {
		n := a.Node(StringNode)
		if seen[n] || n.Kind != StringNode || n.Text != "" || n.Fields != nil {
			t.Fatalf("node %d reused or not fresh: %+v", i, n)
		}
		seen[n] = true
		f := a.Field("k", Range{}, n)
		if seenF[f] || f.Key != "k" || f.Value != n {
			t.Fatalf("field %d reused or wrong: %+v", i, f)
		}
		seenF[f] = true
	}
	if a.nodeBlock != maxNodeBlock || a.fieldBlock != maxBlock {
		t.Errorf("blocks grew to %d nodes and %d fields, want %d and %d", a.nodeBlock, a.fieldBlock, maxNodeBlock, maxBlock)
	}
	// A full block is a size class of its own, with nothing to spare.
	if size := maxNodeBlock * int(unsafe.Sizeof(Node{})); size > 32<<10 || 32<<10-size >= int(unsafe.Sizeof(Node{})) {
		t.Errorf("a block of %d nodes is %d bytes", maxNodeBlock, size)
	}
}
