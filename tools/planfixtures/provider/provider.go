package main

import (
	"context"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// awsProvider serves the resources in resourceSchemas.
type awsProvider struct{}

func newProvider() provider.Provider { return awsProvider{} }

func (awsProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "aws"
}

// Schema accepts the provider arguments fixtures set; none is required, as
// in the real provider, which also reads them from the environment.
func (awsProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = pschema.Schema{Attributes: map[string]pschema.Attribute{
		"region":  pschema.StringAttribute{Optional: true},
		"profile": pschema.StringAttribute{Optional: true},
	}, Blocks: map[string]pschema.Block{
		// The provider's default_tags block, merged into every
		// resource's tags_all at plan time as the real provider does.
		"default_tags": pschema.ListNestedBlock{NestedObject: pschema.NestedBlockObject{
			Attributes: map[string]pschema.Attribute{"tags": pschema.MapAttribute{Optional: true, ElementType: types.StringType}},
		}},
	}}
}

// providerData is what resources learn from the provider's configuration.
type providerData struct {
	defaultTags map[string]string
}

func (awsProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg struct {
		Region      types.String `tfsdk:"region"`
		Profile     types.String `tfsdk:"profile"`
		DefaultTags []struct {
			Tags map[string]string `tfsdk:"tags"`
		} `tfsdk:"default_tags"`
	}
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	data := &providerData{}
	if len(cfg.DefaultTags) > 0 {
		data.defaultTags = cfg.DefaultTags[0].Tags
	}
	resp.ResourceData = data
}

func (awsProvider) Resources(context.Context) []func() resource.Resource {
	names := make([]string, 0, len(resourceSchemas))
	for name := range resourceSchemas {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([]func() resource.Resource, 0, len(names))
	for _, name := range names {
		out = append(out, func() resource.Resource { return &storedResource{typeName: name} })
	}
	return out
}

func (awsProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
