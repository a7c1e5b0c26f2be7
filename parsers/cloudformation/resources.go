package cloudformation

import (
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
)

// resource normalises one resource of a template for ecsdoc.Linker.Add:
// its resolved Properties are read with CloudFormation's spelling
// (Doc.Field("assignPublicIp") finds AssignPublicIp), as written.
func resource(res lint.Resource, kind ecsdoc.Kind, props *lint.Node) ecsdoc.Resource {
	return ecsdoc.Resource{Resource: res, Kind: kind, Props: ecsdoc.Doc{N: props, Style: lint.PascalCase}}
}
