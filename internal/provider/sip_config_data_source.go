package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*sipConfigDataSource)(nil)

// NewSIPConfigDataSource returns the intercom_sip_config data source.
func NewSIPConfigDataSource() datasource.DataSource {
	return &sipConfigDataSource{}
}

type sipConfigDataSource struct {
	client *client.Client
}

type sipConfigDataSourceModel struct {
	ID      types.String `tfsdk:"id"`
	Address types.String `tfsdk:"address"`
	sipSettingsModel
}

func (d *sipConfigDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sip_config"
}

func (d *sipConfigDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = sipConfigDataSourceSchema
}

func (d *sipConfigDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (d *sipConfigDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data sipConfigDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if data.Address.IsNull() {
		address, ok := defaultAddress(d.client, "data source", &resp.Diagnostics)
		if !ok {
			return
		}
		data.Address = types.StringValue(address)
	}
	c := panelClient(d.client, data.Address.ValueString(), &resp.Diagnostics)
	if c == nil {
		return
	}
	cfg, err := c.GetSIPConfig(ctx)
	if err != nil {
		addPanelError(&resp.Diagnostics, summaryReadFailed, "Could not read the SIP settings", err)
		return
	}
	ctx = maskSecrets(ctx, cfg.Password)
	data.ID = types.StringValue(c.BaseURL())
	data.sipSettingsModel = flattenSIPConfig(cfg, types.StringNull(), false)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
