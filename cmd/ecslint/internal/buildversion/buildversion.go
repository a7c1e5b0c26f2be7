// Package buildversion says which ecslint a binary is, from what the Go
// toolchain recorded when it was built, so that `go install ...@v0.1.0`, a
// release archive and a build from a clone each report something a bug
// report and a SARIF consumer can use, instead of one fixed "dev".
package buildversion

import (
	"runtime/debug"
	"strings"
)

// Unknown is the version of a binary built without module or VCS
// information (go build -buildvcs=false outside a module cache, go run of
// a copied tree).
const Unknown = "dev"

// FromBuild returns override when it is set (a release build passes
// -ldflags "-X main.version=..."), and otherwise what debug.ReadBuildInfo
// recorded for this binary.
func FromBuild(override string) string {
	info, _ := debug.ReadBuildInfo()
	return Resolve(override, info)
}

// Resolve picks the version, most specific first:
//
//  1. override, set by the release process with -ldflags;
//  2. the main module's version: v0.1.0 for `go install ...@v0.1.0`, or
//     the pseudo-version the go command derives from a clone's commit;
//  3. the VCS revision, when the go command recorded one but no version;
//  4. Unknown.
//
// A leading "v" is dropped so that a tag's release archive (GoReleaser
// passes the tag without it) and `go install` of the same tag print the
// same version.
func Resolve(override string, info *debug.BuildInfo) string {
	if override != "" {
		return override
	}
	if info == nil {
		return Unknown
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return strings.TrimPrefix(v, "v")
	}
	var revision string
	var modified bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if revision == "" {
		return Unknown
	}
	const shortRevision = 12 // as Go's pseudo-versions abbreviate commits
	if len(revision) > shortRevision {
		revision = revision[:shortRevision]
	}
	// Semantic-version build metadata, so SARIF's semanticVersion holds.
	v := "0.0.0-dev+" + revision
	if modified {
		v += ".dirty"
	}
	return v
}
