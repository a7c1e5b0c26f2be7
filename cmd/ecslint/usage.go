package main

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// shortUsage marks a flag as another name of a long one; usage lists the
// two together.
const shortUsage = "short for --"

// shortFor registers a one-letter flag as another name of a long one,
// sharing its value.
func shortFor(fs *flag.FlagSet, short, long string) {
	fs.Var(fs.Lookup(long).Value, short, shortUsage+long)
}

// usageHeader is what usage says before the flags.
const usageHeader = `usage: ecslint [flags] [PATH...]
       ecslint init [FILE]   write a starter .ecslint.yaml
       ecslint config-schema  print the config file's JSON Schema
       ecslint rules [--format json]  list the rules
       ecslint explain [--lang ja|zh|ko|fr] RULE  document a rule (ID or name), in English or a translation
       ecslint completion bash|zsh|fish  print a shell completion script
       ecslint lsp [--config FILE]  run the language server on standard input and output

Lints ECS task definitions and related resources in raw JSON, CloudFormation and Terraform.
PATH defaults to "."; "-" reads standard input (name it with --stdin-filename).

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error or a file that could not be checked, 3 ecslint itself crashed (no results written).

Flags:
`

// printUsage writes the help: on standard output when asked for (--help),
// where a pager or grep can read it. Long flags are shown with two dashes,
// as users write them, and with their short name if they have one.
func printUsage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprint(w, usageHeader)
	shorts := map[string]string{}
	var longs []*flag.Flag
	fs.VisitAll(func(f *flag.Flag) {
		if long, ok := strings.CutPrefix(f.Usage, shortUsage); ok {
			shorts[long] = f.Name
			return
		}
		longs = append(longs, f)
	})
	sort.Slice(longs, func(i, j int) bool { return longs[i].Name < longs[j].Name })
	for _, f := range longs {
		name := "--" + f.Name
		if len(f.Name) == 1 {
			name = "-" + f.Name
		}
		if s, ok := shorts[f.Name]; ok {
			name = "-" + s + ", " + name
		}
		typ, usage := flag.UnquoteUsage(f)
		if typ != "" {
			name += " " + typ
		}
		fmt.Fprintf(w, "  %s\n    \t%s", name, usage)
		if d := f.DefValue; d != "" && d != "false" && d != "0" {
			if typ == "string" {
				d = fmt.Sprintf("%q", d)
			}
			fmt.Fprintf(w, " (default %s)", d)
		}
		fmt.Fprintln(w)
	}
}

// flagNames are the flags as a shell completes them: --long, and -s for
// the short ones.
func flagNames(fs *flag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) {
		if len(f.Name) == 1 {
			names = append(names, "-"+f.Name)
		} else {
			names = append(names, "--"+f.Name)
		}
	})
	sort.Strings(names)
	return names
}
