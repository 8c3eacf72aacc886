package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*timeZonesDataSource)(nil)

// NewTimeZonesDataSource returns the intercom_time_zones data source: the
// names a panel takes as intercom_ntp's time_zone.
func NewTimeZonesDataSource() datasource.DataSource {
	return &timeZonesDataSource{}
}

type timeZonesDataSource struct {
	client *client.Client
}

type timeZonesDataSourceModel struct {
	ID      types.String `tfsdk:"id"`
	Address types.String `tfsdk:"address"`
	Names   types.List   `tfsdk:"names"`
}

func (d *timeZonesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_time_zones"
}

func (d *timeZonesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The time zones a panel accepts as `intercom_ntp`'s `time_zone` " +
			"(`GET /api/v1.cgi/network/ntp/zone`). The names are opaque: use them exactly as listed.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: descID},
			"address": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: descAddress + " Defaults to the provider's `address`.",
				Validators:          []validator.String{addressValidator},
			},
			"names": schema.ListAttribute{
				ElementType:         types.StringType,
				Computed:            true,
				MarkdownDescription: "Every time-zone name the panel lists, in its order, such as `UTC0` or `RussianStandardTime-3`.",
			},
		},
	}
}

func (d *timeZonesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (d *timeZonesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data timeZonesDataSourceModel
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
	zones, err := c.TimeZones(ctx)
	if err != nil {
		ntpBlock.addPanelError(&resp.Diagnostics, "Error Reading Time Zones", "Could not read the panel's time zones", err)
		return
	}
	names, diags := types.ListValueFrom(ctx, types.StringType, zones)
	resp.Diagnostics.Append(diags...)
	data.ID, data.Names = types.StringValue(c.BaseURL()), names
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
