package lint

import "bytes"

// planHeadSize is how much of a file PlanHead needs: room for a byte order
// mark and some indentation before the first key.
const planHeadSize = 64

// PlanHead reports whether head, the first bytes of a file, starts as the
// JSON of `terraform show -json` (and `tofu show -json`) does, for a plan
// or a state: an object whose first key is "format_version". Both tools
// encode a struct whose first field it is, compact or indented; the file
// size cap of such a file is the plan cap (FS.MaxPlanFileSize). A plan
// rewritten with sorted keys (jq -S) does not start so and has the cap of
// every other file; parsers/plan still reads it when it is under that cap.
func PlanHead(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	head = bytes.TrimLeft(head[1:], " \t\r\n")
	return bytes.HasPrefix(head, []byte(`"format_version"`))
}
