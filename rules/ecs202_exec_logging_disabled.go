package rules

import (
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type execLoggingDisabled struct{}

// insightsSetting enables Container Insights on clusterResource, and
// tfInsightsSetting on a Terraform cluster, so that the examples show only
// the rule they document.
const insightsSetting = "      ClusterSettings:\n        - Name: containerInsights\n          Value: enhanced\n"

var tfInsightsSetting = tfBlock("setting", `name = "containerInsights"`, `value = "enhanced"`)

// execCluster is a CloudFormation cluster with the given lines of its
// ExecuteCommandConfiguration (indented 10 spaces), for the examples.
func execCluster(lines string) string {
	return cfnTemplate(clusterResource + insightsSetting + "      Configuration:\n        ExecuteCommandConfiguration:\n" + lines)
}

// tfExecCluster is a Terraform cluster with the given
// execute_command_configuration body entries.
func tfExecCluster(body ...string) string {
	return tfResource("aws_ecs_cluster", "prod", `name = "prod"`, "", tfInsightsSetting, "",
		tfBlock("configuration", tfBlock("execute_command_configuration", body...)))
}

var execLoggingDisabledMeta = lint.Meta{
	ID:       "ECS202",
	Name:     "exec-logging-disabled",
	Severity: lint.Medium,
	Peers:    []string{"Checkov CKV_AWS_223", "Checkov CKV_AWS_224"},
	Summary:  "A cluster that configures ECS Exec should log its sessions, encrypted, and encrypt them with a KMS key.",
	Rationale: "ECS Exec gives an interactive shell in a running container. With logging NONE nothing records what " +
		"was run there; logs sent to CloudWatch Logs or S3 without encryption expose the sessions' output, " +
		"which often holds secrets; without a KMS key of the cluster's, the session between the client and the " +
		"container is not encrypted with a key you control and audit in CloudTrail.",
	Remediation: "In the cluster's `executeCommandConfiguration`, set `kmsKeyId`, and leave `logging` at `DEFAULT` " +
		"(the task definitions' awslogs configuration) or set `OVERRIDE` with a `logConfiguration` whose " +
		"`cloudWatchEncryptionEnabled` or `s3EncryptionEnabled` is true for each destination.",
	Reads: lint.Clusters,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad: execCluster("          KmsKeyId: alias/ecs-exec\n          Logging: NONE\n"),
				Good: execCluster("          KmsKeyId: alias/ecs-exec\n          Logging: OVERRIDE\n          LogConfiguration:\n" +
					"            CloudWatchLogGroupName: /ecs/exec\n            CloudWatchEncryptionEnabled: true\n")},
			{Format: "terraform",
				Bad: tfExecCluster(`kms_key_id = "alias/ecs-exec"`, `logging    = "NONE"`),
				Good: tfExecCluster(`kms_key_id = "alias/ecs-exec"`, `logging    = "OVERRIDE"`, "",
					tfBlock("log_configuration", `cloud_watch_log_group_name     = "/ecs/exec"`, "cloud_watch_encryption_enabled = true"))},
		}
	},
}

func (execLoggingDisabled) Meta() *lint.Meta { return &execLoggingDisabledMeta }

func (execLoggingDisabled) Check(p *lint.Pass) {
	for _, c := range p.Unit.Clusters {
		e := c.ExecuteCommand
		// A cluster that does not configure ECS Exec is not judged: most
		// clusters never use it, and the API's default logs sessions.
		if !e.Known() {
			continue
		}
		name := "cluster " + quote(c.Name)
		report := func(at lint.Range, key, msg string) {
			p.Report(resourceFinding(c.Resource, at.Or(e.Range), "executeCommandConfiguration"+key, name+" "+msg))
		}
		if v, ok := e.Logging.Any(func(v lint.String) bool { return v.Known() && v.V == "NONE" }); ok {
			report(v.Range, ".logging", "does not log ECS Exec sessions (logging \"NONE\")")
		}
		if e.KMSKeyID.State == lint.Unset || (e.KMSKeyID.Known() && e.KMSKeyID.V == "") {
			report(e.KMSKeyID.Range, ".kmsKeyId", "does not encrypt ECS Exec sessions with a KMS key (no kmsKeyId)")
		}
		if _, ok := e.Logging.Any(func(v lint.String) bool { return v.Known() && v.V == "OVERRIDE" }); !ok || !e.LogConfiguration.Known() {
			continue
		}
		for _, dest := range [...]struct {
			name, key string
			target    lint.String
			encrypted lint.Bool
		}{
			{"CloudWatch Logs", "cloudWatchEncryptionEnabled", e.CloudWatchLogGroupName, e.CloudWatchEncryptionEnabled},
			{"S3", "s3EncryptionEnabled", e.S3BucketName, e.S3EncryptionEnabled},
		} {
			if !dest.target.Set() || (dest.target.Known() && strings.TrimSpace(dest.target.V) == "") {
				continue
			}
			if v, ok := dest.encrypted.Any(unsetOrFalse); ok {
				at := v.Range
				if !v.Set() {
					at = dest.target.Range
				}
				report(at, ".logConfiguration."+dest.key, "sends ECS Exec session logs to "+dest.name+" unencrypted ("+dest.key+" is not true)")
			}
		}
	}
}
