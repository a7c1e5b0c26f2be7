package lint

import "unsafe"

// Arena hands out Nodes and Fields from blocks: one allocation per block
// instead of one per value, as parsers make millions of them. Blocks grow
// from a few values, so a small embedded document costs little, to a few
// hundred (maxBlock, maxNodeBlock). A tree keeps its blocks alive, which
// costs little, since a file's tree lives and dies as a whole. The zero Arena is ready to use;
// it is not safe for concurrent use.
type Arena struct {
	nodes      []Node
	fields     []Field
	nodeBlock  int
	fieldBlock int
}

// maxBlock is the most fields one block holds: 16 KiB, a size class of
// its own.
const maxBlock = 256

// maxNodeBlock is the most nodes one block holds: as many as fill 32 KiB,
// a size class of its own (256 nodes would leave 2 KiB of each block
// unused, 6% of a large file's tree).
const maxNodeBlock = (32 << 10) / int(unsafe.Sizeof(Node{}))

func grow(block, most int) int { return min(max(2*block, 8), most) }

// Node returns a new Node of the given kind.
func (a *Arena) Node(kind NodeKind) *Node {
	if len(a.nodes) == 0 {
		a.nodeBlock = grow(a.nodeBlock, maxNodeBlock)
		a.nodes = make([]Node, a.nodeBlock)
	}
	n := &a.nodes[0]
	a.nodes = a.nodes[1:]
	n.Kind = kind
	return n
}

// Field returns a new Field.
func (a *Arena) Field(key string, keyRange Range, value *Node) *Field {
	if len(a.fields) == 0 {
		a.fieldBlock = grow(a.fieldBlock, maxBlock)
		a.fields = make([]Field, a.fieldBlock)
	}
	f := &a.fields[0]
	a.fields = a.fields[1:]
	*f = Field{Key: key, KeyRange: keyRange, Value: value}
	return f
}
