package custom

import (
	"fmt"
	"slices"
	"strings"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/checker"
	celast "github.com/google/cel-go/common/ast"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"

	"github.com/ecslint/ecslint/config"
	"github.com/ecslint/ecslint/lint"
)

// Rule is a compiled custom rule.
type Rule struct {
	meta lint.Meta
	kind *kind
	prog *program
	// reads are the fields the condition reads, in the order it reads
	// them (variable-rooted select chains: container.image); readFields
	// the same split at their dots.
	reads      []string
	readFields [][]string
	// at is the field findings point at: the rule's at, else reads[0];
	// atFields the same split at its dots.
	at       string
	atFields []string
	// chains are the chains of fields the condition, the message and at
	// read (selections), for the views' need.
	chains  [][]string
	message []segment
	// views is shared by the rules of one Compile.
	views *cache
}

// segment is a literal part of a message or a compiled {{ expr }} hole.
type segment struct {
	text string
	prog *program
	// chains are what the hole reads (selections).
	chains [][]string
}

// program is a checked expression planned twice: for subjects whose
// values are all known, and with partial evaluation (unknown values stay
// unknown) for the others, which is slower: every attribute is matched
// against the unknown patterns.
type program struct {
	known, partial cel.Program
	// iterates is set when the expression has a comprehension (all,
	// exists, map, filter).
	iterates bool
	// native evaluates the expression without cel-go when all values are
	// known (native.go); nil when it uses what the native evaluator does
	// not have.
	native *native
}

func (p *program) eval(act cel.Activation, partial bool) (ref.Val, error) {
	prog := p.known
	if partial {
		prog = p.partial
	}
	val, _, err := prog.Eval(act)
	return val, err
}

// Meta implements lint.Rule.
func (r *Rule) Meta() *lint.Meta { return &r.meta }

// Compile compiles a config's custom rules, once per run. Every problem
// is a config error at its line and column in the YAML, with CEL's own
// message; the rules are returned only when there is none.
func Compile(specs []config.CustomRule) ([]lint.Rule, error) {
	var errs config.Errors
	var out []lint.Rule
	views := &cache{need: &need{}}
	for _, s := range specs {
		r, es := compileOne(s)
		errs = append(errs, es...)
		if r != nil {
			r.views = views
			for _, ch := range r.chains {
				views.need.add(aliased(ch))
			}
			out = append(out, r)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

func compileOne(s config.CustomRule) (*Rule, config.Errors) {
	k := kindNamed(s.On)
	if k == nil { // the schema's enum lists the kinds
		return nil, config.Errors{{Range: s.Range, Key: s.ID + ".on", Message: fmt.Sprintf("unknown kind %q", s.On)}}
	}
	env, err := envFor(k)
	if err != nil {
		return nil, config.Errors{{Range: s.Range, Key: s.ID, Message: "internal error building the CEL environment: " + err.Error()}}
	}
	var errs config.Errors
	fail := func(t config.Text, key string, iss *cel.Issues, offset int) {
		for _, e := range iss.Errors() {
			loc := e.Location
			line, col := 1, 1
			if loc != nil && loc.Line() > 0 {
				line, col = loc.Line(), loc.Column()+1
			}
			if line == 1 {
				col += offset
			}
			errs = append(errs, &config.Error{Range: t.Pos(line, col), Key: s.ID + "." + key, Message: "CEL: " + firstLine(e.Message)})
		}
	}
	r := &Rule{kind: k, meta: lint.Meta{
		ID: s.ID, Name: s.Name, Severity: severityOf(s.Severity), Summary: s.Summary, Rationale: s.Rationale,
		Remediation: s.Remediation, HelpURL: s.HelpURL, Reads: k.reads, Disabled: s.Disabled, Custom: true,
	}}
	if r.meta.Summary == "" {
		r.meta.Summary = s.Name
	}

	ast, iss := env.Compile(s.Violation.Value)
	if iss.Err() != nil {
		fail(s.Violation, "violation", iss, 0)
	} else if !ast.OutputType().IsExactType(types.BoolType) {
		errs = append(errs, &config.Error{Range: s.Violation.Pos(1, 1), Key: s.ID + ".violation",
			Message: fmt.Sprintf("CEL: the condition is of type %s; it must be a bool (true means a finding)", ast.OutputType())})
	} else {
		if msg := checkCost(env, ast); msg != "" {
			errs = append(errs, &config.Error{Range: s.Violation.Pos(1, 1), Key: s.ID + ".violation", Message: msg})
		}
		r.chains = append(r.chains, selections(ast, k)...)
		r.reads = fieldsRead(ast, k)
		for _, ch := range r.reads {
			r.readFields = append(r.readFields, strings.Split(ch, "."))
		}
		r.prog, err = plan(env, ast, k)
		if err != nil {
			errs = append(errs, &config.Error{Range: s.Violation.Pos(1, 1), Key: s.ID + ".violation", Message: "CEL: " + err.Error()})
		}
	}

	if s.At.Value != "" {
		at, aiss := env.Compile(s.At.Value)
		switch {
		case aiss.Err() != nil:
			fail(s.At, "at", aiss, 0)
		default:
			chains := fieldsRead(at, k)
			r.chains = append(r.chains, selections(at, k)...)
			if len(chains) == 0 || chains[0] != strings.ReplaceAll(s.At.Value, " ", "") {
				errs = append(errs, &config.Error{Range: s.At.Pos(1, 1), Key: s.ID + ".at",
					Message: "at names a field, such as container.image (no indexes, calls or operators)"})
			} else {
				r.at = chains[0]
			}
		}
	} else if len(r.reads) > 0 {
		r.at = r.reads[0]
	}

	if r.at != "" {
		r.atFields = strings.Split(r.at, ".")
	}
	r.message = compileMessage(env, s, &errs, fail)
	for _, seg := range r.message {
		if seg.prog != nil {
			r.chains = append(r.chains, seg.chains...)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return r, nil
}

// plan plans a checked expression. CEL's static estimate bounds its cost
// when no list is longer than assumedListSize (lists are what a condition
// iterates; nothing else repeats), and evaluate does not run a condition
// that iterates on a resource with a longer list: so no runtime cost
// tracking is needed, which would slow every evaluation by a third.
func plan(env *cel.Env, ast *cel.Ast, k *kind) (*program, error) {
	known, err := env.Program(ast)
	if err != nil {
		return nil, err
	}
	partial, err := env.Program(ast, cel.EvalOptions(cel.OptPartialEval))
	if err != nil {
		return nil, err
	}
	return &program{known: known, partial: partial, iterates: hasComprehension(ast), native: compileNative(ast.NativeRep(), k.vars)}, nil
}

func hasComprehension(ast *cel.Ast) bool {
	found := false
	celast.PreOrderVisit(ast.NativeRep().Expr(), celast.NewExprVisitor(func(e celast.Expr) {
		if e.Kind() == celast.ComprehensionKind {
			found = true
		}
	}))
	return found
}

// checkCost refuses a condition whose worst case, with lists of
// assumedListSize, exceeds the cost limit.
func checkCost(env *cel.Env, ast *cel.Ast) string {
	est, err := env.EstimateCost(ast, sizeEstimator{})
	if err != nil {
		return "CEL: cannot estimate the cost: " + err.Error()
	}
	if est.Max > estimatedCostLimit {
		return fmt.Sprintf("CEL: the condition may cost up to %d, over the limit of %d (with lists of %d items): iterate fewer lists inside each other", est.Max, estimatedCostLimit, assumedListSize)
	}
	return ""
}

// sizeEstimator tells CEL's cost estimate how large lists, maps and
// strings of the model can be.
type sizeEstimator struct{}

func (sizeEstimator) EstimateSize(checker.AstNode) *checker.SizeEstimate {
	return &checker.SizeEstimate{Min: 0, Max: assumedListSize}
}

//nolint:gocritic // ptrToRefParam: the signature is checker.CostEstimator's
func (sizeEstimator) EstimateCallCost(string, string, *checker.AstNode, []checker.AstNode) *checker.CallEstimate {
	return nil
}

// compileMessage splits a message into literal text and {{ expr }} holes,
// each compiled in the rule's environment.
func compileMessage(env *cel.Env, s config.CustomRule, errs *config.Errors, fail func(config.Text, string, *cel.Issues, int)) []segment {
	var out []segment
	rest := s.Message.Value
	offset := 0
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			out = append(out, segment{text: rest})
			return out
		}
		j := strings.Index(rest[i:], "}}")
		if j < 0 {
			*errs = append(*errs, &config.Error{Range: s.Message.Pos(1, offset+i+1), Key: s.ID + ".message", Message: "{{ without }}"})
			return nil
		}
		out = append(out, segment{text: rest[:i]})
		expr := rest[i+2 : i+j]
		ast, iss := env.Compile(expr)
		if iss.Err() != nil {
			fail(s.Message, "message", iss, len([]rune(s.Message.Value[:offset+i+2])))
		} else if p, err := plan(env, ast, kindNamed(s.On)); err != nil {
			*errs = append(*errs, &config.Error{Range: s.Message.Pos(1, offset+i+1), Key: s.ID + ".message", Message: "CEL: " + err.Error()})
		} else {
			if msg := checkCost(env, ast); msg != "" {
				*errs = append(*errs, &config.Error{Range: s.Message.Pos(1, offset+i+1), Key: s.ID + ".message", Message: msg})
			}
			out = append(out, segment{prog: p, chains: selections(ast, kindNamed(s.On))})
		}
		offset += i + j + 2
		rest = rest[i+j+2:]
	}
}

// fieldsRead lists the variable-rooted field chains an expression reads
// (container.image), outermost first, in the order of the expression
// (left to right).
func fieldsRead(ast *cel.Ast, k *kind) []string {
	var out []string
	for _, ch := range selections(ast, k) {
		if len(ch) < 2 {
			continue
		}
		if chain := strings.Join(ch, "."); !slices.Contains(out, chain) {
			out = append(out, chain)
		}
	}
	return out
}

// iterates reports whether the condition or a message hole has a
// comprehension.
func (r *Rule) iterates() bool {
	if r.prog.iterates {
		return true
	}
	for _, seg := range r.message {
		if seg.prog != nil && seg.prog.iterates {
			return true
		}
	}
	return false
}

// Check implements lint.Rule.
func (r *Rule) Check(p *lint.Pass) {
	for _, s := range r.views.subjects(p.Unit, r.kind) {
		r.evaluate(p, s)
	}
}

// UnitDone implements lint.UnitDoner: the unit's views are released.
func (r *Rule) UnitDone(u *lint.Unit) { r.views.drop(u) }

// evaluate runs the condition on one resource: once, or once per
// combination of the Fn::If alternatives of the fields it reads.
func (r *Rule) evaluate(p *lint.Pass, s *subject) {
	if r.iterates() && s.v.longest > assumedListSize {
		p.Notef(s.resource.Range, "not evaluated on %s: it iterates over lists, and one has %d items, more than the %d its cost was checked for", s.name, s.v.longest, assumedListSize)
		return
	}
	choices := r.relevantChoices(s)
	combos := 1
	for _, c := range choices {
		combos *= c.n
		if combos > maxChoices {
			p.Notef(s.resource.Range, "not evaluated on %s: its values have more than %d combinations of Fn::If alternatives", s.name, maxChoices)
			return
		}
	}
	if len(choices) > 0 {
		defer func() {
			for _, c := range choices {
				c.set(0)
			}
		}()
	}
	unknown := false
	for n := 0; n < combos; n++ {
		rem := n
		var extra []path
		var chosen map[int32]lint.Range
		for _, c := range choices {
			at, unk := c.set(rem % c.n)
			rem /= c.n
			if chosen == nil {
				chosen = map[int32]lint.Range{}
			}
			chosen[c.at.i] = at
			if unk {
				extra = append(extra, c.at)
			}
		}
		val, err := r.eval(r.prog, s, extra)
		switch {
		case err != nil:
			p.Notef(s.resource.Range, "could not be evaluated on %s: %s", s.name, firstLine(err.Error()))
			return
		case types.IsUnknown(val):
			unknown = true
		case val == types.True:
			r.report(p, s, chosen, extra)
			return
		}
	}
	if unknown {
		p.Notef(r.position(s, nil), "not decided on %s: its condition depends on a value that cannot be known offline", s.name)
	}
}

// eval evaluates a program on the subject, with the subject's unknown
// paths (and extra ones) as CEL unknowns.
func (r *Rule) eval(prog *program, s *subject, extra []path) (ref.Val, error) {
	partial := len(s.v.unknown) > 0 || len(extra) > 0
	if prog.native != nil {
		var pats []npat
		if partial {
			pats = nativePatterns(s, extra)
		}
		if v, ok := prog.native.run(&s.vars, pats); ok {
			return v, nil
		}
	}
	act := s.act
	if act == nil || len(extra) > 0 {
		var err error
		if act, err = activation(s, extra); err != nil {
			return nil, err
		}
		if len(extra) == 0 {
			s.act = act
		}
	}
	return prog.eval(act, partial)
}

// activation is the subject's variables with its unknown paths (and extra
// ones) as CEL unknowns, under their own variable and under the aliases
// that stand for them.
func activation(s *subject, extra []path) (cel.Activation, error) {
	if len(s.v.unknown) == 0 && len(extra) == 0 {
		return cel.NewActivation(&s.vars)
	}
	var pats []*cel.AttributePatternType
	add := func(p path) {
		pats = append(pats, p.pattern("", 0))
		if s.alias != "" && p.within(s.aliasOf) {
			pats = append(pats, p.pattern(s.alias, s.aliasOf.depth()))
		}
	}
	for _, p := range s.v.unknown {
		add(p)
	}
	for _, p := range extra {
		add(p)
	}
	return cel.PartialVars(&s.vars, pats...)
}

// nativePatterns are activation's unknown patterns for the native
// evaluator: the view's own, shared, and under the subject's aliases
// (container for task.containerDefinitions[1]) those inside what the
// alias stands for, made once per subject.
func nativePatterns(s *subject, extra []path) []npat {
	if s.npats == nil {
		s.npats = s.v.unknownPatterns()
		if s.alias != "" {
			t := s.aliasOf.npat()
			for _, p := range s.v.upats {
				if p.variable == t.variable && strings.HasPrefix(p.rest, t.rest) {
					s.npats = append(slices.Clip(s.npats), npat{variable: s.alias, rest: p.rest[len(t.rest):]})
				}
			}
		}
	}
	if len(extra) == 0 {
		return s.npats
	}
	out := slices.Clone(s.npats)
	for _, p := range extra {
		pat := p.npat()
		out = append(out, pat)
		if s.alias != "" {
			if t := s.aliasOf.npat(); pat.variable == t.variable && strings.HasPrefix(pat.rest, t.rest) {
				out = append(out, npat{variable: s.alias, rest: pat.rest[len(t.rest):]})
			}
		}
	}
	return out
}

// resolve finds the path of a chain the rule reads (container.image), as
// deep as the view has it (task.containerDefinitions[1].image).
func resolve(s *subject, fields []string) (path, bool) {
	p, ok, _ := resolveAll(s, fields)
	return p, ok
}

// resolveAll is resolve that also tells whether the whole chain has a
// path; when it has not (the value is unset and written nowhere, or its
// object is absent), p is the deepest enclosing path that has one.
func resolveAll(s *subject, fields []string) (p path, ok, whole bool) {
	base := s.aliasOf
	if s.alias == "" || fields[0] != s.alias {
		if base, ok = s.v.roots[fields[0]]; !ok {
			return path{}, false, false
		}
	}
	p, whole = base.find(fields[1:])
	return p, true, whole
}

// relevantChoices are the subject's values with alternatives that the
// condition reads (a field, or something inside or around it).
func (r *Rule) relevantChoices(s *subject) []choice {
	if len(s.v.choices) == 0 {
		return nil
	}
	var out []choice
	for _, c := range s.v.choices {
		for _, chain := range r.readFields {
			// A choice inside what is read is relevant, and so is one
			// around it; when what is read has no path, what is inside the
			// enclosing path it resolves to is another value's.
			if p, ok, whole := resolveAll(s, chain); ok && ((whole && c.at.within(p)) || p.within(c.at)) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// position is where a finding about the subject points: the at field (the
// alternative chosen, if it has them), else the nearest enclosing object
// that is written, else the resource.
func (r *Rule) position(s *subject, chosen map[int32]lint.Range) lint.Range {
	if r.at != "" {
		if p, ok := resolve(s, r.atFields); ok {
			for i := p.i; i >= 0; i = s.v.nodes[i].parent {
				if at := chosen[i]; !at.IsZero() {
					return at
				}
				if at := s.v.rangeAt(i); !at.IsZero() {
					return at
				}
			}
		}
	}
	if s.alias != "" {
		if at := s.aliasOf.rangeOf(); !at.IsZero() {
			return at
		}
	}
	return s.resource.Range
}

func (r *Rule) report(p *lint.Pass, s *subject, chosen map[int32]lint.Range, extra []path) {
	at := r.position(s, chosen)
	f := lint.Finding{
		Message:       r.render(s, extra),
		Range:         at,
		Resource:      s.resource.Name,
		ResourceRange: s.resource.Range,
		Container:     s.container,
		Key:           strings.TrimPrefix(r.at, strings.SplitN(r.at, ".", 2)[0]+"."),
	}
	extent := s.resource.Extent
	if extent.IsZero() {
		extent = s.resource.Range
	}
	if !extent.Contains(at) && !s.resource.Range.IsZero() {
		f.Related = append(f.Related, lint.Related{Range: s.resource.Range, Message: s.resource.Name})
	}
	p.Report(f)
}

// render fills the message's holes. A hole whose value is unknown says so;
// one that would print a value written as a container's environment or a
// log option (where secrets are written in plain text) hides it.
func (r *Rule) render(s *subject, extra []path) string {
	var b strings.Builder
	for _, seg := range r.message {
		if seg.prog == nil {
			b.WriteString(seg.text)
			continue
		}
		val, err := r.eval(seg.prog, s, extra)
		switch {
		case err != nil:
			b.WriteString("(error: " + firstLine(err.Error()) + ")")
		case types.IsUnknown(val):
			b.WriteString("(unknown)")
		default:
			text := format(val)
			if mayBeSecret(s.v, text) {
				text = "(hidden: may be a secret)"
			}
			b.WriteString(text)
		}
	}
	return b.String()
}

func format(v ref.Val) string {
	switch x := v.Value().(type) {
	case string:
		return x
	default:
		return fmt.Sprint(x)
	}
}

// mayBeSecret reports whether text shows a value written where secrets are
// (environment values, log options; any of their alternatives):
// messages are printed everywhere, and the outputs mask only source text.
// It reads the model, not the view, which holds only what rules read.
func mayBeSecret(v *view, text string) bool {
	if v.td == nil {
		return false
	}
	shows := func(x *lint.String) bool {
		return x.State == lint.Known && len(x.V) >= 4 && strings.Contains(text, x.V)
	}
	check := func(x *lint.String) bool {
		if shows(x) {
			return true
		}
		for _, alt := range x.Alts() {
			if shows(&alt) {
				return true
			}
		}
		return false
	}
	for _, c := range v.td.Containers {
		for i := range c.Environment {
			if check(&c.Environment[i].Value) {
				return true
			}
		}
		if c.LogConfiguration.State != lint.Unset {
			for i := range c.LogConfiguration.Options {
				if check(&c.LogConfiguration.Options[i].Value) {
					return true
				}
			}
		}
	}
	return false
}

func severityOf(s string) lint.Severity {
	for _, v := range []lint.Severity{lint.Critical, lint.High, lint.Medium, lint.Low} {
		if v.String() == s {
			return v
		}
	}
	return lint.Medium
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
