#!/usr/bin/env bash
# Runs ecslint as action.yml's inputs say; its exit code is the step's.
#
#   ECSLINT      the binary (install.sh prints it)
#   INPUT_PATHS  paths to lint, separated by white space (default ".")
#   INPUT_FORMAT, INPUT_FAIL_ON, INPUT_SARIF_FILE  as in action.yml
set -euo pipefail

args=(--format "${INPUT_FORMAT:-github}")
[ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
[ -n "${INPUT_SARIF_FILE:-}" ] && args+=(--output-sarif "$INPUT_SARIF_FILE")
read -r -a paths <<< "${INPUT_PATHS:-.}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)
# "--" ends the flags: a path cannot be taken for one.
exec "${ECSLINT:?}" "${args[@]}" -- "${paths[@]}"
