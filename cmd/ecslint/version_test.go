package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// --version and SARIF's tool.driver.version name the same version.
func TestVersionInSARIFMatchesVersionFlag(t *testing.T) {
	repo(t, map[string]string{"td.json": privilegedTD})
	_, flagOut, _ := run(t, "", "--version")
	_, sarif, stderr := run(t, "", "--format", "sarif", ".")
	var doc struct {
		Runs []struct {
			Tool struct {
				Driver struct{ Version string } `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(sarif), &doc); err != nil || len(doc.Runs) != 1 {
		t.Fatalf("SARIF did not parse (%v): %s\n%s", err, sarif, stderr)
	}
	if want := "ecslint " + doc.Runs[0].Tool.Driver.Version + "\n"; flagOut != want || doc.Runs[0].Tool.Driver.Version == "" {
		t.Errorf("--version printed %q, SARIF has version %q", flagOut, doc.Runs[0].Tool.Driver.Version)
	}
}

// The release process sets the version with -ldflags "-X main.version=...":
// if the variable were renamed or initialised from a function call, the
// linker would silently set nothing, and releases would say "dev".
func TestVersionFromLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	bin := filepath.Join(t.TempDir(), "ecslint")
	build := exec.Command(goTool, "build", "-ldflags", "-X main.version=9.8.7-test", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), "ecslint 9.8.7-test\n"; got != want {
		t.Errorf("--version printed %q, want %q", got, want)
	}
}
