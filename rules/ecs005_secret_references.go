package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// This file extends ECS005 to the places that are meant to hold a reference
// to a secret (secrets[].valueFrom, logConfiguration.secretOptions[].valueFrom,
// repositoryCredentials.credentialsParameter) but were given the secret itself.

// parameterName matches what an SSM parameter name may be: letters, digits
// and _.-/ only. A valueFrom outside that set cannot be a parameter name, so
// it is a literal.
var parameterName = regexp.MustCompile(`^[A-Za-z0-9_./-]+$`)

// literalSecret reports a valueFrom that holds a secret instead of naming one.
func literalSecret(v string) bool {
	v = strings.TrimSpace(v)
	if isReference(v) {
		return false
	}
	if what, _ := credentialFormat(v); what != "" {
		return true
	}
	return !parameterName.MatchString(v)
}

// secretValueAsReference reports a valueFrom given a secret's value (an
// attribute of the secret table, random_password.x.result,
// aws_ssm_parameter.p.value) where its ARN or name belongs: ECS cannot
// resolve it, and the task definition holds the secret. A sensitive
// variable is not enough: it may well hold an ARN.
func secretValueAsReference(td *lint.TaskDefinition, c *lint.Container, v lint.String, at lint.Range, where, name string) (lint.Finding, bool) {
	for _, p := range v.Possible() {
		for o := p.Origin(); o != nil; o = o.Next {
			if secretAttributes[o.Type+"."+o.Attr] != alwaysSecret {
				continue
			}
			f := containerFinding(td, c, p.Range.Or(at), where+"."+name+".valueFrom", fmt.Sprintf(
				"container %q has %s, a secret's value, in %s %q, which takes the ARN or name of a secret or parameter",
				c.DisplayName(), o.Expr, where, name))
			f.Redact = redactions(v)
			return f, true
		}
	}
	return lint.Finding{}, false
}

// knownLiteralSecret matches a known value that is a literal secret.
func knownLiteralSecret(v lint.String) bool { return v.Known() && literalSecret(v.V) }

// checkSecretReferences reports secret references that are literal values.
func checkSecretReferences(td *lint.TaskDefinition, c *lint.Container, report func(lint.Finding)) {
	refs := func(list []lint.Secret, where string) {
		for _, s := range list {
			name := "(unnamed)"
			if s.Name.Known() {
				name = s.Name.V
			}
			lit, ok := s.ValueFrom.Any(knownLiteralSecret)
			if !ok {
				if f, ok := secretValueAsReference(td, c, s.ValueFrom, s.Range, where, name); ok {
					report(f)
				}
				continue
			}
			f := containerFinding(td, c, s.ValueFrom.Range.Or(s.Range), where+"."+name+".valueFrom",
				fmt.Sprintf("container %q has a literal value instead of a secret ARN or parameter name in %s %q",
					c.DisplayName(), where, name))
			if _, critical := credentialFormat(lit.V); critical {
				f.Severity = lint.Critical // an AWS key: long-lived, and it bypasses the task role
			}
			f.Redact = redactions(s.ValueFrom)
			report(f)
		}
	}
	refs(c.Secrets, "secrets")
	refs(c.LogConfiguration.SecretOptions, "logConfiguration.secretOptions")

	// The registry credentials must be a Secrets Manager secret's ARN (or
	// its name in the same account); anything the names cannot be is the
	// credential itself.
	cp := c.RepositoryCredentials.CredentialsParameter
	if _, ok := cp.Any(knownLiteralSecret); ok {
		f := containerFinding(td, c, cp.Range.Or(c.RepositoryCredentials.Range), "repositoryCredentials.credentialsParameter",
			fmt.Sprintf("container %q has a literal credential instead of a Secrets Manager ARN in repositoryCredentials", c.DisplayName()))
		f.Redact = redactions(cp)
		report(f)
	}
}
