package main

import (
	"context"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// storedResource is any of the declared resource types: the schema is all
// that differs between them. Apply stores the planned values, with the
// computed ones (unknown in the plan) given stable made-up values, so a
// second plan over that state shows updates and deletes as it would
// against AWS.
type storedResource struct {
	typeName string
	provider *providerData
}

// Configure receives the provider's configuration.
func (r *storedResource) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if d, ok := req.ProviderData.(*providerData); ok {
		r.provider = d
	}
}

// ModifyPlan plans tags_all as the real provider does: the provider's
// default_tags merged with the resource's tags, known when they are, and
// unknown when there are neither (the real provider then says "known after
// apply" too).
func (r *storedResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.provider == nil {
		return
	}
	if _, ok := resourceSchemas[r.typeName].Attributes["tags_all"]; !ok {
		return
	}
	var t types.Map
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("tags"), &t)...)
	if t.IsUnknown() || t.IsNull() && len(r.provider.defaultTags) == 0 {
		return
	}
	merged := map[string]attr.Value{}
	for k, v := range r.provider.defaultTags {
		merged[k] = types.StringValue(v)
	}
	for k, v := range t.Elements() {
		merged[k] = v
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("tags_all"), types.MapValueMust(types.StringType, merged))...)
}

func (r *storedResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.typeName
}

func (r *storedResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchemas[r.typeName]
}

func (r *storedResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	v, err := r.applied(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("cannot fill computed values", err.Error())
		return
	}
	resp.State.Raw = v
}

// Read keeps the stored state: there is no remote object that could drift.
func (r *storedResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *storedResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	v, err := r.applied(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("cannot fill computed values", err.Error())
		return
	}
	resp.State.Raw = v
}

// Delete has nothing to remove; the framework drops the state.
func (r *storedResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// applied returns the planned value with every unknown replaced by a known
// one derived only from the resource type, its name and the attribute path,
// so that state (and the plans made from it) are the same on every run.
func (r *storedResource) applied(plan tftypes.Value) (tftypes.Value, error) {
	label := r.typeName
	var attrs map[string]tftypes.Value
	if err := plan.As(&attrs); err == nil {
		for _, key := range []string{"name", "family", "secret_id", "role", "security_group_id"} {
			var s string
			if v, ok := attrs[key]; ok && v.IsKnown() && !v.IsNull() && v.As(&s) == nil {
				label = s
				break
			}
		}
	}
	return tftypes.Transform(plan, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		return r.computed(label, p, v.Type()), nil
	})
}

func (r *storedResource) computed(label string, p *tftypes.AttributePath, typ tftypes.Type) tftypes.Value {
	attr := ""
	if steps := p.Steps(); len(steps) > 0 {
		if a, ok := steps[len(steps)-1].(tftypes.AttributeName); ok {
			attr = string(a)
		}
	}
	switch {
	case typ.Is(tftypes.String):
		switch {
		case attr == "id":
			return tftypes.NewValue(typ, label)
		case attr == "arn" || len(attr) > 4 && attr[len(attr)-4:] == "_arn":
			return tftypes.NewValue(typ, "arn:aws:fixture:us-east-1:123456789012:"+r.typeName+"/"+label)
		case attr == "platform_version":
			// What ECS reports for a Fargate service that names none.
			return tftypes.NewValue(typ, "LATEST")
		case attr == "repository_url":
			return tftypes.NewValue(typ, "123456789012.dkr.ecr.us-east-1.amazonaws.com/"+label)
		}
		return tftypes.NewValue(typ, r.typeName+"/"+label+"/"+attr)
	case typ.Is(tftypes.Number):
		return tftypes.NewValue(typ, big.NewFloat(1))
	case typ.Is(tftypes.Bool):
		return tftypes.NewValue(typ, false)
	case typ.Is(tftypes.List{}), typ.Is(tftypes.Set{}):
		return tftypes.NewValue(typ, []tftypes.Value{})
	case typ.Is(tftypes.Map{}):
		return tftypes.NewValue(typ, map[string]tftypes.Value{})
	}
	return tftypes.NewValue(typ, nil)
}
