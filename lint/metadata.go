package lint

// MetadataSuppressions reads the suppressions a resource carries in its
// metadata, as CloudFormation templates write them (JSON templates have no
// comments):
//
//	Metadata:
//	  ecslint:
//	    ignore:
//	      - {rule: ECS001, reason: the agent needs devices, until: 2027-03-31}
//
// metadata is the resource's Metadata value (nil when absent). Parsers put
// the result in Resource.Suppressions; the engine applies them and reports
// the malformed ones (an entry without a rule comes back with an empty
// Rule), so every parser gets the same behaviour.
func MetadataSuppressions(metadata *Node) []Suppression {
	ecs := metadata.Get("ecslint")
	if ecs == nil || ecs.Value == nil {
		return nil
	}
	ignore := ecs.Value.Get("ignore")
	if ignore == nil || ignore.Value == nil {
		if ecs.Value.Kind != ObjectNode || len(ecs.Value.Fields) > 0 {
			return []Suppression{{Range: ecs.KeyRange}}
		}
		return nil
	}
	if ignore.Value.Kind != ArrayNode {
		return []Suppression{{Range: ignore.KeyRange}}
	}
	var out []Suppression
	for _, item := range ignore.Value.Items {
		sup := Suppression{Range: item.Range}
		if item.Kind == ObjectNode {
			sup.Rule = scalarText(item.Get("rule"))
			sup.Reason = scalarText(item.Get("reason"))
			sup.Until = scalarText(item.Get("until"))
			if f := item.Get("until"); f != nil && f.Value != nil {
				sup.UntilRange = f.Value.Range
			}
		}
		out = append(out, sup)
	}
	return out
}

// scalarText is a field's string (or other scalar) text, "" when absent or
// not a scalar.
func scalarText(f *Field) string {
	if f == nil || f.Value == nil {
		return ""
	}
	switch f.Value.Kind {
	case StringNode, NumberNode, BoolNode:
		return f.Value.Text
	}
	return ""
}
