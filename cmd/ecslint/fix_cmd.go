package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/ecslint/ecslint/fix"
	"github.com/ecslint/ecslint/lint"
)

// fixOptions are --fix and --fix-dry-run.
type fixOptions struct {
	apply, dryRun bool
}

func (f *fixOptions) wanted() bool { return f.apply || f.dryRun }

// check refuses what cannot be fixed in place.
func (f *fixOptions) check(paths []string) error {
	if f.apply && f.dryRun {
		return errors.New("--fix and --fix-dry-run: choose one")
	}
	if f.apply && slices.Contains(paths, "-") {
		return errors.New("--fix cannot write standard input back; --fix-dry-run prints the diff")
	}
	return nil
}

// fixPlan returns the fixes of a result, their files named as output
// names them (relative to the working directory where that is shorter).
func fixPlan(res *lint.Result) ([]fix.File, error) {
	return fix.Plan(res)
}

// printFixDiff writes the unified diff of every file's fixes.
func printFixDiff(stdout io.Writer, files []fix.File) error {
	for _, f := range files {
		if err := fix.Diff(stdout, f, displayName(f.Path)); err != nil {
			return err
		}
	}
	return nil
}

// applyFixes writes the fixed files and says what it did on stderr; the
// error counts the files it could not write.
func applyFixes(stderr io.Writer, files []fix.File) error {
	fixed, written, failed := 0, 0, 0
	for _, f := range files {
		if err := fix.Write(f); err != nil {
			fmt.Fprintf(stderr, "ecslint: --fix: %v\n", lint.Printable(err.Error()))
			failed++
			continue
		}
		written++
		fixed += f.Fixed
		if f.Left > 0 {
			fmt.Fprintf(stderr, "ecslint: --fix: %s: %d fixes overlapped others and were left; run --fix again\n", lint.Printable(displayName(f.Path)), f.Left)
		}
	}
	fmt.Fprintf(stderr, "ecslint: fixed %d findings in %d files\n", fixed, written)
	if failed > 0 {
		return fmt.Errorf("%d files could not be fixed", failed)
	}
	return nil
}

// displayName is a path relative to the working directory when it is
// under it, else as given.
func displayName(path string) string {
	if filepath.IsAbs(path) {
		if rel, err := filepath.Rel(mustGetwd(), path); err == nil && filepath.IsLocal(rel) {
			return rel
		}
	}
	return path
}
