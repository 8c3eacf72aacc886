// Package provider maps Terraform onto the panel client.
package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var _ provider.Provider = (*intercomProvider)(nil)

// New returns the provider factory for the given release version.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &intercomProvider{version: version}
	}
}

type intercomProvider struct {
	version string
}

type intercomProviderModel struct {
	Address               types.String `tfsdk:"address"`
	Username              types.String `tfsdk:"username"`
	Password              types.String `tfsdk:"password"`
	Insecure              types.Bool   `tfsdk:"insecure"`
	CACertPEM             types.String `tfsdk:"ca_cert_pem"`
	RequestTimeout        types.String `tfsdk:"request_timeout"`
	MaxRetries            types.Int64  `tfsdk:"max_retries"`
	MaxConcurrentRequests types.Int64  `tfsdk:"max_concurrent_requests"`
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
	MarkdownDescription: "Manages IP intercom panels through their HTTP JSON API. Every attribute is optional " +
		"and falls back to an `INTERCOM_*` environment variable, so CI can keep credentials out of the configuration.",
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
			Optional:            true,
			MarkdownDescription: "The panel's HTTP Basic auth user. Environment variable: `INTERCOM_USERNAME`.",
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
			Validators: []validator.String{durationValidator},
		},
		"max_retries": schema.Int64Attribute{
			Optional: true,
			MarkdownDescription: "How many times a transient failure (connection refused or reset, timeout, HTTP 429, " +
				"5xx other than 501) is retried, with capped exponential backoff. Defaults to `3`. " +
				"Environment variable: `INTERCOM_MAX_RETRIES`.",
			Validators: []validator.Int64{int64validator.AtLeast(0)},
		},
		"max_concurrent_requests": schema.Int64Attribute{
			Optional: true,
			MarkdownDescription: "How many requests may be in flight to any one panel at once; panels are independent. " +
				"Defaults to `1`, which small embedded web servers handle best. " +
				"Environment variable: `INTERCOM_MAX_CONCURRENT_REQUESTS`.",
			Validators: []validator.Int64{int64validator.AtLeast(1)},
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
	ctx = maskSecrets(ctx, s.password)
	c, err := client.New(s.address, s.username, s.password,
		client.WithTimeout(s.timeout),
		client.WithMaxRetries(s.maxRetries),
		client.WithMaxConcurrent(s.maxConcurrent),
		client.WithTLS(s.caCertPEM, s.insecure),
		client.WithLogger(clientLogger(s.password)),
	)
	if err != nil {
		resp.Diagnostics.AddError(summaryInvalidProviderSetting, "The provider's client could not be built: "+err.Error())
		return
	}
	tflog.Debug(ctx, "configured intercom provider", map[string]any{
		"address": c.BaseURL(), "request_timeout": s.timeout.String(), "max_retries": s.maxRetries,
		"max_concurrent_requests": s.maxConcurrent, "insecure": s.insecure,
	})
	resp.ResourceData = c
	resp.DataSourceData = c
}

func (p *intercomProvider) Resources(_ context.Context) []func() resource.Resource {
	out := make([]func() resource.Resource, 0, len(settingsBlocks))
	for _, b := range settingsBlocks {
		out = append(out, newSettingsResource(b))
	}
	return out
}

func (p *intercomProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	out := make([]func() datasource.DataSource, 0, len(settingsBlocks)+len(factsSpecs))
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
	timeout                                time.Duration
	maxRetries, maxConcurrent              int
}

const (
	defaultTimeout       = 30 * time.Second
	defaultMaxRetries    = 3
	defaultMaxConcurrent = 1
)
