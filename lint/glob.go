package lint

import (
	"path"
	"slices"
	"strings"
)

// MatchGlob matches a slash path against a glob in which * and ? stay
// within a path segment and ** spans any number of segments, none
// included (legacy/** matches legacy itself). A leading "./" on either
// side is ignored. A malformed segment ("[a") matches nothing.
//
// Globs come from the scanned repository's config, so matching must not
// blow up on a hostile one: it runs in O(glob segments × path segments)
// segment matches, whatever the number of ** (a backtracking matcher is
// exponential in it).
func MatchGlob(glob, name string) bool {
	return matchSegments(strings.Split(normalisePath(glob), "/"), strings.Split(normalisePath(name), "/"))
}

// matchSegments is a dynamic programme over the path: after each glob
// segment, at[j] says whether the glob so far matches the first j path
// segments.
func matchSegments(glob, name []string) bool {
	at := make([]bool, len(name)+1)
	next := make([]bool, len(name)+1)
	at[0] = true
	for i, g := range glob {
		if g == "**" {
			if i > 0 && glob[i-1] == "**" {
				continue // a run of ** is one **
			}
			// Any number of segments: reachable from any earlier prefix.
			reached := false
			for j := range at {
				reached = reached || at[j]
				next[j] = reached
			}
		} else {
			next[0] = false
			for j := range name {
				next[j+1] = at[j] && segmentMatches(g, name[j])
			}
		}
		at, next = next, at
		if !slices.Contains(at, true) {
			return false // no prefix matches: neither will a longer glob
		}
	}
	return at[len(name)]
}

// segmentMatches matches one path segment; path.Match is linear-ish in
// the segment (it does not backtrack across *).
func segmentMatches(glob, segment string) bool {
	ok, err := path.Match(glob, segment)
	return ok && err == nil
}
