package terraform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/awsprovider"
)

// Explaining unknown values. Evaluation does not carry the reason a value
// is unknown (it would cost every value a field for the rare one that
// needs it); when a value a rule needed turns out unknown, its expression
// is walked again and each reference or function call in it whose value is
// unknown is named, with why, so that the note says what to provide
// (--var, a tfvars file, terraform init) instead of only that it is blind.

// maxWhyDepth bounds how far causes are followed through locals, module
// arguments and module outputs.
const maxWhyDepth = 4

// maxCauses bounds the causes one note names.
const maxCauses = 3

// maxWhySteps bounds the references and calls one explanation looks at,
// so that a hostile web of locals costs little.
const maxWhySteps = 256

// why is one explanation in progress: the causes found, the locals,
// arguments and outputs already followed, and the steps left.
type why struct {
	ev      *evaluator
	causes  map[string]bool
	visited map[any]bool
	// found counts causes as they are met, repeats included.
	found int
	steps int
}

// whyUnknown returns, sorted and without repeats, why expression x is
// unknown in scope s.
func (ev *evaluator) whyUnknown(s *scope, x expression) []string {
	w := &why{ev: ev, causes: map[string]bool{}, visited: map[any]bool{}}
	w.collect(s, x, 0)
	out := make([]string, 0, len(w.causes))
	for c := range w.causes {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// causeList renders causes for a note: the first few, and how many more.
func causeList(causes []string) string {
	if len(causes) == 0 {
		return "a value ecslint cannot compute offline"
	}
	if len(causes) > maxCauses {
		return strings.Join(causes[:maxCauses], "; ") + fmt.Sprintf("; and %d more", len(causes)-maxCauses)
	}
	return strings.Join(causes, "; ")
}

func (w *why) add(c string) {
	w.causes[c] = true
	w.found++
}

// follow collects the causes of another expression (a local's, a module
// argument's or output's) once, and reports whether it has any.
func (w *why) follow(key any, s *scope, x expression, depth int) bool {
	if found, ok := w.visited[key]; ok {
		return found
	}
	if depth >= maxWhyDepth {
		return false
	}
	w.visited[key] = false // while it is followed: a cycle finds nothing
	before := w.found
	w.collect(s, x, depth+1)
	w.visited[key] = w.found > before
	return w.visited[key]
}

func (w *why) collect(s *scope, x expression, depth int) {
	if x.hx == nil || s == nil {
		// .tf.json values are templates in strings: their references are
		// not walked here, and the note names no cause.
		return
	}
	bound := forBoundNames(x.hx)
	_ = hclsyntax.VisitAll(x.hx, func(n hclsyntax.Node) hcl.Diagnostics {
		if w.steps >= maxWhySteps {
			return nil
		}
		switch e := n.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			w.steps++
			if bound[e.Traversal.RootName()] {
				return nil
			}
			if v := w.ev.traverse(s, e.Traversal, x.file.rng(e.Range())); v.Kind == lint.UnknownNode {
				w.describeRef(s, e.Traversal, depth)
			}
		case *hclsyntax.FunctionCallExpr:
			w.steps++
			if usesAny(e, bound) {
				return nil
			}
			if w.ev.opaqueCall(s, x.file, e) {
				w.add(strings.TrimPrefix(e.Name, "provider::") + "() is not evaluated offline")
			}
		}
		return nil
	})
}

// opaqueCall reports whether a function call is unknown although all its
// arguments are known: the function is one ecslint does not evaluate.
func (ev *evaluator) opaqueCall(s *scope, f *srcFile, e *hclsyntax.FunctionCallExpr) bool {
	if e.ExpandFinal {
		return false
	}
	for _, a := range e.Args {
		if !isWhollyKnown(ev.evalHCL(s, f, a)) {
			return false
		}
	}
	return ev.evalHCL(s, f, e).Kind == lint.UnknownNode
}

// describeRef says why a reference is unknown, following locals, module
// arguments and outputs to their own causes.
func (w *why) describeRef(s *scope, t hcl.Traversal, depth int) {
	root := t.RootName()
	name := attrStep(t, 1)
	in := s.inst
	if v, ok := s.lookup(root); ok {
		w.describeBound(v, t)
		return
	}
	switch {
	case in == nil:
		w.add(traversalText(t) + " is unknown")
	case root == "var" && name != "":
		w.describeVariable(in, name, depth)
	case root == "local" && name != "":
		if a := in.cfg.locals[name]; a != nil && w.follow(a, in.scope(), a.expr, depth) {
			return
		}
		w.add("local." + name + " is unknown")
	case root == "module" && name != "":
		w.describeModuleRef(in, name, t, depth)
	case root == "data":
		w.add(traversalText(t) + " is a data source, read only by terraform plan")
	case root == "self" || root == "terraform" || root == "path":
		w.add(traversalText(t) + " is unknown")
	default:
		w.add(traversalText(t) + " is known only after terraform apply")
	}
}

// describeBound says why a reference to a name the scope binds (each,
// count, a for or dynamic iterator) is unknown: the collection it comes
// from was unknown, or the element lacks the attribute (an optional
// attribute of a variable's type, whose default ecslint does not apply).
func (w *why) describeBound(v *lint.Node, t hcl.Traversal) {
	path := t.RootName()
	for _, step := range t[1:] {
		if v.Kind == lint.UnknownNode {
			break
		}
		a, ok := step.(hcl.TraverseAttr)
		if !ok {
			break
		}
		if v.Kind == lint.ObjectNode && v.Get(a.Name) == nil {
			w.add(path + "." + a.Name + " is not set in the element (an optional attribute's default is not applied)")
			return
		}
		path += "." + a.Name
		if f := v.Get(a.Name); f != nil {
			v = f.Value
		}
	}
	if v.Kind == lint.UnknownNode {
		w.add(path + " is unknown: the collection it comes from could not be evaluated")
		return
	}
	w.add(traversalText(t) + " is unknown")
}

func (w *why) describeVariable(in *instance, name string, depth int) {
	if a := in.args[name]; a != nil {
		if !w.follow(a, in.callScope, a.expr, depth) {
			w.add("var." + name + " (the module argument) is unknown")
		}
		return
	}
	decl := in.cfg.variables[name]
	_, fromFiles := in.rootVars[name]
	switch {
	case decl == nil || decl.body.attr("default") != nil || fromFiles:
		w.add("var." + name + " is unknown")
	case in.parent == nil:
		w.add("var." + name + " has no value (no default, not set in a tfvars file or with --var)")
	default:
		w.add("var." + name + " has no value (no default, and the module call does not set it)")
	}
}

func (w *why) describeModuleRef(in *instance, name string, t hcl.Traversal, depth int) {
	calls := in.moduleCalls(name)
	for _, c := range calls {
		if c.inst == nil {
			w.add("module." + name + " is not evaluated (see the note at its call)")
			return
		}
	}
	if out := attrStep(t, 2); out != "" && len(calls) == 1 {
		if o := calls[0].inst.cfg.outputs[out]; o != nil {
			if a := o.body.attr("value"); a != nil && w.follow(a, calls[0].inst.scope(), a.expr, depth) {
				return
			}
		}
	}
	w.add(traversalText(t) + " is unknown")
}

// attrStep returns the attribute name at step i of a traversal, or "".
func attrStep(t hcl.Traversal, i int) string {
	if i < len(t) {
		if a, ok := t[i].(hcl.TraverseAttr); ok {
			return a.Name
		}
	}
	return ""
}

// forBoundNames are the names that for expressions inside x bind: their
// values exist only inside the for, so they are not causes on their own.
func forBoundNames(x hclsyntax.Expression) map[string]bool {
	bound := map[string]bool{}
	_ = hclsyntax.VisitAll(x, func(n hclsyntax.Node) hcl.Diagnostics {
		if f, ok := n.(*hclsyntax.ForExpr); ok {
			if f.KeyVar != "" {
				bound[f.KeyVar] = true
			}
			bound[f.ValVar] = true
		}
		return nil
	})
	return bound
}

// usesAny reports whether an expression refers to one of the names.
func usesAny(x hclsyntax.Expression, names map[string]bool) bool {
	if len(names) == 0 {
		return false
	}
	for _, t := range x.Variables() {
		if names[t.RootName()] {
			return true
		}
	}
	return false
}

// exprRange is where an expression is written (or where a downloaded
// module's positions are pinned).
func exprRange(x expression) lint.Range {
	switch {
	case x.hx != nil:
		return x.file.rng(x.hx.Range())
	case x.jn != nil:
		return x.file.place(x.jn.Range)
	}
	return lint.Range{}
}

// noteUnknownContainers notes a task definition whose container
// definitions could not be evaluated, wholly (every container rule is
// blind to it) or in part (a concat() with a list of unknown length: the
// known containers are still checked).
func (in *instance) noteUnknownContainers(bl *block, s *scope, td *lint.TaskDefinition) {
	a := bl.body.attr("container_definitions")
	if a == nil {
		return
	}
	if td.ContainersState == lint.Unknown {
		in.ev.ctx.Notef(exprRange(a.expr), "container_definitions of %s not evaluated: %s; its containers are not checked",
			address(bl), causeList(in.ev.whyUnknown(s, a.expr)))
		return
	}
	if td.ContainersDoc == nil || td.ContainersDoc.Kind != lint.ArrayNode {
		return
	}
	var causes string
	whole := exprRange(a.expr)
	for _, it := range td.ContainersDoc.Items {
		if it.Kind != lint.UnknownNode {
			continue
		}
		if causes == "" {
			causes = causeList(in.ev.whyUnknown(s, a.expr))
		}
		// An unknown list stands where it was written in the expression;
		// one that came from elsewhere (a variable's declaration) is
		// noted at the expression.
		at := it.Range
		if !whole.Contains(at) {
			at = whole
		}
		in.ev.ctx.Notef(at, "some container definitions of %s not evaluated: %s; the known ones are checked", address(bl), causes)
	}
}

// readAttributes are the top-level arguments rules read, by resource type:
// one of them unknown because it comes from a module ecslint did not
// evaluate is worth a note (a plain variable without a value is not: it
// is the user's to set, and the rules simply have nothing to say).
var readAttributes = map[string][]string{
	"aws_ecs_task_definition": {"network_mode", "pid_mode", "ipc_mode", "task_role_arn", "requires_compatibilities"},
	"aws_ecs_service":         {"task_definition", "launch_type", "platform_version"},
	"aws_eks_cluster":         {"version"},
}

// noteModuleUnknowns notes the read arguments of a resource that are
// unknown because they come from a module that was not evaluated.
func (in *instance) noteModuleUnknowns(bl *block, s *scope, d awsprovider.Body) {
	for _, name := range readAttributes[bl.labels[0]] {
		a, f := bl.body.attr(name), d.Field(name)
		if a == nil || f == nil || f.Value.Kind != lint.UnknownNode {
			continue
		}
		var fromModules []string
		for _, c := range in.ev.whyUnknown(s, a.expr) {
			if strings.HasPrefix(c, "module.") && strings.Contains(c, " is not evaluated") {
				fromModules = append(fromModules, c)
			}
		}
		if len(fromModules) > 0 {
			in.ev.ctx.Notef(exprRange(a.expr), "%s of %s not evaluated: %s; rules that read it are skipped",
				name, address(bl), causeList(fromModules))
		}
	}
}

// noteUnknownExpansion notes a resource or module call whose for_each
// could not be evaluated (it is checked as one instance whose each is
// unknown, so whatever comes from each is blind), or whose count could not
// be and whose body uses count.index. An unknown count alone (count =
// var.create ? 1 : 0, in every module) changes nothing a rule sees: the
// resource is checked once either way.
func (in *instance) noteUnknownExpansion(bl *block, exs []expansion) {
	if len(exs) != 1 || exs[0].key != nil {
		return
	}
	what := address(bl)
	if a := bl.body.attr("for_each"); a != nil {
		in.ev.ctx.Notef(exprRange(a.expr), "for_each of %s not evaluated: %s; checked as one instance with an unknown each",
			what, causeList(in.ev.whyUnknown(in.scope(), a.expr)))
		return
	}
	if a := bl.body.attr("count"); a != nil && bodyUses(bl.body, "count") {
		in.ev.ctx.Notef(exprRange(a.expr), "count of %s not evaluated: %s; checked as one instance with an unknown count.index",
			what, causeList(in.ev.whyUnknown(in.scope(), a.expr)))
	}
}

// address is a block's address within its module: aws_ecs_task_definition.app,
// module.svc. Notes name it without the module instance path, so that one
// cause at one position is one note however many instances meet it.
func address(bl *block) string {
	what := strings.Join(bl.labels, ".")
	if bl.typ == "module" {
		what = "module." + what
	}
	return what
}

// bodyUses reports whether a body's attributes (nested blocks included,
// count and for_each excluded) refer to the name.
func bodyUses(b *body, name string) bool {
	for _, a := range b.attrs {
		if a.name == "count" || a.name == "for_each" || a.expr.hx == nil {
			continue
		}
		for _, t := range a.expr.hx.Variables() {
			if t.RootName() == name {
				return true
			}
		}
	}
	for _, nb := range b.blocks {
		if bodyUses(nb.body, name) {
			return true
		}
	}
	return false
}

// readBlocks are the nested block types the resource mappings read: a
// dynamic block of another type (alarms, timeouts, tags) blinds no rule.
var readBlocks = map[string]bool{
	"volume": true, "efs_volume_configuration": true, "runtime_platform": true,
	"network_configuration": true, "capacity_provider_strategy": true, "setting": true,
	"ingress": true, "inline_policy": true, "statement": true,
	"vpc_config": true, "encryption_config": true,
}

// noteUnknownDynamic notes a dynamic block whose for_each could not be
// evaluated: its blocks are of unknown number and content.
func (ev *evaluator) noteUnknownDynamic(s *scope, nb *block, fe *attribute) {
	if !readBlocks[nb.labels[0]] {
		return
	}
	ev.ctx.Notef(exprRange(fe.expr), "dynamic %q blocks not evaluated: %s; their number and content are unknown",
		nb.labels[0], causeList(ev.whyUnknown(s, fe.expr)))
}
