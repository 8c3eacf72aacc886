// Package provider maps Terraform onto the panel client.
package provider

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var (
	_ provider.Provider                  = (*intercomProvider)(nil)
	_ provider.ProviderWithListResources = (*intercomProvider)(nil)
	_ provider.ProviderWithActions       = (*intercomProvider)(nil)
)

// New returns the provider factory for the given release version.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &intercomProvider{version: version}
	}
}

type intercomProvider struct {
	version string
	// configured is what Configure built, for the calls the server answers
	// without the framework (collectionRPC).
	configured atomic.Pointer[providerData]
}

type intercomProviderModel struct {
	Address               types.String `tfsdk:"address"`
	Username              types.String `tfsdk:"username"`
	Password              types.String `tfsdk:"password"`
	Insecure              types.Bool   `tfsdk:"insecure"`
	CACertPEM             types.String `tfsdk:"ca_cert_pem"`
	RequestTimeout        types.String `tfsdk:"request_timeout"`
	MaxRetries            types.Number `tfsdk:"max_retries"`
	MaxConcurrentRequests types.Number `tfsdk:"max_concurrent_requests"`
	ConnectTimeout        types.String `tfsdk:"connect_timeout"`
	ListTimeout           types.String `tfsdk:"list_timeout"`
	UnreachablePanels     types.String `tfsdk:"unreachable_panels"`
	Panels                types.Map    `tfsdk:"panels"`
	SelectedPanels        types.List   `tfsdk:"selected_panels"`
}

// panelCredentialsModel is one entry of the provider's panels map.
type panelCredentialsModel struct {
	Username types.String `tfsdk:"username"`
	Password types.String `tfsdk:"password"`
	Managed  types.Bool   `tfsdk:"managed"`
}

func (p *intercomProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "intercom"
	resp.Version = p.version
}

func (p *intercomProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerSchema
}

// providerSchema is built once: Terraform asks for it on every RPC.
var providerSchema = schema.Schema{
	MarkdownDescription: "Manages IP intercom panels through their HTTP JSON API. Every attribute but `panels` " +
		"falls back to an `INTERCOM_*` environment variable, so CI can keep credentials out of the configuration.",
	Attributes: map[string]schema.Attribute{
		"address": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "The default panel, used by every resource and data source that sets no `address` of its own. " +
				"A host (`10.0.0.5`), a host and port (`10.0.0.5:8080`) or a URL, which may carry a path prefix for panels " +
				"behind a gateway (`https://gw.example:8443/panels/17`). Without a scheme it is `http`. " +
				"Environment variable: `INTERCOM_ADDRESS`.",
			Validators: []validator.String{addressValidator},
		},
		"username": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "The panel's HTTP Basic auth user. Required (here or in `INTERCOM_USERNAME`) unless `panels` is set; " +
				"a panel that no `panels` entry matches then gets none. Environment variable: `INTERCOM_USERNAME`.",
		},
		"password": schema.StringAttribute{
			Optional:            true,
			Sensitive:           true,
			MarkdownDescription: "The panel's HTTP Basic auth password. It is masked in provider logs. Environment variable: `INTERCOM_PASSWORD`.",
		},
		"insecure": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "Skip verification of https panels' certificates. Prefer `ca_cert_pem`. " +
				"Defaults to `false`. Environment variable: `INTERCOM_INSECURE`.",
		},
		"ca_cert_pem": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "PEM-encoded CA certificate(s) to trust, besides the system's, for https panels " +
				"with certificates from a private CA. Environment variable: `INTERCOM_CA_CERT_PEM`.",
			Validators: []validator.String{pemValidator},
		},
		"request_timeout": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "How long one HTTP attempt may take (connect, headers and body), as a Go duration such as " +
				"`30s` or `1m`. Defaults to `30s`. Environment variable: `INTERCOM_REQUEST_TIMEOUT`.",
			Validators: []validator.String{durationCheck("The request timeout", "30s")},
		},
		"max_retries": schema.NumberAttribute{
			Optional: true,
			MarkdownDescription: "How many times a transient failure (connection refused or reset, timeout, HTTP 429, " +
				"5xx other than 501) is retried, with capped exponential backoff. Defaults to `3`. " +
				"Environment variable: `INTERCOM_MAX_RETRIES`.",
			Validators: []validator.Number{between(0, 1000)},
		},
		"connect_timeout": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "How long one attempt may take to connect (TCP and TLS), as a Go duration. A panel that " +
				"never answers a connect then costs about `connect_timeout` per attempt, not the whole `request_timeout`. " +
				"Defaults to `5s`. Environment variable: `INTERCOM_CONNECT_TIMEOUT`.",
			Validators: []validator.String{durationCheck("The connect timeout", "5s")},
		},
		"list_timeout": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "How long one attempt to list a collection (flats, keys, codes) may take, as a Go " +
				"duration. Panels list slowly (the vendor says 100 flats take about 8 s, so 2,000 flats take minutes), so " +
				"this is apart from `request_timeout`, and a list that runs out of it is not retried: a panel that is slow " +
				"because it is working is not failing. Defaults to `10m`. Environment variable: `INTERCOM_LIST_TIMEOUT`.",
			Validators: []validator.String{durationCheck("The list timeout", "10m")},
		},
		"unreachable_panels": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "What a refresh does when a panel cannot be reached after the retries (connection " +
				"refused or timed out, or a name that does not resolve): `error` (the default) fails the plan; `warn` keeps " +
				"the resource's prior state with a warning naming the panel, so the plan goes on for every other panel. An " +
				"apply that must write to that panel still fails, for that resource alone. A panel that answers, even with " +
				"an error (401, 5xx, not JSON), is not unreachable. Environment variable: `INTERCOM_UNREACHABLE_PANELS`.",
			Validators: []validator.String{stringvalidator.OneOf("error", "warn")},
		},
		"panels": schema.MapNestedAttribute{
			Optional: true,
			MarkdownDescription: "Credentials per panel, for fleets whose panels do not share one admin password, and `managed` to freeze a panel. Each " +
				"key is a panel address or an address prefix (`https://gw.example/panels`); a panel uses the entry with " +
				"the longest key that is its address or lies above it on path-segment boundaries (`.../panels/1` is not " +
				"above `.../panels/17`), and `username`/`password` when none matches. Credentials never enter state or " +
				"plans; they are read from this configuration on every run, so a rotation takes effect on the next one.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"username": schema.StringAttribute{Optional: true, Sensitive: true,
					MarkdownDescription: "The panel's HTTP Basic auth user; the provider's `username` when unset."},
				"password": schema.StringAttribute{Optional: true, Sensitive: true,
					MarkdownDescription: "The panel's HTTP Basic auth password; the provider's `password` when unset."},
				"managed": schema.BoolAttribute{Optional: true,
					MarkdownDescription: "`false` freezes the panel, or every panel below an address prefix: nothing is sent " +
						"to it and it is not read; its resources keep their state and plan no change, a resource planned to be " +
						"created or destroyed on it is refused at plan, its data sources fail, and actions on it do nothing. " +
						"The longest key that sets `managed` decides, so `true` on one panel thaws it below a frozen prefix. " +
						"Defaults to `true`. `selected_panels`, when set, overrides it. An entry that sets only `managed` " +
						"leaves credentials to the other entries. See the guide \"Managing a fleet\", \"Staged rollouts\"."},
			}},
			Validators: []validator.Map{mapvalidator.KeysAre(addressValidator), distinctPanels{}},
		},
		"selected_panels": schema.ListAttribute{
			Optional:    true,
			ElementType: types.StringType,
			MarkdownDescription: "When set, only these panels are managed in this run and every other panel is frozen, " +
				"as with `managed = false` (which this overrides). Each name is a panel address or a `panels` key, in any " +
				"spelling `address` takes; an address prefix (`https://gw.example/panels`) selects every panel below it. A " +
				"name that is neither the provider's `address` nor a `panels` key, nor below one, is an error, since a typo " +
				"would freeze every panel. Environment variable: `INTERCOM_SELECTED_PANELS`, comma-separated.",
			Validators: []validator.List{listvalidator.SizeAtLeast(1)},
		},
		"max_concurrent_requests": schema.NumberAttribute{
			Optional: true,
			MarkdownDescription: "How many requests may be in flight to any one panel at once; panels are independent. " +
				"Defaults to `1`, which small embedded web servers handle best. " +
				"Environment variable: `INTERCOM_MAX_CONCURRENT_REQUESTS`.",
			Validators: []validator.Number{between(1, 1000)},
		},
	},
}

func (p *intercomProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg intercomProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s := settingsFrom(cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	secrets := append([]string{s.password}, s.panelPasswords()...)
	ctx = maskSecrets(ctx, secrets...)
	c, err := client.New(s.address, s.username, s.password,
		client.WithTimeout(s.timeout),
		client.WithConnectTimeout(s.connectTimeout),
		client.WithListTimeout(s.listTimeout),
		client.WithPanelCredentials(s.panels),
		client.WithFreeze(s.freeze),
		client.WithMaxRetries(s.maxRetries),
		client.WithMaxConcurrent(s.maxConcurrent),
		client.WithTLS(s.caCertPEM, s.insecure),
		client.WithLogger(clientLogger(secrets...)),
	)
	if err != nil {
		resp.Diagnostics.AddError(summaryInvalidProviderSetting, "The provider's client could not be built: "+err.Error())
		return
	}
	tflog.Debug(ctx, "configured intercom provider", map[string]any{
		"address": c.BaseURL(), "request_timeout": s.timeout.String(), "max_retries": s.maxRetries,
		"max_concurrent_requests": s.maxConcurrent, "insecure": s.insecure,
		"connect_timeout": s.connectTimeout.String(), "unreachable_panels": s.unreachable, "panels": len(s.panels),
	})
	if s.freeze.Active() {
		resp.Diagnostics.AddWarning(summaryFrozenPanels, s.frozenNote())
	}
	data := &providerData{client: c, warnUnreachable: s.unreachable == "warn"}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
	resp.ActionData = data
	p.configured.Store(data)
}

func (p *intercomProvider) Resources(_ context.Context) []func() resource.Resource {
	out := append(collectionResources(), NewAlertSoundResource)
	for _, b := range settingsBlocks {
		out = append(out, newSettingsResource(b))
	}
	return out
}

// ListResources are for `terraform query` (Terraform 1.14+): one per
// settings block, to find panels to adopt.
func (p *intercomProvider) ListResources(_ context.Context) []func() list.ListResource {
	out := make([]func() list.ListResource, 0, len(settingsBlocks))
	for _, b := range settingsBlocks {
		out = append(out, newSettingsListResource(b))
	}
	return out
}

// Actions are for Terraform 1.14+.
func (p *intercomProvider) Actions(_ context.Context) []func() action.Action {
	return []func() action.Action{NewRebootAction, NewFirmwareAction, NewOpenDoorAction, NewAlertAction}
}

func (p *intercomProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	out := collectionDataSources()
	for _, f := range factsSpecs {
		out = append(out, newFactsDataSource(f))
	}
	for _, b := range settingsBlocks {
		out = append(out, newSettingsDataSource(b))
	}
	return out
}

// settings are the provider's values after environment fallback and
// defaults.
type settings struct {
	address, username, password, caCertPEM string
	insecure                               bool
	timeout, connectTimeout, listTimeout   time.Duration
	maxRetries, maxConcurrent              int
	unreachable                            string
	panels                                 map[string]client.Credentials
	// managed is the panels keys that set managed; selected, when
	// selectedSet, the selected_panels names.
	managed     map[string]bool
	selected    []string
	selectedSet bool
	freeze      *client.Freeze
}

func (s settings) panelPasswords() []string {
	var out []string
	for _, c := range s.panels {
		out = append(out, c.Password)
	}
	return out
}

const (
	defaultTimeout        = 30 * time.Second
	defaultConnectTimeout = 5 * time.Second
	defaultListTimeout    = 10 * time.Minute
	defaultMaxRetries     = 3
	defaultMaxConcurrent  = 1
)
