package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type eksUnsupportedVersion struct{}

var eksUnsupportedVersionMeta = lint.Meta{
	ID:         "EKS003",
	Name:       "eks-unsupported-version",
	Severity:   lint.High,
	Controls:   []string{"EKS.2"},
	ConfigRule: "eks-cluster-supported-version",
	Summary:    "EKS clusters should run a Kubernetes version in standard support.",
	Options:    []lint.Option{eksMinimumVersion},
	Rationale: "A version past standard support gets fixes only under paid extended support, and is " +
		"upgraded automatically when that ends. As of " + eksTableDate + " the oldest version in standard " +
		"support is " + eksOldestStandard + " (a minor version has 14 months of standard support). The option " +
		"`eks-minimum-version` (for example \"1.36\") overrides the table.",
	Remediation: "Upgrade the cluster one minor version at a time to a version in standard support, or leave " +
		"`version` unset to get the current default on creation.",
	Reads: lint.EKSClusters,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad:  eksCluster("      Version: \"1.31\"\n" + eksPrivateVPC),
				Good: eksCluster("      Version: \"1.35\"\n" + eksPrivateVPC)},
			{Format: "terraform",
				Bad:  tfEKSCluster(`version = "1.31"`, "", tfEKSPrivateVPC),
				Good: tfEKSCluster(`version = "1.35"`, "", tfEKSPrivateVPC)},
		}
	},
}

func (eksUnsupportedVersion) Meta() *lint.Meta { return &eksUnsupportedVersionMeta }

// End of standard support per minor version (AWS EKS Kubernetes release
// calendar). eksOldestStandard is the oldest version whose standard support
// has not ended on eksTableDate; update all three together.
//
//	1.31 2025-11-26   1.32 2026-03-23   1.33 2026-07-29
//	1.34 2026-12-02   1.35 2027-03-27
const (
	eksTableDate      = "2026-12-02"
	eksOldestStandard = "1.35"
)

// eksMinimumVersion overrides eksOldestStandard.
var eksMinimumVersion = lint.Option{
	Name: "eks-minimum-version", Type: lint.StringOption, Default: eksOldestStandard, Example: "1.36",
	Pattern:     `^[0-9]+\.[0-9]+$`,
	Description: "The oldest Kubernetes minor version in standard support: clusters on an older one are reported.",
}

// minorVersion parses "1.31" (or "1.31.2") into comparable parts.
func minorVersion(s string) (major, minor int, ok bool) {
	a, b, found := strings.Cut(strings.TrimSpace(s), ".")
	if !found {
		return 0, 0, false
	}
	b, _, _ = strings.Cut(b, ".")
	x, err1 := strconv.Atoi(a)
	y, err2 := strconv.Atoi(b)
	return x, y, err1 == nil && err2 == nil
}

// olderThan matches a known version older than the oldest in standard
// support; EKS006 asks it of node groups.
func olderThan(oldest string) func(lint.String) bool {
	omaj, omin, _ := minorVersion(oldest)
	return func(v lint.String) bool {
		maj, mi, ok := minorVersion(v.V)
		return v.Known() && ok && (maj < omaj || (maj == omaj && mi < omin))
	}
}

func (eksUnsupportedVersion) Check(p *lint.Pass) { runEKSCheck(p, checkEKSVersion) }

// checkEKSVersion is also one of EKS301's traits.
func checkEKSVersion(_ *lint.Unit, c *lint.EKSCluster, opts lint.OptionValues, report func(lint.Finding)) {
	oldest := opts.StringValue(eksMinimumVersion)
	v, ok := c.Version.Any(olderThan(oldest))
	if !ok {
		return
	}
	report(resourceFinding(c.Resource, v.Range, "version",
		fmt.Sprintf("EKS cluster %s runs Kubernetes %s, older than %s, the oldest version in standard support", quote(c.Name), v.V, oldest)))
}
