package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBaselineIdentity: a baselined finding stays hidden however the
// paths of a later run are typed (".", absolute, from a subdirectory) and
// when a container is inserted above the one it is about (ECS000's key
// names the container, not its index); the summary counts it.
func TestBaselineIdentity(t *testing.T) {
	const td = `{"family": "app", "containerDefinitions": [
  {"name": "app", "image": "nginx:1.27", "memroy": 512}
]}
`
	dir := repo(t, map[string]string{"svc/td.json": td})
	if code, _, stderr := run(t, "", "--write-baseline", "base.json", "."); code != ExitOK {
		t.Fatalf("--write-baseline: exit %d\n%s", code, stderr)
	}
	base, err := os.ReadFile("base.json")
	if err != nil || !strings.Contains(string(base), `"file": "svc/td.json"`) {
		t.Fatalf("baseline paths are not relative to its directory: %v\n%s", err, base)
	}
	clean := func(t *testing.T, args ...string) {
		t.Helper()
		code, stdout, stderr := run(t, "", args...)
		if code != ExitOK || !strings.Contains(stdout, "no findings in 1 file checked;") || !strings.Contains(stdout, " in the baseline") {
			t.Errorf("%v: exit %d\n%s%s", args, code, stdout, stderr)
		}
	}
	clean(t, "--baseline", "base.json", ".")
	clean(t, "--baseline", "base.json", "svc/td.json")
	clean(t, "--baseline", filepath.Join(dir, "base.json"), filepath.Join(dir, "svc"))
	clean(t, "--baseline", "base.json", "./svc/../svc/td.json")
	t.Run("from a subdirectory", func(t *testing.T) {
		t.Chdir("svc")
		clean(t, "--baseline", "../base.json", ".")
		clean(t, "--baseline", "../base.json", "td.json")
	})
	t.Run("a container inserted above", func(t *testing.T) {
		grown := strings.Replace(td, "[\n", "[\n  {\"name\": \"init\", \"image\": \"busybox:1.36\", \"user\": \"1000\", \"readonlyRootFilesystem\": true,"+
			" \"logConfiguration\": {\"logDriver\": \"awslogs\", \"options\": {\"awslogs-group\": \"/ecs/app\", \"awslogs-region\": \"eu-west-1\"}}, \"essential\": false},\n", 1)
		if err := os.WriteFile("svc/td.json", []byte(grown), 0o644); err != nil {
			t.Fatal(err)
		}
		code, stdout, _ := run(t, "", "--baseline", "base.json", "--color", "never", ".")
		if strings.Contains(stdout, "memroy") {
			t.Errorf("the baselined ECS000 finding is back after a container was inserted above (exit %d):\n%s", code, stdout)
		}
	})
}
