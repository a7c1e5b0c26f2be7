package lint

import (
	"bytes"
	"path/filepath"
	"strings"
	"unsafe"
)

// A container's own lists (environment, secrets, portMappings, ...) list
// objects too, and a large task definition is mostly them: 400,000
// environment entries in 30 MB. Each becomes a KeyValue of the model with
// its nodes (0.75 KB; measured at 0.95 KB of peak per entry), not a
// Container (4.3 KB estimated), so costing them as containers refused a
// clean 30 MB file at the default budget. In the formats whose keys are
// the document's structure (raw JSON, CloudFormation, plan JSON), an
// object in a list opened by one of these keys can never be a container,
// and is estimated at entryObjectCost; in Terraform any named list may be
// handed to container_definitions (a local, a module input), so there
// every listed object stays a possible container.
var entryObjectCost = 2 * int64(unsafe.Sizeof(KeyValue{})+3*unsafe.Sizeof(Node{})+2*unsafe.Sizeof(Field{}))

// entryListKeys are the keys, lower case, whose lists hold a container's
// entries (or a resource's tags): never containers.
var entryListKeys = map[string]bool{
	"environment": true, "secrets": true, "portmappings": true, "mountpoints": true,
	"volumesfrom": true, "ulimits": true, "extrahosts": true, "systemcontrols": true,
	"dependson": true, "resourcerequirements": true, "environmentfiles": true,
	"tags": true, "devices": true, "tmpfs": true,
}

// MemoryEstimateFor is MemoryEstimate for a file of this name: outside
// Terraform, objects listed under a container's own list keys are costed
// as the entries they become.
func MemoryEstimateFor(name string, content []byte) int64 {
	if isTerraformName(name) {
		return MemoryEstimate(content)
	}
	n := int64(len(content))
	entries := entryObjects(content)
	listed := max(listedObjects(content), entries)
	return max(MemoryPerInputByte*n, n+itemObjectCost*(listed-entries)+entryObjectCost*entries+maxFindingsCost(n))
}

func isTerraformName(name string) bool {
	base := strings.ToLower(filepath.Base(name))
	for _, ext := range []string{".tf", ".tf.json", ".tfvars", ".tfvars.json", ".hcl", ".tftpl", ".tpl"} {
		if strings.HasSuffix(base, ext) {
			return true
		}
	}
	return false
}

// entryObjects counts the objects listed in lists opened by an entry key
// (entryListKeys): in JSON and YAML flow style, each '{' that follows the
// '[' of `"environment": [` or a ',' in it; in YAML block style, each
// "- " item with a key under an `Environment:` line. Any other list, a
// list without a key (top level, Fn::If) and whatever cannot be told
// counts as a possible container, so the estimate stays a bound.
func entryObjects(b []byte) int64 {
	b = skipBOM(b)
	var n int64
	// Flow: one entry per open '[', whether it was opened by an entry key.
	var flow []bool
	// Block: the keys that open a block ("Environment:" alone on its
	// line) and their indentation.
	type owner struct {
		indent int
		entry  bool
	}
	var block []owner
	var prev byte
	lineStart := true
	for i := 0; i < len(b); i++ {
		c := b[i]
		if lineStart {
			lineStart = false
			j := i
			for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
				j++
			}
			indent := j - i
			dash := j+1 < len(b) && b[j] == '-' && b[j+1] == ' '
			line := b[j:]
			if k := bytes.IndexByte(line, '\n'); k >= 0 {
				line = line[:k]
			}
			blank := len(bytes.TrimSpace(line)) == 0 || line[0] == '#'
			switch {
			case blank:
			case dash:
				for len(block) > 0 && block[len(block)-1].indent > indent {
					block = block[:len(block)-1]
				}
				if holdsKey(b[j+2:]) && len(block) > 0 && block[len(block)-1].entry {
					n++
				}
				if key, ok := blockKey(line[2:]); ok {
					block = append(block, owner{indent + 2, entryListKeys[key]})
				}
			default:
				for len(block) > 0 && block[len(block)-1].indent >= indent {
					block = block[:len(block)-1]
				}
				if key, ok := blockKey(line); ok {
					block = append(block, owner{indent, entryListKeys[key]})
				}
			}
		}
		switch c {
		case '\n':
			lineStart = true
			continue
		case ' ', '\t', '\r':
			continue
		case '[':
			flow = append(flow, entryListKeys[keyBefore(b[:i])])
		case ']':
			if len(flow) > 0 {
				flow = flow[:len(flow)-1]
			}
		case '{':
			if (prev == '[' || prev == ',') && len(flow) > 0 && flow[len(flow)-1] {
				n++
			}
		}
		prev = c
	}
	return n
}

// keyBefore returns, lower case, the key whose value the text after b
// starts: `"environment": ` (quotes escaped or not) or `Environment: `.
// It is empty when b does not end in a key and a colon.
func keyBefore(b []byte) string {
	i := len(b) - 1
	for i >= 0 && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i--
	}
	if i < 0 || b[i] != ':' {
		return ""
	}
	i--
	for i >= 0 && (b[i] == ' ' || b[i] == '\t') {
		i--
	}
	if i >= 0 && (b[i] == '"' || b[i] == '\'') {
		i--
		if i >= 0 && b[i] == '\\' {
			i--
		}
	}
	end := i + 1
	for i >= 0 && isKeyByte(b[i]) {
		i--
	}
	return strings.ToLower(string(b[i+1 : end]))
}

// blockKey returns, lower case, the key of a YAML line that is a key
// alone ("Environment:", perhaps with a comment): the key of a block.
func blockKey(line []byte) (string, bool) {
	line = bytes.TrimRight(line, " \t\r")
	if k := bytes.Index(line, []byte(" #")); k >= 0 {
		line = bytes.TrimRight(line[:k], " \t")
	}
	if len(line) < 2 || line[len(line)-1] != ':' {
		return "", false
	}
	key := bytes.Trim(line[:len(line)-1], `"'`)
	for _, c := range key {
		if !isKeyByte(c) {
			return "", false
		}
	}
	return strings.ToLower(string(key)), true
}

func isKeyByte(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
