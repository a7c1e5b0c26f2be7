package main

import (
	"fmt"
	"io"

	"github.com/ecslint/ecslint/config"
)

// subcommandUsage is what `ecslint SUBCOMMAND --help` prints. A
// subcommand's own parsing took --help for an argument: a rule, a shell
// or, for init, the name of the file to write.
var subcommandUsage = map[string]string{
	"init":          "usage: ecslint init [FILE]\n\nWrites a commented starter config to FILE (default " + config.FileName + "); never overwrites a file.\n",
	"config-schema": "usage: ecslint config-schema\n\nPrints the JSON Schema that " + config.FileName + " is validated against.\n",
	"rules":         "usage: ecslint rules [--format text|json]\n\nLists every rule: ID, name, severity, Security Hub controls and summary.\n",
	"explain":       explainUsage + "\n\nPrints a rule's rationale, fix and examples, in the language --lang names, else the messages locale's (LC_ALL, LC_MESSAGES, LANG), else English.\n",
	"completion":    "usage: ecslint completion bash|zsh|fish\n\nPrints a shell completion script: source <(ecslint completion bash).\n",
	"lsp": "usage: ecslint lsp [--config FILE] [--no-config] [--stdio]\n\nRuns the language server on standard input and output, for an editor to start.\n\n" +
		"  --config FILE  config file (default: .ecslint.yaml found above each file)\n  --no-config    read no config file\n" +
		"  --stdio        speak LSP on standard input and output (the only transport; accepted for clients that pass it)\n",
}

// subcommandHelp prints a subcommand's usage on standard output when it is
// asked for (`ecslint rules --help`), as the main command's --help does,
// and says whether it did (the run then exits 0).
func subcommandHelp(args []string, stdout io.Writer) bool {
	if len(args) != 3 || !isHelpFlag(args[2]) {
		return false
	}
	usage, ok := subcommandUsage[args[1]]
	if ok {
		fmt.Fprint(stdout, usage)
	}
	return ok
}

// isHelpFlag says whether arg asks for help, in the spellings the flag
// package accepts.
func isHelpFlag(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "--h":
		return true
	}
	return false
}
