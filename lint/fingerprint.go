package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Fingerprint identifies a finding across edits: it hashes the rule, the
// file, the resource, the container and the key, but no line or column, so
// that a line inserted above a finding does not make it new. Baselines and
// SARIF partialFingerprints both use it.
//
// A finding without a key (a rule that reports an absent field) still has
// its rule, resource and container, which is as stable as the source allows.
func (f Finding) Fingerprint() string { return f.fingerprintOf(normalisePath(f.Range.File)) }

// fingerprintOf is the fingerprint with the finding's file named file
// (a baseline names files relative to its own directory).
func (f Finding) fingerprintOf(file string) string {
	// The parts, each ended by a NUL, hashed at once: feeding them to a
	// hash.Hash one by one allocated the hash and a copy of every part,
	// for each finding of a SARIF log or a baseline.
	var buf [256]byte
	b := buf[:0]
	for _, part := range [...]string{f.RuleID, file, f.Resource, f.Container, f.Key} {
		b = append(b, part...)
		b = append(b, 0)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16]) // 32 hex digits
}

// normalisePath makes "./a/b.json" and "a/b.json" the same file.
func normalisePath(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	return p
}
