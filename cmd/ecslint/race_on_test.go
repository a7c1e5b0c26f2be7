//go:build race

package main

// raceSlowdown is how much slower the race detector makes a run: regexps
// and allocation, what the hostile budget cases do most, many times over.
const raceSlowdown = 10

// raceEnabled: the race detector multiplies memory, so memory bounds are
// not measured under it.
const raceEnabled = true
