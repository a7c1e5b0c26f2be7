package lint

import (
	"testing"
	"unsafe"
)

// A large input holds millions of positions (issue 16: peak memory under
// ten times the input): a Pos stays three int32s and a Range a file name
// and two of them.
func TestPositionSizes(t *testing.T) {
	if got := unsafe.Sizeof(Pos{}); got != 12 {
		t.Errorf("Pos is %d bytes, want 12", got)
	}
	if got := unsafe.Sizeof(Range{}); got != unsafe.Sizeof("")+24 {
		t.Errorf("Range is %d bytes, want %d", got, unsafe.Sizeof("")+24)
	}
	if MaxFileSizeLimit*3/2 > 1<<31-1 {
		t.Error("a UTF-16 file at the size limit decodes past what an int32 offset holds")
	}
}
