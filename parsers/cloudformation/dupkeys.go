package cloudformation

import (
	"fmt"

	"github.com/ecslint/ecslint/lint"
)

// maxDuplicateErrors bounds the duplicate keys reported one by one in a
// file; the rest are counted in one more error.
const maxDuplicateErrors = 50

// smallMapping is the number of keys below which duplicates are found by
// comparing keys pairwise rather than through a map.
const smallMapping = 8

// duplicateKeys reports every key written twice in one mapping, at the
// second with the first as related. YAML requires the keys of a mapping to
// be unique and JSON says they should be; the AWS CLI's cloudformation
// deploy and package reject such a template and cfn-lint reports it as
// E0000, for YAML and JSON alike, while other tools keep the first or the
// last value. Which one CloudFormation would use cannot be told, so it is
// an error, not a finding. A tree that shares nodes (YAML aliases) is
// walked once per node.
func duplicateKeys(root *lint.Node, shared bool) []lint.Diagnostic {
	var out []lint.Diagnostic
	more := 0
	report := func(first, second *lint.Field) {
		if len(out) == maxDuplicateErrors {
			more++
			return
		}
		out = append(out, lint.Diagnostic{
			Range: second.KeyRange,
			Message: fmt.Sprintf("duplicate key %q in this mapping: templates that write a key twice are rejected "+
				"(aws cloudformation deploy, cfn-lint E0000), and tools differ in which value they keep", second.Key),
			Related: []lint.Related{{Range: first.KeyRange, Message: fmt.Sprintf("%q is first written here", first.Key)}},
		})
	}
	var seen map[*lint.Node]bool
	if shared {
		seen = map[*lint.Node]bool{}
	}
	stack := []*lint.Node{root}
	first := map[string]*lint.Field{} // reused: one map per mapping cost a tenth of a parse
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil || seen != nil && seen[n] {
			continue
		}
		if seen != nil {
			seen[n] = true
		}
		switch n.Kind {
		case lint.ObjectNode:
			mappingDuplicates(n.Fields, first, report)
			for i := len(n.Fields) - 1; i >= 0; i-- {
				stack = append(stack, n.Fields[i].Value)
			}
		case lint.ArrayNode:
			for i := len(n.Items) - 1; i >= 0; i-- {
				stack = append(stack, n.Items[i])
			}
		}
	}
	if more > 0 {
		last := out[len(out)-1]
		out = append(out, lint.Diagnostic{Range: last.Range, Message: fmt.Sprintf("%d more duplicate keys after this one are not listed", more)})
	}
	return out
}

// mappingDuplicates reports each field whose key an earlier field of the
// same mapping has, with that earlier field. first is scratch space.
func mappingDuplicates(fields []*lint.Field, first map[string]*lint.Field, report func(first, second *lint.Field)) {
	if len(fields) <= smallMapping {
		for i, f := range fields {
			for _, g := range fields[:i] {
				if g.Key == f.Key && g != f {
					report(g, f)
					break
				}
			}
		}
		return
	}
	clear(first)
	for _, f := range fields {
		if g, ok := first[f.Key]; ok && g != f {
			report(g, f)
			continue
		}
		first[f.Key] = f
	}
}
