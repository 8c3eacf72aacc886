package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*settingsResource)(nil)
	_ resource.ResourceWithImportState = (*settingsResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*settingsResource)(nil)
	_ resource.ResourceWithIdentity    = (*settingsResource)(nil)
)

// newSettingsResource returns the resource of one settings block. Every
// panel always has each block, so the resource adopts it rather than
// creating it.
func newSettingsResource(b *settingsBlock) func() resource.Resource {
	return func() resource.Resource { return &settingsResource{block: b} }
}

type settingsResource struct {
	block  *settingsBlock
	panels *providerData
}

func (r *settingsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.block.typeName
}

func (r *settingsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.block.resourceSchema
}

func (r *settingsResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema
}

func (r *settingsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.panels = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (r *settingsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	a, err := readEach(req.Plan.Raw, req.Config.Raw)
	if err != nil {
		r.block.subj.addStateBug(&resp.Diagnostics, err)
		return
	}
	out := writeResult{state: &resp.State, identity: resp.Identity, private: resp.Private, diags: &resp.Diagnostics}
	r.write(ctx, a[0], a[1], nil, out)
}

func (r *settingsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	a, err := readEach(req.Plan.Raw, req.Config.Raw, req.State.Raw)
	if err != nil {
		r.block.subj.addStateBug(&resp.Diagnostics, err)
		return
	}
	out := writeResult{state: &resp.State, identity: resp.Identity, private: resp.Private, diags: &resp.Diagnostics}
	r.write(ctx, a[0], a[1], a[2], out)
}

func (r *settingsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	b := r.block
	state, err := readAttrs(req.State.Raw)
	if err != nil {
		b.subj.addStateBug(&resp.Diagnostics, err)
		return
	}
	id := str(state["id"])
	c := panelClient(r.panels, id, &resp.Diagnostics)
	if c == nil {
		return
	}
	secrets := b.secretsIn(state)
	ctx = maskSecrets(ctx, secrets...)
	// A failed read is an error and never a removal: every panel has
	// every block, so failing to read one says nothing about whether the
	// resource still exists.
	got, err := b.read(ctx, c, b.endpoints, true)
	imported := neverRead(ctx, req.Private)
	if err != nil && r.panels.warnUnreachable && client.IsUnreachable(err) && !imported {
		// The prior state stands, so the plan goes on for every other
		// panel; a write to this one still fails when it comes.
		resp.Diagnostics.AddWarning("Panel Unreachable", "Panel "+id+" could not be reached, so state keeps "+b.what+
			" as last read: "+redact(err.Error(), secrets...)+
			"\n\nunreachable_panels = \"warn\" lets the plan go on without this panel. Any change planned for it fails "+
			"at apply until it is back.")
		setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
		return
	}
	if err != nil {
		b.subj.addPanelError(&resp.Diagnostics, b.subj.summary(actionRead), "Could not read "+b.what+importNote(imported, err), err, secrets...)
		return
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, nil)...)
	if b.reset != nil && !isTrue(state["reset_on_destroy"]) {
		// An earlier release kept the record whatever destroy would do.
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, appliedKey, nil)...)
	}
	for i := range b.fields {
		f := &b.fields[i]
		hash, writeOnly := b.loadHash(ctx, f, resp.Private, &resp.Diagnostics)
		v, ok := got[f.wire]
		state[f.name] = f.fromPanel(v, ok, state[f.name])
		if !writeOnly {
			continue
		}
		state[f.name] = tftypes.NewValue(tftypes.String, nil)
		// The panel's value no longer matches the last one sent. Nulling
		// the version in state makes the plan show an update, which
		// re-sends the value from the configuration.
		if s, _ := v.(string); !isMasked(s) && !hash.matches(s) {
			state[f.name+"_wo_version"] = tftypes.NewValue(tftypes.Number, nil)
			resp.Diagnostics.AddWarning(b.title+" Changed on Panel", "The "+f.name+" of "+b.what+" on panel "+id+
				" was changed outside Terraform. The plan re-sends "+f.name+"_wo to put it back.")
		}
	}
	if b.reset != nil && state["reset_on_destroy"].IsNull() {
		state["reset_on_destroy"] = boolValue(false)
	}
	resp.State.Raw = tftypes.NewValue(b.stateType, state)
	setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}

func (r *settingsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !importPanel(ctx, "intercom_"+r.block.typeName, req, resp) {
		return
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, []byte("true"))...)
	if r.block.reset != nil {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("reset_on_destroy"), false)...)
	}
}

// importPanel records the panel that an import ID or identity names, and
// nothing else: the read that follows fills in the rest. false after a
// diagnostic.
func importPanel(ctx context.Context, typeName string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) bool {
	address := req.ID
	if address == "" && req.Identity != nil && !req.Identity.Raw.IsNull() {
		var identity identityModel
		resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...)
		address = identity.Address.ValueString()
	}
	id, err := client.NormalizeAddress(address)
	if err != nil {
		resp.Diagnostics.AddError(summaryInvalidImportID,
			"The import ID must be the panel's address, as in `terraform import "+typeName+".lobby 10.0.0.5` "+
				"or an import block with id = \"https://gw.example/panels/17\": "+err.Error()+".")
		return false
	}
	// The address keeps the spelling of the ID, so a configuration that
	// writes the address the same way plans no change after the import.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("address"), address)...)
	setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	return !resp.Diagnostics.HasError()
}

// importedKey marks, in private state, a resource imported and not yet
// read. Its state holds nothing the panel said, so a read that cannot
// reach the panel has no "last read" to keep: unreachable_panels = "warn"
// does not apply, or an import would record an empty panel.
const importedKey = "imported"

func neverRead(ctx context.Context, p privateState) bool {
	raw, diags := p.GetKey(ctx, importedKey)
	return !diags.HasError() && len(raw) > 0
}

// importNote says why an import fails on a panel that warn would pass.
func importNote(imported bool, err error) string {
	if !imported || !client.IsUnreachable(err) {
		return ""
	}
	return " to import it (an import has no earlier state to keep, so unreachable_panels = \"warn\" does not apply)"
}

// identityModel identifies a resource by its panel, for
// `import { identity = { address = ... } }` on Terraform and OpenTofu 1.12+.
type identityModel struct {
	Address types.String `tfsdk:"address"`
}

// readEach reads the values of a call (plan, configuration, prior state),
// in order. A null one reads as nil: there is no prior state on create.
func readEach(values ...tftypes.Value) ([]attrs, error) {
	out := make([]attrs, len(values))
	for i, v := range values {
		if v.IsNull() {
			continue
		}
		a, err := readAttrs(v)
		if err != nil {
			return nil, err
		}
		out[i] = a
	}
	return out, nil
}

// secretsIn is the values of the block's sensitive fields in a, to mask in
// the logs of the call.
func (b *settingsBlock) secretsIn(a attrs) []string {
	var out []string
	for _, f := range b.fields {
		if f.sensitive && f.kind == kindString {
			out = append(out, str(a[f.name]))
		}
	}
	return out
}

// read reads the endpoints and merges their fields; shared reads go
// through the panel's aggregate, which a refresh of many blocks shares.
func (b *settingsBlock) read(ctx context.Context, c *client.Client, eps []client.Endpoint, shared bool) (client.Values, error) {
	out := client.Values{}
	for _, ep := range eps {
		get := c.Get
		if shared {
			get = c.Read
		}
		v, err := get(ctx, ep)
		if err != nil {
			return nil, err
		}
		for k, x := range v {
			out[k] = x
		}
	}
	return out, nil
}
