package main

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf16"
)

// utf16Text is s as a UTF-16 file with its byte order mark, as Windows
// editors and PowerShell write them.
func utf16Text(s string, bigEndian bool) string {
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
	return string(out)
}

// Files that were misread: skipped, or checked in part, while the run said
// all was well (issue 16, point 6).
func init() {
	const ecsTF = "resource \"aws_ecs_task_definition\" \"t\" {\n  family = \"t\"\n" +
		"  container_definitions = jsonencode([{ name = \"a\", image = \"a:1\", privileged = true }])\n}\n"
	pipe := func(name string) func(*testing.T, string) {
		return func(t *testing.T, dir string) { mustFIFO(t, filepath.Join(dir, name)) }
	}
	hostileFormats["misread"] = []hostileCase{
		// Flow-style YAML starts with "{" as JSON does: it is YAML.
		{name: "flow-style YAML template", files: map[string]string{"t.yaml": "{Resources: {T: {Type: AWS::ECS::TaskDefinition, Properties: {PidMode: host}}}}\n"},
			want: []string{"ECS002@t.yaml:1:63"}},
		{name: "duplicate YAML key", files: map[string]string{"t.yaml": cfnHead + "      PidMode: host\n      PidMode: task\n      ContainerDefinitions: []\n"},
			wantErr: &wantError{"t.yaml", 7, 7, `duplicate key "PidMode"`}},
		{name: "NUL in a YAML template", files: map[string]string{"t.yaml": cfnHead + "      Family: \"a\x00b\"\n"},
			wantErr: &wantError{"t.yaml", 6, 17, "control characters are not allowed"}},
		{name: "YAML key mis-indented in a sequence item", files: map[string]string{"t.yaml": cfnHead +
			"      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n         Privileged: true\n"},
			wantErr: &wantError{"t.yaml", 9, 10, "did not find expected '-' indicator"}},
		// UTF-16 files were skipped as binary: decoded, positions in code
		// points of the text (the emoji is one column, two UTF-16 units).
		{name: "UTF-16LE task definition", files: map[string]string{"td.json": utf16Text("{\"family\": \"😀\", \"pidMode\": \"host\", \"containerDefinitions\": []}", false)},
			want: []string{"ECS002@td.json:1:17"}},
		{name: "UTF-16BE YAML template", files: map[string]string{"t.yaml": utf16Text(cfnHead+"      Family: é😀\r\n      PidMode: host\r\n      ContainerDefinitions: []\r\n", true)},
			want: []string{"ECS002@t.yaml:7:7"}},
		{name: "UTF-16LE Terraform", files: map[string]string{"main.tf": utf16Text("resource \"aws_ecs_task_definition\" \"t\" {\n  family = \"é😀\"\n  pid_mode = \"host\"\n}\n", false)},
			want: []string{"ECS002@main.tf:3:3"}},
		{name: "UTF-16 syntax error", files: map[string]string{"t.yaml": utf16Text(cfnHead+"      Family: [é😀, b\n      PidMode: host\n", false)},
			wantErr: &wantError{"t.yaml", 6, 7, "invalid YAML"}},
		// A module file that cannot be read leaves the module checked in
		// part: an error, whether the file was named or walked, never a
		// hang (nothing writes to the pipe).
		{name: "FIFO main.tf named explicitly", files: map[string]string{"ecs.tf": ecsTF}, args: []string{"main.tf"},
			setup: pipe("main.tf"), wantErr: &wantError{"main.tf", 0, 0, "could not read: not a regular file"}},
		{name: "FIFO .tf in a walked module", files: map[string]string{"ecs.tf": ecsTF}, setup: pipe("main.tf"),
			want: []string{"ECS001@ecs.tf:3:68"}, wantErr: &wantError{"main.tf", 0, 0, "could not read: not a regular file"}},
		{name: "FIFO .tf in a called module", files: map[string]string{"main.tf": "module \"m\" {\n  source = \"./m\"\n}\n", "m/ecs.tf": ecsTF},
			setup: pipe("m/vars.tf"), wantErr: &wantError{"m/vars.tf", 0, 0, "could not read: not a regular file"}},
		{name: "unreadable .tf in a module", files: map[string]string{"ecs.tf": ecsTF, "vars.tf": "variable \"x\" {}\n"},
			setup: func(t *testing.T, dir string) {
				p := filepath.Join(dir, "vars.tf")
				if err := os.Chmod(p, 0); err != nil {
					t.Fatal(err)
				}
				if f, err := os.Open(p); err == nil {
					f.Close()
					t.Skip("running as a user that can read mode 000 files; the FIFO cases cover this path")
				}
			},
			wantErr: &wantError{"vars.tf", 0, 0, "could not read: permission denied"}},
	}
}
