//go:build unix

package main

import (
	"syscall"
	"testing"
)

// mustFIFO makes a named pipe, which nothing will ever write to.
func mustFIFO(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
}
