package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

type secretInEnvironment struct{}

var secretInEnvironmentMeta = lint.Meta{
	ID:         "ECS005",
	Name:       "secret-in-environment",
	Severity:   lint.High,
	Controls:   []string{"ECS.8"},
	ConfigRule: "ecs-no-environment-secrets",
	Summary:    "Secrets should not be written in plain text in the task definition.",
	Options:    []lint.Option{secretNamePatterns},
	Rationale: "Environment variables are stored in the task definition in plain text: anyone who can describe " +
		"the task definition (or read the IaC repository) reads them, and they end up in logs and crash dumps. " +
		"AWS credentials there are critical: they are long-lived keys that bypass the task role. The same holds " +
		"for a secret written where a reference to one belongs: `secrets[].valueFrom`, " +
		"`logConfiguration.secretOptions[].valueFrom` and `repositoryCredentials.credentialsParameter` take an " +
		"ARN or a parameter name, and a value that cannot be one is the secret itself. A value ecslint cannot see " +
		"is still a plain-text secret when it comes from one: in Terraform, an attribute that holds a secret (" +
		secretAttributeList() + ") or a variable declared " +
		"`sensitive = true`, also through locals, module arguments, templates and functions such as `format` or " +
		"`jsonencode`. The task definition stores the resolved value, and Terraform's own sensitivity ends at the " +
		"API call. References to a secret (`aws_secretsmanager_secret.s.arn`, `aws_ssm_parameter.p.name`) are " +
		"what `valueFrom` wants and are not reported; a `valueFrom` given a secret's value instead " +
		"(`aws_ssm_parameter.p.value` for `.arn`) is.",
	Remediation: "Store the value in AWS Secrets Manager or SSM Parameter Store and reference it from `secrets` " +
		"(`valueFrom`) instead of `environment`. Use the task role instead of AWS access keys.",
	Reads: lint.TaskDefinitions,
	Examples: func() []lint.Example {
		return []lint.Example{
			{Format: "json",
				Bad: jsonTask(`{"name": "app", "image": "nginx:1.27", "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]}`),
				Good: jsonTask(`{"name": "app", "image": "nginx:1.27", "secrets": [{"name": "DB_PASSWORD", ` +
					`"valueFrom": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf"}]}`)},
			{Format: "cloudformation",
				Bad: cfnTask("        - Name: app\n          Image: nginx:1.27\n          Secrets:\n" +
					"            - Name: API_TOKEN\n              ValueFrom: \"s3cr3t value!\"\n"),
				Good: cfnTask("        - Name: app\n          Image: nginx:1.27\n          Secrets:\n" +
					"            - Name: API_TOKEN\n              ValueFrom: /prod/app/api-token\n")},
			{Format: "terraform",
				Bad:  tfTask(`{ name = "app", image = "nginx:1.27", environment = [{ name = "DB_PASSWORD", value = "hunter2" }] }`),
				Good: tfTask(`{ name = "app", image = "nginx:1.27", secrets = [{ name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn }] }`)},
		}
	},
}

func (secretInEnvironment) Meta() *lint.Meta { return &secretInEnvironmentMeta }

// awsCredentialNames are the variables Security Hub's ECS.8 looks for.
var awsCredentialNames = map[string]bool{
	"AWS_ACCESS_KEY_ID": true, "AWS_SECRET_ACCESS_KEY": true, "ECS_ENGINE_AUTH_DATA": true, "AWS_SESSION_TOKEN": true,
}

// secretWords in a variable name say its value is a secret.
// secretNamePatterns adds words to secretWords; ECS301 reads it too.
var secretNamePatterns = lint.Option{
	Name: "secret-name-patterns", Type: lint.StringListOption, Example: []string{"PIN"},
	Description: "Words that make an environment variable's name look secret besides the built-in ones " +
		"(PASSWORD, SECRET, TOKEN, API_KEY, ...), found anywhere in the name, in any case.",
}

var secretWords = []string{
	"PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY",
	"CREDENTIAL", "ACCESS_KEY", "AUTH_KEY", "CLIENT_KEY", "SIGNING_KEY", "ENCRYPTION_KEY", "DSN",
}

// referenceSuffixes in a name say the value only points at a secret, or
// describes one.
var referenceSuffixes = []string{
	"_FILE", "_PATH", "_URL", "_URI", "_ARN", "_NAME", "_ID", "_TYPE", "_ENDPOINT", "_HOST", "_PORT",
	"_LENGTH", "_TTL", "_EXPIRY", "_EXPIRES", "_HEADER", "_REGION", "_VERSION", "_ENABLED", "_DIR", "_FORMAT",
	"_PARAM", "_PARAMETER", "_KEY_ID", "_ALGORITHM", "_SECONDS", "_MINUTES", "_TIMEOUT", "_SIZE",
}

// secretSource says how ecslint judges a value read from a resource or
// data source attribute.
type secretSource uint8

const (
	// alwaysSecret: the provider marks the attribute sensitive, or it is a
	// secret by nature; reported whatever the variable is called.
	alwaysSecret secretSource = iota + 1
	// secretByName: a random value used for passwords as often as for
	// name suffixes; reported when the variable's name says it is a secret.
	secretByName
)

// secretAttributes are the attributes whose value is a secret, keyed by
// type (data sources prefixed "data.") and attribute. Sources: the
// provider documentation's attribute references, which mark these
// sensitive: hashicorp/random random_password (result, bcrypt_hash;
// random_string's result is not sensitive, hence by name), hashicorp/tls
// tls_private_key (private_key_*), hashicorp/aws aws_iam_access_key (secret,
// ses_smtp_password_v4), aws_secretsmanager_secret_version and its data
// source (secret_string, secret_binary), aws_ssm_parameter and its data
// source (value; insecure_value is the non-sensitive one), data
// aws_kms_secrets (plaintext), aws_db_instance (password),
// aws_rds_cluster (master_password), aws_elasticache_replication_group
// (auth_token). Everything else (an arn, id, name, endpoint) is not a
// secret.
var secretAttributes = map[string]secretSource{
	"random_password.result":                               alwaysSecret,
	"random_password.bcrypt_hash":                          alwaysSecret,
	"random_string.result":                                 secretByName,
	"tls_private_key.private_key_pem":                      alwaysSecret,
	"tls_private_key.private_key_openssh":                  alwaysSecret,
	"tls_private_key.private_key_pem_pkcs8":                alwaysSecret,
	"aws_iam_access_key.secret":                            alwaysSecret,
	"aws_iam_access_key.ses_smtp_password_v4":              alwaysSecret,
	"aws_secretsmanager_secret_version.secret_string":      alwaysSecret,
	"aws_secretsmanager_secret_version.secret_binary":      alwaysSecret,
	"data.aws_secretsmanager_secret_version.secret_string": alwaysSecret,
	"data.aws_secretsmanager_secret_version.secret_binary": alwaysSecret,
	"aws_ssm_parameter.value":                              alwaysSecret,
	"data.aws_ssm_parameter.value":                         alwaysSecret,
	"data.aws_kms_secrets.plaintext":                       alwaysSecret,
	"aws_db_instance.password":                             alwaysSecret,
	"aws_rds_cluster.master_password":                      alwaysSecret,
	"aws_elasticache_replication_group.auth_token":         alwaysSecret,
}

// secretAttributeList lists the table for the rule's documentation.
func secretAttributeList() string {
	var always, byName []string
	for k, v := range secretAttributes {
		if v == alwaysSecret {
			always = append(always, "`"+k+"`")
		} else {
			byName = append(byName, "`"+k+"`")
		}
	}
	sort.Strings(always)
	sort.Strings(byName)
	return strings.Join(always, ", ") + "; and, under a secret-looking name, " + strings.Join(byName, ", ")
}

// secretOrigin returns the first origin of v that is a secret: a
// sensitive source, or an attribute of the table (by name only when the
// variable's name says it is a secret).
func secretOrigin(v lint.String, secretName bool) (lint.String, *lint.Origin, bool) {
	for _, p := range v.Possible() {
		for o := p.Origin(); o != nil; o = o.Next {
			if o.Sensitive {
				return p, o, true
			}
			switch secretAttributes[o.Type+"."+o.Attr] {
			case alwaysSecret:
				return p, o, true
			case secretByName:
				if secretName {
					return p, o, true
				}
			}
		}
	}
	return lint.String{}, nil, false
}

// credentialFormats match values that are credentials whatever their name.
var credentialFormats = []struct {
	what     string
	re       *regexp.Regexp
	critical bool
}{
	{"an AWS access key ID", regexp.MustCompile(`\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b`), true},
	{"a private key", regexp.MustCompile(`-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----`), false},
	{"a GitHub token", regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b`), false},
	{"a GitLab token", regexp.MustCompile(`\bglpat-[A-Za-z0-9_-]{20,}\b`), false},
	{"a Slack token", regexp.MustCompile(`\bxox[abposr]-[A-Za-z0-9-]{10,}\b`), false},
	{"a Stripe secret key", regexp.MustCompile(`\b[sr]k_live_[A-Za-z0-9]{20,}\b`), false},
	{"a Google API key", regexp.MustCompile(`\bAIza[0-9A-Za-z_-]{35}\b`), false},
	{"an npm token", regexp.MustCompile(`\bnpm_[A-Za-z0-9]{36}\b`), false},
	{"a SendGrid API key", regexp.MustCompile(`\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b`), false},
	// A JSON Web Token: base64url of {" for the header and the claims, and
	// a signature; a bearer credential for as long as it is valid.
	{"a JSON Web Token", regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}`), false},
}

// secretishName reports whether a variable name says it holds a secret;
// extra are the secret-name-patterns option's words, upper-cased.
func secretishName(name string, extra []string) bool {
	n := strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
	if n == "TOKEN_TYPE" {
		return false
	}
	for _, s := range referenceSuffixes {
		if strings.HasSuffix(n, s) {
			return false
		}
	}
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	for _, w := range extra {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// isReference reports values that name a secret instead of holding one, or
// that a pipeline fills in later.
func isReference(v string) bool {
	v = strings.TrimSpace(v)
	switch {
	case v == "", placeholder(v), strings.HasPrefix(v, "arn:"),
		strings.HasPrefix(v, "ssm:"), strings.HasPrefix(v, "secretsmanager:"):
		return true
	}
	return false
}

// credentialFormat returns what credential a value looks like, if any.
func credentialFormat(v string) (what string, critical bool) {
	for _, cf := range credentialFormats {
		if cf.re.MatchString(v) {
			return cf.what, cf.critical
		}
	}
	return "", false
}

func (secretInEnvironment) Check(p *lint.Pass) { runTaskCheck(p, checkSecrets) }

// checkSecrets is also one of ECS301's traits.
func checkSecrets(_ *lint.Unit, td *lint.TaskDefinition, opts lint.OptionValues, report func(lint.Finding)) {
	var extra []string
	for _, w := range opts.StringList(secretNamePatterns) {
		extra = append(extra, strings.ToUpper(w))
	}
	for _, c := range td.Containers {
		for _, e := range c.Environment {
			if f, ok := environmentSecret(td, c, e, extra); ok {
				report(f)
			}
		}
		checkSecretReferences(td, c, report)
	}
}

// environmentSecret judges one environment entry.
func environmentSecret(td *lint.TaskDefinition, c *lint.Container, e lint.KeyValue, extra []string) (lint.Finding, bool) {
	if !e.Name.Known() {
		return lint.Finding{}, false
	}
	name := e.Name.V
	key := "environment." + name
	at := e.Value.Range.Or(e.Name.Range)
	val, hasLiteral := e.Value.Any(func(v lint.String) bool { return v.Known() && !isReference(v.V) })
	var f lint.Finding
	switch {
	case awsCredentialNames[strings.ToUpper(name)]:
		f = containerFinding(td, c, at, key,
			fmt.Sprintf("container %q sets AWS credential %q in its environment", c.DisplayName(), name))
		f.Severity = lint.Critical
	case hasLiteral:
		if what, critical := credentialFormat(val.V); what != "" {
			f = containerFinding(td, c, val.Range.Or(at), key,
				fmt.Sprintf("container %q sets environment variable %q to what looks like %s", c.DisplayName(), name, what))
			if critical {
				f.Severity = lint.Critical
			}
		} else if secretishName(name, extra) {
			f = containerFinding(td, c, val.Range.Or(at), key,
				fmt.Sprintf("container %q sets secret-looking environment variable %q in plain text", c.DisplayName(), name))
		} else {
			return fromSecret(td, c, e, name, at, extra)
		}
	default:
		return fromSecret(td, c, e, name, at, extra)
	}
	f.Redact = redactions(e.Value)
	return f, true
}

// fromSecret reports an environment entry whose value comes from a secret
// (a sensitive variable, an attribute that holds one): known or not, it
// ends up in the task definition in plain text.
func fromSecret(td *lint.TaskDefinition, c *lint.Container, e lint.KeyValue, name string, at lint.Range, extra []string) (lint.Finding, bool) {
	val, o, ok := secretOrigin(e.Value, secretishName(name, extra))
	if !ok {
		return lint.Finding{}, false
	}
	what := "a secret"
	if o.Sensitive {
		what = "a sensitive value"
	}
	f := containerFinding(td, c, val.Range.Or(at), "environment."+name, fmt.Sprintf(
		"container %q sets environment variable %q from %s, %s, in plain text; pass it in `secrets` with `valueFrom` "+
			"(a Secrets Manager secret or an SSM Parameter Store parameter) instead", c.DisplayName(), name, o.Expr, what))
	f.Redact = redactions(e.Value)
	return f, true
}

// redactions are the source ranges that write every possible value of v:
// where it is used, and where a parameter default, mapping entry, variable
// default or earlier duplicate key wrote it.
func redactions(v lint.String) []lint.Range { return v.SecretRanges() }
