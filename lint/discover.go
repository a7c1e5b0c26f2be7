package lint

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The first stage of a run: from the paths a user named (and the overlays
// standing in for unsaved files and standard input) to the files to lint,
// the sandbox they are read through, and which of them are reported on.

// DefaultStdinName is the name standard input is linted under when
// Options.StdinName does not give one.
const DefaultStdinName = "stdin.json"

// inputs are what discovery found.
type inputs struct {
	fsys *FS
	// files are the files to lint, in the order they were named or walked
	// (jobs are planned in this order).
	files []string
	seen  map[string]bool
	// explicit files were named (or are overlays named, or standard
	// input) and are reported on; files under dirArgs are reported on too.
	// Other files (siblings a grouped parser needs) are read but not
	// reported on.
	explicit map[string]bool
	dirArgs  []string
	// reportContext reports on every file read (Options.ReportContext).
	reportContext bool
	// errors are paths that could not be read or walked.
	errors []Diagnostic
}

// discover resolves the roots, installs overlays and standard input, and
// collects the files to lint. A non-nil error means the run cannot start.
func discover(cfg *Options, paths []string) (*inputs, error) {
	stdinName, readsStdin := cfg.stdin(paths)
	fsys, err := NewFS(cfg.roots(paths, readsStdin), cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	// Overlays first: a walked file that has one reads it.
	for p, content := range cfg.Overlays {
		fsys.Overlay(p, content)
	}
	in := &inputs{fsys: fsys, seen: map[string]bool{}, explicit: map[string]bool{}, reportContext: cfg.ReportContext}
	for _, p := range paths {
		switch {
		case p == "-":
			in.addStdin(stdinName, cfg.Stdin)
		case cfg.overlaid(p):
			// An unsaved buffer need not exist on disk yet.
			in.addNamed(cfg, p)
		default:
			in.addPath(cfg, p)
		}
	}
	if cfg.StdinName != "" && !slices.Contains(paths, "-") {
		// --stdin-filename without "-" still reads standard input.
		in.addStdin(stdinName, cfg.Stdin)
	}
	return in, nil
}

// stdin returns the name standard input is linted as, and whether the run
// reads it at all.
func (cfg *Options) stdin(paths []string) (name string, reads bool) {
	name = cfg.StdinName
	if name == "" {
		name = DefaultStdinName
	}
	return name, cfg.StdinName != "" || slices.Contains(paths, "-")
}

func (cfg *Options) overlaid(path string) bool {
	_, ok := cfg.Overlays[filepath.Clean(path)]
	if !ok {
		_, ok = cfg.Overlays[path]
	}
	return ok
}

// roots are the directories reads are confined to: each directory named,
// and for each file named (or overlaid, or standard input's name) the
// root fileRoot gives.
func (cfg *Options) roots(paths []string, readsStdin bool) []string {
	var roots []string
	for _, p := range paths {
		if p == "-" {
			continue
		}
		if cfg.overlaid(p) {
			roots = append(roots, fileRoot(p))
		} else if info, err := os.Stat(p); err == nil && !info.IsDir() {
			roots = append(roots, fileRoot(p))
		} else {
			roots = append(roots, p)
		}
	}
	if readsStdin {
		roots = append(roots, fileRoot(cfg.StdinName))
	}
	return roots
}

func (in *inputs) add(p string) {
	p = filepath.Clean(p)
	if !in.seen[p] {
		in.seen[p] = true
		in.files = append(in.files, p)
	}
}

// addStdin lints standard input as the file name. Excludes do not apply:
// what is piped in was chosen one file at a time.
func (in *inputs) addStdin(name string, content []byte) {
	in.fsys.Overlay(name, content)
	in.explicit[filepath.Clean(name)] = true
	in.add(name)
}

// addNamed adds a file the user named. Excludes apply to named files too:
// pre-commit names every staged file, and an excluded tree must stay
// excluded.
func (in *inputs) addNamed(cfg *Options, p string) {
	if cfg.Exclude != nil && cfg.Exclude(filepath.ToSlash(filepath.Clean(p))) {
		return
	}
	in.explicit[filepath.Clean(p)] = true
	in.add(p)
}

// addPath adds a named file, or the files a parser accepts under a named
// directory.
func (in *inputs) addPath(cfg *Options, p string) {
	info, err := os.Stat(p)
	if err != nil {
		in.errors = append(in.errors, Diagnostic{Range: Range{File: filepath.ToSlash(p)}, Message: describeOSError(err)})
		return
	}
	if !info.IsDir() {
		in.addNamed(cfg, p)
		return
	}
	in.dirArgs = append(in.dirArgs, filepath.Clean(p))
	walkErrs := walk(p, in.fsys, cfg.Exclude, func(f string) {
		if acceptedBy(cfg.Parsers, f) != nil {
			in.add(f)
		}
	})
	in.errors = append(in.errors, walkErrs...)
}

// reportable reports whether findings and errors in file are reported: it
// was named, or lies under a named directory. Files read only as context
// (the rest of a Terraform module when one of its files was named, as
// pre-commit does) are not reported on.
// within reports whether f is below the directory d (both clean), without
// building d's prefix: reportable runs once per finding.
func within(f, d string) bool {
	return len(f) > len(d) && f[len(d)] == filepath.Separator && strings.HasPrefix(f, d)
}

func (in *inputs) reportable(file string) bool {
	if in.reportContext {
		return true
	}
	f := filepath.Clean(filepath.FromSlash(file))
	if in.explicit[f] {
		return true
	}
	for _, d := range in.dirArgs {
		if (d == "." && !filepath.IsAbs(f) && !strings.HasPrefix(f, "..")) || f == d || within(f, d) {
			return true
		}
	}
	return false
}
