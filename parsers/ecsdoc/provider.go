package ecsdoc

import (
	"encoding/json"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ecslint/ecslint/ecsapi"
	"github.com/ecslint/ecslint/lint"
)

// The Terraform AWS provider reads container_definitions with Go's
// encoding/json (internal/json DecodeFromString, a json.Decoder without
// DisallowUnknownFields) into the SDK's []types.ContainerDefinition, whose
// fields are the API's member names with a capital and carry no JSON tags.
// encoding/json matches a key to a field by exact name, else by its
// case-folded name; unknown keys are dropped. When several keys of one
// object reach one field, each is decoded in turn into the same Go value:
// a scalar or a list of scalars is replaced, a struct pointer or a map is
// filled further, null resets it, and a list of structs is decoded element
// by element into the elements already there. ProviderKeys rewrites a
// document to what the provider sends, spelled with the API's keys, so the
// model and ECS000 read Terraform as AWS will run it.

// shape is what a value decodes into, as far as keys go.
type shape struct {
	kind shapeKind
	// members are a struct's fields by folded name; exact by their own.
	members, exact map[string]*member
	// elem is a list's element shape.
	elem *shape
	// keepOnNull marks an enumeration: the SDK holds it in a string type,
	// not a pointer, and encoding/json leaves such a value as it was on null.
	keepOnNull bool
}

type shapeKind uint8

const (
	scalarShape shapeKind = iota
	structShape
	mapShape
	listShape
)

type member struct {
	name  string
	shape *shape
}

var (
	containerShapeOnce sync.Once
	containerListShape *shape
)

// containerList returns the shape of container definitions, read from the
// schema on first use; nil if the embedded schema does not parse (a bug the
// tests catch).
func containerList() *shape {
	containerShapeOnce.Do(func() {
		var doc map[string]any
		if json.Unmarshal(ecsapi.TaskDefinitionSchema, &doc) != nil {
			return
		}
		defs, _ := doc["$defs"].(map[string]any)
		containerListShape = shapeOf(map[string]any{"$ref": "#/$defs/containerList"}, defs, map[string]*shape{})
	})
	return containerListShape
}

// shapeOf reads a schema node's shape; seen ends recursion through $ref.
func shapeOf(sch map[string]any, defs map[string]any, seen map[string]*shape) *shape {
	if ref, ok := sch["$ref"].(string); ok {
		name := ref[len("#/$defs/"):]
		if s, ok := seen[name]; ok {
			return s
		}
		s := &shape{}
		seen[name] = s
		if target, ok := defs[name].(map[string]any); ok {
			*s = *shapeOf(target, defs, seen)
		}
		return s
	}
	if props, ok := sch["properties"].(map[string]any); ok {
		s := &shape{kind: structShape, members: make(map[string]*member, len(props)), exact: make(map[string]*member, len(props))}
		for name, sub := range props {
			m, _ := sub.(map[string]any)
			s.members[foldKey(name)] = &member{name: name, shape: shapeOf(m, defs, seen)}
			s.exact[name] = s.members[foldKey(name)]
		}
		return s
	}
	if items, ok := sch["items"].(map[string]any); ok {
		return &shape{kind: listShape, elem: shapeOf(items, defs, seen)}
	}
	if _, ok := sch["enum"]; ok {
		return &shape{keepOnNull: true}
	}
	switch sch["type"] {
	case "object":
		return &shape{kind: mapShape}
	case "array":
		return &shape{kind: listShape, elem: &shape{}}
	}
	return &shape{}
}

// foldKey folds a key as encoding/json does to match it to a field: ASCII
// letters to upper case, any other rune to the smallest rune of its
// Unicode simple-folding orbit (so "ſ" matches "s" and the Kelvin sign "k").
func foldKey(k string) string {
	ascii := true
	for i := 0; i < len(k); i++ {
		if c := k[i]; c >= utf8.RuneSelf || 'a' <= c && c <= 'z' {
			ascii = false
			break
		}
	}
	if ascii {
		return k
	}
	out := make([]byte, 0, len(k))
	for i := 0; i < len(k); {
		if c := k[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(k[i:])
		out = utf8.AppendRune(out, smallestFold(r))
		i += size
	}
	return string(out)
}

func smallestFold(r rune) rune {
	for {
		next := unicode.SimpleFold(r)
		if next <= r {
			return next
		}
		r = next
	}
}

// ProviderKeys returns a container definitions array as the Terraform AWS
// provider decodes it: every key that names a field regardless of case is
// spelled as the API spells it (the second result lists the keys the
// source spelt otherwise), and keys that reach one field are combined as encoding/json
// combines them, at the position of the last one. Keys that name no field
// stay as written, for ECS000 to report. n itself is not changed. A
// document of more than MaxProviderNodes nodes gives nil.
func ProviderKeys(n *lint.Node) (*lint.Node, []lint.CaseVariant) {
	s := containerList()
	if s == nil || n == nil {
		return n, nil
	}
	d := &decoder{left: MaxProviderNodes}
	out := d.decode(n, s)
	if d.left < 0 {
		return nil, nil
	}
	return out, d.variants
}

// MaxProviderNodes bounds the nodes ProviderKeys visits: values shared
// by reference (a local used twice, in a list used twice, ...) can make a
// small evaluation a huge document.
const MaxProviderNodes = 100_000

// decoder counts the work of one ProviderKeys call against its bound.
type decoder struct {
	left     int
	variants []lint.CaseVariant
}

// decode rewrites a value of the given shape.
func (d *decoder) decode(n *lint.Node, s *shape) *lint.Node {
	d.left--
	if d.left < 0 {
		return n
	}
	if len(n.Alts()) > 0 {
		out := *d.decodeOne(n, s)
		out.SetAlts(make([]*lint.Node, len(n.Alts())))
		for i, a := range n.Alts() {
			out.Alts()[i] = d.decode(a, s)
		}
		return &out
	}
	return d.decodeOne(n, s)
}

func (d *decoder) decodeOne(n *lint.Node, s *shape) *lint.Node {
	switch {
	case s.kind == structShape && n.Kind == lint.ObjectNode:
		return d.decodeStruct(n, s)
	case s.kind == listShape && n.Kind == lint.ArrayNode && s.elem.kind != scalarShape && s.elem.kind != mapShape:
		var items []*lint.Node // a copy, made at the first item that changes
		for i, it := range n.Items {
			v := d.decode(it, s.elem)
			if v != it && items == nil {
				items = make([]*lint.Node, len(n.Items))
				copy(items, n.Items[:i])
			}
			if items != nil {
				items[i] = v
			}
		}
		if items == nil {
			return n
		}
		out := *n
		out.Items = items
		return &out
	}
	return n
}

// member finds the field a key decodes into: by its exact name first,
// which spares folding the keys that are already the API's.
func (s *shape) member(key string) *member {
	if m := s.exact[key]; m != nil {
		return m
	}
	return s.members[foldKey(key)]
}

// exactStruct is decodeStruct for the common object whose keys are all
// the API's, each once: nil if that is not so, else n itself when no
// value changes, or a copy with the changed values.
func (d *decoder) exactStruct(n *lint.Node, s *shape) (*lint.Node, bool) {
	for i, f := range n.Fields {
		m := s.member(f.Key)
		if m == nil {
			continue
		}
		if m.name != f.Key {
			return nil, false
		}
		for _, g := range n.Fields[:i] {
			if g.Key == f.Key {
				return nil, false
			}
		}
	}
	var fields []*lint.Field
	for i, f := range n.Fields {
		m := s.exact[f.Key]
		if m == nil {
			continue
		}
		v := d.decode(f.Value, m.shape)
		if v == f.Value {
			continue
		}
		if fields == nil {
			fields = append(make([]*lint.Field, 0, len(n.Fields)), n.Fields...)
		}
		g := *f
		g.Value = v
		fields[i] = &g
	}
	if fields == nil {
		return n, true
	}
	out := *n
	out.Fields = fields
	return &out, true
}

// slot is one struct field as decoding goes: the field written out, and,
// for a list, how many elements its backing array has held.
type slot struct {
	field   *lint.Field
	written int
}

// decodeStruct rewrites an object decoded into a struct.
func (d *decoder) decodeStruct(n *lint.Node, s *shape) *lint.Node {
	if len(n.Fields) <= 64 {
		if out, ok := d.exactStruct(n, s); ok {
			return out
		}
	}
	out := *n
	out.Fields = make([]*lint.Field, 0, len(n.Fields))
	var slots map[string]*slot
	for _, f := range n.Fields {
		m := s.member(f.Key)
		if m == nil {
			out.Fields = append(out.Fields, f) // dropped by the provider
			continue
		}
		if f.Key != m.name {
			d.variants = append(d.variants, lint.CaseVariant{Range: f.KeyRange, Written: f.Key, Key: m.name})
		}
		if slots == nil {
			slots = make(map[string]*slot, len(n.Fields))
		}
		sl := slots[m.name]
		if sl == nil {
			v := d.decode(f.Value, m.shape)
			sl = &slot{field: &lint.Field{Key: m.name, KeyRange: f.KeyRange, Value: v}, written: len(v.Items)}
			slots[m.name] = sl
			out.Fields = append(out.Fields, sl.field)
			continue
		}
		sl.field.Value = d.into(sl, f.Value, m.shape)
		sl.field.KeyRange = f.KeyRange
	}
	return &out
}

// into decodes next into the Go value that the slot's field holds, as
// encoding/json does when one object has several keys for one field.
func (d *decoder) into(sl *slot, next *lint.Node, s *shape) *lint.Node {
	prev := sl.field.Value
	switch {
	case next.Kind == lint.NullNode && len(next.Alts()) == 0 && s.keepOnNull:
		return prev
	case next.Kind == lint.NullNode && len(next.Alts()) == 0:
		sl.written = 0 // a nil pointer, map or slice: nothing is kept
		return next
	case s.kind == scalarShape || prev.Kind == lint.NullNode && len(prev.Alts()) == 0:
		v := d.decode(next, s)
		sl.written = max(sl.written, len(v.Items))
		if s.kind == scalarShape && prev.Kind != lint.NullNode {
			// The shadowed value ("Value": "s3cr3t" before "value": "x")
			// is still written in the file: a secret found in the value
			// is masked there too. A copy: the node may be shared.
			c := *v
			c.SetWritten(nil)
			c.AddWritten(v, prev)
			return &c
		}
		return v
	case s.kind == listShape && s.elem.kind == scalarShape && next.Kind == lint.ArrayNode && !hasNull(next) && len(next.Alts()) == 0:
		// Every element is replaced; an unknown earlier list does not matter.
		sl.written = max(sl.written, len(next.Items))
		return next
	case len(prev.Alts()) > 0 || len(next.Alts()) > 0 || prev.Kind == lint.UnknownNode || next.Kind == lint.UnknownNode:
		// Part of the result is unknown, and which part depends on values
		// ecslint cannot see.
		return lint.NewUnknown(next.Range, next.Ref(), next.Origin())
	}
	switch s.kind {
	case structShape, mapShape:
		if prev.Kind != lint.ObjectNode || next.Kind != lint.ObjectNode {
			return d.decode(next, s) // a type error, ECS000's to report
		}
		both := *next
		both.Fields = append(append(make([]*lint.Field, 0, len(prev.Fields)+len(next.Fields)), prev.Fields...), next.Fields...)
		if s.kind == mapShape {
			return &both // later keys win in Get, as in the Go map
		}
		return d.decodeStruct(&both, s)
	case listShape:
		return d.intoList(sl, prev, next, s)
	}
	return d.decode(next, s)
}

// intoList decodes an array into a slice that already holds elements:
// each element is decoded into the one at its index (the SDK's lists hold
// values, not pointers), so null leaves that element as it was and a
// struct element keeps the fields the new one does not write. Elements
// past the current length but within what the backing array once held
// are stale or zero by its capacity, which the document does not tell:
// unknown then.
func (d *decoder) intoList(sl *slot, prev, next *lint.Node, s *shape) *lint.Node {
	if prev.Kind != lint.ArrayNode || next.Kind != lint.ArrayNode {
		v := d.decode(next, s)
		sl.written = max(sl.written, len(v.Items))
		return v
	}
	if len(next.Items) == 0 {
		sl.written = 0 // an empty array makes a new, empty slice
		return d.decode(next, s)
	}
	if len(next.Items) > len(prev.Items) && sl.written > len(prev.Items) {
		return &lint.Node{Kind: lint.UnknownNode, Range: next.Range}
	}
	out := *next
	out.Items = make([]*lint.Node, len(next.Items))
	for i, it := range next.Items {
		if i >= len(prev.Items) {
			out.Items[i] = d.decode(it, s.elem)
			continue
		}
		out.Items[i] = d.intoElement(prev.Items[i], it, s.elem)
	}
	sl.written = max(sl.written, len(out.Items))
	return &out
}

// intoElement decodes an array item into the slice element that holds old.
func (d *decoder) intoElement(old, it *lint.Node, s *shape) *lint.Node {
	switch {
	case it.Kind == lint.NullNode && len(it.Alts()) == 0:
		return old
	case s.kind != structShape:
		return d.decode(it, s)
	case old.Kind == lint.NullNode && len(old.Alts()) == 0:
		return d.decode(it, s) // a zero struct
	case it.Kind == lint.ObjectNode && old.Kind == lint.ObjectNode && len(it.Alts()) == 0 && len(old.Alts()) == 0:
		both := *it
		both.Fields = append(append(make([]*lint.Field, 0, len(old.Fields)+len(it.Fields)), old.Fields...), it.Fields...)
		return d.decodeStruct(&both, s)
	case it.Kind == lint.ObjectNode:
		// Written into an element that may hold anything.
		return &lint.Node{Kind: lint.UnknownNode, Range: it.Range}
	}
	return d.decode(it, s)
}

func hasNull(n *lint.Node) bool {
	for _, it := range n.Items {
		if it.Kind == lint.NullNode {
			return true
		}
	}
	return false
}
