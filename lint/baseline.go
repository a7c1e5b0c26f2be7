package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// Baseline is a record of accepted findings. A finding matches an entry by
// its Fingerprint (rule, file, resource, container, key; no line numbers),
// so edits elsewhere in a file do not resurface it. Entries are counted: a
// second identical finding added later is new.
//
// Files are recorded relative to Dir, the baseline file's directory, so a
// baseline matches however the paths of a later run are typed: from the
// repository root with ".", from a subdirectory, or absolute.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
	// Dir is the directory files are recorded relative to; empty means
	// the working directory, paths as the run names them.
	Dir string `json:"-"`
}

// BaselineEntry is one accepted finding. Only Fingerprint is compared; the
// other fields make the file reviewable.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	RuleID      string `json:"rule_id"`
	File        string `json:"file"`
	Resource    string `json:"resource,omitempty"`
	Container   string `json:"container,omitempty"`
	Key         string `json:"key,omitempty"`
	Message     string `json:"message"`
}

const baselineVersion = 1

// NewBaseline records findings with their paths as the run named them.
func NewBaseline(findings []Finding) *Baseline { return NewBaselineIn("", findings) }

// NewBaselineIn records findings with their paths relative to dir (the
// directory the baseline is written to), sorted so the file diffs
// cleanly.
func NewBaselineIn(dir string, findings []Finding) *Baseline {
	b := &Baseline{Version: baselineVersion, Findings: []BaselineEntry{}, Dir: dir}
	rel := relativeTo(dir)
	for _, f := range findings {
		file := rel(f.Range.File)
		b.Findings = append(b.Findings, BaselineEntry{
			Fingerprint: f.fingerprintOf(file), RuleID: f.RuleID, File: file,
			Resource: f.Resource, Container: f.Container, Key: f.Key, Message: f.Message,
		})
	}
	sort.SliceStable(b.Findings, func(i, j int) bool {
		a, c := b.Findings[i], b.Findings[j]
		if a.File != c.File {
			return a.File < c.File
		}
		if a.RuleID != c.RuleID {
			return a.RuleID < c.RuleID
		}
		return a.Fingerprint < c.Fingerprint
	})
	return b
}

// Write writes the baseline as indented JSON.
func (b *Baseline) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(b)
}

// ReadBaseline parses a baseline file.
func ReadBaseline(data []byte) (*Baseline, error) {
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("not a baseline file: %w", err)
	}
	if b.Version != baselineVersion {
		return nil, fmt.Errorf("unsupported baseline version %d (this ecslint writes version %d)", b.Version, baselineVersion)
	}
	return &b, nil
}

// Filter returns the findings the baseline does not account for, and how
// many it hid.
func (b *Baseline) Filter(findings []Finding) (kept []Finding, hidden int) {
	left := map[string]int{}
	for _, e := range b.Findings {
		left[e.Fingerprint]++
	}
	rel := relativeTo(b.Dir)
	for _, f := range findings {
		fp := f.fingerprintOf(rel(f.Range.File))
		if left[fp] > 0 {
			left[fp]--
			hidden++
			continue
		}
		kept = append(kept, f)
	}
	return kept, hidden
}

// relativeTo returns a function that makes a finding's file the slash
// path relative to dir; with dir empty, the file as named (normalised).
func relativeTo(dir string) func(file string) string {
	if dir == "" {
		return normalisePath
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return normalisePath
	}
	wd, _ := os.Getwd() // once: a baseline may record a hundred thousand findings
	return func(file string) string {
		p := filepath.FromSlash(file)
		if !filepath.IsAbs(p) {
			p = filepath.Join(wd, p)
		}
		rel, err := filepath.Rel(absDir, p)
		if err != nil {
			return normalisePath(file)
		}
		return filepath.ToSlash(rel)
	}
}
