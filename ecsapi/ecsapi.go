// Package ecsapi holds what ecslint knows of the ECS API itself, whatever
// format a document is written in: the task-definition schema in the API's
// spelling, and how CloudFormation spells the API's keys. The decoder
// (parsers/ecsdoc) and the rules (ECS000's schema check) both read it, so
// neither depends on the other.
package ecsapi

import (
	_ "embed"
	"strings"

	"github.com/ecslint/ecslint/lint"
)

// TaskDefinitionSchema is the task-definition schema in the ECS API's
// spelling (JSON Schema 2020-12). ECS000 validates documents against it;
// the Terraform provider's reading of container definitions takes their
// shape from it.
//
//go:embed taskdef.schema.json
var TaskDefinitionSchema []byte

// Key returns the spelling of an ECS API key in the given style.
func Key(camel string, style lint.KeyStyle) string {
	if style != lint.PascalCase || camel == "" {
		return camel
	}
	if k, ok := PascalException(camel); ok {
		return k
	}
	return strings.ToUpper(camel[:1]) + camel[1:]
}

// PascalException returns CloudFormation's spelling of an API key when it
// is not the API key with a capital.
func PascalException(camel string) (string, bool) {
	k, ok := pascalExceptions[camel]
	return k, ok
}

var pascalExceptions = map[string]string{
	"efsVolumeConfiguration": "EFSVolumeConfiguration",
	"fileSystemId":           "FilesystemId",
}
