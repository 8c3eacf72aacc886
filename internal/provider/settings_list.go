package provider

import (
	"context"
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var _ list.ListResourceWithConfigure = (*settingsListResource)(nil)

// newSettingsListResource returns the list resource of one settings block,
// for `terraform query` (Terraform 1.14+): it probes addresses and lists
// the panels that answer, to adopt a fleet with -generate-config-out.
func newSettingsListResource(b *settingsBlock) func() list.ListResource {
	return func() list.ListResource { return &settingsListResource{block: b} }
}

type settingsListResource struct {
	block  *settingsBlock
	panels *providerData
}

type listConfigModel struct {
	Addresses   types.List   `tfsdk:"addresses"`
	CIDR        types.String `tfsdk:"cidr"`
	Port        types.Number `tfsdk:"port"`
	PathPrefix  types.String `tfsdk:"path_prefix"`
	Concurrency types.Number `tfsdk:"concurrency"`
}

// maxProbes bounds one query, so a typo in a CIDR (/8 for /24) cannot
// send millions of requests.
const maxProbes = 65536

var listConfigSchema = schema.Schema{
	MarkdownDescription: "Finds panels to adopt: every address given, and every IPv4 address of `cidr` on `port`, is " +
		"probed once (no retries) with the credentials that apply to it; a panel that answers the block with valid JSON " +
		"is listed. Nothing is sent outside the addresses, range and port given.",
	Attributes: map[string]schema.Attribute{
		"addresses": schema.ListAttribute{
			ElementType:         types.StringType,
			Optional:            true,
			MarkdownDescription: "Panel addresses, in any form `address` takes (`10.0.0.5`, `https://gw.example/panels/17`).",
		},
		"cidr": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "An IPv4 range to probe, such as `10.0.1.0/24`; at most 65536 addresses.",
		},
		"port": schema.NumberAttribute{
			Optional:            true,
			MarkdownDescription: "The port probed in `cidr`. Defaults to `80`.",
			Validators:          []validator.Number{between(1, 65535)},
		},
		"path_prefix": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "A path in front of `/api/v1.cgi` on every address of `cidr`, as behind a gateway.",
		},
		"concurrency": schema.NumberAttribute{
			Optional:            true,
			MarkdownDescription: "How many probes run at once. Defaults to `16`.",
			Validators:          []validator.Number{between(1, 256)},
		},
	},
}

func (l *settingsListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + l.block.typeName
}

func (l *settingsListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listConfigSchema
}

func (l *settingsListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.panels = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (l *settingsListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg listConfigModel
	diags := req.Config.Get(ctx, &cfg)
	candidates := listCandidates(ctx, cfg, &diags)
	if l.panels == nil {
		diags.AddError(summaryUnexpectedConfigureType, "The provider was not configured before the query ran. This is a bug in the provider; please report it.")
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	found := l.probe(ctx, candidates, int(wholeValue(cfg.Concurrency)))
	stream.Results = func(push func(list.ListResult) bool) {
		listed := int64(0)
		for _, p := range found {
			if req.Limit > 0 && listed >= req.Limit {
				return
			}
			adopted := l.block.adopted(p.id, p.values)
			result := req.NewListResult(ctx)
			if why := l.block.wouldNotPlan(ctx, adopted); why != "" {
				// Generated configuration must plan; a panel that cannot
				// give it is named, not listed.
				result = list.ListResult{}
				result.Diagnostics.AddWarning("Panel Left Out", "Panel "+p.id+" answered, but configuration generated from "+
					"its intercom_"+l.block.typeName+" would not plan ("+why+"), so it is not listed. Set "+
					"these at the panel (a factory-fresh panel has a blank SIP account) and query again, or write "+
					"its resource by hand and import it.")
			} else {
				listed++
				result.DisplayName = "intercom_" + l.block.typeName + " on " + p.id
				result.Diagnostics.Append(result.Identity.SetAttribute(ctx, path.Root("address"), p.id)...)
				if req.IncludeResource {
					result.Resource.Raw = tftypes.NewValue(l.block.stateType, adopted)
				}
			}
			if !push(result) {
				return
			}
		}
	}
}

type probed struct {
	id     string
	values client.Values
}

// probe reads the block from every candidate, at most concurrency at a
// time, and returns the panels that answered, ordered by address.
func (l *settingsListResource) probe(ctx context.Context, candidates []string, concurrency int) []probed {
	if concurrency < 1 {
		concurrency = 16
	}
	var (
		mu    sync.Mutex
		found []probed
		wg    sync.WaitGroup
		slots = make(chan struct{}, concurrency)
	)
	for _, address := range candidates {
		c, err := l.panels.client.WithAddress(address)
		if err != nil {
			continue
		}
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			values, err := l.block.read(ctx, c.Once(), l.block.endpoints, true)
			if err != nil {
				return // nothing there, or not a panel we may read
			}
			mu.Lock()
			found = append(found, probed{id: c.BaseURL(), values: values})
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Slice(found, func(i, j int) bool { return found[i].id < found[j].id })
	return found
}

// listCandidates is every panel to probe, each once: every address is
// normalised, so two spellings of one panel, or an address that cidr
// also covers, make one probe and one result.
func listCandidates(ctx context.Context, cfg listConfigModel, diags *diag.Diagnostics) []string {
	var given []string
	if !cfg.Addresses.IsNull() {
		diags.Append(cfg.Addresses.ElementsAs(ctx, &given, false)...)
	}
	seen := map[string]bool{}
	var out []string
	add := func(address string) error {
		id, err := client.NormalizeAddress(address)
		if err == nil && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
		return err
	}
	for i, address := range given {
		if err := add(address); err != nil {
			diags.AddAttributeError(path.Root("addresses").AtListIndex(i), summaryInvalidAddress,
				fmt.Sprintf("addresses[%d], %q, is not a panel address: %s. Correct it or remove it from the list.", i, address, err))
		}
	}
	if cidr := cfg.CIDR.ValueString(); cidr != "" {
		prefix, err := netip.ParsePrefix(cidr)
		switch {
		case err != nil || !prefix.Addr().Is4():
			diags.AddAttributeError(path.Root("cidr"), summaryInvalidValue, fmt.Sprintf("The cidr %q is not an IPv4 range such as 10.0.1.0/24.", cidr))
			return nil
		case prefix.Bits() < 16:
			diags.AddAttributeError(path.Root("cidr"), summaryInvalidValue, fmt.Sprintf("The cidr %q holds more than %d addresses; probe it in parts of /16 or smaller.", cidr, maxProbes))
			return nil
		}
		port := wholeValue(cfg.Port)
		if port == 0 {
			port = 80
		}
		suffix := ":" + strconv.FormatInt(port, 10) + "/" + strings.Trim(cfg.PathPrefix.ValueString(), "/")
		for a := prefix.Masked().Addr(); prefix.Contains(a); a = a.Next() {
			if err := add("http://" + a.String() + suffix); err != nil {
				diags.AddAttributeError(path.Root("path_prefix"), summaryInvalidValue,
					fmt.Sprintf("The addresses of cidr with path_prefix %q are not panel addresses: %s.", cfg.PathPrefix.ValueString(), err))
				return nil
			}
		}
	}
	if len(out) == 0 && !diags.HasError() {
		diags.AddError("Nothing to Probe", "The list configuration gives no addresses and no cidr. Set addresses, or cidr with port.")
	}
	return out
}
