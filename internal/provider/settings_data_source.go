package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var _ datasource.DataSourceWithConfigure = (*settingsDataSource)(nil)

// newSettingsDataSource returns the data source of one settings block,
// which reads what the resource of the same name manages.
func newSettingsDataSource(b *settingsBlock) func() datasource.DataSource {
	return func() datasource.DataSource { return &settingsDataSource{block: b} }
}

type settingsDataSource struct {
	block  *settingsBlock
	panels *providerData
}

func (d *settingsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.block.typeName
}

func (d *settingsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.block.dataSchema
}

func (d *settingsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.panels = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (d *settingsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	b := d.block
	data, err := readAttrs(req.Config.Raw)
	if err != nil {
		b.subj.addStateBug(&resp.Diagnostics, err)
		return
	}
	c, address := namedPanel(d.panels, str(data["address"]), !data["address"].IsNull(), "data source", &resp.Diagnostics)
	if c == nil {
		return
	}
	got, err := b.read(ctx, c, b.endpoints, true)
	if err != nil {
		b.subj.addPanelError(&resp.Diagnostics, b.subj.summary(actionRead), "Could not read "+b.what, err)
		return
	}
	data["address"], data["id"] = stringValue(address), stringValue(c.BaseURL())
	for _, f := range b.fields {
		v, ok := got[f.wire]
		// Nothing is known beforehand: a masked or empty optional value
		// reads as null.
		data[f.name] = f.fromPanel(v, ok, tftypes.NewValue(f.tfType(), nil))
	}
	resp.State.Raw = tftypes.NewValue(b.dataType, data)
}
