package buildversion

import (
	"runtime/debug"
	"testing"
)

func TestResolve(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	const rev = "5c7575e1234abcdef0123456789abcdef0123456"
	tests := []struct {
		name     string
		override string
		info     *debug.BuildInfo
		want     string
	}{
		{"ldflags win over everything", "1.2.3", &debug.BuildInfo{Main: debug.Module{Version: "v0.1.0"}}, "1.2.3"},
		{"go install of a tag", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.1.0"}}, "0.1.0"},
		{"pseudo-version of a clone", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261203081351-5c7575e1234a+dirty"}, Settings: vcs(rev, "true")},
			"0.0.0-20261203081351-5c7575e1234a+dirty"},
		{"revision without a version", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "false")}, "0.0.0-dev+5c7575e1234a"},
		{"modified tree", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "true")}, "0.0.0-dev+5c7575e1234a.dirty"},
		{"short revision kept whole", "", &debug.BuildInfo{Settings: vcs("abc", "false")}, "0.0.0-dev+abc"},
		{"nothing recorded", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, Unknown},
		{"no build info", "", nil, Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Resolve(tt.override, tt.info); got != tt.want {
				t.Errorf("Resolve(%q, ...) = %q, want %q", tt.override, got, tt.want)
			}
		})
	}
}

func TestFromBuildPrefersTheOverride(t *testing.T) {
	if got := FromBuild("9.9.9"); got != "9.9.9" {
		t.Errorf("FromBuild(9.9.9) = %q", got)
	}
	if got := FromBuild(""); got == "" {
		t.Error("FromBuild(\"\") is empty")
	}
}
