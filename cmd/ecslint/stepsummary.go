package main

import (
	"os"
	"strings"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/output"
)

// stepSummaryEnv names the file GitHub Actions shows, as Markdown, on the
// run's summary page; each step appends to it.
const stepSummaryEnv = "GITHUB_STEP_SUMMARY"

// usesGitHub reports whether the run writes the github format, as its
// main format or as an extra output: only then is it in a GitHub Actions
// step that wants a job summary (another tool in the same job may set the
// variable for itself).
func usesGitHub(format string, outputs []string) bool {
	if format == "github" {
		return true
	}
	for _, spec := range outputs {
		if name, _, _ := strings.Cut(spec, "="); name == "github" {
			return true
		}
	}
	return false
}

// appendStepSummary appends the result's Markdown job summary to the file
// $GITHUB_STEP_SUMMARY names, when it is set.
func appendStepSummary(res *lint.Result) error {
	path := os.Getenv(stepSummaryEnv)
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644) //nolint:gosec // G302: the runner's file, read by the runner
	if err != nil {
		return err
	}
	if err := output.StepSummary(f, res); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
