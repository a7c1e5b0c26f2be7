// Package plan reads the JSON that `terraform show -json` and
// `tofu show -json` print for a saved plan, or for a state, into the common
// model. A plan holds every value the configuration evaluates to, with
// remote modules, data sources and the variables CI passes in resolved:
// what a static reading of the source cannot know.
//
// Resources are taken from planned_values (a state's values), the root
// module and every child_modules level, and mapped through
// parsers/awsprovider and parsers/ecsdoc exactly as Terraform source is,
// container_definitions decoded case-insensitively as the provider does.
// What the plan cannot know until apply (change.after_unknown) is unknown,
// never false; resources the plan deletes are not in planned_values and are
// not checked. Links between resources (a service's task definition and
// security groups, a role's policies) follow the values when they are
// known (a resource's id or arn) and the configuration's references when
// they are not. Values the plan marks sensitive are masked wherever they
// would be shown.
package plan

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/awsprovider"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
	"github.com/ecslint/ecslint/parsers/jsonnode"
)

// Parser is the Terraform plan (and state) JSON parser.
type Parser struct{}

// Name implements lint.Parser.
func (Parser) Name() string { return "plan" }

// Accepts implements lint.Parser: .json files, not Terraform's .tf.json.
func (Parser) Accepts(path string) bool {
	return strings.HasSuffix(path, ".json") && !strings.HasSuffix(path, ".tf.json")
}

// formatVersion is the key every plan and state JSON document has.
var formatVersion = []byte(`"format_version"`)

// Sniff reports whether src may be a plan or state: a JSON object that
// mentions format_version. It is a byte search, as cheap on a 50 MB plan
// as anything that reads it can be; Parse checks the top-level keys.
func Sniff(src []byte) bool {
	trimmed := bytes.TrimLeft(src, " \t\r\n\xef\xbb\xbf")
	return len(trimmed) > 0 && trimmed[0] == '{' && bytes.Contains(src, formatVersion)
}

// contentKeys are the top-level keys of which a plan or state has at least
// one beside format_version (Terraform's JSON output format).
var contentKeys = []string{"planned_values", "resource_changes", "prior_state", "configuration", "values"}

// IsPlan reports whether a parsed document is a plan or state.
func IsPlan(root *lint.Node) bool {
	if root.Kind != lint.ObjectNode || root.Get("format_version") == nil {
		return false
	}
	for _, k := range contentKeys {
		if root.Get(k) != nil {
			return true
		}
	}
	return false
}

// Parse implements lint.Parser.
func (Parser) Parse(ctx *lint.Context, paths []string) ([]*lint.Unit, bool) {
	path := paths[0]
	file := filepath.ToSlash(path)
	src, err := ctx.ReadFile(path)
	if err != nil {
		if errors.Is(err, lint.ErrTooLarge) {
			return nil, ctx.TooLarge(path, formatVersion)
		}
		return nil, false
	}
	if !Sniff(src) {
		return nil, false
	}
	root, err := jsonnode.Parse(file, src)
	if err != nil {
		// Not JSON at all: another parser's, or no one's. A plan that
		// does not parse is reported by the JSON parsers' own rules.
		return nil, false
	}
	if !IsPlan(root) {
		return nil, false
	}
	ctx.Derived(file)
	r := newReader(ctx, file, src, root)
	return []*lint.Unit{r.read()}, true
}

// reader reads one plan or state document.
type reader struct {
	ctx  *lint.Context
	file string
	src  []byte
	root *lint.Node
	// changes are resource_changes by address.
	changes map[string]*lint.Node
	// ids maps a resource's known id and arn to its ID, to link known
	// values (an update's security group "sg-0abc") to the resource.
	ids map[string]target
	// secrets are the sensitive texts of the plan (sensitive variables,
	// attributes marked sensitive), with where they come from: found
	// inside a JSON attribute marked sensitive as a whole, they are what
	// made it sensitive.
	secrets []secretText
	// sensitive holds the JSON-string attributes marked sensitive, with
	// their expression (aws_ecs_task_definition.app.container_definitions).
	sensitive map[*lint.Node]string
}

type secretText struct {
	text string
	expr string
}

func newReader(ctx *lint.Context, file string, src []byte, root *lint.Node) *reader {
	r := &reader{ctx: ctx, file: file, src: src, root: root, changes: map[string]*lint.Node{},
		ids: map[string]target{}, sensitive: map[*lint.Node]string{}}
	if rc := root.Get("resource_changes"); rc != nil {
		for _, c := range rc.Value.Items {
			if a := str(c, "address"); a != "" {
				r.changes[a] = c
			}
		}
	}
	return r
}

// resourceNode is one resource of planned_values (or a state's values).
type resourceNode struct {
	n       *lint.Node
	address string
	typ     string
	name    string
	values  *lint.Node
}

// read maps the document's resources into a unit.
func (r *reader) read() *lint.Unit {
	var all []resourceNode
	if pv := r.root.Get("planned_values"); pv != nil {
		all = r.module(pv.Value.Get("root_module"), all, 0)
	} else if v := r.root.Get("values"); v != nil {
		all = r.module(v.Value.Get("root_module"), all, 0)
	}
	r.sensitiveVariables()
	for i := range all {
		r.index(&all[i])
	}
	cfg := newConfigIndex(r.root)
	l := ecsdoc.NewLinker()
	for _, res := range all {
		r.resource(l, cfg, res)
	}
	return l.Finish()
}

// module collects a module's resources and those of its child modules.
func (r *reader) module(f *lint.Field, out []resourceNode, depth int) []resourceNode {
	if f == nil || f.Value.Kind != lint.ObjectNode || depth > jsonnode.MaxDepth {
		return out
	}
	if rs := f.Value.Get("resources"); rs != nil {
		for _, n := range rs.Value.Items {
			if n.Kind != lint.ObjectNode || str(n, "mode") != "managed" {
				continue
			}
			res := resourceNode{n: n, address: str(n, "address"), typ: str(n, "type"), name: str(n, "name")}
			if v := n.Get("values"); v != nil && v.Value.Kind == lint.ObjectNode {
				res.values = v.Value
			}
			if res.address != "" && res.typ != "" && res.values != nil {
				out = append(out, res)
			}
		}
	}
	if cm := f.Value.Get("child_modules"); cm != nil {
		for _, c := range cm.Value.Items {
			out = r.module(&lint.Field{Value: c}, out, depth+1)
		}
	}
	return out
}

// index records a resource's id and arn, and the sensitive values of any
// resource (an aws_ssm_parameter's value, read into a container's
// environment, is what makes that container_definitions sensitive).
func (r *reader) index(res *resourceNode) {
	id := instancePrefix(res.address, res.typ, res.name) + res.typ + "." + res.name
	kind := ecsdoc.KindOf(ecsdoc.Terraform, res.typ)
	for _, k := range []string{"id", "arn"} {
		if v := res.values.Get(k); kind != 0 && v != nil && v.Value.Kind == lint.StringNode && v.Value.Text != "" {
			r.ids[v.Value.Text] = target{id: id, expr: res.address + "." + k, typ: res.typ, attr: k}
		}
	}
	sv := res.n.Get("sensitive_values")
	if sv == nil {
		return
	}
	for _, f := range res.values.Fields {
		s := sv.Value.Get(f.Key)
		if s == nil {
			continue
		}
		expr := res.address + "." + f.Key
		if kind != 0 && jsonAttributes[f.Key] && f.Value.Kind == lint.StringNode && isTrue(s.Value) {
			// Masked whole where shown; what inside it is secret is
			// found by the texts below.
			r.sensitive[f.Value] = expr
			r.ctx.Secret(f.Value.Range, "")
			continue
		}
		r.markSensitive(f.Value, s.Value, expr, kind == 0)
	}
}

// jsonAttributes are the attributes holding a JSON document as a string
// that ecslint decodes.
var jsonAttributes = map[string]bool{"container_definitions": true, "policy": true, "inline_policy": true, "assume_role_policy": true}

// markSensitive walks a value beside its sensitive_values mark: under a
// true, every scalar is secret. collect adds the texts to those searched
// for inside sensitive JSON attributes.
func (r *reader) markSensitive(v, mark *lint.Node, expr string, collect bool) {
	if v == nil || mark == nil {
		return
	}
	if isTrue(mark) {
		r.secretTree(v, expr, collect)
		return
	}
	switch {
	case mark.Kind == lint.ObjectNode && v.Kind == lint.ObjectNode:
		for _, m := range mark.Fields {
			if f := v.Get(m.Key); f != nil {
				r.markSensitive(f.Value, m.Value, expr+"."+m.Key, collect)
			}
		}
	case mark.Kind == lint.ArrayNode && v.Kind == lint.ArrayNode:
		for i, m := range mark.Items {
			if i < len(v.Items) {
				r.markSensitive(v.Items[i], m, expr, collect)
			}
		}
	}
}

// secretTree marks every scalar of a sensitive value secret.
func (r *reader) secretTree(v *lint.Node, expr string, collect bool) {
	switch v.Kind {
	case lint.StringNode, lint.NumberNode:
		r.ctx.Secret(v.Range, v.Text)
		v.SetOrigin(&lint.Origin{Expr: expr, Sensitive: true})
		if collect && v.Text != "" {
			r.secrets = append(r.secrets, secretText{text: v.Text, expr: expr})
		}
	case lint.ArrayNode:
		for _, it := range v.Items {
			r.secretTree(it, expr, collect)
		}
	case lint.ObjectNode:
		for _, f := range v.Fields {
			r.secretTree(f.Value, expr, collect)
		}
	}
}

// sensitiveVariables marks the values of the root module's sensitive
// variables (the top-level variables section prints them in plain text).
func (r *reader) sensitiveVariables() {
	vars := r.root.Get("variables")
	decl := path(r.root, "configuration", "root_module", "variables")
	if vars == nil || decl == nil {
		return
	}
	for _, f := range vars.Value.Fields {
		d := decl.Get(f.Key)
		if d == nil || !isTrue(fieldValue(d.Value, "sensitive")) {
			continue
		}
		if v := f.Value.Get("value"); v != nil {
			r.secretTree(v.Value, "var."+f.Key, true)
		}
	}
}

// resource maps one resource into the unit.
func (r *reader) resource(l *ecsdoc.Linker, cfg *configIndex, res resourceNode) {
	kind := ecsdoc.KindOf(ecsdoc.Terraform, res.typ)
	if kind == 0 {
		return
	}
	prefix := instancePrefix(res.address, res.typ, res.name)
	at := res.n.Range
	if a := res.n.Get("address"); a != nil {
		at = a.Value.Range
	}
	lr := lint.Resource{ID: prefix + res.typ + "." + res.name, Name: res.address, Type: res.typ, Range: at, Extent: res.n.Range}
	body := res.values
	if c := r.changes[res.address]; c != nil {
		if au := path(c, "change", "after_unknown"); au != nil {
			body = withUnknowns(body, au)
		}
	}
	if scope := cfg.scope(prefix); scope != nil {
		if e := scope.resourceExpressions(res.typ, res.name); e != nil {
			body = unset(body, e, 0)
			r.link(body, e, scope, 0)
		}
	}
	r.linkKnown(body, true)
	body = r.withoutUnknownTagsAll(body)
	nr, ok := awsprovider.Normalise(lr, kind, awsprovider.Body{N: body}, r.decode)
	if !ok {
		return
	}
	td := l.Add(nr)
	if td == nil {
		return
	}
	if td.ContainersState == lint.Unknown {
		at := lr.Range
		if nr.Containers != nil {
			at = nr.Containers.KeyRange
		}
		r.ctx.Notef(at, "the container definitions of %s are not known until apply; they are not checked", res.address)
	}
}

// unset drops the unknown attributes that the configuration does not set:
// the provider computes them, and what it computes for an argument left
// out is the API's default, which is what a source scan reads an absent
// key as (an EKS cluster's public_access_cidrs, a task definition's
// network_mode). An attribute the configuration sets, and the inside of
// a block it does not write as such (a dynamic block), stay unknown.
func unset(body, exprs *lint.Node, depth int) *lint.Node {
	if body == nil || exprs == nil || body.Kind != lint.ObjectNode || exprs.Kind != lint.ObjectNode || depth > maxHops {
		return body
	}
	c := *body
	c.Fields = make([]*lint.Field, 0, len(body.Fields))
	for _, f := range body.Fields {
		e := exprs.Get(f.Key)
		switch {
		case e == nil && f.Value.Kind == lint.UnknownNode && !tagsAttribute(f.Key):
			continue
		case e != nil && e.Value.Kind == lint.ArrayNode && f.Value.Kind == lint.ArrayNode:
			items := make([]*lint.Node, len(f.Value.Items))
			for i, it := range f.Value.Items {
				items[i] = it
				if i < len(e.Value.Items) {
					items[i] = unset(it, e.Value.Items[i], depth+1)
				}
			}
			nv := *f.Value
			nv.Items = items
			nf := *f
			nf.Value = &nv
			c.Fields = append(c.Fields, &nf)
			continue
		}
		c.Fields = append(c.Fields, f)
	}
	return &c
}

// tagsAttribute is tags_all, which merges the provider's default_tags
// (withoutUnknownTagsAll decides it).
func tagsAttribute(key string) bool { return key == "tags_all" }

// withoutUnknownTagsAll drops a tags_all the plan does not know when no
// provider configuration sets default_tags: it is then the tags, and the
// provider leaves it "known after apply" only because they are empty.
func (r *reader) withoutUnknownTagsAll(body *lint.Node) *lint.Node {
	f := body.Get("tags_all")
	if f == nil || f.Value.Kind != lint.UnknownNode || r.defaultTags() {
		return body
	}
	c := *body
	c.Fields = make([]*lint.Field, 0, len(body.Fields))
	for _, g := range body.Fields {
		if g != f {
			c.Fields = append(c.Fields, g)
		}
	}
	return &c
}

// defaultTags reports whether a provider configuration of the plan sets
// default_tags (or the configuration is not there to say).
func (r *reader) defaultTags() bool {
	pc := path(r.root, "configuration", "provider_config")
	if pc == nil {
		return true
	}
	for _, p := range pc.Fields {
		if path(p.Value, "expressions", "default_tags") != nil {
			return true
		}
	}
	return false
}

// decode reads an attribute that holds a JSON document as a string, with
// positions inside the string.
func (r *reader) decode(n *lint.Node, what string) *lint.Node {
	if n.Kind != lint.StringNode {
		if n.Kind == lint.UnknownNode || n.Kind == lint.ArrayNode || n.Kind == lint.ObjectNode {
			return n
		}
		return lint.NewUnknown(n.Range, "", nil)
	}
	if !r.ctx.Budget.Elements(n.Range, jsonValueBound(n.Text)) {
		return lint.NewUnknown(n.Range, "", nil)
	}
	v, err := jsonnode.ParseInString(r.file, r.src, n)
	if err != nil {
		at := lint.Range{File: r.file, Start: n.Range.Start, End: n.Range.Start}
		msg := err.Error()
		var se *jsonnode.SyntaxError
		if errors.As(err, &se) {
			at.Start, at.End, msg = se.Pos, se.Pos, se.Msg
		}
		r.ctx.Errorf(at, "invalid JSON in %s: %s", what, msg)
		return lint.NewUnknown(n.Range, "", nil)
	}
	if _, ok := r.sensitive[n]; ok {
		r.markInside(v)
	}
	return v
}

// jsonValueBound bounds the values JSON text can hold: one more than its
// brackets, braces, commas and colons, each of which opens or separates
// at most one.
func jsonValueBound(text string) int64 {
	n := 1
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '[', '{', ',', ':':
			n++
		}
	}
	return int64(n)
}

// markInside marks the strings of a sensitive JSON attribute that hold a
// sensitive text of the plan: their origin is that text's (a sensitive
// variable, an SSM parameter's value), as in the source they were
// written from.
func (r *reader) markInside(n *lint.Node) {
	switch n.Kind {
	case lint.StringNode:
		for _, s := range r.secrets {
			// A short secret ("1") would mark every string holding it.
			if len(s.text) >= lint.MinSecretText && strings.Contains(n.Text, s.text) {
				r.ctx.Secret(n.Range, n.Text)
				n.SetOrigin(&lint.Origin{Expr: s.expr, Sensitive: true})
				return
			}
		}
	case lint.ArrayNode:
		for _, it := range n.Items {
			r.markInside(it)
		}
	case lint.ObjectNode:
		for _, f := range n.Fields {
			r.markInside(f.Value)
		}
	}
}

// withUnknowns returns the values with what after_unknown marks unknown
// in place: an unknown attribute is absent from the values (an unknown
// list element is null there), and stands, unknown, at its mark.
func withUnknowns(v, mark *lint.Node) *lint.Node {
	if isTrue(mark) {
		u := lint.NewUnknown(mark.Range, "", nil)
		if v != nil && v.Kind != lint.NullNode {
			u.Range = v.Range
		}
		return u
	}
	if v == nil {
		if hasTrue(mark) {
			return lint.NewUnknown(mark.Range, "", nil)
		}
		return nil
	}
	switch {
	case mark.Kind == lint.ObjectNode && v.Kind == lint.ObjectNode:
		c := *v
		c.Fields = append([]*lint.Field(nil), v.Fields...)
		for _, m := range mark.Fields {
			if !hasTrue(m.Value) {
				continue
			}
			if f := c.Get(m.Key); f != nil {
				for i, g := range c.Fields {
					if g == f {
						nf := *f
						nf.Value = withUnknowns(f.Value, m.Value)
						c.Fields[i] = &nf
					}
				}
				continue
			}
			c.Fields = append(c.Fields, &lint.Field{Key: m.Key, KeyRange: m.KeyRange, Value: withUnknowns(nil, m.Value)})
		}
		return &c
	case mark.Kind == lint.ArrayNode && v.Kind == lint.ArrayNode:
		c := *v
		c.Items = append([]*lint.Node(nil), v.Items...)
		for i, m := range mark.Items {
			if i < len(c.Items) && hasTrue(m) {
				c.Items[i] = withUnknowns(c.Items[i], m)
			}
		}
		return &c
	}
	return v
}

// hasTrue reports whether a mark (after_unknown, sensitive_values) marks
// anything.
func hasTrue(n *lint.Node) bool {
	switch n.Kind {
	case lint.BoolNode:
		return n.Text == "true"
	case lint.ArrayNode:
		for _, it := range n.Items {
			if hasTrue(it) {
				return true
			}
		}
	case lint.ObjectNode:
		for _, f := range n.Fields {
			if hasTrue(f.Value) {
				return true
			}
		}
	}
	return false
}

// linkKnown links known strings that are another resource's id or arn to
// it (not the resource's own id and arn, at the top).
func (r *reader) linkKnown(n *lint.Node, top bool) {
	switch n.Kind {
	case lint.StringNode:
		if t, ok := r.ids[n.Text]; ok && n.Ref() == "" {
			// Known, the value is the instance's own: it is that
			// instance (app[0] is not app[1]), as sameRole compares
			// origins.
			n.SetRef(t.id)
			n.SetOrigin(&lint.Origin{Expr: t.expr, Type: t.typ, Attr: t.attr})
		}
	case lint.ArrayNode:
		for _, it := range n.Items {
			r.linkKnown(it, false)
		}
	case lint.ObjectNode:
		for _, f := range n.Fields {
			if top && (f.Key == "id" || f.Key == "arn") {
				continue
			}
			r.linkKnown(f.Value, false)
		}
	}
}

// instancePrefix is the module instance part of a resource's address
// (module.service["worker"]. for module.service["worker"].aws_x.this[0]).
func instancePrefix(address, typ, name string) string {
	i := strings.LastIndex(address, typ+"."+name)
	if i < 0 {
		return ""
	}
	return address[:i]
}

// str returns the string under key of an object node, or "".
func str(n *lint.Node, key string) string {
	if f := n.Get(key); f != nil && f.Value.Kind == lint.StringNode {
		return f.Value.Text
	}
	return ""
}

// path follows object keys.
func path(n *lint.Node, keys ...string) *lint.Node {
	for _, k := range keys {
		if n == nil || n.Kind != lint.ObjectNode {
			return nil
		}
		f := n.Get(k)
		if f == nil {
			return nil
		}
		n = f.Value
	}
	return n
}

func fieldValue(n *lint.Node, key string) *lint.Node { return path(n, key) }

func isTrue(n *lint.Node) bool { return n != nil && n.Kind == lint.BoolNode && n.Text == "true" }
