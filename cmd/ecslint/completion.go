package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/ecslint/ecslint/lint/output"
)

// subcommands are the words that may come first instead of a path.
var subcommands = []string{"init", "config-schema", "rules", "explain", "completion", "lsp"}

// runCompletion prints a completion script for a shell. The scripts are
// made from the flag set, so a new flag completes without editing them.
func runCompletion(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: ecslint completion bash|zsh|fish")
		return ExitError
	}
	flags := flagNames(newFlagSet(&options{}))
	formats := strings.Join(unquoted(output.Names()), " ")
	words := strings.Join(append(append([]string{}, subcommands...), flags...), " ")
	langs := strings.ReplaceAll(langList(), ",", "")
	switch args[0] {
	case "bash":
		fmt.Fprintf(stdout, bashCompletion, formats, words, langs)
	case "zsh":
		// zsh runs bash completion functions through bashcompinit.
		fmt.Fprintf(stdout, "#compdef ecslint\nautoload -U +X bashcompinit && bashcompinit\n"+bashCompletion, formats, words, langs)
	case "fish":
		fmt.Fprintln(stdout, "# ecslint completion for fish: ecslint completion fish | source")
		fmt.Fprintf(stdout, "complete -c ecslint -f -n '__fish_use_subcommand' -a '%s'\n", strings.Join(subcommands, " "))
		fmt.Fprintf(stdout, "complete -c ecslint -n '__fish_seen_subcommand_from completion' -f -a 'bash zsh fish'\n")
		fmt.Fprintln(stdout, `complete -c ecslint -n '__fish_seen_subcommand_from explain' -f -a "(ecslint rules 2>/dev/null | string match -r '^[A-Z]+[0-9]+')"`)
		fmt.Fprintf(stdout, "complete -c ecslint -n '__fish_seen_subcommand_from explain' -l lang -x -a '%s'\n", langs)
		for _, f := range flags {
			switch f {
			case "--format", "-f":
				fmt.Fprintf(stdout, "complete -c ecslint %s -x -a '%s'\n", fishFlag(f), formats)
			case "--fail-on":
				fmt.Fprintf(stdout, "complete -c ecslint %s -x -a 'critical high medium low none'\n", fishFlag(f))
			case "--color":
				fmt.Fprintf(stdout, "complete -c ecslint %s -x -a 'auto always never'\n", fishFlag(f))
			default:
				fmt.Fprintf(stdout, "complete -c ecslint %s\n", fishFlag(f))
			}
		}
	default:
		fmt.Fprintf(stderr, "ecslint: completion: unknown shell %q: expected bash, zsh or fish\n", args[0])
		return ExitError
	}
	return ExitOK
}

func fishFlag(f string) string {
	if strings.HasPrefix(f, "--") {
		return "-l " + f[2:]
	}
	return "-s " + f[1:]
}

func unquoted(quoted []string) []string {
	out := make([]string, len(quoted))
	for i, q := range quoted {
		out[i] = strings.Trim(q, `"`)
	}
	return out
}

// bashCompletion completes flags, subcommands, the values of the flags
// that have a fixed set, rule IDs after explain, and files otherwise.
// %[1]s is the formats, %[2]s the subcommands and flags, %[3]s the
// languages of explain --lang.
const bashCompletion = `# ecslint completion for bash: source <(ecslint completion bash)
_ecslint() {
  local cur prev
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    --format|-f) COMPREPLY=($(compgen -W "%[1]s" -- "$cur")); return ;;
    --fail-on) COMPREPLY=($(compgen -W "critical high medium low none" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
    --lang) COMPREPLY=($(compgen -W "%[3]s" -- "$cur")); return ;;
    explain|--only|--enable|--disable)
      COMPREPLY=($(compgen -W "$(ecslint rules 2>/dev/null | grep -o '^[A-Z][A-Z]*[0-9][0-9]*')" -- "$cur")); return ;;
  esac
  if [[ "$cur" == -* || $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "%[2]s" -- "$cur"))
    [[ "$cur" == -* ]] && return
  fi
  COMPREPLY+=($(compgen -f -- "$cur"))
}
complete -o filenames -F _ecslint ecslint
`
