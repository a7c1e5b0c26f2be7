package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
)

// Baseline is a record of accepted findings. A finding matches an entry by
// its Fingerprint (rule, file, resource, container, key; no line numbers),
// so edits elsewhere in a file do not resurface it. Entries are counted: a
// second identical finding added later is new.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
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

// NewBaseline records findings, sorted so the file diffs cleanly.
func NewBaseline(findings []Finding) *Baseline {
	b := &Baseline{Version: baselineVersion, Findings: []BaselineEntry{}}
	for _, f := range findings {
		b.Findings = append(b.Findings, BaselineEntry{
			Fingerprint: f.Fingerprint(), RuleID: f.RuleID, File: normalisePath(f.Range.File),
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
	for _, f := range findings {
		fp := f.Fingerprint()
		if left[fp] > 0 {
			left[fp]--
			hidden++
			continue
		}
		kept = append(kept, f)
	}
	return kept, hidden
}
