// Package formats declares ecslint's input formats, once. A format is its
// parser (which names the format, claims its files and supplies their
// comments), what the parser produces of the model, and how the docs show
// an example in it. The CLI, the docs generator and the registry test take
// the list from here, and rules say what they read rather than which
// formats they support. Adding a format is a parser package, an entry in
// All, and its fixtures under fixtures/<name> (a positive and a negative
// case for every rule it applies to); `go generate ./rules` then lists it
// on those rules' pages. No rule needs an example in it.
package formats

import (
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/cloudformation"
	"github.com/ecslint/ecslint/parsers/plan"
	"github.com/ecslint/ecslint/parsers/taskdef"
	"github.com/ecslint/ecslint/parsers/terraform"
)

// Format describes one input format.
type Format struct {
	// Parser reads the format. Its Name is the format's name (in rule
	// examples, the docs, `ecslint rules --format json` and fixtures/);
	// Accepts, by path, and Parse's claimed result, by content, decide
	// which files are the format's; when the format has comments, the
	// parser is also a lint.CommentSource, the one source of comments for
	// inline suppressions.
	Parser lint.Parser
	// Title names the format in the docs.
	Title string
	// Produces is what the parser produces of the model: a rule applies to
	// the format when it produces everything the rule reads.
	Produces lint.Elements
	// Example is how the docs show an example written in the format.
	Example Example
}

// Example is the template the docs build a rule's example in a format
// with: the example's source is linted and shown under File, fenced as
// Fence.
type Example struct {
	File  string
	Fence string
}

// Name is the format's name, as its parser gives it.
func (f Format) Name() string { return f.Parser.Name() }

// List is a list of formats, in the order a file is offered to their
// parsers.
type List []Format

// All returns every input format. Raw task-definition JSON comes first: a
// .json file that is a task definition is not a CloudFormation template.
func All() List {
	return List{
		{Parser: taskdef.Parser{}, Title: "Task definition JSON", Produces: lint.TaskDefinitions,
			Example: Example{File: "taskdef.json", Fence: "json"}},
		{Parser: cloudformation.Parser{}, Title: "CloudFormation", Produces: lint.AllElements,
			Example: Example{File: "template.yaml", Fence: "yaml"}},
		{Parser: terraform.Parser{}, Title: "Terraform", Produces: lint.AllElements,
			Example: Example{File: "main.tf", Fence: "hcl"}},
		// A plan is JSON, offered after the task-definition parser (a
		// plan has no top-level containerDefinitions) and
		// CloudFormation's (no top-level Resources).
		{Parser: plan.Parser{}, Title: "Terraform plan JSON", Produces: lint.AllElements,
			Example: Example{File: "tfplan.json", Fence: "json"}},
	}
}

// Parsers returns the formats' parsers, in order, for lint.Options.
func (l List) Parsers() []lint.Parser {
	out := make([]lint.Parser, len(l))
	for i, f := range l {
		out[i] = f.Parser
	}
	return out
}

// For returns the formats a rule that reads the given elements applies
// to: those that produce all of them.
func (l List) For(reads lint.Elements) List {
	var out List
	for _, f := range l {
		if f.Produces.Covers(reads) {
			out = append(out, f)
		}
	}
	return out
}

// Lookup returns the format of the given name.
func (l List) Lookup(name string) (Format, bool) {
	for _, f := range l {
		if f.Name() == name {
			return f, true
		}
	}
	return Format{}, false
}

// Names returns the formats' names, in order.
func (l List) Names() []string {
	out := make([]string, len(l))
	for i, f := range l {
		out[i] = f.Name()
	}
	return out
}
