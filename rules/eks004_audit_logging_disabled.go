package rules

import (
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type eksAuditLoggingDisabled struct{}

var eksAuditLoggingDisabledMeta = lint.Meta{
	ID:         "EKS004",
	Name:       "eks-audit-logging-disabled",
	Severity:   lint.Medium,
	Controls:   []string{"EKS.8"},
	ConfigRule: "eks-cluster-logging-enabled",
	Summary:    "EKS clusters should send Kubernetes audit logs to CloudWatch.",
	Rationale: "The audit log records who did what through the Kubernetes API. Without it, an intrusion, a " +
		"leaked kubeconfig or a destructive change cannot be traced.",
	Remediation: "Enable the `audit` log type in the cluster's logging configuration (with `api` and " +
		"`authenticator` as well, for a complete picture).",
	Reads: lint.EKSClusters,
	Examples: []lint.Example{
		{Format: "cloudformation",
			Bad: eksCluster(eksPrivateVPC + "      Logging:\n        ClusterLogging:\n          EnabledTypes:\n            - Type: api\n"),
			Good: eksCluster(eksPrivateVPC + "      Logging:\n        ClusterLogging:\n          EnabledTypes:\n" +
				"            - Type: api\n            - Type: audit\n")},
		{Format: "terraform",
			Bad:  tfEKSCluster(`enabled_cluster_log_types = ["api"]`, "", tfEKSPrivateVPC),
			Good: tfEKSCluster(`enabled_cluster_log_types = ["api", "audit"]`, "", tfEKSPrivateVPC)},
	},
}

func (eksAuditLoggingDisabled) Meta() *lint.Meta { return &eksAuditLoggingDisabledMeta }

func (eksAuditLoggingDisabled) Check(p *lint.Pass) { runEKSCheck(p, checkEKSAuditLogging) }

// checkEKSAuditLogging is also one of EKS301's traits.
func checkEKSAuditLogging(_ *lint.Unit, c *lint.EKSCluster, _ lint.OptionValues, report func(lint.Finding)) {
	if c.Logging.State == lint.Unknown {
		return
	}
	if mayInclude(c.LogTypes, func(s string) bool { return strings.EqualFold(s, "audit") }) {
		return
	}
	report(resourceFinding(c.Resource, c.Logging.Range, "logging.audit",
		"EKS cluster "+quote(c.Name)+" does not enable the audit control-plane log"))
}
