// Package rules holds ecslint's rules, one per file, each with its metadata
// beside its check.
package rules

//go:generate go run ./ruledoc/gendocs -out ../docs/rules -schema ../config/schema.json -config-doc ../docs/config.md

import "github.com/ecslint/ecslint/lint"

// All returns every rule, sorted by ID. It builds a fresh slice each call:
// rules hold no state, but callers may filter the slice.
func All() []lint.Rule {
	return []lint.Rule{
		invalidTaskDefinition{},
		privilegedContainer{},
		hostPIDMode{},
		hostNetworkMode{},
		hostPathVolume{},
		secretInEnvironment{},
		missingLogConfiguration{},
		writableRootFilesystem{},
		hostNetworkRootUser{},
		rootUserRule{},
		hostIPCMode{},
		dangerousCapabilities{},
		efsTransitEncryption{},
		adminTaskRole{},
		unpinnedImage{},
		windowsAdminUser{},
		missingRequiredTags{},
		sharedTaskExecutionRole{},
		missingHealthCheck{},
		publicIPRule{},
		openSecurityGroup{},
		outdatedFargatePlatform{},
		serviceAdminRole{},
		containerInsightsDisabled{},
		execLoggingDisabled{},
		capacityProviderTerminationProtection{},
		serviceExposure{},
		eksPublicEndpoint{},
		eksUnencryptedSecrets{},
		eksUnsupportedVersion{},
		eksAuditLoggingDisabled{},
		eksNodeGroupRemoteAccess{},
		eksNodeGroupUnsupportedVersion{},
		clusterExposure{},
	}
}

// containerFinding builds a finding about container c of td.
func containerFinding(td *lint.TaskDefinition, c *lint.Container, at lint.Range, key, msg string) lint.Finding {
	f := lint.Finding{
		Message:       msg,
		Range:         at.Or(c.Range),
		Resource:      td.Name,
		ResourceRange: td.Range,
		Container:     c.DisplayName(),
		Key:           key,
	}
	return withResource(f, td)
}

// withResource adds the task definition as a related location when the
// finding points outside the resource's text, so the reader learns which
// resource the value feeds: a Terraform file() target, a local, a module
// argument.
func withResource(f lint.Finding, td *lint.TaskDefinition) lint.Finding {
	extent := td.Extent
	if extent.IsZero() {
		extent = td.Range
	}
	if !extent.Contains(f.Range) && !td.Range.IsZero() {
		f.Related = append(f.Related, lint.Related{Range: td.Range, Message: "task definition " + td.Name})
	}
	return f
}

// taskFinding builds a finding about task definition td.
func taskFinding(td *lint.TaskDefinition, at lint.Range, key, msg string) lint.Finding {
	return withResource(lint.Finding{
		Message:       msg,
		Range:         at.Or(td.Range),
		Resource:      td.Name,
		ResourceRange: td.Range,
		Key:           key,
	}, td)
}
