//go:build !unix

package main

import "testing"

func mustFIFO(t *testing.T, _ string) {
	t.Helper()
	t.Skip("no FIFOs on this system")
}
