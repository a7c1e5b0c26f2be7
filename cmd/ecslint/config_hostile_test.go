package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// pidTF reads pid_mode from a variable: "host" makes an ECS002 finding at
// infra/main.tf:8:3 whose message quotes the value.
const pidTF = `variable "pid_mode" {
  type    = string
  default = "task"
}

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  pid_mode              = var.pid_mode
  container_definitions = jsonencode([{ name = "web", image = "nginx:1.27", user = "1000", readonlyRootFilesystem = true, logConfiguration = { logDriver = "awslogs", options = { awslogs-group = "/ecs/app", awslogs-region = "eu-west-1" } } }])
}
`

// outsideFile writes a file outside the repository (a CI runner's
// environment, /etc/os-release) holding a secret and returns its path.
func outsideFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const outsideSecret = "AKIAOUTSIDE-do-not-print"

// TestConfigPathsStayInTheRepository (issue 16 point 1): every path in a
// config from the repository is read like a Terraform file() argument,
// inside the scanned roots or the config's directory, never through a
// symlink out; an error names the config line, and nothing read outside
// is printed.
func TestConfigPathsStayInTheRepository(t *testing.T) {
	secretTFVars := "pid_mode = \"" + outsideSecret + "\"\n"
	for _, c := range []struct {
		name   string
		config string
		setup  func(t *testing.T, dir string) // before the config is written
		want   string
	}{
		{name: "var file beside the repository", config: "terraform:\n  var-files: [\"../outside/ci.tfvars\"]\n",
			setup: func(t *testing.T, dir string) {
				mustWrite(t, filepath.Join(dir, "..", "outside", "ci.tfvars"), secretTFVars)
			},
			want: ".ecslint.yaml:2:15: terraform.var-files[0]: names a file outside the scanned paths"},
		{name: "absolute var file", config: "terraform:\n  var-files:\n    - {{outside}}\n",
			want: ".ecslint.yaml:3:7: terraform.var-files[0]: names a file outside"},
		{name: "the process environment", config: "terraform:\n  var-files: [/proc/self/environ]\n",
			want: ".ecslint.yaml:2:15: terraform.var-files[0]: names a file outside"},
		{name: "var file through a symlink out", config: "terraform:\n  var-files: [env/prod.tfvars]\n",
			setup: func(t *testing.T, dir string) {
				mustSymlink(t, outsideFile(t, "prod.tfvars", secretTFVars), filepath.Join(dir, "env", "prod.tfvars"))
			},
			want: ".ecslint.yaml:2:15: terraform.var-files[0]: names a file outside"},
		{name: "baseline outside", config: "baseline: {{outside}}\n", want: ".ecslint.yaml:1:1: baseline: names a file outside"},
		{name: "baseline that never ends", config: "baseline: /dev/zero\n", want: ".ecslint.yaml:1:1: baseline: names a file outside"},
		{name: "baseline through a symlink to a device", config: "baseline: base.json\n",
			setup: func(t *testing.T, dir string) { mustSymlink(t, os.DevNull, filepath.Join(dir, "base.json")) },
			want:  ".ecslint.yaml:1:1: baseline: names a file outside"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if runtime.GOOS == "windows" {
				t.Skip("symlinks and /proc")
			}
			dir := repo(t, map[string]string{"infra/main.tf": pidTF, "env/.keep": ""})
			if c.setup != nil {
				c.setup(t, dir)
			}
			config := strings.ReplaceAll(c.config, "{{outside}}", outsideFile(t, "ci.env", secretTFVars))
			mustWrite(t, filepath.Join(dir, ".ecslint.yaml"), config)
			code, stdout, stderr := run(t, "", "--format", "json", "infra")
			if code != ExitError || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, c.want)
			}
			if strings.Contains(stdout+stderr, outsideSecret) {
				t.Errorf("printed what it read outside the repository:\n%s%s", stdout, stderr)
			}
		})
	}
}

// TestConfigVarFileInTheRepository: a var file the config names inside the
// repository but outside the scanned path is read, and a syntax error in
// it is an error at its line and column, not silence.
func TestConfigVarFileInTheRepository(t *testing.T) {
	repo(t, map[string]string{
		".ecslint.yaml":   "terraform:\n  var-files: [env/prod.tfvars]\n",
		"infra/main.tf":   pidTF,
		"env/prod.tfvars": "pid_mode = \"host\"\n",
	})
	code, stdout, stderr := run(t, "", "--format", "json", "infra")
	if got := findingsOf(t, stdout); code != ExitFindings || strings.Join(got, " ") != "ECS002@infra/main.tf:8:3" {
		t.Errorf("exit %d, findings %v, stderr %s", code, got, stderr)
	}
	mustWrite(t, "env/prod.tfvars", "pid_mode = \"host\"\nreplicas = = 3\n")
	code, stdout, _ = run(t, "", "--format", "json", "infra")
	if code != ExitError || !strings.Contains(stdout, `"file": "env/prod.tfvars",
      "line": 2,
      "column": 12,`) {
		t.Errorf("want the var file's syntax error at 2:12, exit 2; got exit %d\n%s", code, stdout)
	}
	if err := os.Remove("env/prod.tfvars"); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = run(t, "", "--format", "json", "infra")
	if code != ExitError || !strings.Contains(stdout, "variable file not read") {
		t.Errorf("a missing var file the config names: exit %d\n%s", code, stdout)
	}
}

// TestUserFilesMayBeAnywhereButAreCapped: --config, --baseline and
// --var-file are the user's own, read wherever they are, but a device or
// FIFO is refused at once rather than read forever.
func TestUserFilesMayBeAnywhereButAreCapped(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("/dev/zero")
	}
	repo(t, map[string]string{"td.json": privilegedTD, "infra/main.tf": pidTF})
	outsideConfig := outsideFile(t, "team.yaml", "severity: {ECS001: low}\nfail-on: medium\n")
	if code, _, stderr := run(t, "", "--config", outsideConfig, "."); code != ExitOK {
		t.Errorf("--config outside the repository: exit %d, %s", code, stderr)
	}
	for _, args := range [][]string{
		{"--baseline", "/dev/zero", "."},
		{"--config", "/dev/zero", "."},
		{"--var-file", "/dev/zero", "."},
	} {
		start := time.Now()
		code, stdout, stderr := run(t, "", args...)
		if code != ExitError || !strings.Contains(stdout+stderr, "not a regular file") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%v took %v", args, d)
		}
	}
	// Terraform fails on a -var-file it cannot read; so does ecslint, at
	// once, naming it: even when no Terraform file is linted.
	for _, path := range []string{".", "td.json"} {
		if code, _, stderr := run(t, "", "--var-file", "missing.tfvars", path); code != ExitError ||
			!strings.Contains(stderr, "ecslint: --var-file missing.tfvars: no such file or directory") {
			t.Errorf("a missing --var-file, linting %s: exit %d\n%s", path, code, stderr)
		}
	}
}

// TestConfigSymlinkOutOfTheRepository: a .ecslint.yaml that links outside
// is not read, and none of what it holds is printed.
func TestConfigSymlinkOutOfTheRepository(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks")
	}
	dir := repo(t, map[string]string{"td.json": privilegedTD})
	mustSymlink(t, outsideFile(t, "creds", outsideSecret+": 1\n"), filepath.Join(dir, ".ecslint.yaml"))
	code, stdout, stderr := run(t, "", ".")
	if code != ExitError || !strings.Contains(stderr, ".ecslint.yaml: not read: it is a symlink to a file outside") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if strings.Contains(stdout+stderr, outsideSecret) {
		t.Errorf("printed the linked file's keys:\n%s%s", stdout, stderr)
	}
}

// TestConfigThatIsNotAFile: a .ecslint.yaml that is a directory or a
// symlink to a device is an error, not skipped for a config further up.
func TestConfigThatIsNotAFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks")
	}
	for name, makeConfig := range map[string]func(t *testing.T, p string){
		"directory": func(t *testing.T, p string) { mustWrite(t, filepath.Join(p, "x"), "") },
		"device":    func(t *testing.T, p string) { mustSymlink(t, "/dev/zero", p) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := repo(t, map[string]string{".ecslint.yaml": "fail-on: critical\n", "sub/td.json": privilegedTD})
			makeConfig(t, filepath.Join(dir, "sub", ".ecslint.yaml"))
			code, _, stderr := run(t, "", "sub")
			if code != ExitError || !strings.Contains(stderr, "sub/.ecslint.yaml: ") {
				t.Errorf("exit %d, stderr %q", code, stderr)
			}
		})
	}
}

// TestHostileConfigThroughCLI: an alias bomb and a glob of many ** in the
// repository's config cost no time, and an ambiguous config is an error
// with its position.
func TestHostileConfigThroughCLI(t *testing.T) {
	glob := strings.Repeat("**/", 12) + "x/" + strings.Repeat("**/", 12) + "nomatch"
	deep := strings.Repeat("d/", 30) + "td.json"
	for _, c := range []struct {
		name, config string
		code         int
		want         string
	}{
		{"alias bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
			"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n" +
			"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n", ExitError, "expands to more than"},
		{"glob of many **", "exclude: [\"" + glob + "\"]\nignore:\n  - {path: \"" + glob + "\", rule: ECS001, reason: r}\n", ExitFindings, ""},
		{"severity by ID and by name", "severity: {ECS006: low, missing-log-configuration: high}\n", ExitError,
			`.ecslint.yaml:1:25: severity.missing-log-configuration: ECS006's severity is also set, to low, by "ECS006"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			repo(t, map[string]string{".ecslint.yaml": c.config, deep: privilegedTD})
			start := time.Now()
			code, _, stderr := run(t, "", ".")
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, c.code, c.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestConfigErrorsOneALine: several config errors are all printed, one
// "ecslint:" line each, by position.
func TestConfigErrorsOneALine(t *testing.T) {
	repo(t, map[string]string{".ecslint.yaml": "severity: {nope1: low}\nrules:\n  disable: [nope2]\n", "td.json": privilegedTD})
	_, _, stderr := run(t, "", ".")
	want := "ecslint: .ecslint.yaml:1:12: severity.nope1: unknown rule \"nope1\" (see `ecslint rules`)\n" +
		"ecslint: .ecslint.yaml:3:13: rules.disable[0]: unknown rule \"nope2\" (see `ecslint rules`)\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
}

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestConfigResolutionIsDeterministic (issue 16 point 8): a config with
// several problems gives the same complete, ordered list on every run
// (it gave one of them, picked by map order).
func TestConfigResolutionIsDeterministic(t *testing.T) {
	repo(t, map[string]string{
		".ecslint.yaml": "severity:\n  ECS006: low\n  missing-log-configuration: high\n  nope: low\n" +
			"options:\n  ECS011: {allowed-capabilities: [A]}\n  dangerous-capabilities: {allowed-capabilities: [B]}\n" +
			"terraform:\n  vars: {env: a, \"env=b\": c}\nrules: {enable: [ECS001], disable: [ECS001]}\n",
		"td.json": privilegedTD,
	})
	want := "ecslint: .ecslint.yaml:3:3: severity.missing-log-configuration: ECS006's severity is also set, to low, by \"ECS006\"\n" +
		"ecslint: .ecslint.yaml:4:3: severity.nope: unknown rule \"nope\" (see `ecslint rules`)\n" +
		"ecslint: .ecslint.yaml:7:3: options.dangerous-capabilities: ECS011's options are also set, differently, by \"ECS011\"\n" +
		"ecslint: .ecslint.yaml:9:18: terraform.vars.env=b: \"env=b\" is not a Terraform variable name\n" +
		"ecslint: .ecslint.yaml:10:37: rules.disable[0]: ECS001 is both enabled and disabled\n"
	for range 10 {
		code, _, stderr := run(t, "", ".")
		if code != ExitError || stderr != want {
			t.Fatalf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
		}
	}
}
