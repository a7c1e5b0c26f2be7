package custom

import (
	"fmt"
	"reflect"
	"strings"
)

// Reference is the variable reference of docs/custom-rules.md, generated
// from the view types so that it cannot drift from what rules see.
func Reference() string {
	var b strings.Builder
	b.WriteString("### Variables by kind\n\n| `on:` | Variables |\n|---|---|\n")
	for _, k := range kinds {
		var vs []string
		for _, v := range k.vars {
			vs = append(vs, fmt.Sprintf("%#q ([%s](#%s))", v.name, typeName(v.typ), anchor(v.typ)))
		}
		fmt.Fprintf(&b, "| `%s` | %s |\n", k.name, strings.Join(vs, ", "))
	}
	b.WriteString("\n### Types\n")
	for _, t := range viewTypes {
		rt := reflect.TypeOf(t).Elem()
		fmt.Fprintf(&b, "\n#### %s\n\n| Field | Type | Notes |\n|---|---|---|\n", typeName(t))
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", f.Tag.Get("cel"), celType(f.Type), f.Tag.Get("doc"))
		}
	}
	return b.String()
}

func anchor(t any) string {
	return strings.ToLower(strings.ReplaceAll(typeName(t), ".", ""))
}

// celType names a Go field's type as CEL sees it.
func celType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "bool"
	case reflect.Int64:
		return "int"
	case reflect.Slice:
		return "list(" + celType(t.Elem()) + ")"
	case reflect.Map:
		return "map(" + celType(t.Key()) + ", " + celType(t.Elem()) + ")"
	case reflect.Pointer:
		name := "custom." + t.Elem().Name()
		return fmt.Sprintf("[%s](#%s)", name, strings.ToLower(strings.ReplaceAll(name, ".", "")))
	}
	return t.String()
}
