package rules

import "github.com/ecslint/ecslint/lint"

type eksUnencryptedSecrets struct{}

var eksUnencryptedSecretsMeta = lint.Meta{
	ID:         "EKS002",
	Name:       "eks-unencrypted-secrets",
	Severity:   lint.Medium,
	Controls:   []string{"EKS.3"},
	ConfigRule: "eks-secrets-encrypted",
	Summary:    "EKS clusters should encrypt Kubernetes secrets with a KMS key.",
	Rationale: "Envelope encryption of secrets with a customer managed KMS key adds a layer beyond etcd's " +
		"volume encryption: a copy of etcd data is useless without the key, and key use is logged in CloudTrail.",
	Remediation: "Add an `encryptionConfig` with `resources: [secrets]` and a KMS key ARN as the provider.",
	Reads:       lint.EKSClusters,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "cloudformation",
				Bad: except(secretsEncryption).eksCluster(eksPrivateVPC),
				Good: eksCluster(eksPrivateVPC + "      EncryptionConfig:\n        - Resources: [secrets]\n" +
					"          Provider:\n            KeyArn: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\n")},
			{Format: "terraform",
				Bad: except(secretsEncryption).tfEKSCluster("", tfEKSPrivateVPC),
				Good: tfEKSCluster("", tfEKSPrivateVPC, "", tfBlock("encryption_config", `resources = ["secrets"]`, "",
					tfBlock("provider", `key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"`)))},
		}
	},
}

func (eksUnencryptedSecrets) Meta() *lint.Meta { return &eksUnencryptedSecretsMeta }

func (eksUnencryptedSecrets) Check(p *lint.Pass) { runEKSCheck(p, checkEKSSecrets) }

// checkEKSSecrets is also one of EKS301's traits.
func checkEKSSecrets(_ *lint.Unit, c *lint.EKSCluster, _ lint.OptionValues, report func(lint.Finding)) {
	switch c.Encryption.State {
	case lint.Unknown:
		return
	case lint.Known:
		if mayInclude(c.EncryptedResources, func(s string) bool { return s == "secrets" }) {
			return
		}
	}
	report(resourceFinding(c.Resource, c.Encryption.Range, "encryptionConfig",
		"EKS cluster "+quote(c.Name)+" does not encrypt Kubernetes secrets with a KMS key"))
}
