// Package ecsdoc decodes positioned documents (lint.Node trees) into the
// common model. Raw JSON, CloudFormation properties and Terraform container
// definitions all pass through it, so a task definition means the same thing
// whatever format wrote it. Keys are matched as the ECS API spells them, or
// as CloudFormation spells them when the style is PascalCase; Terraform's
// container definitions are first rewritten to the API's keys as the AWS
// provider reads them (ProviderKeys).
//
// The resources around task definitions pass through it too: kinds.go is
// the one list of the resource types ecslint reads, with their
// CloudFormation and Terraform names, and Linker.Add (mapping.go) maps a
// resource of any format, once its parser has normalised it into a Doc,
// into the model.
package ecsdoc

import (
	"runtime"
	"strings"

	"github.com/ecslint/ecslint/ecsapi"
	"github.com/ecslint/ecslint/lint"
)

// Doc wraps an object node with the style its keys are spelled in.
type Doc struct {
	N     *lint.Node
	Style lint.KeyStyle
	// release says the entries of the containers' lists (environment,
	// secrets, ...) may be dropped from the tree once decoded: see
	// Releasing.
	release bool
}

// Releasing returns d for decoding a task definition whose tree nothing
// reads below the containers once it is decoded, and that no other part of
// the tree shares (raw JSON has no aliases): each entry of a container's
// environment, secrets, environmentFiles, mountPoints and portMappings is
// dropped from its list as soon as it is decoded, so the collector can
// reclaim the tree while the model grows. Its lists are left empty: the
// caller marks the task definition's document as not to be validated
// (lint.TaskDefinition.DocOversized). The containers' objects, the volumes
// and the tags stay, for the fixes that edit them.
func (d Doc) Releasing() Doc {
	d.release = true
	return d
}

// entries calls fn with each object item of the list under an API key, in
// order, including those of every alternative, dropping each from the
// tree once read when d is releasing and the list is a plain array.
func (d Doc) entries(camel string, fn func(Doc)) {
	f := d.Field(camel)
	if f == nil {
		return
	}
	list := f.Value
	if !d.release || list.Kind != lint.ArrayNode || len(list.Alts()) > 0 {
		for _, it := range Items(list) {
			if it.Kind == lint.ObjectNode {
				fn(Doc{N: it, Style: d.Style})
			}
		}
		return
	}
	for i, it := range list.Items {
		if it.Kind == lint.ObjectNode {
			fn(Doc{N: it, Style: d.Style})
		}
		list.Items[i] = nil
		it.Discard()
	}
	list.Items = nil
}

// collect decodes the object items of the list under an API key with
// conv, into a slice sized once (the model's values are large, and growing
// by doubling would add garbage of twice the list).
//
// A releasing document's long list is decoded otherwise: decoded straight
// into the slice, the whole model would be allocated while the whole tree
// is still held, which is the peak of a run (a 30 MB environment: 192 MB
// of tree and 105 MB of entries at once), and at the binary's collector
// pace nothing dropped would be reclaimed before the list is done. So its
// first seven eighths are decoded into small chunks, with a collection
// after each eighth to reclaim the entries dropped from the tree, and
// only then is the slice allocated, the chunks copied into it and the
// rest decoded straight into it. Seven collections of a few hundred MB,
// for a document of more than lint.MaxDocNodes values.
func collect[T any](d Doc, camel string, conv func(Doc) T) []T {
	n := d.objectCount(camel)
	if n == 0 {
		return nil
	}
	if !d.release || n < 8*collectChunk {
		out := make([]T, 0, n)
		d.entries(camel, func(e Doc) { out = append(out, conv(e)) })
		return out
	}
	var chunks [][]T
	var out []T
	eighth, done := n/8, 0
	d.entries(camel, func(e Doc) {
		done++
		if out != nil {
			out = append(out, conv(e))
			return
		}
		if len(chunks) == 0 || len(chunks[len(chunks)-1]) == collectChunk {
			chunks = append(chunks, make([]T, 0, collectChunk))
		}
		last := &chunks[len(chunks)-1]
		*last = append(*last, conv(e))
		if done%eighth == 0 {
			runtime.GC()
			if done >= 7*eighth {
				out = make([]T, 0, n)
				for i, ch := range chunks {
					out = append(out, ch...)
					chunks[i] = nil
				}
			}
		}
	})
	for i, ch := range chunks { // only if fewer entries came than counted
		out = append(out, ch...)
		chunks[i] = nil
	}
	return out
}

// collectChunk is how many entries collect decodes into one chunk.
const collectChunk = 4096

// objectCount is how many object items the list under an API key holds,
// in every alternative: what entries calls its function with.
func (d Doc) objectCount(camel string) int {
	f := d.Field(camel)
	if f == nil {
		return 0
	}
	n := 0
	for _, it := range Items(f.Value) {
		if it.Kind == lint.ObjectNode {
			n++
		}
	}
	return n
}

// Field returns the field for an API key, or nil.
func (d Doc) Field(camel string) *lint.Field {
	if d.N == nil || d.N.Kind != lint.ObjectNode {
		return nil
	}
	if d.Style != lint.PascalCase || camel == "" {
		return d.N.Get(camel)
	}
	if k, ok := ecsapi.PascalException(camel); ok {
		return d.N.Get(k)
	}
	// As d.N.Get(ecsapi.Key(camel, d.Style)), without building the key: this
	// runs for every property a template's resources are read for.
	upper := camel[0]
	if 'a' <= upper && upper <= 'z' {
		upper -= 'a' - 'A'
	}
	for i := len(d.N.Fields) - 1; i >= 0; i-- {
		if k := d.N.Fields[i].Key; len(k) == len(camel) && k[0] == upper && k[1:] == camel[1:] {
			return d.N.Fields[i]
		}
	}
	return nil
}

// partial reports an object whose members are not all known (lint.Node's
// Partial): a key absent from it may be set by what could not be read.
func (d Doc) partial() bool { return d.N != nil && d.N.Partial && d.N.Kind == lint.ObjectNode }

// Sub returns the object under an API key.
func (d Doc) Sub(camel string) (Doc, lint.Presence) {
	f := d.Field(camel)
	p := Presence(f)
	if f == nil && d.partial() {
		p = lint.Presence{State: lint.Unknown, Range: d.N.Range}
	}
	if f == nil || f.Value.Kind != lint.ObjectNode {
		return Doc{Style: d.Style}, p
	}
	return Doc{N: f.Value, Style: d.Style}, p
}

// String decodes the string under an API key. JSON allows a key twice and
// the last one wins, but the earlier values are written in the file too:
// they are part of what wrote the value, so that a secret is masked in
// all of them.
func (d Doc) String(camel string) lint.String {
	f := d.Field(camel)
	if f == nil && d.partial() {
		return lint.String{State: lint.Unknown, Range: d.N.Range}
	}
	v := String(f)
	if f == nil {
		return v
	}
	var shadowed []lint.Range
	for _, other := range d.N.Fields {
		if other != f && other.Key == f.Key {
			shadowed = append(shadowed, other.Value.WrittenAt()...)
		}
	}
	if shadowed != nil {
		v.SetWritten(append(shadowed, v.Written()...))
	}
	return v
}

// Bool decodes the boolean under an API key.
func (d Doc) Bool(camel string) lint.Bool {
	f := d.Field(camel)
	if f == nil && d.partial() {
		return lint.Bool{State: lint.Unknown, Range: d.N.Range}
	}
	return Bool(f)
}

// Strings decodes the list of strings under an API key.
func (d Doc) Strings(camel string) []lint.String { return Strings(d.Field(camel)) }

// Objects returns the object items of the list under an API key, including
// those of every alternative.
func (d Doc) Objects(camel string) []Doc {
	f := d.Field(camel)
	if f == nil {
		return nil
	}
	items := Items(f.Value)
	objects := 0
	for _, it := range items {
		if it.Kind == lint.ObjectNode {
			objects++
		}
	}
	if objects == 0 {
		return nil
	}
	// Sized once: this runs while a document's tree and its model are both
	// held, the peak of a run, and growing by doubling would add garbage
	// of twice the list there.
	out := make([]Doc, 0, objects)
	for _, it := range items {
		if it.Kind == lint.ObjectNode {
			out = append(out, Doc{N: it, Style: d.Style})
		}
	}
	return out
}

// Range is the object's range, or the zero range.
func (d Doc) Range() lint.Range {
	if d.N == nil {
		return lint.Range{}
	}
	return d.N.Range
}

// Items returns the items of an array node and of its alternatives; a value
// that may be one of several lists may hold any of their items.
func Items(n *lint.Node) []*lint.Node {
	if n == nil {
		return nil
	}
	if len(n.Alts()) == 0 {
		if n.Kind == lint.ArrayNode {
			return n.Items
		}
		return nil
	}
	var out []*lint.Node
	for _, alt := range append([]*lint.Node{n}, n.Alts()...) {
		if alt.Kind == lint.ArrayNode {
			out = append(out, alt.Items...)
		}
	}
	return out
}

// Presence tells whether a field holds an object (or anything at all).
func Presence(f *lint.Field) lint.Presence {
	if f == nil {
		return lint.Presence{}
	}
	switch f.Value.Kind {
	case lint.NullNode, lint.AbsentNode:
		if len(f.Value.Alts()) == 0 {
			return lint.Presence{Range: f.KeyRange}
		}
		return lint.Presence{State: lint.Unknown, Range: f.KeyRange}
	case lint.UnknownNode:
		return lint.Presence{State: lint.Unknown, Range: f.KeyRange}
	}
	return lint.Presence{State: lint.Known, Range: f.KeyRange}
}

// String decodes a scalar field as a string. Numbers and booleans keep their
// literal text; null means unset; anything that cannot be a string is unknown.
func String(f *lint.Field) lint.String {
	if f == nil {
		return lint.String{}
	}
	return scalar(f.Value, f.KeyRange, func(n *lint.Node) (string, bool) {
		switch n.Kind {
		case lint.StringNode, lint.NumberNode, lint.BoolNode:
			return n.Text, true
		}
		return "", false
	})
}

// Bool decodes a scalar field as a boolean. "true" and "false" strings are
// accepted, as CloudFormation does; anything else is unknown.
func Bool(f *lint.Field) lint.Bool {
	if f == nil {
		return lint.Bool{}
	}
	return scalar(f.Value, f.KeyRange, parseBool)
}

func parseBool(n *lint.Node) (bool, bool) {
	switch n.Kind {
	case lint.BoolNode, lint.StringNode:
		switch strings.ToLower(n.Text) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

// Strings decodes a list of strings; a single string counts as a list of one.
func Strings(f *lint.Field) []lint.String {
	if f == nil {
		return nil
	}
	items := Items(f.Value)
	if f.Value.Kind == lint.StringNode && len(f.Value.Alts()) == 0 {
		items = []*lint.Node{f.Value}
	}
	out := make([]lint.String, 0, len(items))
	for _, it := range items {
		out = append(out, String(&lint.Field{Key: f.Key, KeyRange: it.Range, Value: it}))
	}
	return out
}

// scalar builds a Value from a node and its alternatives. A single value is
// placed at its key; alternatives (Fn::If branches) at their own text, so a
// finding points at the branch that is wrong.
func scalar[T any](n *lint.Node, key lint.Range, conv func(*lint.Node) (T, bool)) lint.Value[T] {
	one := func(n *lint.Node, at lint.Range) lint.Value[T] {
		v := lint.Value[T]{Range: at, ValueRange: n.Range}
		v.SetRef(n.Ref())
		v.SetOrigin(n.Origin())
		v.SetWritten(n.Written()) // shared with the node: never appended to
		switch n.Kind {
		case lint.NullNode, lint.AbsentNode:
			v.State = lint.Unset
		case lint.UnknownNode:
			v.State = lint.Unknown
			v.SetPattern(n.Pattern())
		default:
			if x, ok := conv(n); ok {
				v.V, v.State = x, lint.Known
			} else {
				v.State = lint.Unknown
			}
		}
		return v
	}
	if len(n.Alts()) == 0 {
		return one(n, key)
	}
	v := one(n, n.Range)
	alts := make([]lint.Value[T], 0, len(n.Alts()))
	for _, a := range n.Alts() {
		alts = append(alts, one(a, a.Range))
	}
	v.SetAlts(alts)
	return v
}
