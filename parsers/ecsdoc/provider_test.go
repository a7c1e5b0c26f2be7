package ecsdoc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/jsonnode"
)

// The provider's decoding is checked against encoding/json itself: each
// document is decoded by encoding/json into Go types shaped like the SDK's
// (fields named as the API with a capital, no tags; scalars behind
// pointers, enumerations and list elements as values), and so is the
// document ProviderKeys makes of it. The two must be equal: ProviderKeys
// reads the document as the provider does.

// sdkScalar stands for the SDK's scalar types: it keeps any JSON value
// and, like a string or an int32, is left as it was by null.
type sdkScalar struct{ raw string }

func (s *sdkScalar) UnmarshalJSON(b []byte) error {
	if string(b) != "null" {
		var buf bytes.Buffer
		if err := json.Compact(&buf, b); err != nil {
			return err
		}
		s.raw = buf.String()
	}
	return nil
}

var scalarType = reflect.TypeFor[sdkScalar]()

// goType builds the Go type encoding/json decodes a shape into.
func goType(s *shape, seen map[*shape]reflect.Type) reflect.Type {
	if t, ok := seen[s]; ok {
		return t
	}
	switch s.kind {
	case structShape:
		var fields []reflect.StructField
		for _, m := range s.members {
			t := goType(m.shape, seen)
			if m.shape.kind == structShape || m.shape.kind == scalarShape && !m.shape.keepOnNull {
				t = reflect.PointerTo(t)
			}
			fields = append(fields, reflect.StructField{Name: strings.ToUpper(m.name[:1]) + m.name[1:], Type: t})
		}
		t := reflect.StructOf(fields)
		seen[s] = t
		return t
	case mapShape:
		return reflect.MapOf(reflect.TypeFor[string](), scalarType)
	case listShape:
		return reflect.SliceOf(goType(s.elem, seen))
	}
	return scalarType
}

// toJSON writes a node back as JSON text, keys as they are now.
func toJSON(t *testing.T, b *strings.Builder, n *lint.Node) {
	t.Helper()
	switch n.Kind {
	case lint.ObjectNode:
		b.WriteByte('{')
		for i, f := range n.Fields {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(f.Key) + ":")
			toJSON(t, b, f.Value)
		}
		b.WriteByte('}')
	case lint.ArrayNode:
		b.WriteByte('[')
		for i, it := range n.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			toJSON(t, b, it)
		}
		b.WriteByte(']')
	case lint.StringNode:
		q, _ := json.Marshal(n.Text)
		b.Write(q)
	case lint.NumberNode, lint.BoolNode:
		b.WriteString(n.Text)
	case lint.NullNode:
		b.WriteString("null")
	default:
		t.Fatalf("unexpected %s node in the rewritten document", n.Kind)
	}
}

func decodeSDK(t *testing.T, typ reflect.Type, src string) any {
	t.Helper()
	v := reflect.New(typ)
	if err := json.Unmarshal([]byte(src), v.Interface()); err != nil {
		t.Fatalf("encoding/json: %v\n%s", err, src)
	}
	return v.Elem().Interface()
}

var providerDocs = []string{
	// Case variants of every level's keys.
	`[{"Name": "web", "IMAGE": "nginx", "Privileged": true, "readOnlyRootFilesystem": true, "User": "1000",
	  "LinuxParameters": {"Capabilities": {"ADD": ["SYS_ADMIN"]}, "InitProcessEnabled": true},
	  "logconfiguration": {"LogDriver": "awslogs", "Options": {"awslogs-group": "g", "AWSLOGS-REGION": "r"}},
	  "Environment": [{"Name": "A", "Value": "1"}], "SECRETS": [{"Name": "S", "ValueFrom": "arn:x"}],
	  "MountPoints": [{"SourceVolume": "v", "ContainerPath": "/d", "ReadOnly": false}],
	  "RepositoryCredentials": {"CredentialsParameter": "arn:y"}, "HealthCheck": {"Command": ["CMD"], "Interval": 30},
	  "FirelensConfiguration": {"Type": "fluentbit", "Options": {"k": "v"}}, "DockerLabels": {"Aa": "1", "aA": "2"}}]`,
	// Several keys for one scalar: the last one wins, null too.
	`[{"privileged": true, "Privileged": false}, {"Privileged": false, "privileged": true}, {"user": "0", "User": null}]`,
	// Unicode simple folding: the long s and the Kelvin sign.
	"[{\"e\u017fsential\": false, \"lin\u212As\": [\"a\"], \"name\": \"x\"}]",
	// Structs and maps are filled further; null resets them.
	`[{"linuxParameters": {"initProcessEnabled": true}, "LinuxParameters": {"capabilities": {"add": ["NET_ADMIN"]}}},
	  {"logConfiguration": {"logDriver": "awslogs", "options": {"a": "1"}}, "LogConfiguration": {"options": {"b": "2"}}},
	  {"logConfiguration": {"logDriver": "awslogs"}, "LogConfiguration": null, "logconfiguration": {"options": {"c": "3"}}},
	  {"logConfiguration": {"logDriver": "awslogs", "LogDriver": null}}]`,
	// Lists are decoded into the elements already there.
	`[{"environment": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}], "Environment": [{"name": "C"}]},
	  {"environment": [{"name": "A", "value": "1"}], "Environment": [null, {"name": "D"}]},
	  {"command": ["a", "b"], "Command": [null, "c", "d"]},
	  {"environment": [{"name": "A"}], "Environment": []},
	  {"mountPoints": [{"sourceVolume": "v"}], "MountPoints": null, "mountpoints": [{"readOnly": true}]}]`,
	// Keys no field has stay, nested too.
	`[{"name": "x", "privilegd": true, "linuxParameters": {"capabilitys": {"add": ["ALL"]}}}]`,
}

func TestProviderKeysAgreeWithEncodingJSON(t *testing.T) {
	typ := goType(containerList(), map[*shape]reflect.Type{})
	for _, src := range providerDocs {
		n, err := jsonnode.Parse("c.json", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		out, _ := ProviderKeys(n)
		toJSON(t, &b, out)
		want, got := decodeSDK(t, typ, src), decodeSDK(t, typ, b.String())
		if !reflect.DeepEqual(want, got) {
			t.Errorf("ProviderKeys reads\n%s\nas\n%s\nwhich encoding/json does not decode the same", src, b.String())
		}
	}
}

func TestProviderKeysPositionsAndSpelling(t *testing.T) {
	src := "[{\"name\": \"web\",\n \"privileged\": false,\n \"Privileged\": true,\n \"LinuxParameters\": {\"Capabilities\": {\"Add\": [\"ALL\"]}},\n \"logConfiguration\": {\"options\": {\"Mode\": \"x\"}}}]"
	n, err := jsonnode.Parse("c.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out, variants := ProviderKeys(n)
	c := out.Items[0]
	priv := c.Get("privileged")
	if priv == nil || priv.Value.Text != "true" || priv.KeyRange.Start.Line != 3 || priv.KeyRange.Start.Col != 2 {
		t.Fatalf("privileged = %+v, want true at 3:2", priv)
	}
	caps := c.Get("linuxParameters").Value.Get("capabilities").Value.Get("add")
	if caps == nil || caps.KeyRange.Start.Line != 4 || caps.KeyRange.Start.Col != 39 {
		t.Fatalf("capabilities.add = %+v, want it at 4:39", caps)
	}
	// A log driver option is a map key: the provider keeps its case.
	if opt := c.Get("logConfiguration").Value.Get("options").Value.Get("Mode"); opt == nil {
		t.Fatal("options.Mode was not kept as written")
	}
	var got []string
	for _, v := range variants {
		got = append(got, fmt.Sprintf("%d:%d %s=%s", v.Range.Start.Line, v.Range.Start.Col, v.Written, v.Key))
	}
	want := "3:2 Privileged=privileged|4:2 LinuxParameters=linuxParameters|4:22 Capabilities=capabilities|4:39 Add=add"
	if strings.Join(got, "|") != want {
		t.Fatalf("variants %q, want %q", strings.Join(got, "|"), want)
	}
	// The input is not changed.
	if n.Items[0].Fields[2].Key != "Privileged" {
		t.Fatalf("the input was rewritten")
	}
	if d := Container(Doc{N: c, Style: lint.ProviderJSON}); !d.Privileged.Known() || !d.Privileged.V || len(d.LinuxParameters.CapabilitiesAdd) != 1 {
		t.Fatalf("container decoded as %+v", d)
	}
}

// A value shadowed by a later key that folds to the same field is still
// text that wrote the value: a secret in it must be masked too.
func TestProviderKeysShadowedValueIsWritten(t *testing.T) {
	src := `[{"name": "app", "environment": [{"name": "DB_PASSWORD", "Value": "first-secret", "value": "second-secret"}]}]`
	n, err := jsonnode.Parse("c.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := ProviderKeys(n)
	c := Container(Doc{N: out.Items[0], Style: lint.ProviderJSON})
	if len(c.Environment) != 1 || c.Environment[0].Value.V != "second-secret" {
		t.Fatalf("environment decoded as %+v", c.Environment)
	}
	first := n.Items[0].Get("environment").Value.Items[0].Get("Value").Value.Range
	for _, r := range c.Environment[0].Value.SecretRanges() {
		if r == first {
			return
		}
	}
	t.Fatalf("the shadowed value at %v is not among the ranges to mask: %v", first, c.Environment[0].Value.SecretRanges())
}

// A list written twice, shrunk and then grown, has elements whose content
// depends on the slice's capacity: unknown, not a guess.
func TestProviderKeysStaleElementsAreUnknown(t *testing.T) {
	src := `[{"environment": [{"name": "A"}, {"name": "B"}], "Environment": [{"name": "C"}], "ENVIRONMENT": [{"value": "1"}, {"value": "2"}]}]`
	n, err := jsonnode.Parse("c.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := ProviderKeys(n)
	env := out.Items[0].Get("environment")
	if env == nil || env.Value.Kind != lint.UnknownNode || env.KeyRange.Start.Col != 82 {
		t.Fatalf("environment = %+v, want unknown at the last key", env)
	}
}

func TestFoldKeyMatchesEncodingJSON(t *testing.T) {
	// encoding/json finds the field for every one of these keys.
	type probe struct{ Essential *bool }
	for _, k := range []string{"essential", "ESSENTIAL", "eSSential", "e\u017fsential", "Essential"} {
		var p probe
		if err := json.Unmarshal([]byte(`{"`+k+`": true}`), &p); err != nil || p.Essential == nil {
			t.Fatalf("encoding/json does not match %q to Essential", k)
		}
		if foldKey(k) != foldKey("essential") {
			t.Errorf("foldKey(%q) = %q, want %q", k, foldKey(k), foldKey("essential"))
		}
	}
	var p probe
	if err := json.Unmarshal([]byte(`{"essentiaI": true}`), &p); err != nil || p.Essential != nil {
		t.Fatal("encoding/json matched a different key")
	}
	if foldKey("essentiaI") == foldKey("essential") {
		t.Error("foldKey matches a different key")
	}
}

func TestProviderKeysBound(t *testing.T) {
	one := &lint.Node{Kind: lint.ObjectNode, Fields: []*lint.Field{{Key: "Name", Value: &lint.Node{Kind: lint.StringNode, Text: "x"}}}}
	list := &lint.Node{Kind: lint.ArrayNode}
	for range MaxProviderNodes / 2 {
		list.Items = append(list.Items, one)
	}
	if out, _ := ProviderKeys(list); out != nil {
		t.Fatal("a document over the bound was read")
	}
	list.Items = list.Items[:10]
	if out, _ := ProviderKeys(list); out == nil || out.Items[9].Get("name") == nil {
		t.Fatal("a small document was not read")
	}
}
