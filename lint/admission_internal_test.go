package lint

import "testing"

func TestTheDefaultBudgetFitsAFileOfTheSizeCap(t *testing.T) {
	for _, tc := range []struct {
		configured, maxFileSize, want int64
	}{
		{0, DefaultMaxFileSize, DefaultMemoryBudget},
		{0, 1 << 30, MemoryPerInputByte << 30},
		{5000, DefaultMaxFileSize, 5000},
	} {
		cfg := Options{MemoryBudget: tc.configured}
		if got := cfg.memoryBudget(tc.maxFileSize); got != tc.want {
			t.Errorf("budget %d, size cap %d: %d, want %d", tc.configured, tc.maxFileSize, got, tc.want)
		}
	}
	if MemoryPerInputByte*DefaultMaxFileSize > DefaultMemoryBudget {
		t.Errorf("a file of the default size cap needs more than the default budget")
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1536: "1.5 KiB", 3 << 20: "3.0 MiB", 5 << 30: "5120.0 MiB"} {
		if got := formatSize(n); got != want {
			t.Errorf("formatSize(%d) = %q, want %q", n, got, want)
		}
	}
}
