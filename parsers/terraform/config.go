package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/jsonnode"
)

// A module directory's configuration, read from both syntaxes into one
// shape: attributes and blocks whose expressions are either native HCL or
// .tf.json values, so evaluation does not care which file wrote them.

// expression is an unevaluated value: native syntax, or a .tf.json value
// (whose strings are templates).
type expression struct {
	hx   hclsyntax.Expression
	jn   *lint.Node
	file *srcFile
}

type attribute struct {
	name      string
	nameRange lint.Range
	expr      expression
}

type block struct {
	typ       string
	labels    []string
	defRange  lint.Range // the header: type and labels
	typeRange lint.Range
	extent    lint.Range // the whole block
	body      *body
}

type body struct {
	attrs  []*attribute
	blocks []*block
}

func (b *body) attr(name string) *attribute {
	if b == nil {
		return nil
	}
	for _, a := range b.attrs {
		if a.name == name {
			return a
		}
	}
	return nil
}

// config is one module directory.
type config struct {
	dir       string
	variables map[string]*block
	locals    map[string]*attribute
	outputs   map[string]*block
	resources []*block
	data      map[string]*block // by "TYPE.NAME"
	modules   map[string]*block
	moduleSeq []*block
	// providers are the module's provider "aws" blocks, for their
	// default_tags.
	providers []*block
}

func newConfig(dir string) *config {
	return &config{dir: dir, variables: map[string]*block{}, locals: map[string]*attribute{},
		outputs: map[string]*block{}, data: map[string]*block{}, modules: map[string]*block{}}
}

// isConfigFile reports whether name is a Terraform configuration file,
// override files included.
func isConfigFile(name string) bool {
	_, ok := configBase(name)
	return ok
}

// isOverrideFile reports whether name is an override file (override.tf,
// *_override.tf, and their .tf.json forms): Terraform merges its blocks
// into the ones they name instead of adding them.
func isOverrideFile(name string) bool {
	base, ok := configBase(name)
	return ok && (base == "override" || strings.HasSuffix(base, "_override"))
}

// configBase is a configuration file's name without its extension.
func configBase(name string) (string, bool) {
	base, ok := strings.CutSuffix(name, ".tf")
	if !ok {
		if base, ok = strings.CutSuffix(name, ".tf.json"); !ok {
			return "", false
		}
	}
	return base, base != ""
}

// loadConfig reads every configuration file of dir. Syntax errors are
// reported; what parsed is still used.
func (ev *evaluator) loadConfig(dir string) (*config, bool) { return ev.loadConfigAs(dir, nil) }

// loadConfigAs reads a module directory whose positions are all reported
// at pin (nil for none): a downloaded module.
func (ev *evaluator) loadConfigAs(dir string, pin *lint.Range) (*config, bool) {
	key := dir
	if pin != nil {
		key = pin.String() + "\x00" + dir
	}
	if c, ok := ev.configs[key]; ok {
		return c, c != nil
	}
	names, err := ev.ctx.FS.ReadDir(dir)
	if err != nil {
		ev.configs[key] = nil
		return nil, false
	}
	c := newConfig(dir)
	found := false
	var overrides []string
	for _, n := range names {
		switch {
		case isOverrideFile(n):
			overrides = append(overrides, n)
		case isConfigFile(n):
			found = true
			ev.loadFile(filepath.Join(dir, n), pin, c.add)
		}
	}
	// As Terraform does: override files after the others, in lexical
	// order (names are listed sorted), each merged into what it names.
	for _, n := range overrides {
		ev.loadFile(filepath.Join(dir, n), pin, c.merge)
	}
	if !found {
		ev.configs[key] = nil
		return nil, false
	}
	ev.configs[key] = c
	return c, true
}

// readSource reads a file through the sandbox and indexes it.
func (ev *evaluator) readSource(path string, pin *lint.Range) (*srcFile, error) {
	slash := filepath.ToSlash(path)
	key := slash
	if pin != nil {
		key = pin.String() + "\x00" + slash
	}
	if f, ok := ev.files[key]; ok {
		return f, nil
	}
	src, err := ev.ctx.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f := newSrcFile(slash, src)
	f.key, f.pin = key, pin
	ev.files[key] = f
	return f, nil
}

// loadFile reads one configuration file and hands its body to use.
func (ev *evaluator) loadFile(path string, pin *lint.Range, use func(*body)) {
	f, err := ev.readSource(path, pin)
	if err != nil {
		ev.unreadable(path, pin, err)
		return
	}
	if strings.HasSuffix(path, ".tf.json") {
		use(ev.jsonConfigBody(f))
	} else if b := ev.hclFile(f); b != nil {
		use(b)
	}
}

// unreadable reports a configuration file of a module that could not be
// read: the module is then checked without it, which Terraform would not
// do, so it is an error (a permission, a FIFO or device named *.tf, a file
// over the size cap). A file the sandbox refused (a symlink out of the
// scanned roots) is skipped on purpose, and says so in a note. Files of a
// downloaded module are reported at the module call, as its findings are.
func (ev *evaluator) unreadable(path string, pin *lint.Range, err error) {
	at := lint.Range{File: filepath.ToSlash(path)}
	what := ""
	if pin != nil {
		at, what = *pin, filepath.ToSlash(path)+": "
	}
	if errors.Is(err, lint.ErrOutsideRoots) {
		ev.ctx.Notef(at, "%snot read: %s; the module is checked without it", what, lint.DescribeReadError(err))
		return
	}
	ev.ctx.Errorf(at, "%scould not read: %s", what, lint.DescribeReadError(err))
}

// hclFile parses a native-syntax file (a .tf, a .tfvars). A file with a
// syntax error is reported and gives nil: what follows the error is
// guesswork, and the module's other files are still checked.
func (ev *evaluator) hclFile(f *srcFile) *body {
	if at, lines, ok := oversizedHeredoc(f.src); ok {
		ev.ctx.Errorf(f.place(lint.Range{File: f.name, Start: f.pos(at), End: f.pos(at)}),
			"heredoc of %d lines is too long to check (the HCL parser takes quadratic time on it); at most %d", lines, maxHeredocLines)
		return nil
	}
	if at, digits, ok := overlongNumber(f.src); ok {
		ev.ctx.Errorf(f.place(lint.Range{File: f.name, Start: f.pos(at), End: f.pos(at)}),
			"number of %d digits is too long to check (HCL parses it in quadratic time); at most %d", digits, maxLiteralDigits)
		return nil
	}
	if at, ok := overdeepNesting(f.src, false); ok {
		ev.ctx.Errorf(f.place(lint.Range{File: f.name, Start: f.pos(at), End: f.pos(at)}),
			"nested more than %d levels deep, too deep to check", maxSourceNesting)
		return nil
	}
	file, diags := hclsyntax.ParseConfig(f.src, f.key, hcl.InitialPos)
	ev.report(diags)
	if file == nil || diags.HasErrors() {
		return nil
	}
	hb, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return nil
	}
	return hclBody(f, hb)
}

// jsonFile parses a JSON file (a .tf.json, a .tfvars.json), with its
// positions moved to the pin of a downloaded module; a syntax error is
// reported and gives nil.
func (ev *evaluator) jsonFile(f *srcFile) *lint.Node {
	root, err := jsonnode.Parse(f.name, f.src)
	if err != nil {
		var se *jsonnode.SyntaxError
		if errors.As(err, &se) {
			ev.ctx.Errorf(f.place(lint.Range{File: f.name, Start: se.Pos, End: se.Pos}), "invalid JSON: %s", se.Msg)
		}
		return nil
	}
	if f.pin != nil {
		(&embeddedText{pin: *f.pin}).fix(root)
	}
	return root
}

// report turns HCL error diagnostics into errors with their position.
func (ev *evaluator) report(diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		var at lint.Range
		if d.Subject != nil {
			if f := ev.files[d.Subject.Filename]; f != nil {
				at = f.rng(*d.Subject)
			} else {
				at = lint.Range{File: d.Subject.Filename}
			}
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + strings.TrimSuffix(d.Detail, ".")
		}
		ev.ctx.Errorf(at, "invalid HCL: %s", msg)
	}
}

// add files a file's top-level blocks into the configuration.
func (c *config) add(b *body) {
	for _, bl := range b.blocks {
		switch {
		case bl.typ == "variable" && len(bl.labels) == 1:
			c.variables[bl.labels[0]] = bl
		case bl.typ == "locals":
			for _, a := range bl.body.attrs {
				c.locals[a.name] = a
			}
		case bl.typ == "output" && len(bl.labels) == 1:
			c.outputs[bl.labels[0]] = bl
		case bl.typ == "resource" && len(bl.labels) == 2:
			c.resources = append(c.resources, bl)
		case bl.typ == "provider" && len(bl.labels) == 1 && bl.labels[0] == "aws":
			c.providers = append(c.providers, bl)
		case bl.typ == "data" && len(bl.labels) == 2:
			c.data[bl.labels[0]+"."+bl.labels[1]] = bl
		case bl.typ == "module" && len(bl.labels) == 1:
			if _, dup := c.modules[bl.labels[0]]; !dup {
				c.moduleSeq = append(c.moduleSeq, bl)
			}
			c.modules[bl.labels[0]] = bl
		}
	}
}

// merge applies an override file's body: each top-level block merges into
// the block of the same type and labels, and each local replaces the local
// of its name. A block that names nothing is left out (Terraform rejects
// it), as are terraform and provider blocks, which ecslint does not read.
func (c *config) merge(b *body) {
	for _, bl := range b.blocks {
		var orig *block
		switch {
		case bl.typ == "locals":
			for _, a := range bl.body.attrs {
				c.locals[a.name] = a
			}
			continue
		case bl.typ == "variable" && len(bl.labels) == 1:
			orig = c.variables[bl.labels[0]]
		case bl.typ == "output" && len(bl.labels) == 1:
			orig = c.outputs[bl.labels[0]]
		case bl.typ == "data" && len(bl.labels) == 2:
			orig = c.data[bl.labels[0]+"."+bl.labels[1]]
		case bl.typ == "module" && len(bl.labels) == 1:
			orig = c.modules[bl.labels[0]]
		case bl.typ == "resource" && len(bl.labels) == 2:
			for _, r := range c.resources {
				if r.labels[0] == bl.labels[0] && r.labels[1] == bl.labels[1] {
					orig = r
				}
			}
		}
		if orig != nil {
			orig.body = mergeBody(orig.body, bl.body)
		}
	}
}

// mergeBody is Terraform's override rule for one block: an argument of
// the override replaces the original's of that name, and the override's
// nested blocks of a type replace all the original's of that type (their
// contents are not merged).
func mergeBody(orig, over *body) *body {
	out := &body{}
	replaced := map[string]bool{}
	for _, a := range over.attrs {
		replaced[a.name] = true
	}
	for _, a := range orig.attrs {
		if !replaced[a.name] {
			out.attrs = append(out.attrs, a)
		}
	}
	out.attrs = append(out.attrs, over.attrs...)
	types := map[string]bool{}
	for _, b := range over.blocks {
		types[nestedType(b)] = true
	}
	for _, b := range orig.blocks {
		if !types[nestedType(b)] {
			out.blocks = append(out.blocks, b)
		}
	}
	out.blocks = append(out.blocks, over.blocks...)
	return out
}

// nestedType is the block type a nested block stands for: a dynamic
// block's label.
func nestedType(b *block) string {
	if b.typ == "dynamic" && len(b.labels) == 1 {
		return b.labels[0]
	}
	return b.typ
}

// hclBody converts a native-syntax body, attributes in source order.
func hclBody(f *srcFile, hb *hclsyntax.Body) *body {
	b := &body{}
	for name, a := range hb.Attributes {
		b.attrs = append(b.attrs, &attribute{name: name, nameRange: f.rng(a.NameRange), expr: expression{hx: a.Expr, file: f}})
	}
	sort.Slice(b.attrs, func(i, j int) bool { return b.attrs[i].nameRange.Start.Before(b.attrs[j].nameRange.Start) })
	for _, bl := range hb.Blocks {
		def := bl.TypeRange
		if n := len(bl.LabelRanges); n > 0 {
			def = hcl.RangeBetween(bl.TypeRange, bl.LabelRanges[n-1])
		}
		b.blocks = append(b.blocks, &block{typ: bl.Type, labels: bl.Labels, defRange: f.rng(def),
			typeRange: f.rng(bl.TypeRange), extent: f.rng(bl.Range()), body: hclBody(f, bl.Body)})
	}
	return b
}

// Block types nested in the bodies ecslint reads. JSON cannot tell a block
// from an attribute holding an object, so .tf.json bodies need the names.
var nestedBlocks = map[string]bool{
	"volume": true, "efs_volume_configuration": true, "authorization_config": true, "runtime_platform": true,
	"docker_volume_configuration": true, "network_configuration": true, "capacity_provider_strategy": true,
	"setting": true, "ingress": true, "egress": true, "inline_policy": true, "statement": true,
	"principals": true, "condition": true, "vpc_config": true, "encryption_config": true, "provider": true,
	"dynamic": true, "content": true, "lifecycle": true, "load_balancer": true, "ephemeral_storage": true,
	"default_tags": true, "auto_scaling_group_provider": true, "remote_access": true, "configuration": true, "execute_command_configuration": true, "log_configuration": true,
}

// jsonConfigBody reads a .tf.json file: {"resource": {"TYPE": {"NAME": {...}}}, ...}.
func (ev *evaluator) jsonConfigBody(f *srcFile) *body {
	b := &body{}
	root := ev.jsonFile(f)
	if root == nil {
		return b
	}
	if root.Kind != lint.ObjectNode {
		ev.ctx.Errorf(root.Range, "a .tf.json file must hold an object")
		return b
	}
	for _, top := range root.Fields {
		labels := map[string]int{"resource": 2, "data": 2, "module": 1, "variable": 1, "output": 1, "locals": 0, "provider": 1}[top.Key]
		if _, ok := map[string]bool{"resource": true, "data": true, "module": true, "variable": true, "output": true, "locals": true, "provider": true}[top.Key]; !ok {
			continue
		}
		ev.jsonBlocks(f, b, top.Key, top.KeyRange, nil, labels, top.Value)
	}
	return b
}

// jsonBlocks unfolds label levels: each level is an object keyed by label.
func (ev *evaluator) jsonBlocks(f *srcFile, into *body, typ string, at lint.Range, labels []string, depth int, n *lint.Node) {
	if depth > 0 {
		if n.Kind != lint.ObjectNode {
			return
		}
		for _, fl := range n.Fields {
			ev.jsonBlocks(f, into, typ, fl.KeyRange, append(append([]string(nil), labels...), fl.Key), depth-1, fl.Value)
		}
		return
	}
	for _, item := range jsonItems(n) {
		into.blocks = append(into.blocks, &block{typ: typ, labels: labels, defRange: at, typeRange: at,
			extent: lint.Range{File: at.File, Start: at.Start, End: item.Range.End}, body: jsonBody(f, item)})
	}
}

// jsonItems returns the objects of a block written once or as a list.
func jsonItems(n *lint.Node) []*lint.Node {
	switch n.Kind {
	case lint.ObjectNode:
		return []*lint.Node{n}
	case lint.ArrayNode:
		var out []*lint.Node
		for _, it := range n.Items {
			if it.Kind == lint.ObjectNode {
				out = append(out, it)
			}
		}
		return out
	}
	return nil
}

func jsonBody(f *srcFile, n *lint.Node) *body {
	b := &body{}
	for _, fl := range n.Fields {
		if nestedBlocks[fl.Key] && (fl.Value.Kind == lint.ObjectNode || fl.Value.Kind == lint.ArrayNode && allObjects(fl.Value)) {
			if fl.Key == "dynamic" {
				for _, byLabel := range jsonItems(fl.Value) {
					for _, lf := range byLabel.Fields {
						for _, it := range jsonItems(lf.Value) {
							b.blocks = append(b.blocks, &block{typ: "dynamic", labels: []string{lf.Key}, defRange: lf.KeyRange, typeRange: fl.KeyRange, body: jsonBody(f, it)})
						}
					}
				}
				continue
			}
			for _, it := range jsonItems(fl.Value) {
				b.blocks = append(b.blocks, &block{typ: fl.Key, defRange: fl.KeyRange, typeRange: fl.KeyRange, body: jsonBody(f, it)})
			}
			continue
		}
		b.attrs = append(b.attrs, &attribute{name: fl.Key, nameRange: fl.KeyRange, expr: expression{jn: fl.Value, file: f}})
	}
	return b
}

func allObjects(n *lint.Node) bool {
	for _, it := range n.Items {
		if it.Kind != lint.ObjectNode {
			return false
		}
	}
	return len(n.Items) > 0
}

// hasTemplate reports whether a .tf.json string holds interpolations.
func hasTemplate(s string) bool {
	return strings.Contains(s, "${") || strings.Contains(s, "%{")
}

// manifest reads .terraform/modules/modules.json of a root module, which
// `terraform init` writes: the directory each downloaded module call was
// installed in, by call path ("svc", "svc.container"). Nothing is ever
// fetched; without the file no remote module is followed.
func (ev *evaluator) manifest(rootDir string) map[string]string {
	if m, ok := ev.manifests[rootDir]; ok {
		return m
	}
	m := map[string]string{}
	ev.manifests[rootDir] = m
	src, err := ev.ctx.ReadFile(filepath.Join(rootDir, ".terraform", "modules", "modules.json"))
	if err != nil {
		return m
	}
	var doc struct {
		Modules []struct{ Key, Dir string }
	}
	if json.Unmarshal(src, &doc) != nil {
		ev.ctx.Notef(lint.Range{File: filepath.ToSlash(filepath.Join(rootDir, ".terraform", "modules", "modules.json"))}, "module manifest is not valid JSON; downloaded modules are not followed")
		return m
	}
	for _, mod := range doc.Modules {
		if mod.Key == "" || mod.Dir == "" || filepath.IsAbs(mod.Dir) {
			continue
		}
		m[mod.Key] = filepath.Join(rootDir, filepath.FromSlash(mod.Dir))
	}
	return m
}

// maxHeredocLines bounds heredocs: hclsyntax joins a heredoc's lines one
// by one, so its time grows with the square of the heredoc's length, and a
// hostile file under the size cap could hold the run for hours. Real
// container definitions are a few hundred lines.
const maxHeredocLines = 5000

// heredocStart matches the opening of a heredoc: <<EOT or <<-EOT.
var heredocStart = regexp.MustCompile(`<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n`)

// oversizedHeredoc finds a heredoc longer than maxHeredocLines, without
// parsing: the offset of its opening and its length in lines.
func oversizedHeredoc(src []byte) (int, int, bool) {
	if !bytes.Contains(src, []byte("<<")) {
		return 0, 0, false
	}
	for _, m := range heredocStart.FindAllSubmatchIndex(src, -1) {
		marker := src[m[2]:m[3]]
		lines := 0
		for off := m[1]; off < len(src); lines++ {
			end := bytes.IndexByte(src[off:], '\n')
			if end < 0 {
				end = len(src) - off
			}
			if bytes.Equal(bytes.TrimSpace(src[off:off+end]), marker) {
				break
			}
			if lines >= maxHeredocLines {
				return m[0], lines + 1, true
			}
			off += end + 1
		}
	}
	return 0, 0, false
}
