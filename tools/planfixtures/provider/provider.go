package main

import (
	"context"
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
	}}
}

func (awsProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
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
