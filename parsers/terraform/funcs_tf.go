package terraform

import (
	"encoding/base64"
	"errors"
	"math/big"
	"strings"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// Terraform's own pure functions that cty's standard library does not
// have, written from their documentation
// (developer.hashicorp.com/terraform/language/functions). Conditions in
// task definitions use them (privileged = strcontains(var.image, "dind")):
// left unknown, the finding they decide would be silently missed.

var startsWithFunc = stringPredicate(strings.HasPrefix)
var endsWithFunc = stringPredicate(strings.HasSuffix)
var strContainsFunc = stringPredicate(strings.Contains)

// stringPredicate is a function of two strings returning a bool.
func stringPredicate(test func(s, part string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "part", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(test(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

// allTrueFunc is alltrue: true for an empty list, and "true" counts, as
// the list is a list(bool) once Terraform converts it. A null is not true.
var allTrueFunc = boolFold(true)

// anyTrueFunc is anytrue: false for an empty list.
var anyTrueFunc = boolFold(false)

// boolFold is alltrue (all) or anytrue: one element that decides the
// result decides it even beside unknown ones; otherwise an unknown
// element makes the result unknown.
func boolFold(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			unknown := false
			for it := args[0].ElementIterator(); it.Next(); {
				_, v := it.Element()
				switch {
				case !v.IsKnown():
					unknown = true
				case (v.IsNull() || v.False()) == all:
					return cty.BoolVal(!all), nil // alltrue meets a non-true, anytrue a true
				}
			}
			if unknown {
				return cty.UnknownVal(cty.Bool), nil
			}
			return cty.BoolVal(all), nil
		},
	})
}

// sumFunc is sum: the total of a non-empty list of numbers.
var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Number)}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if args[0].LengthInt() == 0 {
			return cty.NilVal, errors.New("cannot sum an empty list")
		}
		total := new(big.Float)
		for it := args[0].ElementIterator(); it.Next(); {
			_, v := it.Element()
			if v.IsNull() {
				return cty.NilVal, errors.New("cannot sum a null")
			}
			total.Add(total, v.AsBigFloat())
		}
		return cty.NumberVal(total), nil
	},
})

// indexFunc is Terraform's index(list, value): the first position of
// value, an error when it is absent. (cty's IndexFunc is the [] operator.)
var indexFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}, {Name: "value", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		list := args[0]
		if t := list.Type(); !t.IsListType() && !t.IsTupleType() {
			return cty.NilVal, errors.New("index() needs a list")
		}
		for it, i := list.ElementIterator(), int64(0); it.Next(); i++ {
			_, v := it.Element()
			if v.Type().Equals(cty.DynamicPseudoType) {
				return cty.UnknownVal(cty.Number), nil
			}
			want, err := convert.Convert(args[1], v.Type())
			if err != nil {
				continue
			}
			eq := v.Equals(want)
			if !eq.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			if eq.True() {
				return cty.NumberIntVal(i), nil
			}
		}
		return cty.NilVal, errors.New("item not found")
	},
})

// base64DecodeFunc is base64decode: standard padded base64 of UTF-8 text.
var base64DecodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		b, err := base64.StdEncoding.DecodeString(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		if !utf8.Valid(b) {
			return cty.NilVal, errors.New("the decoded bytes are not UTF-8")
		}
		return cty.StringVal(string(b)), nil
	},
})
