package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var _ datasource.DataSourceWithConfigure = (*collectionDataSource)(nil)

// newCollectionDataSource returns the data source that reads a whole
// collection: flats and keys by their own keys, codes by the labels an
// import gives them.
func newCollectionDataSource(c *collectionSpec) func() datasource.DataSource {
	return func() datasource.DataSource { return &collectionDataSource{spec: c} }
}

type collectionDataSource struct {
	spec   *collectionSpec
	panels *providerData
}

func (d *collectionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.spec.typeName
}

func (d *collectionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.spec.dataSchema
}

func (d *collectionDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.panels = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (d *collectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	c := d.spec
	data, err := readAttrs(req.Config.Raw)
	if err != nil {
		c.subj.addStateBug(&resp.Diagnostics, err)
		return
	}
	pc, address := namedPanel(d.panels, str(data["address"]), !data["address"].IsNull(), "data source", &resp.Diagnostics)
	if pc == nil {
		return
	}
	items, err := pc.List(ctx, c.coll)
	if err != nil {
		c.subj.addPanelError(&resp.Diagnostics, c.subj.summary(actionRead), "Could not read "+c.what, err)
		return
	}
	data["address"], data["id"] = stringValue(address), stringValue(pc.BaseURL())
	data[c.mapAttr] = c.mapValue(c.settle(nil, true, items))
	resp.State.Raw = tftypes.NewValue(c.dataType, data)
}
