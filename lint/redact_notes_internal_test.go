package lint

import "testing"

// TestSecretTextsAreMaskedInNotesAndErrors: a value a plan marks sensitive
// is masked in notes and errors too, not only in findings.
func TestSecretTextsAreMaskedInNotesAndErrors(t *testing.T) {
	res := &Result{
		Notes:       []Diagnostic{{Message: `ORG001: could not be evaluated on container app: no such key: "s3cr3t-token"`}},
		Errors:      []Diagnostic{{Message: `value "s3cr3t-token" is not a number`}},
		secretTexts: []string{"s3cr3t-token"},
	}
	maskSecretTexts(res)
	for _, d := range append(res.Notes, res.Errors...) {
		if d.Message != `ORG001: could not be evaluated on container app: no such key: "***"` && d.Message != `value "***" is not a number` {
			t.Errorf("not masked: %q", d.Message)
		}
	}
}
