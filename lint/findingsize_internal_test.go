package lint

import "testing"

// TestFindingsPerByteEstimate: nothing before any job, then the rate seen
// with a quarter to spare, bounded by the input and by 4,096.
func TestFindingsPerByteEstimate(t *testing.T) {
	var s findingsPerByte
	if n := s.estimate(1000); n != 0 {
		t.Errorf("before any job: %d", n)
	}
	s.record(100, 10_000)
	for _, c := range []struct {
		size int64
		want int
	}{{1000, 13}, {0, 0}, {64, 1}, {640, 9}, {100 << 20, 4097}} {
		if n := s.estimate(c.size); n != c.want {
			t.Errorf("estimate(%d) = %d, want %d", c.size, n, c.want)
		}
	}
}
