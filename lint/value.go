package lint

// State says what a parser could learn about a value.
type State uint8

const (
	// Unset means the source does not set the value; the service default applies.
	Unset State = iota
	// Known means the value was written (or resolved) and V holds it.
	Known
	// Unknown means the value is set but cannot be known offline: a Terraform
	// variable without a value, a !Ref to a parameter without a default, a
	// ${...} template. Unknown is not false: rules neither fire on it nor treat
	// it as safe.
	Unknown
)

func (s State) String() string {
	switch s {
	case Known:
		return "known"
	case Unknown:
		return "unknown"
	default:
		return "unset"
	}
}

// Value is one scalar a rule can look at, with where it came from.
//
// Range is the key that set the value (the place a finding points at); ValueRange
// is the value's own text, used to redact secrets from source snippets. Ref
// names the resource the value refers to, when it is a reference such as
// !GetAtt TaskRole.Arn or aws_iam_role.task.arn (see Unit.Role, Unit.SecurityGroup, Unit.TaskDefinition).
//
// Origin, when set, says where the value comes from: the reference that
// produced it and whether that source is secret. A rule that asks "is this a
// secret written in plain text?" can answer it for values it cannot see.
//
// Alts holds further possible values, for sources that choose between
// alternatives (CloudFormation Fn::If). A rule that asks "can this be X?" must
// look at every possibility: use Any.
type Value[T any] struct {
	V          T
	State      State
	Range      Range
	ValueRange Range
	// more holds what few values have (see valueMore); a task definition
	// has hundreds of values, a large file millions, nearly all without.
	more *valueMore[T]
}

// valueMore is the part of a Value that nearly every value leaves empty.
// Values are copied freely, and a copy shares it, so it is never changed
// in place: each setter installs a new one.
type valueMore[T any] struct {
	ref    string
	origin *Origin
	alts   []Value[T]
	// written lists other text that wrote the value, beside ValueRange:
	// the parameter default or mapping entry a CloudFormation !Ref or
	// Fn::FindInMap resolved to, a Terraform variable default or tfvars
	// entry, the earlier of duplicate keys. Secrets are masked there too.
	written []Range
	pattern *Pattern
}

// Ref names the resource the value refers to, if any.
func (v Value[T]) Ref() string {
	if v.more == nil {
		return ""
	}
	return v.more.ref
}

// Origin says where the value comes from, when the parser knows; nil
// otherwise.
func (v Value[T]) Origin() *Origin {
	if v.more == nil {
		return nil
	}
	return v.more.origin
}

// Alts returns the further possible values (CloudFormation Fn::If).
func (v Value[T]) Alts() []Value[T] {
	if v.more == nil {
		return nil
	}
	return v.more.alts
}

// Written lists other text that wrote the value, beside ValueRange. The
// slice is shared: never append to it.
func (v Value[T]) Written() []Range {
	if v.more == nil {
		return nil
	}
	return v.more.written
}

func (v *Value[T]) edit() *valueMore[T] {
	if v.more == nil {
		return &valueMore[T]{}
	}
	c := *v.more
	return &c
}

func (v *Value[T]) settle(m *valueMore[T]) {
	if m.ref == "" && m.origin == nil && len(m.alts) == 0 && len(m.written) == 0 && m.pattern == nil {
		v.more = nil
		return
	}
	v.more = m
}

// Pattern is what is known of an unknown string's text (see Node.Pattern).
func (v Value[T]) Pattern() *Pattern {
	if v.more == nil {
		return nil
	}
	return v.more.pattern
}

// SetPattern records what is known of the value's text.
func (v *Value[T]) SetPattern(p *Pattern) {
	if p == v.Pattern() {
		return
	}
	m := v.edit()
	m.pattern = p
	v.settle(m)
}

// SetRef records the resource the value refers to.
func (v *Value[T]) SetRef(ref string) {
	if ref == v.Ref() {
		return
	}
	m := v.edit()
	m.ref = ref
	v.settle(m)
}

// SetOrigin records where the value comes from.
func (v *Value[T]) SetOrigin(o *Origin) {
	if o == v.Origin() {
		return
	}
	m := v.edit()
	m.origin = o
	v.settle(m)
}

// SetAlts replaces the further possible values.
func (v *Value[T]) SetAlts(alts []Value[T]) {
	if len(alts) == 0 && v.more == nil {
		return
	}
	m := v.edit()
	m.alts = alts
	v.settle(m)
}

// SetWritten replaces the other text recorded as having written the value.
func (v *Value[T]) SetWritten(ws []Range) {
	if len(ws) == 0 && v.more == nil {
		return
	}
	m := v.edit()
	m.written = ws
	v.settle(m)
}

// Origin is where a value comes from, when the parser knows more about it
// than its text: an unknown value read from a resource attribute
// (random_password.db.result) or a variable declared sensitive. Ref (on
// Node and Value) still names the linked resource; Origin names the exact
// reference and says whether its source is secret.
type Origin struct {
	// Expr is the reference as written, with the module path of the
	// instance that wrote it: random_password.db.result,
	// module.app.var.db_password, data.aws_ssm_parameter.p.value.
	Expr string
	// Type and Attr are, for a resource or data source, its type
	// (data sources prefixed "data.": data.aws_ssm_parameter) and the
	// attribute read; empty otherwise.
	Type, Attr string
	// Sensitive is set when the source itself declares the value secret: a
	// variable with sensitive = true, a value a plan marks sensitive.
	Sensitive bool
	// Next is a further origin of a value built from several parts (a
	// template with two references).
	Next *Origin
}

// String, Bool and Int are the value kinds the model uses.
type (
	String = Value[string]
	Bool   = Value[bool]
	Int    = Value[int64]
)

// Known reports whether the value was set to something known.
func (v Value[T]) Known() bool { return v.State == Known }

// Set reports whether the value was written at all, known or not.
func (v Value[T]) Set() bool { return v.State != Unset }

// Possible returns every value v may take: itself, then its alternatives.
func (v Value[T]) Possible() []Value[T] {
	alts := v.Alts()
	if len(alts) == 0 {
		return []Value[T]{v}
	}
	all := make([]Value[T], 0, 1+len(alts))
	all = append(all, v)
	all = append(all, alts...)
	return all
}

// SecretRanges returns every source range that writes a possible value of
// v: where a rule finds v secret, all of them must be masked.
func (v Value[T]) SecretRanges() []Range {
	var out []Range
	for _, p := range v.Possible() {
		if !p.ValueRange.IsZero() {
			out = append(out, p.ValueRange)
		}
		out = append(out, p.Written()...)
	}
	return out
}

// Any returns the first possible value for which match is true.
func (v Value[T]) Any(match func(Value[T]) bool) (Value[T], bool) {
	if match(v) {
		return v, true
	}
	for _, a := range v.Alts() {
		if match(a) {
			return a, true
		}
	}
	var zero Value[T]
	return zero, false
}

// Is reports a possible value known to be exactly want, and returns it.
func Is[T comparable](v Value[T], want T) (Value[T], bool) {
	return v.Any(func(p Value[T]) bool { return p.State == Known && p.V == want })
}

// KnownValue returns a Known value at a range; parsers and tests use it.
func KnownValue[T any](v T, r Range) Value[T] {
	return Value[T]{V: v, State: Known, Range: r, ValueRange: r}
}

// Presence records whether an object (logConfiguration, linuxParameters, a
// host block) is present, and the range of its key. Objects whose fields
// carry their own values embed it.
type Presence struct {
	State State
	Range Range
}

// Set reports whether the object is present, known or not.
func (p Presence) Set() bool { return p.State != Unset }

// Known reports whether the object is present with known content.
func (p Presence) Known() bool { return p.State == Known }

// WithRef returns a copy of v that refers to ref.
func (v Value[T]) WithRef(ref string) Value[T] {
	v.SetRef(ref)
	return v
}
