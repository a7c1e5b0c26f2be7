// Package output writes a lint.Result in the formats users read: text for
// terminals, JSON for editors and scripts. Each format builds its own
// output structs; internal types are never marshalled directly, so a
// refactor cannot change what users' scripts parse.
package output

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// Options tune the formats.
type Options struct {
	// Color enables ANSI colours in text output.
	Color bool
	// Verbose adds notes (modules not evaluated, refused file reads).
	Verbose bool
	// Rules is every rule known to the run, for formats that describe them.
	Rules []lint.Rule
	// Version is ecslint's version.
	Version string
	// BaseDir is the absolute directory relative file paths are relative to
	// (the working directory): SARIF names it as %SRCROOT%.
	BaseDir string
	// RuleHints ends text output with where to read about each rule that
	// found something, once per rule (the CLI's, not the rule pages'
	// examples).
	RuleHints bool
}

// Formatter writes a result.
type Formatter interface {
	Format(w io.Writer, res *lint.Result, opts Options) error
}

var formatters = map[string]Formatter{
	"text":   Text{},
	"json":   JSON{},
	"sarif":  SARIF{},
	"github": GitHub{},
	"junit":  JUnit{},
	// For CI systems and review tools (see each type).
	"gitlab":     GitLab{},
	"checkstyle": Checkstyle{},
	"compact":    Compact{},
}

// Lookup returns the formatter for a name.
func Lookup(name string) (Formatter, error) {
	if f, ok := formatters[name]; ok {
		return f, nil
	}
	return nil, fmt.Errorf("unknown format %q: expected one of %s", name, strings.Join(Names(), ", "))
}

// ShowsSource reports whether the named format shows source text
// (snippets), so a run must keep the files findings point into.
func ShowsSource(name string) bool { return name == "text" || name == "sarif" }

// Names lists the format names, sorted and quoted.
func Names() []string {
	var out []string
	for n := range formatters {
		out = append(out, fmt.Sprintf("%q", n))
	}
	sort.Strings(out)
	return out
}
