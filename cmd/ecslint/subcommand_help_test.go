package main

import (
	"os"
	"strings"
	"testing"
)

// TestSubcommandHelp: every subcommand's --help is its usage on standard
// output with exit 0, as the main command's is; init never takes a flag
// for the name of the file to write.
func TestSubcommandHelp(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, sub := range subcommands {
		for _, arg := range []string{"--help", "-h"} {
			code, stdout, stderr := run(t, "", sub, arg)
			if code != ExitOK || stderr != "" || !strings.HasPrefix(stdout, "usage: ecslint "+sub) {
				t.Errorf("%s %s: exit %d, stdout %q, stderr %q", sub, arg, code, stdout, stderr)
			}
		}
	}
	code, _, stderr := run(t, "", "init", "--force")
	if want := "ecslint: init: flag provided but not defined: --force\nRun 'ecslint init --help' for usage.\n"; code != ExitError || stderr != want {
		t.Errorf("init --force: exit %d, stderr %q, want %q", code, stderr, want)
	}
	if code, _, _ := run(t, "", "init", "a.yaml", "b.yaml"); code != ExitError {
		t.Errorf("init with two files: exit %d", code)
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("help or a mistaken flag wrote files: %v", entries)
	}
	// A file name is still a file name.
	if code, stdout, stderr := run(t, "", "init", "team.yaml"); code != ExitOK || stdout != "wrote team.yaml\n" {
		t.Errorf("init team.yaml: exit %d, %q %q", code, stdout, stderr)
	}
}
