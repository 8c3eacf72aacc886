// Command terraform-provider-noop is the baseline of `make bench`: a
// terraform-plugin-framework provider whose noop_sip_config has the
// attribute shape of intercom_sip_config and whose CRUD copies plan to
// state, contacting nothing. A plan with -refresh=false costs Terraform and
// the framework the same for both, so the intercom provider's time over
// this one is what its own code adds. It gets the provider's tuning from
// the same code (internal/plugin, provider.Detach); with
// FLEETBENCH_NOOP_UNTUNED=1 it is served as the framework's scaffolding
// serves a provider, to show what the tuning is worth. make bench builds
// it into .cache; it is not released.
package main

import (
	"context"
	"log"
	"math/big"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	providerschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/numberdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/domofon/terraform-provider-intercom/internal/plugin"
	intercom "github.com/domofon/terraform-provider-intercom/internal/provider"
)

func main() {
	tuned := os.Getenv("FLEETBENCH_NOOP_UNTUNED") != "1"
	if tuned {
		plugin.QuietUnlessLogging("TF_LOG_PROVIDER_NOOP")
		plugin.TuneGC()
	}
	factory := func() tfprotov6.ProviderServer {
		server := providerserver.NewProtocol6(&noopProvider{})()
		if tuned {
			return intercom.Detach(server)
		}
		return server
	}
	stop := plugin.StartCPUProfile()
	err := tf6server.Serve("registry.terraform.io/fleetbench/noop", factory)
	stop()
	if err != nil {
		log.Fatal(err)
	}
}

type noopProvider struct{}

func (p *noopProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "noop"
}

func (p *noopProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerschema.Schema{}
}

func (p *noopProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *noopProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return &sipConfig{} }}
}

func (p *noopProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// sipConfig has intercom_sip_config's attributes with their types, flags
// and defaults, and none of its validators, plan logic or panel calls.
type sipConfig struct{}

type sipConfigModel struct {
	ID                types.String `tfsdk:"id"`
	Address           types.String `tfsdk:"address"`
	User              types.String `tfsdk:"user"`
	Password          types.String `tfsdk:"password"`
	PasswordWO        types.String `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64  `tfsdk:"password_wo_version"`
	Domain            types.String `tfsdk:"domain"`
	Proxy             types.String `tfsdk:"proxy"`
	Realm             types.String `tfsdk:"realm"`
	Protocol          types.String `tfsdk:"protocol"`
	Port              types.Number `tfsdk:"port"`
	ResetOnDestroy    types.Bool   `tfsdk:"reset_on_destroy"`
}

func (r *sipConfig) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sip_config"
}

// sipConfigSchema is built once, as the intercom provider builds its own.
var sipConfigSchema = schema.Schema{
	Description: "intercom_sip_config's attribute shape; CRUD copies plan to state.",
	Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"address":             schema.StringAttribute{Optional: true, Computed: true},
		"user":                schema.StringAttribute{Required: true},
		"password":            schema.StringAttribute{Optional: true, Sensitive: true},
		"password_wo":         schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true},
		"password_wo_version": schema.Int64Attribute{Optional: true},
		"domain":              schema.StringAttribute{Required: true},
		"proxy":               schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("")},
		"realm":               schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("*")},
		"protocol":            schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("udp")},
		"port": schema.NumberAttribute{Optional: true, Computed: true,
			Default: numberdefault.StaticBigFloat(new(big.Float).SetInt64(5060))},
		"reset_on_destroy": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
	},
}

func (r *sipConfig) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = sipConfigSchema
}

// copyPlan stores the plan as the new state, with the computed address
// and id filled in.
func copyPlan(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	var m sipConfigModel
	if diags.Append(plan.Get(ctx, &m)...); diags.HasError() {
		return
	}
	if m.Address.IsUnknown() {
		m.Address = types.StringValue("")
	}
	m.ID = m.Address
	diags.Append(state.Set(ctx, m)...)
}

func (r *sipConfig) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	copyPlan(ctx, req.Plan, &resp.State, &resp.Diagnostics)
}

func (r *sipConfig) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	copyPlan(ctx, req.Plan, &resp.State, &resp.Diagnostics)
}

// Read and Delete have nothing to do: the framework keeps and removes the state.
func (r *sipConfig) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *sipConfig) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
