package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf16"
)

func utf16File(s string, bigEndian bool) []byte {
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestDecodeText(t *testing.T) {
	text := "{\"family\": \"ünï€😀\",\r\n \"pidMode\": \"host\"}\n"
	for _, c := range []struct {
		name string
		in   []byte
		want string
	}{
		{"UTF-16LE", utf16File(text, false), text},
		{"UTF-16BE", utf16File(text, true), text},
		{"UTF-8", []byte(text), text},
		{"UTF-8 with BOM", []byte("\xef\xbb\xbf" + text), "\xef\xbb\xbf" + text},
		{"odd byte", append(utf16File("ab", false), 'c'), "ab\uFFFD"},
		{"lone surrogate", []byte{0xFF, 0xFE, 0x00, 0xD8, 'a', 0}, "\uFFFDa"},
		{"empty", nil, ""},
		{"one byte", []byte{0xFF}, "\xff"},
	} {
		if got := decodeText(c.in); string(got) != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// Every parser reads through FS.ReadFile, which decodes.
func TestFSReadsUTF16(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "td.json")
	if err := os.WriteFile(p, utf16File(`{"a": "é"}`, false), 0o600); err != nil {
		t.Fatal(err)
	}
	fsys, err := NewFS([]string{dir}, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fsys.ReadFile(p)
	if err != nil || !bytes.Equal(b, []byte(`{"a": "é"}`)) {
		t.Errorf("ReadFile = %q, %v", b, err)
	}
}
