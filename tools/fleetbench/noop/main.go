// Command terraform-provider-noop is the baseline of `make bench`: its
// noop_sip_config has the attribute shape of intercom_sip_config, and CRUD
// that copies plan to state. A plan -refresh=false costs Terraform and the
// framework the same for both, so the intercom provider's time over this
// one is what its own code adds. It shares the provider's tuning
// (internal/plugin, provider.Detach).
package main

import (
	"context"
	"log"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
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
	plugin.QuietUnlessLogging("TF_LOG_PROVIDER_NOOP")
	plugin.TuneGC()
	factory := func() tfprotov6.ProviderServer {
		return intercom.Detach(providerserver.NewProtocol6(&noopProvider{})())
	}
	stop := plugin.StartCPUProfile()
	err := tf6server.Serve("registry.terraform.io/fleetbench/noop", factory)
	stop()
	if err != nil {
		log.Fatal(err)
	}
}

// noopProvider has no settings and one resource.
type noopProvider struct{}

func (p *noopProvider) Metadata(_ context.Context, _ provider.MetadataRequest, r *provider.MetadataResponse) {
	r.TypeName = "noop"
}
func (p *noopProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (p *noopProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (p *noopProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (p *noopProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return &sipConfig{} }}
}

// sipConfig has intercom_sip_config's attributes with their types, flags
// and defaults, and none of its validators, plan logic or panel calls.
type sipConfig struct{}

func (r *sipConfig) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sip_config"
}

// Schema is built once, as the intercom provider builds its own.
func (r *sipConfig) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = sipConfigSchema
}

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
		"password_wo_version": schema.NumberAttribute{Optional: true},
		"domain":              schema.StringAttribute{Required: true},
		"proxy":               schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("")},
		"realm":               schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("*")},
		"protocol":            schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("udp")},
		"port": schema.NumberAttribute{Optional: true, Computed: true,
			Default: numberdefault.StaticBigFloat(new(big.Float).SetInt64(5060))},
		"reset_on_destroy": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
	},
}

// copyPlan stores the plan as the new state, with id set to the address
// (the bench always sets it). Only applies call it: a plan -refresh=false,
// the baseline, does not.
func copyPlan(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	var address types.String
	state.Raw = plan.Raw
	diags.Append(plan.GetAttribute(ctx, path.Root("address"), &address)...)
	diags.Append(state.SetAttribute(ctx, path.Root("id"), address)...)
}

// Read and Delete have nothing to do: the framework keeps and removes the state.
func (r *sipConfig) Read(context.Context, resource.ReadRequest, *resource.ReadResponse)       {}
func (r *sipConfig) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
func (r *sipConfig) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	copyPlan(ctx, req.Plan, &resp.State, &resp.Diagnostics)
}
func (r *sipConfig) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	copyPlan(ctx, req.Plan, &resp.State, &resp.Diagnostics)
}
