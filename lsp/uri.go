package lsp

import (
	"net/url"
	"path/filepath"
	"strings"
)

// pathOf returns the file path of a file: URI, and false for any other
// scheme (an untitled buffer, a remote file): those are not linted, as
// ecslint reads only files under the roots it scans.
func pathOf(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	p := u.Path
	// A Windows URI has a drive after the slash: the path is C:/dir.
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	return filepath.Clean(filepath.FromSlash(p)), true
}

// uriOf returns the file: URI of an absolute path.
func uriOf(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
