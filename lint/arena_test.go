package lint

import "testing"

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
	if a.nodeBlock != maxBlock {
		t.Errorf("blocks grew to %d, want %d", a.nodeBlock, maxBlock)
	}
}
