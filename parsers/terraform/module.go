package terraform

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ecslint/ecslint/lint"
)

// maxModuleDepth bounds module nesting (a module that calls itself through
// a symlink or a ../ path must end).
const maxModuleDepth = 16

// instance is one module instance: the root module, or a module call (one
// per count index or for_each key).
type instance struct {
	ev     *evaluator
	cfg    *config
	root   *instance
	parent *instance
	depth  int
	// prefix is prepended to resource addresses: "" for the root,
	// `module.app.` or `module.app["x"].` for a call.
	prefix string
	// Arguments of the call, evaluated in callScope.
	args      map[string]*attribute
	callScope *scope
	// rootVars are the root module's values from tfvars files and flags.
	rootVars map[string]*lint.Node
	// callPath is the module's key in .terraform/modules/modules.json:
	// the call names from the root, joined by dots.
	callPath string
	// pin is where this module's positions are reported: the call of a
	// downloaded module (its code is not the user's to edit); nil for the
	// user's own modules.
	pin *lint.Range

	vars     map[string]*lint.Node
	locals   map[string]*lint.Node
	busy     map[string]bool
	outputs  map[string]*lint.Node
	calls    map[string][]*callInstance
	policies map[string]*lint.Node // aws_iam_policy_document data sources by name
	// templates are template_file data sources' renderings by name.
	templates map[string]*lint.Node
}

type callInstance struct {
	key  *lint.Node // count index or for_each key; nil without either
	inst *instance  // nil when the module is not evaluated
}

func newInstance(ev *evaluator, cfg *config, parent *instance, prefix string) *instance {
	in := &instance{ev: ev, cfg: cfg, parent: parent, prefix: prefix,
		vars: map[string]*lint.Node{}, locals: map[string]*lint.Node{}, busy: map[string]bool{},
		outputs: map[string]*lint.Node{}, calls: map[string][]*callInstance{}, policies: map[string]*lint.Node{}, templates: map[string]*lint.Node{}}
	in.root = in
	if parent != nil {
		in.root = parent.root
		in.depth = parent.depth + 1
	}
	return in
}

func (in *instance) scope() *scope { return &scope{inst: in} }

func (in *instance) rootDir() string { return in.root.cfg.dir }

// moduleDir is path.module: the module's directory relative to the root's.
func (in *instance) moduleDir() string {
	rel, err := filepath.Rel(in.rootDir(), in.cfg.dir)
	if err != nil {
		return filepath.ToSlash(in.cfg.dir)
	}
	return filepath.ToSlash(rel)
}

// variable is var.NAME: the caller's argument, else (in the root) the
// tfvars and flags, else the default, else unknown.
func (in *instance) variable(name string, r lint.Range) *lint.Node {
	if v, ok := in.vars[name]; ok {
		return v
	}
	key := "var." + name
	if in.busy[key] {
		return unknown(r)
	}
	if !in.ev.budget.Enter(r) {
		return unknown(r)
	}
	defer in.ev.budget.Leave()
	in.busy[key] = true
	defer delete(in.busy, key)
	v := in.bindVariable(name, r)
	if in.sensitive(name) {
		v = in.ev.markSensitive(v, &lint.Origin{Expr: in.prefix + "var." + name, Sensitive: true})
	}
	in.vars[name] = v
	return v
}

// sensitive reports a variable declared sensitive = true: whatever it
// holds is a secret, wherever it ends up.
func (in *instance) sensitive(name string) bool {
	decl := in.cfg.variables[name]
	if decl == nil {
		return false
	}
	a := decl.body.attr("sensitive")
	if a == nil {
		return false
	}
	b, ok := truth(in.ev.eval(&scope{}, a.expr))
	return ok && b
}

func (in *instance) bindVariable(name string, r lint.Range) *lint.Node {
	decl := in.cfg.variables[name]
	if a := in.args[name]; a != nil {
		v := in.ev.eval(in.callScope, a.expr)
		if v.Kind != lint.NullNode || !in.nonNullable(decl) {
			// A finding about the value points at the caller's argument,
			// or further up where a caller's caller wrote it.
			bound := *v
			in.ev.copyMeta(v, &bound)
			if _, ok := in.ev.origin[v]; !ok {
				in.ev.origin[&bound] = in.ev.argumentPlace(v, a.nameRange)
			}
			return in.ev.typeDefaults(decl, &bound)
		}
	}
	if v, ok := in.rootVars[name]; ok && in.parent == nil {
		return in.ev.typeDefaults(decl, v)
	}
	if decl == nil {
		return errNode(r)
	}
	if d := decl.body.attr("default"); d != nil {
		return in.ev.typeDefaults(decl, in.ev.eval(&scope{}, d.expr))
	}
	return unknown(decl.defRange)
}

// argumentPlace is where a finding about a value a caller passed points:
// the key of the caller's literal that wrote it (each.value.privileged
// points at that instance's privileged = true), else the argument, since
// a computed value has no text of its own.
func (ev *evaluator) argumentPlace(v *lint.Node, arg lint.Range) lint.Range {
	if k, ok := ev.keyOf[v]; ok {
		return k
	}
	return arg
}

// nonNullable reports whether a variable declares nullable = false: a
// caller's null then means its default.
func (in *instance) nonNullable(decl *block) bool {
	if decl == nil || decl.body.attr("default") == nil {
		return false
	}
	a := decl.body.attr("nullable")
	if a == nil {
		return false
	}
	b, ok := truth(in.ev.eval(&scope{}, a.expr))
	return ok && !b
}

// local is local.NAME, evaluated on first use; a cycle yields unknown.
func (in *instance) local(name string, r lint.Range) *lint.Node {
	if v, ok := in.locals[name]; ok {
		return v
	}
	a := in.cfg.locals[name]
	if a == nil {
		return errNode(r)
	}
	key := "local." + name
	if in.busy[key] {
		in.ev.ctx.Notef(a.nameRange, "local.%s depends on itself; its value is unknown", name)
		return unknown(r)
	}
	// Locals referring to locals recurse through the evaluator, one
	// level each.
	if !in.ev.budget.Enter(r) {
		return unknown(r)
	}
	in.busy[key] = true
	v := in.ev.eval(in.scope(), a.expr)
	delete(in.busy, key)
	in.ev.budget.Leave()
	in.locals[name] = v
	return v
}

// output is module.M.NAME seen from the caller.
func (in *instance) output(name string, r lint.Range) *lint.Node {
	if v, ok := in.outputs[name]; ok {
		return v
	}
	o := in.cfg.outputs[name]
	if o == nil {
		return errNode(r)
	}
	key := "output." + name
	if in.busy[key] {
		return unknown(r)
	}
	if !in.ev.budget.Enter(r) {
		return unknown(r)
	}
	in.busy[key] = true
	v := unknown(r)
	if a := o.body.attr("value"); a != nil {
		v = in.ev.eval(in.scope(), a.expr)
	}
	delete(in.busy, key)
	in.ev.budget.Leave()
	in.outputs[name] = v
	return v
}

// moduleRef resolves module.NAME[KEY].OUTPUT.
func (in *instance) moduleRef(name string, rest hcl.Traversal, r lint.Range) *lint.Node {
	calls := in.moduleCalls(name)
	if calls == nil {
		return errNode(r)
	}
	bl := in.cfg.modules[name]
	expanded := bl.body.attr("count") != nil || bl.body.attr("for_each") != nil
	if len(rest) > 0 && expanded {
		if ix, ok := rest[0].(hcl.TraverseIndex); ok {
			key := ctyToNode(ix.Key, r)
			for _, c := range calls {
				if c.key != nil && c.key.Kind != lint.UnknownNode && c.key.Text == key.Text {
					return in.ev.apply(c.outputs(r), rest[1:], r)
				}
			}
			return unknown(r)
		}
	}
	if !expanded {
		if len(calls) != 1 {
			return unknown(r)
		}
		if len(rest) > 0 {
			if a, ok := rest[0].(hcl.TraverseAttr); ok && calls[0].inst != nil {
				return in.ev.apply(calls[0].inst.output(a.Name, r), rest[1:], r)
			}
		}
		return in.ev.apply(calls[0].outputs(r), rest, r)
	}
	// The whole expanded call: a list (count) or a map (for_each) of the
	// instances' outputs.
	all := &lint.Node{Kind: lint.ArrayNode, Range: r}
	if bl.body.attr("for_each") != nil {
		all.Kind = lint.ObjectNode
	}
	for _, c := range calls {
		if c.key == nil || c.key.Kind == lint.UnknownNode {
			return unknown(r)
		}
		if all.Kind == lint.ArrayNode {
			all.Items = append(all.Items, c.outputs(r))
		} else {
			all.Fields = append(all.Fields, &lint.Field{Key: c.key.Text, KeyRange: c.key.Range, Value: c.outputs(r)})
		}
	}
	return in.ev.apply(all, rest, r)
}

// outputs is a module instance as a value: an object of its outputs.
func (c *callInstance) outputs(r lint.Range) *lint.Node {
	if c.inst == nil {
		return unknown(r)
	}
	out := &lint.Node{Kind: lint.ObjectNode, Range: r}
	names := make([]string, 0, len(c.inst.cfg.outputs))
	for n := range c.inst.cfg.outputs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		out.Fields = append(out.Fields, &lint.Field{Key: n, KeyRange: r, Value: c.inst.output(n, r)})
	}
	return out
}

// moduleCalls expands a module call into its instances.
func (in *instance) moduleCalls(name string) []*callInstance {
	if c, ok := in.calls[name]; ok {
		return c
	}
	bl := in.cfg.modules[name]
	if bl == nil {
		return nil
	}
	in.calls[name] = []*callInstance{} // a reference to itself while expanding finds no instance
	var out []*callInstance
	exs := in.expand(bl)
	for _, ex := range exs {
		prefix := in.prefix + "module." + name + ex.suffix + "."
		ci := &callInstance{key: ex.key, inst: in.callModule(bl, ex.scope, prefix)}
		out = append(out, ci)
	}
	if len(out) == 1 && out[0].inst != nil {
		// A module that is not evaluated has its own note already.
		in.noteUnknownExpansion(bl, exs)
	}
	in.calls[name] = out
	return out
}

// callModule creates the instance a module block calls, or nil when its
// source is not a local directory ecslint can read.
func (in *instance) callModule(bl *block, callScope *scope, prefix string) *instance {
	src := bl.body.attr("source")
	if src == nil {
		return nil
	}
	sv := in.ev.eval(&scope{}, src.expr)
	if sv.Kind != lint.StringNode {
		return nil
	}
	source := sv.Text
	name := bl.labels[0]
	callPath := strings.TrimPrefix(in.callPath+"."+name, ".")
	pin := in.pin
	if pin == nil {
		pin = &bl.defRange // used only for modules that are not the user's code
	}
	var dir, model string
	local := strings.HasPrefix(source, "./") || strings.HasPrefix(source, "../")
	downloaded, isDownloaded := in.ev.manifest(in.rootDir())[callPath]
	switch {
	case local && strings.HasPrefix(in.cfg.dir, knownPrefix):
		// A model calling another model.
		model = strings.TrimPrefix(source, "./")
	case local:
		dir = filepath.Join(in.cfg.dir, filepath.FromSlash(source))
		pin = in.pin
	case isDownloaded:
		dir = downloaded
	default:
		version := ""
		if v := bl.body.attr("version"); v != nil {
			if vn := in.ev.eval(&scope{}, v.expr); vn.Kind == lint.StringNode {
				version = vn.Text
			}
		}
		var ok bool
		if model, ok = knownModel(source, version); !ok {
			in.ev.ctx.Notef(bl.defRange, "module %q (source %q) not evaluated: not downloaded (run terraform init) and not a module or version ecslint has a model of; its outputs are unknown", name, source)
			return nil
		}
	}
	if model != "" {
		dir = knownPrefix + model
	}
	if in.depth >= maxModuleDepth || in.calling(dir) {
		in.ev.ctx.Notef(bl.defRange, "module %q not evaluated again: it calls itself (through %q); its outputs are unknown", name, source)
		return nil
	}
	// Each instance is charged: a module that calls the next twice, sixteen
	// levels deep, is 65,536 instances from a few small files.
	if !in.ev.budget.Instance(bl.defRange) {
		return nil
	}
	var cfg *config
	var ok bool
	if model != "" {
		cfg, ok = in.ev.loadKnown(model, pin)
	} else {
		cfg, ok = in.ev.loadConfigAs(dir, pin)
	}
	if !ok {
		in.ev.ctx.Notef(src.nameRange, "module %q not evaluated: no Terraform files readable in %q; its outputs are unknown", name, source)
		return nil
	}
	child := newInstance(in.ev, cfg, in, prefix)
	child.callPath, child.pin = callPath, pin
	child.callScope = callScope
	child.args = map[string]*attribute{}
	for _, a := range bl.body.attrs {
		switch a.name {
		case "source", "version", "count", "for_each", "providers", "depends_on":
			continue
		}
		child.args[a.name] = a
	}
	return child
}

// calling reports whether dir is this instance's module or an ancestor's.
func (in *instance) calling(dir string) bool {
	for p := in; p != nil; p = p.parent {
		if filepath.Clean(p.cfg.dir) == filepath.Clean(dir) {
			return true
		}
	}
	return false
}

// dataRef resolves data.TYPE.NAME.ATTR. aws_iam_policy_document is
// computed offline, and aws_partition's partition is taken to be "aws": the
// rules match ARNs in any partition, and modules build managed policy ARNs
// with it. Other data sources need a provider and are unknown.
func (in *instance) dataRef(typ, name string, rest hcl.Traversal, r lint.Range) *lint.Node {
	ref := in.prefix + "data." + typ + "." + name
	if typ == "template_file" {
		return in.templateFile(name, ref, rest, r)
	}
	if typ != "aws_iam_policy_document" && typ != "aws_partition" {
		return unknownRef(r, ref)
	}
	bl := in.cfg.data[typ+"."+name]
	if bl == nil {
		return errNode(r)
	}
	if len(rest) > 0 {
		if _, ok := rest[0].(hcl.TraverseIndex); ok {
			rest = rest[1:]
		}
	}
	if len(rest) == 0 {
		return unknownRef(r, ref)
	}
	a, ok := rest[0].(hcl.TraverseAttr)
	if ok && typ == "aws_partition" && a.Name == "partition" {
		return strNode("aws", r)
	}
	if !ok || typ != "aws_iam_policy_document" || (a.Name != "json" && a.Name != "minified_json") {
		return unknownRef(r, ref)
	}
	doc, ok := in.policies[name]
	if !ok {
		doc = in.ev.policyDocument(in.scope(), bl)
		in.policies[name] = doc
	}
	out := strNode("", r)
	out.SetRef(ref)
	in.ev.encoded[out] = doc
	return out
}

// templateFile resolves data.template_file.NAME.rendered. The template
// provider (hashicorp/template, deprecated but still common in ECS code)
// renders its template attribute with vars exactly as templatefile() does,
// needing nothing from AWS, so container definitions written this way are
// checked, at the lines of the template file when the template is a
// file(). A block with count or for_each, or a template that is not a
// known string, stays unknown, as a provider-computed value would.
func (in *instance) templateFile(name, ref string, rest hcl.Traversal, r lint.Range) *lint.Node {
	bl := in.cfg.data["template_file."+name]
	if bl == nil {
		return errNode(r)
	}
	a, ok := hcl.Traversal(nil), false
	if len(rest) > 0 {
		var at hcl.TraverseAttr
		at, ok = rest[0].(hcl.TraverseAttr)
		ok = ok && at.Name == "rendered"
		a = rest[1:]
	}
	if !ok || bl.body.attr("count") != nil || bl.body.attr("for_each") != nil {
		return unknownRef(r, ref)
	}
	if v, done := in.templates[name]; done {
		return in.ev.apply(v, a, r)
	}
	in.templates[name] = unknownRef(r, ref) // a template that names itself
	v := unknownRef(r, ref)
	if t := bl.body.attr("template"); t != nil {
		tmpl := in.ev.eval(in.scope(), t.expr)
		vars := &lint.Node{Kind: lint.NullNode, Range: bl.defRange}
		if va := bl.body.attr("vars"); va != nil {
			vars = in.ev.eval(in.scope(), va.expr)
		}
		if f := in.ev.templateSource(tmpl, t.nameRange); f != nil {
			v = in.ev.renderTemplate(f, vars, r)
		}
	}
	in.templates[name] = v
	return in.ev.apply(v, a, r)
}

// templateSource is the text of a template (a template_file's, or
// templatestring()'s) as a source file: the file a file() read, or a
// heredoc, at its own lines, or any other known string placed at pin.
func (ev *evaluator) templateSource(tmpl *lint.Node, pin lint.Range) *srcFile {
	if tmpl.Kind != lint.StringNode || len(tmpl.Alts()) > 0 {
		return nil
	}
	emb := ev.embedded[tmpl]
	if emb != nil && emb.whole != nil {
		return emb.whole
	}
	if f := ev.heredocTemplate(emb); f != nil {
		return f
	}
	f := newSrcFile(pin.File, []byte(tmpl.Text))
	f.pin = &pin
	f.key = fmt.Sprintf("%s\x00template_file\x00%d:%d", pin.File, pin.Start.Line, pin.Start.Col)
	ev.files[f.key] = f
	return f
}

// heredocTemplate is an inline heredoc template as the provider reads it,
// mapped to its lines in the .tf file: Terraform has already turned $${
// and %%{ into ${ and %{. Its indentation is kept as written, which JSON
// does not see. Nil for any other text.
func (ev *evaluator) heredocTemplate(emb *embeddedText) *srcFile {
	if emb == nil || emb.raw == nil || emb.decoded != nil || !emb.pin.IsZero() || emb.render != nil || emb.start.IsZero() {
		return nil
	}
	src := ev.files[emb.file]
	if src == nil || src.pin != nil || src.via != nil {
		return nil
	}
	from := src.offset(emb.start)
	to := from + len(emb.raw)
	if to > len(src.src) || !bytes.Equal(src.src[from:to], emb.raw) {
		return nil
	}
	via := escapeMap(src, from, to, func(b []byte, i int) (int, bool) {
		if (b[i] == '$' || b[i] == '%') && i+2 < len(b) && b[i+1] == b[i] && b[i+2] == '{' {
			return 2, false // the doubled sign is one character of the value
		}
		return 0, false
	})
	text := bytes.ReplaceAll(bytes.ReplaceAll(emb.raw, []byte("$${"), []byte("${")), []byte("%%{"), []byte("%{"))
	f := newSrcFile(src.name, text)
	f.via = via
	f.key = fmt.Sprintf("%s\x00heredoc template\x00%d", src.key, from)
	ev.files[f.key] = f
	return f
}

// expansion is one instance of a block with count or for_each.
type expansion struct {
	key    *lint.Node
	suffix string // the address's instance key: [0], ["api"]
	scope  *scope
}

// expand evaluates a block's count or for_each in this instance. Unknown
// collections give one instance whose count.index or each is unknown.
func (in *instance) expand(bl *block) []expansion {
	s := in.scope()
	if a := bl.body.attr("count"); a != nil {
		n := in.ev.eval(s, a.expr)
		if c, err := strconv.Atoi(n.Text); n.Kind == lint.NumberNode && err == nil && len(n.Alts()) == 0 && c >= 0 && c <= 1000 {
			var out []expansion
			for i := range c {
				idx := numNode(i, a.nameRange)
				out = append(out, expansion{key: idx, suffix: fmt.Sprintf("[%d]", i),
					scope: s.with(map[string]*lint.Node{"count": object(a.nameRange, "index", idx)})})
			}
			return out
		}
		return []expansion{{scope: s.with(map[string]*lint.Node{"count": object(a.nameRange, "index", unknown(a.nameRange))})}}
	}
	if a := bl.body.attr("for_each"); a != nil {
		n := in.ev.eval(s, a.expr)
		var out []expansion
		add := func(k, v *lint.Node) {
			out = append(out, expansion{key: k, suffix: "[" + strconv.Quote(k.Text) + "]",
				scope: s.with(map[string]*lint.Node{"each": object(a.nameRange, "key", k, "value", v)})})
		}
		switch {
		case len(n.Alts()) > 0:
		case n.Kind == lint.ObjectNode && len(n.Fields) <= 1000:
			for _, fl := range sortedKeys(n) {
				in.ev.inheritOrigin(n, fl)
				add(strNode(fl.Key, fl.KeyRange), fl.Value)
			}
			return out
		case n.Kind == lint.ArrayNode && len(n.Items) <= 1000 && allStrings(n):
			for _, it := range n.Items {
				add(it, it)
			}
			return out
		}
		return []expansion{{scope: s.with(map[string]*lint.Node{"each": object(a.nameRange, "key", unknown(a.nameRange), "value", unknown(a.nameRange))})}}
	}
	return []expansion{{scope: s}}
}

func allStrings(n *lint.Node) bool {
	for _, it := range n.Items {
		if it.Kind != lint.StringNode {
			return false
		}
	}
	return true
}

// object builds an object node from key/value pairs.
func object(r lint.Range, kv ...any) *lint.Node {
	out := &lint.Node{Kind: lint.ObjectNode, Range: r}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Fields = append(out.Fields, &lint.Field{Key: kv[i].(string), KeyRange: r, Value: kv[i+1].(*lint.Node)})
	}
	return out
}

// bodyNode evaluates a block body into an object: attributes by name,
// nested blocks (dynamic ones expanded) as lists of objects under their
// type.
func (ev *evaluator) bodyNode(s *scope, b *block) *lint.Node {
	out := &lint.Node{Kind: lint.ObjectNode, Range: b.defRange}
	for _, a := range b.body.attrs {
		v := ev.eval(s, a.expr)
		out.Fields = append(out.Fields, &lint.Field{Key: a.name, KeyRange: ev.keyRange(a.nameRange, v), Value: v})
	}
	lists := map[string]*lint.Field{}
	addBlock := func(typ string, at lint.Range, n *lint.Node) {
		f := lists[typ]
		if f == nil {
			f = &lint.Field{Key: typ, KeyRange: at, Value: &lint.Node{Kind: lint.ArrayNode, Range: at}}
			lists[typ] = f
			out.Fields = append(out.Fields, f)
		}
		f.Value.Items = append(f.Value.Items, n)
	}
	for _, nb := range b.body.blocks {
		if nb.typ != "dynamic" {
			addBlock(nb.typ, nb.typeRange, ev.bodyNode(s, nb))
			continue
		}
		if len(nb.labels) != 1 {
			continue
		}
		ev.dynamic(s, nb, func(n *lint.Node) { addBlock(nb.labels[0], nb.defRange, n) })
	}
	return out
}

// dynamic expands a dynamic block over its for_each.
func (ev *evaluator) dynamic(s *scope, nb *block, add func(*lint.Node)) {
	var content *block
	for _, c := range nb.body.blocks {
		if c.typ == "content" {
			content = c
		}
	}
	if content == nil {
		return
	}
	iter := nb.labels[0]
	if a := nb.body.attr("iterator"); a != nil {
		if x, ok := a.expr.hx.(*hclsyntax.ScopeTraversalExpr); ok {
			iter = x.Traversal.RootName()
		}
	}
	fe := nb.body.attr("for_each")
	if fe == nil {
		return
	}
	coll := ev.eval(s, fe.expr)
	var elems [][2]*lint.Node
	switch {
	case len(coll.Alts()) == 0 && coll.Kind == lint.ArrayNode:
		for i, it := range coll.Items {
			elems = append(elems, [2]*lint.Node{numNode(i, it.Range), it})
		}
	case len(coll.Alts()) == 0 && coll.Kind == lint.ObjectNode:
		for _, fl := range sortedKeys(coll) {
			elems = append(elems, [2]*lint.Node{strNode(fl.Key, fl.KeyRange), fl.Value})
		}
	case coll.Kind == lint.NullNode:
	default:
		// Blocks of unknown number and content.
		ev.noteUnknownDynamic(s, nb, fe)
		add(unknown(nb.defRange))
		return
	}
	for _, el := range elems {
		inner := s.with(map[string]*lint.Node{iter: object(nb.defRange, "key", el[0], "value", el[1])})
		n := ev.bodyNode(inner, content)
		n.Range = nb.defRange
		add(n)
	}
}
