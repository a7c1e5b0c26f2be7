package rules

import (
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// isRootUser reports a Linux user spec that runs as root: the name root or
// UID 0, alone or with any group (user, user:group, uid, uid:gid).
func isRootUser(spec string) bool {
	u, _, _ := strings.Cut(strings.TrimSpace(spec), ":")
	return u == "root" || u == "0"
}

// rootUser returns a possible value of a container's user that is absent
// (the image's default, root for most images) or root. Unknown users never
// match.
func rootUser(c *lint.Container) (lint.String, bool) {
	return c.User.Any(func(v lint.String) bool {
		return v.State == lint.Unset || (v.Known() && (v.V == "" || isRootUser(v.V)))
	})
}

// linuxTask reports task definitions known to run Linux containers: no
// runtime platform (Linux is the default) or a Linux one.
func linuxTask(td *lint.TaskDefinition) bool {
	return td.OperatingSystemFamily.State != lint.Unknown && !td.IsWindows()
}
