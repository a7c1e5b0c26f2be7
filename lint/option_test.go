package lint

import (
	"maps"
	"reflect"
	"slices"
	"testing"
)

func TestDecodeOptions(t *testing.T) {
	list := Option{Name: "list", Type: StringListOption}
	text := Option{Name: "text", Type: StringOption, Default: "1.35", Pattern: `^[0-9]+\.[0-9]+$`}
	table := Option{Name: "table", Type: StringMapOption, Default: map[string]string{"LINUX": "1.4.0"}}
	flag := Option{Name: "flag", Type: BoolOption}
	count := Option{Name: "count", Type: IntOption, Default: 7}
	m := &Meta{ID: "X001", Options: []Option{list, text, table, flag, count}}

	v, errs := DecodeOptions(m, map[string]any{
		"list": []any{"a", "b"}, "text": "1.36", "table": map[string]any{"windows": "1.0.0"}, "flag": true, "count": 3.0,
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !slices.Equal(v.StringList(list), []string{"a", "b"}) || v.StringValue(text) != "1.36" ||
		!maps.Equal(v.StringMap(table), map[string]string{"windows": "1.0.0"}) || !v.BoolValue(flag) || v.IntValue(count) != 3 {
		t.Errorf("decoded: %#v", v)
	}
	// Unset, the accessors give the declared defaults (the zero value
	// without one).
	var none OptionValues
	if none.StringList(list) != nil || none.StringValue(text) != "1.35" || none.StringMap(table)["LINUX"] != "1.4.0" ||
		none.BoolValue(flag) || none.IntValue(count) != 7 {
		t.Error("defaults not applied")
	}
	// A library caller's undecoded values are decoded on reading.
	if got := (OptionValues{"list": []any{"x"}}).StringList(list); !slices.Equal(got, []string{"x"}) {
		t.Errorf("undecoded list: %v", got)
	}

	_, errs = DecodeOptions(m, map[string]any{
		"lst": []any{}, "text": "1.36.2", "table": map[string]any{"LINUX": 1.5}, "flag": "yes", "count": 2.5,
		"list": []any{"a", nil},
	})
	want := []OptionError{
		{Path: []string{"count"}, Message: "must be an integer, not a number"},
		{Path: []string{"flag"}, Message: "must be a boolean, not a string"},
		{Path: []string{"list", "1"}, Message: "must be a string, not null"},
		{Path: []string{"lst"}, Message: `unknown option of X001; did you mean "list"?`, Unknown: true},
		{Path: []string{"table", "LINUX"}, Message: "must be a string, not a number"},
		{Path: []string{"text"}, Message: `"1.36.2" does not match pattern ^[0-9]+\.[0-9]+$`},
	}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("errors:\n%#v\nwant\n%#v", errs, want)
	}
	if _, errs := DecodeOptions(&Meta{ID: "X002"}, map[string]any{"list": nil}); len(errs) != 1 ||
		errs[0].Message != "unknown option: X002 takes no options" {
		t.Errorf("a rule with no options: %v", errs)
	}
}

func TestOptionReadAsAnotherType(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("reading a list option as a string did not panic")
		}
	}()
	OptionValues{}.StringValue(Option{Name: "list", Type: StringListOption})
}

type optionRule struct{ meta Meta }

func (r optionRule) Meta() *Meta { return &r.meta }
func (optionRule) Check(*Pass)   {}

func TestInheritOptions(t *testing.T) {
	list := Option{Name: "allowed", Type: StringListOption}
	inheriting := list
	inheriting.Inherits = "R1"
	rules := []Rule{optionRule{Meta{ID: "R1", Options: []Option{list}}}, optionRule{Meta{ID: "R2", Options: []Option{inheriting}}}}

	in := map[string]map[string]any{"R1": {"allowed": []string{"A"}}}
	out := InheritOptions(rules, in)
	if got := OptionValues(out["R2"]).StringList(inheriting); len(got) != 1 || got[0] != "A" {
		t.Errorf("R2 inherits %v", got)
	}
	if _, ok := in["R2"]; ok {
		t.Error("the caller's options were modified")
	}

	own := map[string]map[string]any{"R1": {"allowed": []string{"A"}}, "R2": {"allowed": []string{}}}
	if got := OptionValues(InheritOptions(rules, own)["R2"]).StringList(inheriting); len(got) != 0 {
		t.Errorf("R2's own setting is replaced: %v", got)
	}
	if out := InheritOptions(rules, nil); out != nil {
		t.Errorf("nothing set, something inherited: %v", out)
	}
}
