package main

import (
	"fmt"
	"os"
	"path/filepath"
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
	}{
		{"task definition with a large environment", "taskdef.json", cleanTaskDefinition},
		{"CloudFormation JSON with many task definitions", "template.json", cleanTemplate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			content := tc.content(30 << 20)
			if err := os.WriteFile(filepath.Join(dir, tc.file), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			peak, r := peakRSS(t, dir, "--format", "json", tc.file)
			if r.code != ExitOK || !strings.Contains(r.stdout, `"findings": []`) {
				t.Fatalf("exit %d, stdout %.300s, stderr %.300s", r.code, r.stdout, r.stderr)
			}
			bound := lint.MemoryPerInputByte*int64(len(content)) + memoryBase
			t.Logf("%d bytes of input: peak %d MB, %.1f bytes per byte of input", len(content), peak>>20, float64(peak)/float64(len(content)))
			if peak > bound {
				t.Errorf("peak %d MB is over the estimate %d MB", peak>>20, bound>>20)
			}
		})
	}
}

// peakRSS runs the test binary as ecslint in one process and returns its
// peak resident memory in bytes.
func peakRSS(t *testing.T, dir string, args ...string) (int64, binaryRun) {
	t.Helper()
	r, state := runBinaryState(t, dir, []string{noSupervisorEnv + "=1"}, args...)
	usage, ok := state.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Fatal("no resource usage for the run")
	}
	return usage.Maxrss << 10, r // Linux reports kilobytes
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
