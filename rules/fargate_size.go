package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// This file is ECS000's check of a Fargate task's size: ECS registers a
// task definition whose requiresCompatibilities include FARGATE (even
// beside EC2) only with a task-level cpu and memory that form one of the
// combinations the ECS Developer Guide tables ("Troubleshoot Amazon ECS
// task definition invalid CPU or memory errors"; RegisterTaskDefinition's
// cpu and memory), and answers anything else with "Invalid 'cpu' setting
// for task" (Terraform: "No Fargate configuration exists for given
// values").

// fargateSize is one row of the table: a cpu value and the memory (MiB)
// it takes, from min to max in steps of step.
type fargateSize struct {
	cpu, min, max, step int64
	// linuxOnly rows (under 1 vCPU, and 8 and 16 vCPU) are not offered
	// to Windows containers.
	linuxOnly bool
}

var fargateSizes = []fargateSize{
	{cpu: 256, min: 512, max: 2048, step: 512, linuxOnly: true},
	{cpu: 512, min: 1024, max: 4096, step: 1024, linuxOnly: true},
	{cpu: 1024, min: 2048, max: 8192, step: 1024},
	{cpu: 2048, min: 4096, max: 16384, step: 1024},
	{cpu: 4096, min: 8192, max: 30720, step: 1024},
	{cpu: 8192, min: 16384, max: 61440, step: 4096, linuxOnly: true},
	{cpu: 16384, min: 32768, max: 122880, step: 8192, linuxOnly: true},
}

// The 256 row is 512, 1024 and 2048 MiB: 1536 is not in it, though its
// step would give it.
func (s fargateSize) takes(mib int64) bool {
	if s.cpu == 256 {
		return mib == 512 || mib == 1024 || mib == 2048
	}
	return mib >= s.min && mib <= s.max && (mib-s.min)%s.step == 0
}

func (s fargateSize) describe() string {
	if s.cpu == 256 {
		return "512, 1024 or 2048 MiB"
	}
	return fmt.Sprintf("%d to %d MiB in steps of %d", s.min, s.max, s.step)
}

// parseTaskCPU reads a task-level cpu as the API does: CPU units ("1024")
// or vCPUs ("1 vCPU", ".25 vcpu"). False for text it does not read so.
func parseTaskCPU(s string) (int64, bool) {
	return parseUnits(s, "vcpu")
}

// parseTaskMemory reads a task-level memory: MiB ("2048") or GB ("2 GB",
// "0.5GB").
func parseTaskMemory(s string) (int64, bool) {
	return parseUnits(s, "gb")
}

// parseUnits reads a whole number, or a number with the unit (worth 1024
// of the whole numbers) that comes to a whole number.
func parseUnits(s, unit string) (int64, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n <= 0 {
			return 0, false
		}
		return n, true
	}
	lower := strings.ToLower(s)
	if !strings.HasSuffix(lower, unit) {
		return 0, false
	}
	num := strings.TrimSpace(lower[:len(lower)-len(unit)])
	if num == "" || strings.ContainsAny(num, "eE+-") {
		return 0, false
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f <= 0 || f > 1<<20 {
		return 0, false
	}
	v := f * 1024
	if v != float64(int64(v)) {
		return 0, false
	}
	return int64(v), true
}

// requiresFargate reports a task definition whose requiresCompatibilities is
// known to include FARGATE.
func requiresFargate(td *lint.TaskDefinition) bool {
	_, ok := fargateCompatibility(td)
	return ok
}

// fargateCompatibility returns the FARGATE of td's requiresCompatibilities.
func fargateCompatibility(td *lint.TaskDefinition) (lint.String, bool) {
	for _, c := range td.RequiresCompatibilities {
		if v, ok := lint.Is(c, "FARGATE"); ok {
			return v, true
		}
	}
	return lint.String{}, false
}

// checkFargateSize reports a Fargate task definition's cpu and memory that
// ECS would not register. Values it cannot read (unknown, or text that is
// neither a number nor one with its unit) are left alone: they are not
// known to be wrong.
func checkFargateSize(p *lint.Pass, td *lint.TaskDefinition) {
	fargate, ok := fargateCompatibility(td)
	if !ok {
		// A bare list of container definitions has no task level, and
		// so no requiresCompatibilities either.
		return
	}
	for _, missing := range []struct {
		v    lint.String
		name string
	}{{td.Cpu, "cpu"}, {td.Memory, "memory"}} {
		if missing.v.State == lint.Unset {
			// At FARGATE, what makes the value required.
			p.Report(taskFinding(td, fargate.Range, "fargate/no-"+missing.name, fmt.Sprintf(
				"task definition requires FARGATE but sets no task-level %s: Fargate tasks must have one", missing.name)))
		}
	}
	seen := map[string]bool{}
	report := func(at lint.Range, key, msg string) {
		id := fmt.Sprint(at, key, msg)
		if !seen[id] {
			seen[id] = true
			p.Report(taskFinding(td, at, key, msg))
		}
	}
	windows := td.IsWindows()
	for _, v := range []struct {
		v    lint.String
		name string
		read func(string) (int64, bool)
	}{{td.Cpu, "cpu", parseTaskCPU}, {td.Memory, "memory", parseTaskMemory}} {
		for _, x := range v.v.Possible() {
			switch _, ok := v.read(x.V); {
			case x.State == lint.Unknown:
				p.Notef(x.Range, "task %s of %s is not known offline; whether Fargate runs its size is not checked", v.name, quote(td.Name))
			case x.Known() && !ok:
				p.Notef(x.Range, "task %s %s of %s is not a number ECS000 reads; its Fargate size is not checked", v.name, quote(x.V), quote(td.Name))
			}
		}
	}
	for _, cpu := range td.Cpu.Possible() {
		if !cpu.Known() {
			continue
		}
		units, ok := parseTaskCPU(cpu.V)
		if !ok {
			continue
		}
		size, found := fargateSize{}, false
		for _, s := range fargateSizes {
			if s.cpu == units {
				size, found = s, true
			}
		}
		if !found {
			report(cpu.Range, "fargate/cpu", fmt.Sprintf(
				"task cpu %s is not a size Fargate runs: 256, 512, 1024, 2048, 4096, 8192 or 16384 CPU units (.25 to 16 vCPU)", quote(cpu.V)))
			continue
		}
		if windows && size.linuxOnly {
			report(cpu.Range, "fargate/cpu", fmt.Sprintf(
				"task cpu %s is not offered to Windows containers on Fargate, which take 1024, 2048 or 4096 CPU units", quote(cpu.V)))
			continue
		}
		for _, mem := range td.Memory.Possible() {
			if !mem.Known() {
				continue
			}
			mib, ok := parseTaskMemory(mem.V)
			if !ok || size.takes(mib) {
				continue
			}
			written := quote(mem.V)
			if strconv.FormatInt(mib, 10) != mem.V {
				written += fmt.Sprintf(" (%d MiB)", mib)
			}
			report(mem.Range, "fargate/memory", fmt.Sprintf(
				"task memory %s is not valid on Fargate with cpu %s, which takes %s", written, quote(cpu.V), size.describe()))
		}
	}
}
