package lint

import "fmt"

// Meta is a rule's identity and documentation. It lives beside the rule's
// code; docs, `ecslint rules` and `ecslint explain` are generated from it.
type Meta struct {
	// ID is the stable code (ECS001); Name the kebab-case name
	// (privileged-container). Both work wherever a rule is named.
	ID       string
	Name     string
	Severity Severity
	// Controls are the AWS Security Hub controls the rule corresponds to.
	Controls []string
	// ConfigRule is the AWS Config managed rule behind the control, if any.
	ConfigRule string
	// Peers are the other scanners' checks the rule corresponds to
	// (Checkov CKV_AWS_249, KICS, Trivy AVD-AWS-0038), for rules no
	// Security Hub control covers, or covers only in part.
	Peers       []string
	Summary     string
	Rationale   string
	Remediation string
	// Reads is what the rule reads from the model. The rule applies to
	// every input format whose parser produces all of it; formats are not
	// named here, so that a new one needs no rule edited.
	Reads Elements
	// Examples returns documented inputs, in any of the formats the rule
	// applies to; none needs every format. It is a function so that the
	// examples are built when docs or tests ask for them, not at every
	// start of the binary (they were most of the rules package's start-up,
	// paid twice per run by the supervisor and its child). Read them with
	// ExamplesOf.
	Examples func() []Example
	// Disabled rules run only when enabled in config or flags.
	Disabled bool
	// Options are the settings the rule reads from config; a setting it
	// does not declare is a config error.
	Options []Option
	// HelpURL is the rule's documentation page when it is not ecslint's
	// own (a custom rule's help-url); empty for built-in rules.
	HelpURL string
	// Custom is set for an organisation rule written in the config.
	Custom bool
}

// ExamplesOf returns a rule's documented examples; none when it has none
// (a custom rule).
func ExamplesOf(m *Meta) []Example {
	if m.Examples == nil {
		return nil
	}
	return m.Examples()
}

// Elements is a set of the kinds of element the model holds (see Unit).
// Rules say which they read, input formats which their parser produces.
type Elements uint16

// The elements, one per list of Unit.
const (
	TaskDefinitions Elements = 1 << iota
	Services
	Clusters
	SecurityGroups
	Roles
	EKSClusters
	CapacityProviders
	EKSNodeGroups
	EKSIdentityProviderConfigs
)

// AllElements is every kind of element, what the formats that describe a
// whole deployment (CloudFormation, Terraform) produce.
const AllElements = TaskDefinitions | Services | Clusters | SecurityGroups | Roles | EKSClusters | CapacityProviders |
	EKSNodeGroups | EKSIdentityProviderConfigs

// Covers reports whether e holds every element of need.
func (e Elements) Covers(need Elements) bool { return need&^e == 0 }

// Example is a documented input: Bad must produce a finding, Good must not.
type Example struct {
	// Format is the name of the input format the example is written in.
	Format string
	Bad    string
	Good   string
}

// Rule checks one unit and reports findings. Rules are pure functions of
// the model: they never read files.
type Rule interface {
	Meta() *Meta
	Check(p *Pass)
}

// UnitDoner is a rule that keeps something per unit across its Check calls
// (custom rules share each unit's views): UnitDone is called once every
// rule has checked u, so that it can be released while the run goes on,
// not when a bound on what is kept is reached.
type UnitDoner interface {
	UnitDone(u *Unit)
}

// Pass carries one rule's run over one unit.
type Pass struct {
	Unit *Unit
	// Options are the rule's settings from config, keyed by option name
	// and typed as its Meta.Options declare; read them with the typed
	// accessors, which supply the defaults.
	Options OptionValues
	meta    *Meta
	out     *[]Finding
	// cap, when set, bounds the findings a job may hold.
	cap *findingCap
	// notes, when set, collects the job's notes.
	notes *[]Diagnostic
}

// Notef records, for --verbose, something the rule could not judge: a
// value it needs that is not known offline. Unknown is neither a finding
// nor a pass; the note says so, prefixed with the rule's ID. Without a run
// (a rule's own tests) notes are dropped unless WithNotes collects them.
func (p *Pass) Notef(r Range, format string, args ...any) {
	if p.notes == nil {
		return
	}
	msg := p.meta.ID + ": " + fmt.Sprintf(format, args...)
	*p.notes = append(*p.notes, Diagnostic{Range: r, Message: RedactURLCredentials(msg)})
}

// WithNotes makes the pass collect notes in notes (the engine does it;
// tests that drive a rule themselves may).
func (p *Pass) WithNotes(notes *[]Diagnostic) *Pass {
	p.notes = notes
	return p
}

// NewPass prepares a pass of rule over unit, appending findings to out.
func NewPass(rule Rule, unit *Unit, options OptionValues, out *[]Finding) *Pass {
	return &Pass{Unit: unit, Options: options, meta: rule.Meta(), out: out}
}

// Report records a finding, filling in the rule's identity; a zero Severity
// takes the rule's default.
func (p *Pass) Report(f Finding) {
	f.RuleID = p.meta.ID
	f.RuleName = p.meta.Name
	if f.Severity == 0 {
		f.Severity = p.meta.Severity
	}
	if f.Controls == nil {
		f.Controls = p.meta.Controls
	}
	if p.cap != nil && len(*p.out) >= p.cap.limit {
		p.cap.dropped++
		return
	}
	*p.out = append(*p.out, f)
}

// ForTask fills a finding's resource fields from a task definition.
func (f Finding) ForTask(td *TaskDefinition) Finding {
	f.Resource = td.Name
	f.ResourceRange = td.Range
	return f
}

// EachContainer calls fn for every container of every task definition.
func (u *Unit) EachContainer(fn func(td *TaskDefinition, c *Container)) {
	for _, td := range u.TaskDefinitions {
		for _, c := range td.Containers {
			fn(td, c)
		}
	}
}
