package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
)

// asBinaryEnv makes the test binary behave as the ecslint binary (main,
// supervisor and child), so tests can watch a real process die.
const asBinaryEnv = "ECSLINT_TEST_AS_BINARY"

// crashEnv names how the child should die; only this test binary honours it.
const crashEnv = "ECSLINT_TEST_CRASH"

func TestMain(m *testing.M) {
	if os.Getenv(asBinaryEnv) == "1" {
		crashHook = crashAsTold
		main()
	}
	os.Exit(m.Run())
}

// crashAsTold writes part of a result to standard output, as a real run
// could before it dies, then dies the way crashEnv says.
func crashAsTold() {
	how := os.Getenv(crashEnv)
	if how == "" {
		return
	}
	fmt.Fprint(os.Stdout, `{"findings": [`)
	switch how {
	case "stack":
		debug.SetMaxStack(1 << 20)
		depth = recurse(0)
	case "panic":
		done := make(chan struct{})
		go func() { panic("unrecovered in a goroutine") }()
		<-done
	case "kill":
		p, _ := os.FindProcess(os.Getpid())
		_ = p.Signal(syscall.SIGKILL)
		select {}
	case "exit2":
		os.Exit(2)
	case "hang":
		fmt.Fprintln(os.Stderr, "hanging")
		select {}
	}
}

// depth keeps recurse's result, so the call is not optimised away.
var depth int

// recurse overflows the stack, as a self-referencing template once did.
//
//go:noinline
func recurse(n int) int {
	if n < 0 { // never: n only grows
		return 0
	}
	return recurse(n+1) + 1
}

type binaryRun struct {
	code           int
	stdout, stderr string
}

// runBinary runs the test binary as ecslint in dir.
func runBinary(t *testing.T, dir string, env []string, args ...string) binaryRun {
	t.Helper()
	r, _ := runBinaryState(t, dir, env, args...)
	return r
}

// runBinaryState is runBinary that also returns the process's state.
func runBinaryState(t *testing.T, dir string, env []string, args ...string) (binaryRun, *os.ProcessState) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append(env, asBinaryEnv+"=1")...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatal(err)
	}
	return binaryRun{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}, cmd.ProcessState
}

func TestSupervisorPassesAFinishedRunThrough(t *testing.T) {
	dir := repo(t, map[string]string{"td.json": privilegedTD, "bad.json": `{"containerDefinitions": [`})
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"--format", "json", "td.json"}, ExitFindings},
		{[]string{"--format", "json", "bad.json"}, ExitError},
		{[]string{"--format", "json", "--disable", "ECS001", "--fail-on", "critical", "td.json"}, ExitOK},
	} {
		r := runBinary(t, dir, nil, tc.args...)
		if r.code != tc.code {
			t.Errorf("%v: exit %d, want %d; stderr %q", tc.args, r.code, tc.code, r.stderr)
		}
		var doc struct{ Findings, Errors []json.RawMessage }
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Errorf("%v: stdout is not the JSON result: %v\n%s", tc.args, err, r.stdout)
		}
		if strings.Contains(r.stderr, "crashed") {
			t.Errorf("%v: a finished run reported as a crash: %q", tc.args, r.stderr)
		}
	}
	if runtime.GOOS != "windows" {
		// No temporary directory: the output is held in memory instead.
		r := runBinary(t, dir, []string{"TMPDIR=" + filepath.Join(dir, "missing")}, "--format", "json", "td.json")
		if r.code != ExitFindings || !strings.Contains(r.stdout, `"ECS001"`) {
			t.Errorf("without a temporary directory: exit %d, stdout %.200q, stderr %q", r.code, r.stdout, r.stderr)
		}
	}
	r := runBinary(t, dir, nil, "--no-such-flag")
	if r.code != ExitError || !strings.Contains(r.stderr, "flag provided but not defined: -no-such-flag") {
		t.Errorf("usage error: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestACrashHasItsOwnExitCodeAndMessage(t *testing.T) {
	dir := repo(t, map[string]string{"td.json": privilegedTD})
	const report = " Please report this with the input that caused it."
	cases := []struct{ how, cause, advice string }{
		{"stack", "(fatal error: stack overflow)", report},
		{"panic", "(panic: unrecovered in a goroutine)", report},
		{"exit2", "(exit status 2)", report},
	}
	if runtime.GOOS != "windows" {
		cases = append(cases, struct{ how, cause, advice string }{"kill", "(killed by signal: killed; the system may have run out of memory)",
			" A lower --memory-budget or -j checks fewer files at once; please report the input that caused it."})
	}
	for _, tc := range cases {
		t.Run(tc.how, func(t *testing.T) {
			r := runBinary(t, dir, []string{crashEnv + "=" + tc.how}, "--format", "json", "td.json")
			if r.code != ExitCrashed {
				t.Errorf("exit %d, want %d; stderr %q", r.code, ExitCrashed, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("a crashed run wrote to stdout: %q", r.stdout)
			}
			want := "ecslint: the checking process crashed " + tc.cause + " before it finished; no results were written (exit code 3)." + tc.advice + "\n"
			if !strings.Contains(r.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, lastLines(r.stderr, 5))
			}
		})
	}
}

func TestNoSupervisorRunsInProcess(t *testing.T) {
	dir := repo(t, map[string]string{"td.json": privilegedTD})
	r := runBinary(t, dir, []string{crashEnv + "=exit2", noSupervisorEnv + "=1"}, "--format", "json", "td.json")
	// No child: the crash hook is not run, and the lint finishes here.
	if r.code != ExitFindings || !strings.Contains(r.stdout, `"ECS001"`) {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestCrashWatcherFindsTheFatalLine(t *testing.T) {
	var sink bytes.Buffer
	w := &crashWatcher{w: &sink}
	text := "ecslint: note\nruntime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow\n\nruntime stack:\npanic: later\n"
	// Written in pieces that split lines, as a pipe delivers them.
	for i := 0; i < len(text); i += 7 {
		if _, err := w.Write([]byte(text[i:min(i+7, len(text))])); err != nil {
			t.Fatal(err)
		}
	}
	if got := w.fatal(); got != "fatal error: stack overflow" {
		t.Errorf("fatal() = %q", got)
	}
	if sink.String() != text {
		t.Errorf("stderr not passed through unchanged: %q", sink.String())
	}
	long := &crashWatcher{w: &sink}
	_, _ = long.Write([]byte("fatal error: " + strings.Repeat("x", 10*maxWatchedLine)))
	if got := long.fatal(); len(got) != maxWatchedLine {
		t.Errorf("an unterminated line is held to %d bytes, got %d", maxWatchedLine, len(got))
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}

func TestTheChildColoursAsTheParentsTerminalSays(t *testing.T) {
	t.Setenv(supervisedEnv, "1")
	t.Setenv("NO_COLOR", "") // restored after the test; unset during it
	if err := os.Unsetenv("NO_COLOR"); err != nil {
		t.Fatal(err)
	}
	for flag, want := range map[string]bool{"1": true, "0": false, "": false} {
		t.Setenv(stdoutTerminalEnv, flag)
		if got := stdoutIsColorTerminal(); got != want {
			t.Errorf("%s=%q: colour terminal %v, want %v", stdoutTerminalEnv, flag, got, want)
		}
		if got, err := colorWanted("auto", os.Stdout); err != nil || got != want {
			t.Errorf("%s=%q: --color auto gives %v (%v), want %v", stdoutTerminalEnv, flag, got, err, want)
		}
	}
	// A parent whose stdout is not this process's (a buffer, a file it
	// was handed) never tells the child it is a terminal.
	if got := terminalFlag(&bytes.Buffer{}); got != "0" {
		t.Errorf("terminalFlag(buffer) = %q", got)
	}
}

func TestASignalToTheParentStopsTheChildAndSaysSo(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM to send")
	}
	dir := repo(t, map[string]string{"td.json": privilegedTD})
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "--format", "json", "td.json")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), asBinaryEnv+"=1", crashEnv+"=hang")
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The child says it hangs once it runs, so the parent is watching.
	var seen bytes.Buffer
	buf := make([]byte, 256)
	for !strings.Contains(seen.String(), "hanging\n") {
		n, err := stderr.Read(buf)
		seen.Write(buf[:n])
		if err != nil {
			t.Fatalf("child never hung: %v, stderr %q", err, seen.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(stderr)
	seen.Write(rest)
	_ = cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 128+int(syscall.SIGTERM) {
		t.Errorf("exit %d, want %d", code, 128+int(syscall.SIGTERM))
	}
	if want := "ecslint: interrupted (terminated); no results were written\n"; !strings.HasSuffix(seen.String(), want) {
		t.Errorf("stderr %q, want it to end with %q", seen.String(), want)
	}
	if stdout.Len() != 0 {
		t.Errorf("an interrupted run wrote to stdout: %q", stdout.String())
	}
}
