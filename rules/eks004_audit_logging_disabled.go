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
	Peers:      []string{"Trivy AVD-AWS-0038", "Checkov CKV_AWS_37"},
	Options:    []lint.Option{eksLogTypes},
	Summary:    "EKS clusters should send Kubernetes audit logs to CloudWatch.",
	Rationale: "The audit log records who did what through the Kubernetes API. Without it, an intrusion, a " +
		"leaked kubeconfig or a destructive change cannot be traced.",
	Remediation: "Enable the `audit` log type in the cluster's logging configuration (with `api` and " +
		"`authenticator` as well, for a complete picture).",
	Reads: lint.EKSClusters,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad: eksCluster(eksPrivateVPC + "      Logging:\n        ClusterLogging:\n          EnabledTypes:\n            - Type: api\n"),
				Good: eksCluster(eksPrivateVPC + "      Logging:\n        ClusterLogging:\n          EnabledTypes:\n" +
					"            - Type: api\n            - Type: audit\n")},
			{Format: "terraform",
				Bad:  tfEKSCluster(`enabled_cluster_log_types = ["api"]`, "", tfEKSPrivateVPC),
				Good: tfEKSCluster(`enabled_cluster_log_types = ["api", "audit"]`, "", tfEKSPrivateVPC)},
		}
	},
}

func (eksAuditLoggingDisabled) Meta() *lint.Meta { return &eksAuditLoggingDisabledMeta }

// eksLogTypes are the control-plane log types EKS004 requires.
var eksLogTypes = lint.Option{
	Name: "required-log-types", Type: lint.StringListOption, Default: []string{"audit"},
	Example: []string{"api", "audit", "authenticator", "controllerManager", "scheduler"},
	Pattern: `^(api|audit|authenticator|controllerManager|scheduler)$`,
	Description: "The control-plane log types every cluster must enable; all five (api, audit, authenticator, " +
		"controllerManager, scheduler) is what Trivy and Checkov require.",
}

func (eksAuditLoggingDisabled) Check(p *lint.Pass) {
	types := p.Options.StringList(eksLogTypes)
	runEKSCheck(p, func(u *lint.Unit, c *lint.EKSCluster, opts lint.OptionValues, report func(lint.Finding)) {
		for _, t := range types {
			checkEKSLogType(t, c, report)
		}
	})
}

// checkEKSAuditLogging is EKS004's default question, and one of EKS301's
// traits.
func checkEKSAuditLogging(_ *lint.Unit, c *lint.EKSCluster, _ lint.OptionValues, report func(lint.Finding)) {
	checkEKSLogType("audit", c, report)
}

// checkEKSLogType reports a cluster that does not enable a log type.
func checkEKSLogType(typ string, c *lint.EKSCluster, report func(lint.Finding)) {
	if c.Logging.State == lint.Unknown {
		return
	}
	if mayInclude(c.LogTypes, func(s string) bool { return strings.EqualFold(s, typ) }) {
		return
	}
	report(resourceFinding(c.Resource, c.Logging.Range, "logging."+typ,
		"EKS cluster "+quote(c.Name)+" does not enable the "+typ+" control-plane log"))
}
