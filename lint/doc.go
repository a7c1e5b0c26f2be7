// Package lint is ecslint's core: the common model every parser produces
// (Unit, TaskDefinition, Container, Service, ... of Values that know their
// position and whether they are set, unset or unknown; Node, the positioned
// document parsers reduce sources to), the Parser and Rule interfaces, and
// the run pipeline (Run): discover the files, group them into jobs, parse
// each job, run the rules over its units, pass the findings through the
// result processors, and merge everything into one ordered Result.
//
// It knows no format and no rule: parsers live under parsers/, the formats
// are declared in package formats, the rules in package rules, and the run
// policy (config file, rule selection, baselines) in package linter.
package lint
