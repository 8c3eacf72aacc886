package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*factsDataSource)(nil)

// factsSpec is a read-only data source of facts a panel reports about
// itself: what it reads, and the attributes beside id and address.
type factsSpec struct {
	typeName    string
	paths       []string // what it reads, below the API root
	title       string   // "Device Info", in diagnostic summaries
	what        string
	description string
	attributes  map[string]schema.Attribute
	read        func(ctx context.Context, c *client.Client) (map[string]attr.Value, error)
}

func newFactsDataSource(spec *factsSpec) func() datasource.DataSource {
	return func() datasource.DataSource { return &factsDataSource{spec: spec} }
}

type factsDataSource struct {
	spec   *factsSpec
	panels *providerData
}

func (d *factsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.spec.typeName
}

func (d *factsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	a := map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true, MarkdownDescription: descID},
		"address": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: descAddress + " Defaults to the provider's `address`.",
			Validators:          []validator.String{addressValidator},
		},
	}
	for name, attribute := range d.spec.attributes {
		a[name] = attribute
	}
	resp.Schema = schema.Schema{MarkdownDescription: d.spec.description, Attributes: a}
}

func (d *factsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.panels = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (d *factsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var address types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("address"), &address)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c, spelled := namedPanel(d.panels, address.ValueString(), !address.IsNull(), "data source", &resp.Diagnostics)
	if c == nil {
		return
	}
	address = types.StringValue(spelled)
	values, err := d.spec.read(ctx, c)
	if err != nil {
		facts := subject{title: d.spec.title, what: d.spec.what, paths: d.spec.paths}
		facts.addPanelError(&resp.Diagnostics, facts.summary(actionRead), "Could not read "+d.spec.what, err)
		return
	}
	values["id"], values["address"] = types.StringValue(c.BaseURL()), address
	for name, v := range values {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), v)...)
	}
}

func computedString(description string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: description}
}

func listOfStrings(ctx context.Context, items []string) (attr.Value, error) {
	v, diags := types.ListValueFrom(ctx, types.StringType, items)
	if diags.HasError() {
		return nil, errors.New("the list cannot be converted")
	}
	return v, nil
}
