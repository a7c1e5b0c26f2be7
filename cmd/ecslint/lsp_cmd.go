package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/ecslint/ecslint/linter"
	"github.com/ecslint/ecslint/lsp"
)

// isLSP reports the language server subcommand. It runs in the process
// itself, not under the supervisor: the supervisor holds a run's standard
// output until the run ends, and a language server's output is its
// conversation with the editor. A crash of the server ends the session,
// which the editor reports; it cannot pass for a clean lint.
func isLSP(args []string) bool { return len(args) > 1 && args[1] == "lsp" }

// runLSP serves LSP on standard input and output until the editor exits.
func runLSP(args []string, stdin io.Reader, stdout io.Writer, stderr io.Writer) int {
	fs := flag.NewFlagSet("ecslint lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "config file (default: .ecslint.yaml found above each file)")
	noConfig := fs.Bool("no-config", false, "read no config file")
	_ = fs.Bool("stdio", true, "speak LSP on standard input and output (the only transport)")
	if err := fs.Parse(args[2:]); err != nil {
		return ExitError
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "ecslint lsp: unexpected argument %q\n", fs.Arg(0))
		return ExitError
	}
	opts := lsp.Options{
		Settings: linter.Settings{
			Parsers:    parsers(),
			Rules:      allRules(),
			ConfigPath: *configPath,
			NoConfig:   *noConfig,
		},
		Version: ecslintVersion(),
	}
	if err := lsp.Serve(context.Background(), stdioStream{stdin, stdout}, opts); err != nil {
		fmt.Fprintf(stderr, "ecslint lsp: %v\n", err)
		return ExitError
	}
	return ExitOK
}

// stdioStream is standard input and output as the one stream LSP runs on.
type stdioStream struct {
	io.Reader
	io.Writer
}

func (stdioStream) Close() error {
	// Closing the real standard streams would hide a late error message;
	// the process exits right after.
	return nil
}
