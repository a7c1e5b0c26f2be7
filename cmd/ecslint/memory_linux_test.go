package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// memoryBase is what a run holds whatever its input: the runtime, the
// rules and schemas, a few buffers (a one-file run peaks near 15 MB).
const memoryBase = 64 << 20

// The admission estimate is only a bound if a real run stays under it:
// these check the peak resident memory of the binary (one process, no
// supervisor) on the 30 MB inputs of issue 16 that have nothing wrong, so
// no finding adds to what the input itself costs.
func TestPeakMemoryIsWithinTheAdmissionEstimate(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("builds 30 MB inputs; the race detector multiplies memory")
	}
	for _, tc := range []struct {
		name, file string
		content    func(size int) string
		size       int
		// clean says the file has nothing wrong: no finding adds to
		// what the input itself costs.
		clean bool
		// perByte, when set, bounds the peak beyond the estimate: at
		// most perByte bytes per byte of input above memoryBase (issue
		// 16's target is 10).
		perByte int64
	}{
		// Too large to validate, it drops its tree as it is decoded
		// (ecsdoc.Doc.Releasing): 10.2 bytes per byte, 12.9 before.
		{"task definition with a large environment", "taskdef.json", cleanTaskDefinition, 30 << 20, true, 10},
		// Each task definition's document checked and dropped as it is
		// decoded (lint.CheckDocEarly): 11.8 bytes per byte, 20.7 before;
		// 355-362 MiB, under 10 per byte above the base (364 MiB), held to
		// 11 so that a CI machine's RSS noise cannot fail it.
		{"CloudFormation JSON with many task definitions", "template.json", cleanTemplate, 30 << 20, true, 11},
		// The costliest shape per byte, estimated by its objects: five
		// findings per container, capped.
		{"bare containers", "containers.json", bareContainers, 3 << 20, false, 0},
		{"bare containers in block YAML", "template.yaml", bareContainersYAML, 4 << 20, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			content := tc.content(tc.size)
			if err := os.WriteFile(filepath.Join(dir, tc.file), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			peak, r := peakRSS(t, dir, "--format", "json", tc.file)
			if tc.clean && (r.code != ExitOK || !strings.Contains(r.stdout, `"findings": []`)) ||
				!tc.clean && (r.code != ExitError || !strings.Contains(r.stdout, "too many findings to hold")) {
				t.Fatalf("exit %d, stdout %.300s, stderr %.300s", r.code, r.stdout, r.stderr)
			}
			bound := lint.MemoryEstimate([]byte(content)) + memoryBase
			t.Logf("%d bytes of input: peak %d MB, %.1f bytes per byte of input", len(content), peak>>20, float64(peak)/float64(len(content)))
			if peak > bound {
				t.Errorf("peak %d MB is over the estimate %d MB", peak>>20, bound>>20)
			}
			if limit := tc.perByte*int64(len(content)) + memoryBase; tc.perByte > 0 && peak > limit {
				t.Errorf("peak %d MB is over %d bytes per byte of input and the base, %d MB", peak>>20, tc.perByte, limit>>20)
			}
		})
	}
}

// A file whose estimate alone is over the budget is refused before it is
// parsed: a million bare containers in 30 MB once peaked at 3.5 GB and
// took a minute.
func TestAMillionContainersAreRefusedNotExhausted(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("builds a 30 MB input")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "million.json"), []byte(bareContainers(30_888_892)), 0o644); err != nil {
		t.Fatal(err)
	}
	peak, r := peakRSS(t, dir, "--format", "json", "million.json")
	// The estimate follows the size of the model's structs, which grow
	// with the model; what matters is that it is over the budget.
	refused := regexp.MustCompile(`"message": "too large to check within the memory budget: 29\.5 MiB of input needs about [0-9]{4,}\.[0-9] MiB, the budget is 1536\.0 MiB; raise --memory-budget"`)
	if r.code != ExitError || !refused.MatchString(r.stdout) ||
		!strings.Contains(r.stdout, `"findings": []`) {
		t.Fatalf("exit %d, stdout %.600s, stderr %.300s", r.code, r.stdout, r.stderr)
	}
	// The bytes read ahead to count the containers, and the base.
	if bound := int64(30_888_892) + memoryBase; peak > bound {
		t.Errorf("peak %d MB, want under %d MB", peak>>20, bound>>20)
	}
	t.Logf("peak %d MB", peak>>20)
}

// peakRSS runs the test binary as ecslint in one process and returns its
// peak resident memory in bytes. A child's maximum resident size on Linux
// starts at its parent's: Go starts a process by vfork and exec, and exec
// carries the high-water mark of the memory it replaces, here the test
// process's, which built 30 MB inputs. So the run is started by a
// measuring process (the test binary again, see init), small and freshly
// started, which reports its child's peak in a file.
func peakRSS(t *testing.T, dir string, args ...string) (int64, binaryRun) {
	t.Helper()
	report := filepath.Join(t.TempDir(), "maxrss")
	r, _ := runBinaryState(t, dir, []string{noSupervisorEnv + "=1", measureEnv + "=" + report}, args...)
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatalf("no peak reported: %v; stderr %.300s", err, r.stderr)
	}
	kb, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return kb << 10, r // Linux reports kilobytes
}

// measureEnv names the file in which the test binary, started with it,
// reports the peak resident memory of the run it starts in turn.
const measureEnv = "ECSLINT_TEST_MEASURE_TO"

// init makes the test binary, started with measureEnv, the measuring
// process of peakRSS: it runs itself without measureEnv, passing its
// arguments, input and output through, and exits as the run did.
func init() {
	report := os.Getenv(measureEnv)
	if report == "" {
		return
	}
	cmd := exec.Command(os.Args[0], os.Args[1:]...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, measureEnv+"=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		fmt.Fprintln(os.Stderr, "measuring process:", err)
		os.Exit(125)
	}
	usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		fmt.Fprintln(os.Stderr, "measuring process: no resource usage")
		os.Exit(125)
	}
	if err := os.WriteFile(report, []byte(strconv.FormatInt(usage.Maxrss, 10)), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "measuring process:", err)
		os.Exit(125)
	}
	os.Exit(cmd.ProcessState.ExitCode())
}

// cleanTaskDefinition is a hardened task definition of about size bytes,
// most of it environment entries.
func cleanTaskDefinition(size int) string {
	var b strings.Builder
	b.WriteString(`{"family": "f", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
  "containerDefinitions": [{"name": "web", "image": "nginx@sha256:` + strings.Repeat("a", 64) + `", "essential": true,
    "readonlyRootFilesystem": true, "user": "1000", "privileged": false, "memory": 512, "cpu": 256,
    "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "p"}},
    "linuxParameters": {"capabilities": {"drop": ["ALL"]}, "initProcessEnabled": true},
    "environment": [`)
	for i := 0; b.Len() < size-100; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n      {\n        \"name\": \"VAR_%d\",\n        \"value\": \"value-%d\"\n      }", i, i)
	}
	b.WriteString("\n    ]}]}\n")
	return b.String()
}

// bareContainers is a minified list of about size bytes of containers
// with nothing but a name and an image.
func bareContainers(size int) string {
	var b strings.Builder
	b.WriteString("[")
	for i := 0; b.Len() < size-100; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"name":"c%d","image":"x"}`, i)
	}
	b.WriteString("]\n")
	return b.String()
}

// bareContainersYAML is a CloudFormation YAML template of about size bytes
// whose one task definition lists containers with nothing but a name and
// an image, in block style.
func bareContainersYAML(size int) string {
	var b strings.Builder
	b.WriteString("Resources:\n  TD:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n")
	for i := 0; b.Len() < size-100; i++ {
		fmt.Fprintf(&b, "        - Name: c%d\n          Image: x\n", i)
	}
	return b.String()
}

// cleanTemplate is a CloudFormation JSON template of about size bytes of
// hardened task definitions.
func cleanTemplate(size int) string {
	var b strings.Builder
	b.WriteString(`{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {`)
	for i := 0; b.Len() < size-600; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"TD%d": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Family": "f%d", "ContainerDefinitions": [{"Name": "web", "Image": "nginx@sha256:%s", "ReadonlyRootFilesystem": true, "User": "1000", "Privileged": false, "LogConfiguration": {"LogDriver": "awslogs", "Options": {"awslogs-group": "g", "awslogs-region": "us-east-1"}}, "LinuxParameters": {"Capabilities": {"Drop": ["ALL"]}}}]}}`,
			i, i, strings.Repeat("a", 64))
	}
	b.WriteString("}}\n")
	return b.String()
}
