package rules

import "testing"

func TestParseTaskSizes(t *testing.T) {
	for _, c := range []struct {
		cpu  string
		want int64
		ok   bool
	}{
		{"1024", 1024, true}, {"1 vCPU", 1024, true}, {".25 vcpu", 256, true}, {"0.5vCPU", 512, true},
		{"16 VCPU", 16384, true}, {" 2048 ", 2048, true},
		{"0.3 vCPU", 0, false}, {"1 GB", 0, false}, {"vCPU", 0, false}, {"-1", 0, false}, {"1e3 vCPU", 0, false}, {"0", 0, false},
	} {
		got, ok := parseTaskCPU(c.cpu)
		if got != c.want || ok != c.ok {
			t.Errorf("parseTaskCPU(%q) = %d, %v; want %d, %v", c.cpu, got, ok, c.want, c.ok)
		}
	}
	for _, c := range []struct {
		mem  string
		want int64
		ok   bool
	}{
		{"2048", 2048, true}, {"2 GB", 2048, true}, {"0.5GB", 512, true}, {"120 gb", 122880, true},
		{"2 GiB", 0, false}, {"1.0001 GB", 0, false}, {"", 0, false},
	} {
		got, ok := parseTaskMemory(c.mem)
		if got != c.want || ok != c.ok {
			t.Errorf("parseTaskMemory(%q) = %d, %v; want %d, %v", c.mem, got, ok, c.want, c.ok)
		}
	}
}

// TestFargateSizeTable checks the table's edges, row by row, as the ECS
// Developer Guide gives them.
func TestFargateSizeTable(t *testing.T) {
	valid := map[int64][]int64{
		256:   {512, 1024, 2048},
		512:   {1024, 2048, 3072, 4096},
		1024:  {2048, 3072, 8192},
		2048:  {4096, 5120, 16384},
		4096:  {8192, 9216, 30720},
		8192:  {16384, 20480, 61440},
		16384: {32768, 40960, 122880},
	}
	invalid := map[int64][]int64{
		256:   {256, 1536, 3072},
		512:   {512, 1536, 5120},
		1024:  {1024, 2560, 9216},
		2048:  {3072, 17408},
		4096:  {7168, 31744},
		8192:  {15360, 18432, 65536},
		16384: {28672, 36864, 131072},
	}
	row := func(cpu int64) fargateSize {
		for _, s := range fargateSizes {
			if s.cpu == cpu {
				return s
			}
		}
		t.Fatalf("no row for %d", cpu)
		return fargateSize{}
	}
	for cpu, mems := range valid {
		for _, m := range mems {
			if !row(cpu).takes(m) {
				t.Errorf("cpu %d should take %d MiB", cpu, m)
			}
		}
	}
	for cpu, mems := range invalid {
		for _, m := range mems {
			if row(cpu).takes(m) {
				t.Errorf("cpu %d should not take %d MiB", cpu, m)
			}
		}
	}
}
