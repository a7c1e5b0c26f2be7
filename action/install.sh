#!/usr/bin/env bash
# Installs an ecslint release binary into DIR and prints the binary's path.
# Used by action.yml; .ci/run runs it against a local snapshot release.
#
#   ECSLINT_VERSION       a release (0.1.0 or v0.1.0) or "latest"
#   ECSLINT_RELEASES_URL  where releases are (default: the GitHub project's)
#
# The archive is checked against the release's checksums.txt before it is
# unpacked: a download that does not match is an error, never a fallback.
set -euo pipefail

dir=${1:?usage: install.sh DIR}
version=${ECSLINT_VERSION:-latest}
releases=${ECSLINT_RELEASES_URL:-https://github.com/ecslint/ecslint/releases}

os=$(uname -s)
case "${RUNNER_OS:-$os}" in
  Linux) os=linux ;;
  macOS | Darwin) os=darwin ;;
  Windows | MINGW* | MSYS* | CYGWIN*) os=windows ;;
  *) echo "ecslint action: unsupported OS ${RUNNER_OS:-$os}" >&2; exit 1 ;;
esac
arch=$(uname -m)
case "${RUNNER_ARCH:-$arch}" in
  X64 | x86_64 | amd64) arch=amd64 ;;
  ARM64 | aarch64 | arm64) arch=arm64 ;;
  *) echo "ecslint action: unsupported architecture ${RUNNER_ARCH:-$arch}" >&2; exit 1 ;;
esac

ext=tar.gz
[ "$os" = windows ] && ext=zip
archive="ecslint_${os}_${arch}.${ext}"
if [ "$version" = latest ]; then
  url="$releases/latest/download"
else
  url="$releases/download/v${version#v}"
fi

mkdir -p "$dir"
cd "$dir"
curl --fail --silent --show-error --location --retry 3 -o "$archive" "$url/$archive"
curl --fail --silent --show-error --location --retry 3 -o checksums.txt "$url/checksums.txt"
grep " ${archive}\$" checksums.txt > archive.sha256 || {
  echo "ecslint action: $archive is not in the release's checksums.txt" >&2; exit 1
}
if command -v sha256sum > /dev/null; then
  sha256sum --check --quiet archive.sha256 >&2
else
  shasum -a 256 --check --quiet archive.sha256 >&2 # macOS
fi
if [ "$ext" = zip ]; then
  unzip -q -o "$archive" ecslint.exe
  echo "$PWD/ecslint.exe"
else
  tar -xzf "$archive" ecslint
  echo "$PWD/ecslint"
fi
