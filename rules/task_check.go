package rules

import "github.com/ecslint/ecslint/lint"

// taskCheck is a rule's question about one task definition. Rules whose
// findings are risky traits of a task definition are written as one, so
// ECS301 (service-exposure) asks exactly the question the rule asks.
type taskCheck func(u *lint.Unit, td *lint.TaskDefinition, opts lint.OptionValues, report func(lint.Finding))

// runTaskCheck runs a taskCheck over every task definition of the pass.
func runTaskCheck(p *lint.Pass, check taskCheck) {
	for _, td := range p.Unit.TaskDefinitions {
		check(p.Unit, td, p.Options, p.Report)
	}
}

// unsetOrFalse matches a flag that is absent (ECS's default, false) or
// known to be false: an unprivileged container (ECS008), a writable root
// file system (ECS007).
func unsetOrFalse(v lint.Bool) bool { return v.State == lint.Unset || (v.Known() && !v.V) }
