package terraform

import (
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/awsprovider"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
)

// A resource is evaluated into its body, normalised by awsprovider into a
// document spelled with the API's keys, and mapped into the model by
// ecsdoc.Linker.Add, so a Terraform resource means what the same
// CloudFormation resource means. What is the configuration's own stays
// here: evaluating the body, its JSON-string attributes (jsonOf), and the
// notes on what could not be evaluated.

// resource evaluates one resource instance and adds it to the unit.
func (in *instance) resource(l *ecsdoc.Linker, bl *block, kind ecsdoc.Kind, ex expansion) {
	typ, name := bl.labels[0], bl.labels[1]
	res := lint.Resource{ID: in.prefix + typ + "." + name, Name: in.prefix + typ + "." + name + ex.suffix, Type: typ, Range: bl.defRange, Extent: bl.extent}
	for _, nb := range bl.body.blocks {
		if nb.typ == "dynamic" && len(nb.labels) == 1 {
			res.DynamicBlocks = append(res.DynamicBlocks, nb.labels[0])
		}
	}
	ev := in.ev
	d := awsprovider.Body{N: ev.bodyNode(ex.scope, bl)}
	in.noteModuleUnknowns(bl, ex.scope, d)
	in.withDefaultTags(bl, d.N, res.Range)
	r, ok := awsprovider.Normalise(res, kind, d, ev.jsonOf)
	if !ok {
		return
	}
	td := l.Add(r)
	if td == nil {
		return
	}
	if r.Containers != nil && td.ContainersState == lint.Unknown && r.Containers.Value.Kind == lint.ArrayNode {
		ev.ctx.Notef(r.Containers.KeyRange, "container_definitions has more than %d values; they are not checked", ecsdoc.MaxProviderNodes)
	}
	in.noteUnknownContainers(bl, ex.scope, td)
}

// policyDocument computes an aws_iam_policy_document data source: its
// statement blocks as an IAM JSON document (Effect defaults to Allow).
func (ev *evaluator) policyDocument(s *scope, bl *block) *lint.Node {
	d := awsprovider.Body{N: ev.bodyNode(s, bl)}
	stmts := &lint.Node{Kind: lint.ArrayNode, Range: bl.defRange}
	for _, st := range d.Blocks("statement") {
		sc := awsprovider.NewObject(st.N.Range)
		if f := st.Field("effect"); f != nil {
			sc.Set("Effect", f)
		} else {
			sc.SetNode("Effect", st.N.Range, strNode("Allow", st.N.Range))
		}
		sc.Set("Action", st.Field("actions"))
		sc.Set("Resource", st.Field("resources"))
		stmts.Items = append(stmts.Items, sc.N)
	}
	return object(bl.defRange, "Version", strNode("2012-10-17", bl.defRange), "Statement", stmts)
}
