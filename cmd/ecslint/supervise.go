package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"github.com/fatih/color"
)

// ExitCrashed: the checking process died (out of memory, a stack overflow,
// killed by a signal) before it finished, so nothing was checked for sure
// and nothing was written to standard output. It is distinct from
// ExitError, which means the run finished and some file could not be
// checked.
const ExitCrashed = 3

// Out of memory and stack overflow are fatal errors in Go, not panics: no
// recover() sees them, and the runtime exits with status 2, the code that
// means "a file could not be checked". So the binary runs the lint in a
// child process of itself and watches it: the child reports a finished run
// by exiting with childExitBase plus the real exit code, and anything else
// (a fatal error, a signal, the kernel's OOM killer) is a crash.
const (
	// supervisedEnv marks the child; its value is "1".
	supervisedEnv = "ECSLINT_SUPERVISED"
	// noSupervisorEnv, set to anything, runs the lint in the process
	// itself (no child): for debuggers and profilers.
	noSupervisorEnv = "ECSLINT_NO_SUPERVISOR"
	// stdoutTerminalEnv tells the child whether the parent's standard
	// output is a colour terminal, as the child's is a file.
	stdoutTerminalEnv = "ECSLINT_STDOUT_TERMINAL"
	// childExitBase is added to a finished child's exit code. The Go
	// runtime exits with 2 on a fatal error and signals give none, so a
	// code at or above the base can only come from a finished run.
	childExitBase = 100
)

// crashHook, when set, runs in the child before the lint; only tests set
// it, to make the child die the ways a real run can.
var crashHook func()

// supervised reports whether this process is the child that lints.
func supervised() bool { return os.Getenv(supervisedEnv) == "1" }

// runChild is the child's main: lint, then say the run finished.
func runChild(args []string) int {
	if crashHook != nil {
		crashHook()
	}
	return childExitBase + Main(args, os.Stdin, os.Stdout, os.Stderr)
}

// supervise runs ecslint in a child process and returns the exit code to
// exit with. The child's standard output goes to a temporary file and is
// copied out only when the child finished, so a crash never leaves half a
// JSON document or SARIF log that a consumer could take for a result. The
// child's standard error is passed through as it is written.
func supervise(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	exe, err := os.Executable()
	if err != nil {
		// Without a path to ourselves there is no child to run: lint
		// here, unsupervised, rather than not at all.
		tuneGC()
		return Main(args, stdin, stdout, stderr)
	}
	held, replay, cleanup := holdOutput()
	defer cleanup()

	watch := &crashWatcher{w: stderr}
	cmd := exec.Command(exe, args[1:]...) //nolint:gosec // G702: this binary, with the user's own arguments
	cmd.Args[0] = args[0]
	cmd.Env = append(os.Environ(), supervisedEnv+"=1", stdoutTerminalEnv+"="+terminalFlag(stdout))
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, held, watch

	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "ecslint: cannot start the checking process: %v\n", err)
		return ExitError
	}
	var forwarded os.Signal
	var mu sync.Mutex
	stopForwarding := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-signals:
				mu.Lock()
				forwarded = s
				mu.Unlock()
				_ = cmd.Process.Signal(s)
			case <-stopForwarding:
				return
			}
		}
	}()
	waitErr := cmd.Wait()
	close(stopForwarding)

	mu.Lock()
	interrupted := forwarded
	mu.Unlock()
	code, finished := childOutcome(cmd.ProcessState, waitErr)
	if finished {
		if err := replay(stdout); err != nil {
			fmt.Fprintf(stderr, "ecslint: writing output: %v\n", err)
			return ExitError
		}
		return code
	}
	if interrupted != nil {
		fmt.Fprintf(stderr, "ecslint: interrupted (%v); no results were written\n", interrupted)
		return 128 + signalNumber(interrupted)
	}
	cause := crashCause(cmd.ProcessState, waitErr, watch.fatal())
	advice := "Please report this with the input that caused it."
	if strings.Contains(cause, "out of memory") {
		advice = "A lower --memory-budget or -j checks fewer files at once; please report the input that caused it."
	}
	fmt.Fprintf(stderr, "ecslint: the checking process crashed (%s) before it finished; no results were written (exit code %d). %s\n",
		cause, ExitCrashed, advice)
	return ExitCrashed
}

// holdOutput returns where the child writes its standard output, a
// function that copies what it wrote to w, and one that cleans up. The
// output is held in a temporary file, as a large run writes hundreds of
// megabytes; where none can be created, in memory.
func holdOutput() (held io.Writer, replay func(w io.Writer) error, cleanup func()) {
	f, err := os.CreateTemp("", "ecslint-stdout-*")
	if err != nil {
		var buf bytes.Buffer
		return &buf, func(w io.Writer) error {
			_, err := w.Write(buf.Bytes())
			return err
		}, func() {}
	}
	replay = func(w io.Writer) error {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		_, err := io.Copy(w, f)
		return err
	}
	return f, replay, func() {
		_ = f.Close()
		_ = os.Remove(f.Name())
	}
}

// childOutcome returns the run's exit code and true when the child
// finished the run.
func childOutcome(state *os.ProcessState, waitErr error) (int, bool) {
	if state == nil {
		return 0, false
	}
	var exitErr *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &exitErr) {
		return 0, false
	}
	code := state.ExitCode() - childExitBase
	if code < 0 || code > ExitError {
		return 0, false
	}
	return code, true
}

// crashCause says in a few words how the child died.
func crashCause(state *os.ProcessState, waitErr error, fatal string) string {
	if fatal != "" {
		return fatal
	}
	if state != nil {
		if ws, ok := state.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			cause := "killed by signal: " + ws.Signal().String()
			if ws.Signal() == syscall.SIGKILL {
				cause += "; the system may have run out of memory"
			}
			return cause
		}
		return fmt.Sprintf("exit status %d", state.ExitCode())
	}
	return waitErr.Error()
}

func signalNumber(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return int(n)
	}
	return 1
}

// terminalFlag is "1" when w is this process's standard output and a
// colour terminal.
func terminalFlag(w io.Writer) string {
	if f, ok := w.(*os.File); ok && f == os.Stdout && !color.NoColor {
		return "1"
	}
	return "0"
}

// stdoutIsColorTerminal reports whether standard output is a colour
// terminal: in the child, as the parent saw it.
func stdoutIsColorTerminal() bool {
	if supervised() {
		return os.Getenv(stdoutTerminalEnv) == "1"
	}
	return !color.NoColor
}

// crashWatcher passes the child's standard error through and remembers
// the first line in which the Go runtime names a fatal error or an
// unrecovered panic.
type crashWatcher struct {
	w       io.Writer
	mu      sync.Mutex
	partial []byte
	first   string
}

// maxWatchedLine bounds what the watcher holds of a line without a newline.
const maxWatchedLine = 512

func (c *crashWatcher) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	rest := p
	for len(rest) > 0 {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			room := maxWatchedLine - len(c.partial)
			c.partial = append(c.partial, rest[:min(room, len(rest))]...)
			break
		}
		room := max(maxWatchedLine-len(c.partial), 0)
		c.partial = append(c.partial, rest[:min(i, room)]...)
		c.note(string(c.partial))
		c.partial = c.partial[:0]
		rest = rest[i+1:]
	}
	return c.w.Write(p)
}

func (c *crashWatcher) note(line string) {
	if c.first != "" {
		return
	}
	if strings.HasPrefix(line, "fatal error: ") || strings.HasPrefix(line, "panic: ") {
		c.first = strings.TrimSpace(line)
	}
}

func (c *crashWatcher) fatal() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.first == "" && len(c.partial) > 0 {
		c.note(string(c.partial))
	}
	return c.first
}
