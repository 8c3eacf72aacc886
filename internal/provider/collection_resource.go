package provider

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*collectionResource)(nil)
	_ resource.ResourceWithImportState = (*collectionResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*collectionResource)(nil)
	_ resource.ResourceWithIdentity    = (*collectionResource)(nil)
)

func newCollectionResource(c *collectionSpec) func() resource.Resource {
	return func() resource.Resource { return &collectionResource{spec: c} }
}

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

func (r *collectionResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	a, err := readEach(req.Plan.Raw, req.Config.Raw, req.State.Raw)
	if err != nil {
		r.spec.block().addStateBug(&resp.Diagnostics, err)
		return
	}
	plan := a[0]
	if _, ok := planPanel(r.panels, "intercom_"+r.spec.typeName, plan, a[1], a[2], resp); ok {
		resp.Plan.Raw = tftypes.NewValue(r.spec.stateType, plan)
	}
}

func (r *collectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	c := r.spec
	state, managed, err := c.readState(req.State.Raw)
	if err != nil {
		c.block().addStateBug(&resp.Diagnostics, err)
		return
	}
	id := str(state["id"])
	pc := panelClient(r.panels, id, &resp.Diagnostics)
	if pc == nil {
		return
	}
	items, err := pc.List(ctx, c.coll)
	if err != nil && r.panels.warnUnreachable && client.IsUnreachable(err) {
		resp.Diagnostics.AddWarning("Panel Unreachable", "Panel "+id+" could not be reached, so state keeps "+c.what+
			" as last read: "+err.Error()+"\n\nunreachable_panels = \"warn\" lets the plan go on without this panel.")
		setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
		return
	}
	if err != nil {
		c.block().addPanelError(&resp.Diagnostics, c.block().summary(actionRead), "Could not read "+c.what, err)
		return
	}
	// Just imported (no map yet), or exclusive: the map is every item.
	all := state[c.mapAttr].IsNull() || isTrue(state["exclusive"])
	state[c.mapAttr] = c.mapValue(c.settle(managed, all, items))
	for _, name := range []string{"exclusive", "delete_on_destroy"} {
		if state[name].IsNull() {
			state[name] = boolValue(false)
		}
	}
	resp.State.Raw = tftypes.NewValue(c.stateType, state)
	setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}

// readState reads a resource's state and its items.
func (c *collectionSpec) readState(raw tftypes.Value) (attrs, map[string]tftypes.Value, error) {
	state, err := readAttrs(raw)
	if err != nil {
		return nil, nil, err
	}
	items, err := readMap(state[c.mapAttr])
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

func (r *collectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.apply(ctx, req.Plan.Raw, tftypes.Value{}, &resp.State.Raw, resp.Identity, &resp.Diagnostics)
}

func (r *collectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.apply(ctx, req.Plan.Raw, req.State.Raw, &resp.State.Raw, resp.Identity, &resp.Diagnostics)
}

// apply writes the plan over the prior state, null on create.
func (r *collectionResource) apply(ctx context.Context, planRaw, priorRaw tftypes.Value, state *tftypes.Value, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	a, err := readEach(planRaw, priorRaw)
	if err != nil {
		r.spec.block().addStateBug(diags, err)
		return
	}
	r.write(ctx, a[0], a[1], state, diags)
	setIdentity(ctx, identity, str(a[0]["id"]), diags)
}

func (r *collectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	(&settingsResource{block: r.spec.block()}).ImportState(ctx, req, resp)
	for _, name := range []string{"exclusive", "delete_on_destroy"} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), false)...)
	}
}

func (r *collectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	c := r.spec
	state, managed, err := c.readState(req.State.Raw)
	if err != nil {
		c.block().addStateBug(&resp.Diagnostics, err)
		return
	}
	id := str(state["id"])
	if !isTrue(state["delete_on_destroy"]) {
		resp.Diagnostics.AddWarning(c.title+" Left on Panel", "Panel "+id+" keeps "+c.what+": destroying intercom_"+
			c.typeName+" only removes them from Terraform state, because delete_on_destroy is false in state. To delete "+
			"them, set delete_on_destroy = true and apply that before destroying.")
		return
	}
	pc := panelClient(r.panels, id, &resp.Diagnostics)
	if pc == nil {
		return
	}
	left := c.deleteItems(ctx, pc, managed, keysOf(managed), &resp.Diagnostics)
	if len(left) > 0 {
		// Destroy failed: state keeps what is still on the panel.
		kept := map[string]tftypes.Value{}
		for _, k := range left {
			kept[k] = managed[k]
		}
		state[c.mapAttr] = c.mapValue(kept)
		resp.State.Raw = tftypes.NewValue(c.stateType, state)
	}
}

// deleteItems deletes the items at keys, one DELETE each, and returns the
// keys whose DELETE failed, with an error for them.
func (c *collectionSpec) deleteItems(ctx context.Context, pc *client.Client, items map[string]tftypes.Value, keys []string, diags *diag.Diagnostics) []string {
	var failed []string
	for _, key := range keys {
		if err := pc.Remove(ctx, c.coll, c.wireKeyOf(key, items[key])); err != nil {
			failed = append(failed, key)
			c.block().addPanelError(diags, c.block().summary(actionWrite), "Could not delete "+c.mapAttr+"["+quoteKey(key)+"]", err)
		}
	}
	return failed
}

func keysOf(m map[string]tftypes.Value) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func quoteKey(k string) string { return `"` + strings.TrimPrefix(k, "\x00") + `"` }

// block is the spec seen as a settings block, for the diagnostics they
// share.
func (c *collectionSpec) block() *settingsBlock {
	return &settingsBlock{blockSpec: &blockSpec{title: c.title, what: c.what, typeName: c.typeName, fields: []fieldSpec{{name: c.mapAttr}}},
		endpoints: []client.Endpoint{{Path: c.coll.Path}}}
}
