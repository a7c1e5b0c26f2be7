package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ecslint/ecslint/config"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/linter"
)

// `ecslint rules test DIR...` checks a rule pack against example files
// that say what they expect, so that a security team can keep its pack
// in CI. DIR holds the pack's .ecslint.yaml and the examples (any
// format, any depth). An example expects findings with a comment
// `want ORG001 [ORG002...]` (after # or //) at the end of the line the
// finding is on, or alone on the line before it; a file without comments
// (raw JSON) has a sidecar FILE.want of `LINE RULE...` lines. Only the
// pack's custom rules run. The test fails when a finding is not expected,
// an expected one is missing, or a custom rule has no example that
// expects it.

// wantComment is an expectation in a comment.
var wantComment = regexp.MustCompile(`(?:#|//)\s*want((?:\s+[A-Za-z][A-Za-z0-9-]*)+)\s*$`)

// expectation is a rule expected on a line of a file.
type expectation struct {
	file string
	line int
	rule string
}

func runRulesTest(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ecslint rules test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: ecslint rules test DIR...   (each DIR holds a .ecslint.yaml with custom-rules and example files with `# want ORG001` comments)")
		return ExitError
	}
	code := ExitOK
	for _, dir := range fs.Args() {
		c, err := testPack(dir, stdout)
		if err != nil {
			return configError(stderr, err)
		}
		code = max(code, c)
	}
	return code
}

// testPack tests one directory; the code is ExitFindings when an
// expectation failed.
func testPack(dir string, stdout io.Writer) (int, error) {
	cfg := filepath.Join(dir, config.FileName)
	if _, err := os.Stat(cfg); err != nil {
		return 0, fmt.Errorf("%s: a rule pack's directory holds its %s: %w", dir, config.FileName, err)
	}
	plan, err := linter.Prepare(linter.Settings{Rules: allRules(), ConfigPath: cfg}, []string{dir})
	if err != nil {
		return 0, err
	}
	var ids []string
	for _, r := range plan.Known {
		if r.Meta().Custom {
			ids = append(ids, r.Meta().ID)
		}
	}
	if len(ids) == 0 {
		return 0, fmt.Errorf("%s: no custom-rules to test", cfg)
	}
	plan, err = linter.Prepare(linter.Settings{Rules: allRules(), ConfigPath: cfg, Only: ids}, []string{dir})
	if err != nil {
		return 0, err
	}
	res, err := plan.Run()
	if err != nil {
		return 0, err
	}
	if len(res.Errors) > 0 {
		var lines []string
		for _, e := range res.Errors {
			lines = append(lines, e.Range.String()+": "+e.Message)
		}
		return 0, fmt.Errorf("%s", strings.Join(lines, "\n"))
	}
	wants, err := expectations(dir)
	if err != nil {
		return 0, err
	}
	got := map[expectation]lint.Finding{}
	for _, f := range res.Findings {
		got[expectation{file: filepath.ToSlash(filepath.Clean(f.Range.File)), line: int(f.Range.Start.Line), rule: f.RuleID}] = f
	}
	byName := map[string]string{}
	for _, r := range plan.Known {
		byName[strings.ToLower(r.Meta().Name)] = r.Meta().ID
		byName[strings.ToLower(r.Meta().ID)] = r.Meta().ID
	}
	var failures []string
	expected := map[string]bool{}
	want := map[expectation]bool{}
	for _, w := range wants {
		id, ok := byName[strings.ToLower(w.rule)]
		if !ok {
			failures = append(failures, fmt.Sprintf("%s:%d: want %s: no such rule", w.file, w.line, w.rule))
			continue
		}
		w.rule = id
		want[w] = true
		expected[id] = true
		if _, ok := got[w]; !ok {
			failures = append(failures, fmt.Sprintf("%s:%d: want %s, but it reported nothing on this line", w.file, w.line, id))
		}
	}
	for e, f := range got {
		if !want[e] {
			failures = append(failures, fmt.Sprintf("%s:%d: unexpected %s: %s", e.file, e.line, e.rule, lint.Printable(f.Message)))
		}
	}
	for _, id := range ids {
		if !expected[id] {
			failures = append(failures, fmt.Sprintf("%s: %s: no example expects it (add a `# want %s` comment where it must report)", cfg, id, id))
		}
	}
	slices.Sort(failures)
	for _, f := range failures {
		fmt.Fprintln(stdout, "FAIL "+f)
	}
	status := "ok"
	if len(failures) > 0 {
		status = "FAIL"
	}
	fmt.Fprintf(stdout, "%s %s: %d rules, %d expected findings, %d failures\n", status, dir, len(ids), len(want), len(failures))
	if len(failures) > 0 {
		return ExitFindings, nil
	}
	return ExitOK, nil
}

// expectations reads every example's want comments and .want sidecars.
func expectations(dir string) ([]expectation, error) {
	var out []expectation
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := lint.ReadOwnFile(p, 1<<20)
		if err != nil {
			return nil // not an example ecslint can read: the run reports it
		}
		file := filepath.ToSlash(filepath.Clean(p))
		if strings.HasSuffix(p, ".want") {
			target := strings.TrimSuffix(file, ".want")
			for i, line := range strings.Split(string(data), "\n") {
				fields := strings.Fields(line)
				if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
					continue
				}
				n, err := strconv.Atoi(fields[0])
				if err != nil || len(fields) < 2 {
					return fmt.Errorf("%s:%d: a .want line is a line number and rule IDs or names", file, i+1)
				}
				for _, r := range fields[1:] {
					out = append(out, expectation{file: target, line: n, rule: r})
				}
			}
			return nil
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
		line := 0
		for sc.Scan() {
			line++
			text := sc.Text()
			m := wantComment.FindStringSubmatchIndex(text)
			if m == nil {
				continue
			}
			at := line
			if strings.TrimSpace(text[:m[0]]) == "" {
				at = line + 1 // alone on its line: about the next one
			}
			for _, r := range strings.Fields(text[m[2]:m[3]]) {
				out = append(out, expectation{file: file, line: at, rule: r})
			}
		}
		return nil
	})
	return out, err
}
