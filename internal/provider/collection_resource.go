package provider

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
	"github.com/domofon/terraform-provider-intercom/internal/fastpath"
)

var (
	_ resource.ResourceWithConfigure   = (*collectionResource)(nil)
	_ resource.ResourceWithImportState = (*collectionResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*collectionResource)(nil)
	_ resource.ResourceWithIdentity    = (*collectionResource)(nil)
	_ fastpath.Resource                = (*collectionResource)(nil)
)

func newCollectionResource(c *collectionSpec) func() resource.Resource {
	return func() resource.Resource { return &collectionResource{spec: c} }
}

// collectionResource serves a collection through the framework and, with
// the same code on raw values, through the fast path (fastpath.Resource).
type collectionResource struct {
	spec   *collectionSpec
	panels *providerData
}

func (r *collectionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.spec.typeName
}

func (r *collectionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.spec.schema
}

func (r *collectionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema
}

func (r *collectionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.panels = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (r *collectionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var more diag.Diagnostics
	resp.Plan.Raw, resp.RequiresReplace, more = r.PlanRaw(ctx, req.Config.Raw, req.Plan.Raw, req.State.Raw)
	resp.Diagnostics.Append(more...)
}

func (r *collectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.frameworkApply(ctx, req.Plan.Raw, tftypes.NewValue(r.spec.stateType, nil), &resp.State.Raw, &resp.Diagnostics)
	setIdentity(ctx, resp.Identity, stateID(resp.State.Raw), &resp.Diagnostics)
}

func (r *collectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.frameworkApply(ctx, req.Plan.Raw, req.State.Raw, &resp.State.Raw, &resp.Diagnostics)
	setIdentity(ctx, resp.Identity, stateID(resp.State.Raw), &resp.Diagnostics)
}

func (r *collectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.frameworkApply(ctx, tftypes.NewValue(r.spec.stateType, nil), req.State.Raw, &resp.State.Raw, &resp.Diagnostics)
}

func (r *collectionResource) frameworkApply(ctx context.Context, planned, prior tftypes.Value, state *tftypes.Value, diags *diag.Diagnostics) {
	var more diag.Diagnostics
	*state, more = r.ApplyRaw(ctx, planned, prior)
	diags.Append(more...)
}

func (r *collectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var more diag.Diagnostics
	resp.State.Raw, more = r.ReadRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(more...)
	setIdentity(ctx, resp.Identity, stateID(resp.State.Raw), &resp.Diagnostics)
}

// ImportState records the panel only: exclusive stays null until the
// first read, which is how Read knows that every item is to be adopted.
func (r *collectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importPanel(ctx, "intercom_"+r.spec.typeName, req, resp)
}

// PlanRaw settles the panel, which a schema default cannot: the
// default address is the provider's. It never contacts the panel.
func (r *collectionResource) PlanRaw(_ context.Context, config, planned, prior tftypes.Value) (tftypes.Value, []path.Path, diag.Diagnostics) {
	var diags diag.Diagnostics
	if planned.IsNull() {
		return planned, nil, diags
	}
	a, err := readEach(planned, config, prior)
	if err != nil {
		r.spec.subj.addStateBug(&diags, err)
		return planned, nil, diags
	}
	_, replace, ok := planPanel(r.panels, "intercom_"+r.spec.typeName, a[0], a[1], a[2], &diags)
	if !ok {
		return planned, nil, diags
	}
	var paths []path.Path
	if replace {
		paths = append(paths, path.Root("address"))
	}
	return tftypes.NewValue(r.spec.stateType, a[0]), paths, diags
}

// Identity is the panel of a state, as the resource's identity.
func (r *collectionResource) Identity(state tftypes.Value) tftypes.Value {
	id := stateID(state)
	if id == "" {
		return tftypes.NewValue(identityType, nil)
	}
	return tftypes.NewValue(identityType, map[string]tftypes.Value{"address": stringValue(id)})
}

// stateID is the panel a state is on; "" for none.
func stateID(state tftypes.Value) string {
	if state.IsNull() || !state.IsKnown() {
		return ""
	}
	a, err := readAttrs(state)
	if err != nil {
		return ""
	}
	return str(a["id"])
}

// ReadRaw refreshes the items the resource manages; with exclusive, or
// right after an import, every item of the panel.
func (r *collectionResource) ReadRaw(ctx context.Context, raw tftypes.Value) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	c := r.spec
	state, managed, err := c.readState(raw)
	if err != nil {
		c.subj.addStateBug(&diags, err)
		return raw, diags
	}
	id := str(state["id"])
	pc := panelClient(r.panels, id, &diags)
	if pc == nil {
		return raw, diags
	}
	imported := state["exclusive"].IsNull()
	items, err := pc.List(ctx, c.coll)
	if err != nil && r.panels.warnUnreachable && client.IsUnreachable(err) && !imported {
		diags.AddWarning("Panel Unreachable", "Panel "+id+" could not be reached, so state keeps "+c.what+
			" as last read: "+err.Error()+"\n\nunreachable_panels = \"warn\" lets the plan go on without this panel.")
		return raw, diags
	}
	if err != nil {
		c.subj.addPanelError(&diags, c.subj.summary(actionRead), "Could not read "+c.what+importNote(imported, err), err)
		return raw, diags
	}
	got := c.settle(managed, imported || isTrue(state["exclusive"]), items)
	// Null manages no item, as {} does; state keeps what the
	// configuration said while there is nothing to show.
	if !state[c.mapAttr].IsNull() || imported || len(got) > 0 {
		state[c.mapAttr] = c.mapValue(got)
	}
	for _, name := range []string{"exclusive", "delete_on_destroy"} {
		if state[name].IsNull() {
			state[name] = boolValue(false)
		}
	}
	return tftypes.NewValue(c.stateType, state), diags
}

// readState reads a resource's state and its items.
func (c *collectionSpec) readState(raw tftypes.Value) (attrs, map[string]tftypes.Value, error) {
	state, err := readAttrs(raw)
	if err != nil {
		return nil, nil, err
	}
	items, err := fastpath.Items(state[c.mapAttr])
	return state, items, err
}

// settle is the map state records: each managed item as the panel holds
// it (one the panel no longer has drops out, so the plan adds it back),
// and with all, every other item too, under its key or a new label.
func (c *collectionSpec) settle(managed map[string]tftypes.Value, all bool, panel []client.Values) map[string]tftypes.Value {
	byKey := make(map[string]client.Values, len(panel))
	for _, v := range panel {
		byKey[c.panelKey(v)] = v
	}
	out := make(map[string]tftypes.Value, len(managed))
	for key, item := range managed {
		wk := c.wireKeyOf(key, item)
		if v, ok := byKey[wk]; ok {
			out[key] = c.item(v)
			delete(byKey, wk)
		}
	}
	if !all {
		return out
	}
	rest := make([]string, 0, len(byKey))
	for k := range byKey {
		rest = append(rest, k)
	}
	sort.Strings(rest)
	for _, k := range rest {
		out[c.newKey(byKey[k], out)] = c.item(byKey[k])
	}
	return out
}

func keysOf(m map[string]tftypes.Value) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func quoteKey(k string) string { return `"` + strings.ReplaceAll(k, `"`, `\"`) + `"` }
