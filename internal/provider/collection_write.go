package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// write makes the panel hold the planned items: one POST with every added
// or changed item, one DELETE per removed one (and per code whose digits
// changed), then one GET to check. prior is nil on create. Only items in
// the prior state are ever deleted, so nothing the plan did not show goes.
func (r *collectionResource) write(ctx context.Context, plan, prior attrs, state *tftypes.Value, diags *diag.Diagnostics) {
	c := r.spec
	planned, err := readMap(plan[c.mapAttr])
	var was map[string]tftypes.Value
	if err == nil && prior != nil {
		was, err = readMap(prior[c.mapAttr])
	}
	if err != nil {
		c.block().addStateBug(diags, err)
		return
	}
	id := str(plan["id"])
	pc := panelClient(r.panels, id, diags)
	if pc == nil {
		return
	}
	var upserts []client.Values
	var secrets, gone []string
	stale := map[string]tftypes.Value{} // old items to delete, by key
	for _, key := range keysOf(planned) {
		item := planned[key]
		old, had := was[key]
		if had && old.Equal(item) {
			continue
		}
		w, err := c.wire(key, item)
		if err != nil {
			c.block().addStateBug(diags, err)
			return
		}
		upserts = append(upserts, w)
		secrets = append(secrets, c.secretsOf(w)...)
		// A code is its own key: new digits are a new item, and the old
		// one must go.
		if had && c.wireKeyOf(key, old) != c.wireKeyOf(key, item) {
			stale["\x00"+key] = old
			gone = append(gone, "\x00"+key)
		}
	}
	// Turning exclusive off deletes nothing: the refresh under exclusive
	// put every item of the panel in state, and the configuration cannot
	// tell the items it dropped from those it never listed.
	turningOff := prior != nil && isTrue(prior["exclusive"]) && !isTrue(plan["exclusive"])
	for _, key := range keysOf(was) {
		if _, keep := planned[key]; !keep && !turningOff {
			stale[key] = was[key]
			gone = append(gone, key)
		}
	}
	if len(upserts) > 0 {
		if err := pc.Upsert(ctx, c.coll, upserts, secrets...); err != nil {
			c.block().addPanelError(diags, c.block().summary(actionWrite), "Could not write "+c.what+
				" (a POST is taken whole or not at all; with more than 1000 items to write, those of earlier POSTs "+
				"are on the panel, and the next apply sends them again, which is safe)", err, secrets...)
			if prior != nil {
				*state = tftypes.NewValue(c.stateType, prior)
			}
			return
		}
	}
	failed := c.deleteItems(ctx, pc, stale, gone, diags)
	// State holds what the panel now holds: the planned items, and any
	// item whose DELETE failed, so that the next plan deletes it again.
	final := make(map[string]tftypes.Value, len(planned)+len(failed))
	for k, v := range planned {
		final[k] = v
	}
	for _, k := range failed {
		key := k
		if k[0] == 0 {
			// The old digits of a changed code are still on the panel:
			// state names them under a label of their own, so the next
			// plan deletes them.
			w, _ := c.wire("", stale[k])
			key = c.newKey(w, final)
		}
		final[key] = stale[k]
	}
	out := make(attrs, len(plan))
	for k, v := range plan {
		out[k] = v
	}
	out[c.mapAttr] = c.mapValue(final)
	*state = tftypes.NewValue(c.stateType, out)
	if diags.HasError() {
		return
	}
	items, err := pc.List(ctx, c.coll)
	if err != nil {
		diags.AddWarning(c.block().summary(actionReadBack), "Panel "+id+" accepted "+c.what+", but reading them back "+
			"failed: "+err.Error()+"\n\nState records what was sent; the next plan reads the panel again.")
		return
	}
	if got := c.settle(planned, false, items); !sameItems(got, planned) {
		diags.AddWarning(c.title+" Stored Differently", "Panel "+id+" does not hold "+c.what+" exactly as they were "+
			"sent. State keeps the planned items, so the next plan shows the difference as drift.")
	}
}

// sameItems compares two maps of items item by item: tftypes' Equal on the
// maps would walk every value's path from the root, copying the map at
// each step, which is quadratic in the items.
func sameItems(a, b map[string]tftypes.Value) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !v.Equal(w) {
			return false
		}
	}
	return true
}

// secretsOf is the sensitive values of a wire item.
func (c *collectionSpec) secretsOf(w client.Values) []string {
	var out []string
	for _, f := range c.fields {
		if s, ok := w[f.wire].(string); ok && f.sensitive {
			out = append(out, s)
		}
	}
	return out
}
