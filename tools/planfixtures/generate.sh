#!/usr/bin/env bash
# generate.sh regenerates the plan fixtures in fixtures/plan/ with a real
# OpenTofu, so that they track the real `tofu show -json` format.
#
#   tools/planfixtures/generate.sh             # every scenario
#   tools/planfixtures/generate.sh eks_cluster # only the named ones
#
# For each scenario, a directory fixtures/plan/<scenario>/ holding the
# configuration (.tf, terraform.tfvars, local modules), it writes
# fixtures/plan/<scenario>/tfplan.json: the output of
# `tofu plan -out=tfplan` then `tofu show -json tfplan`. A scenario with a
# prior/ directory is first applied from prior/ (its `tofu show -json` state
# is written as prior/state.json, beside the configuration it was made
# from, as ecslint matches a state to the root module in its directory),
# then planned from its own configuration
# against that state, so its plan has updates, replacements and deletes.
#
# What it needs: Go and python3, and the Go module proxy, nothing else.
#  - OpenTofu is built from its module source (github.com/opentofu/opentofu
#    at TOFU_VERSION; `go install` refuses it because of a replace
#    directive, so it is built in a writable copy). That takes minutes; the
#    binary is cached in $PLANFIXTURES_CACHE (default
#    ~/.cache/ecslint-planfixtures) and reused.
#  - The AWS provider cannot be downloaded here. tools/planfixtures/provider
#    (its own Go module, so ecslint's go.mod gains nothing) is a stand-in
#    that declares the real provider's schemas for the resources ecslint
#    reads and stores whatever it is given. A CLI config with dev_overrides
#    (TF_CLI_CONFIG_FILE) makes `hashicorp/aws` resolve to it, offline.
#
# The output is made reproducible: each scenario runs in a scratch copy (no
# .terraform/ or state is left in the tree), the JSON is pretty-printed
# with two-space indents in tofu's key order, keeping Go's escaping of <, >
# and &, the plan's "timestamp" is set to a fixed value, and
# relevant_attributes (which tofu lists in map order) are sorted. Running the
# script twice gives the same bytes. CI does not run it: the tests read the
# committed output.
set -euo pipefail

TOFU_VERSION=v1.10.6

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
fixtures=$repo/fixtures/plan
cache=${PLANFIXTURES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ecslint-planfixtures}
tofu=$cache/tofu-$TOFU_VERSION

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

log() { printf '%s\n' "$*" >&2; }

build_tofu() {
	if [[ -x $tofu ]]; then
		return
	fi
	log "building OpenTofu $TOFU_VERSION (once; cached as $tofu)"
	local dir src
	dir=$(go mod download -json "github.com/opentofu/opentofu@$TOFU_VERSION" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')
	src=$work/tofu-src
	# The module cache is read-only, and the build must resolve the replace
	# directive in OpenTofu's own go.mod: build in a writable copy.
	cp -R "$dir" "$src"
	chmod -R u+w "$src"
	mkdir -p "$cache"
	# version.dev=no is what release builds set: the plan's
	# terraform_version is then "1.10.6", not "1.10.6-dev".
	(cd "$src" && GOFLAGS=-mod=mod go build -trimpath \
		-ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$tofu.tmp" ./cmd/tofu)
	mv "$tofu.tmp" "$tofu"
	rm -rf "$src"
}

build_provider() {
	log "building the test provider"
	mkdir -p "$work/providers"
	(cd "$here/provider" && go build -trimpath -o "$work/providers/terraform-provider-aws" .)
	cat >"$work/tofurc" <<-EOF
		provider_installation {
		  dev_overrides {
		    "registry.opentofu.org/hashicorp/aws" = "$work/providers"
		  }
		  direct {}
		}
	EOF
}

# normalise reads `tofu show -json` output and writes it pretty-printed,
# with the run's scratch directory, timestamp and the order of
# relevant_attributes made constant.
normalise() {
	python3 -c '
import json, sys
work, = sys.argv[1:]
doc = json.loads(sys.stdin.read().replace(work, "/scratch"))
if "timestamp" in doc:
    doc["timestamp"] = "2000-01-01T00:00:00Z"
# tofu sorts relevant_attributes by resource only; attributes of one
# resource come in map order.
if "relevant_attributes" in doc:
    doc["relevant_attributes"].sort(key=lambda r: (r["resource"], json.dumps(r["attribute"])))
out = json.dumps(doc, indent=2, ensure_ascii=False)
# Go escapes these in every string, as tofu prints them; so does the fixture.
for c, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
               ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
    out = out.replace(c, esc)
sys.stdout.write(out + "\n")
' "$1"
}

run_tofu() {
	TF_CLI_CONFIG_FILE=$work/tofurc TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1 \
		"$tofu" "$@"
}

# copy_config copies a directory's configuration (every file the
# configuration may read: .tf, .tfvars, the JSON a file() reads; not the
# generated fixtures, nor prior/) into a scratch directory.
copy_config() {
	local from=$1 to=$2
	mkdir -p "$to"
	(cd "$from" && find . -type f -not -path './prior/*' -not -name tfplan.json -not -name state.json -print0 |
		while IFS= read -r -d '' f; do
			mkdir -p "$to/$(dirname "$f")"
			cp "$f" "$to/$f"
		done)
}

generate() {
	local name=$1 src=$fixtures/$1 dir=$work/run/$1
	log "scenario $name"
	mkdir -p "$dir"
	if [[ -d $src/prior ]]; then
		copy_config "$src/prior" "$dir"
		(cd "$dir" && run_tofu get -no-color >/dev/null &&
			run_tofu apply -no-color -auto-approve >/dev/null &&
			run_tofu show -no-color -json) | normalise "$work" >"$src/prior/state.json"
		find "$dir" -maxdepth 1 -type f -not -name 'terraform.tfstate*' -not -name '.terraform.lock.hcl' -delete
	fi
	copy_config "$src" "$dir"
	(cd "$dir" && run_tofu get -no-color >/dev/null &&
		run_tofu plan -no-color -out=tfplan >/dev/null &&
		run_tofu show -no-color -json tfplan) | normalise "$work" >"$src/tfplan.json"
}

build_tofu
build_provider
if (($# == 0)); then
	set -- $(cd "$fixtures" && for d in */; do [[ -n $(find "$d" -maxdepth 1 -name '*.tf') ]] && echo "${d%/}"; done)
fi
for name in "$@"; do
	generate "$name"
done
