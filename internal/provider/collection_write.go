package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
	"github.com/domofon/terraform-provider-intercom/internal/fastpath"
)

// ApplyRaw makes the panel hold the planned items, from the prior state
// (null on create); a null plan destroys. It works on wire identities, the
// keys the panel knows items by: an item the plan keeps under another
// label, or that moved between labels, is never deleted, and an item is
// deleted only when the prior state held it and no planned item has its
// key. So the panel ends with exactly what the plan showed.
func (r *collectionResource) ApplyRaw(ctx context.Context, planned, prior tftypes.Value) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	c := r.spec
	a, err := readEach(planned, prior)
	var want, was map[string]tftypes.Value
	if err == nil && a[0] != nil {
		want, err = fastpath.Items(a[0][c.mapAttr])
	}
	if err == nil && a[1] != nil {
		was, err = fastpath.Items(a[1][c.mapAttr])
	}
	if err != nil {
		c.subj.addStateBug(&diags, err)
		return prior, diags
	}
	state, id := a[0], ""
	if planned.IsNull() {
		state, id = a[1], str(a[1]["id"])
		if !isTrue(state["delete_on_destroy"]) {
			diags.AddWarning(c.title+" Left on Panel", "Panel "+id+" keeps "+c.what+": destroying intercom_"+
				c.typeName+" only removes them from Terraform state, because delete_on_destroy is false in state. To delete "+
				"them, set delete_on_destroy = true and apply that before destroying.")
			return planned, diags
		}
	} else {
		id = str(state["id"])
	}
	pc := panelClient(r.panels, id, &diags)
	if pc == nil {
		return prior, diags
	}
	upserts, gone, err := c.changes(want, was)
	if err != nil {
		c.subj.addStateBug(&diags, err)
		return prior, diags
	}
	var secrets []string
	for _, w := range upserts {
		secrets = append(secrets, c.secretsOf(w)...)
	}
	if len(upserts) > 0 {
		if err := pc.Upsert(ctx, c.coll, upserts, secrets...); err != nil {
			c.subj.addPanelError(&diags, c.subj.summary(actionWrite), "Could not write "+c.what+
				" (a POST is taken whole or not at all; with more than 1000 items to write, those of earlier POSTs "+
				"are on the panel, and the next apply sends them again, which is safe)", err, secrets...)
			return prior, diags
		}
	}
	failed := c.deleteItems(ctx, pc, was, gone, &diags)
	if planned.IsNull() && len(failed) == 0 {
		return planned, diags
	}
	out := make(attrs, len(state))
	for k, v := range state {
		out[k] = v
	}
	if len(failed) > 0 {
		// State holds what the panel now holds: the planned items, and each
		// item whose DELETE failed, so that the next plan deletes it again.
		final := make(map[string]tftypes.Value, len(want)+len(failed))
		for k, v := range want {
			final[k] = v
		}
		for _, k := range failed {
			key := k
			if _, taken := final[k]; taken {
				w, _ := c.wire(k, was[k])
				key = c.newKey(w, final)
			}
			final[key] = was[k]
		}
		out[c.mapAttr] = c.mapValue(final)
	}
	result := tftypes.NewValue(c.stateType, out)
	if diags.HasError() || planned.IsNull() {
		return result, diags
	}
	r.checkStored(ctx, pc, id, want, &diags)
	return result, diags
}

// changes is what a write sends: every planned item whose wire item is new
// or differs from the one prior state held under the same wire key, and
// the prior keys of the items no planned item keeps.
func (c *collectionSpec) changes(want, was map[string]tftypes.Value) ([]client.Values, []string, error) {
	wasByWire := make(map[string]tftypes.Value, len(was))
	for key, item := range was {
		wasByWire[c.wireKeyOf(key, item)] = item
	}
	kept := make(map[string]bool, len(want))
	var upserts []client.Values
	for _, key := range keysOf(want) {
		item := want[key]
		wk := c.wireKeyOf(key, item)
		kept[wk] = true
		if old, had := wasByWire[wk]; had && old.Equal(item) {
			continue
		}
		w, err := c.wire(key, item)
		if err != nil {
			return nil, nil, err
		}
		upserts = append(upserts, w)
	}
	var gone []string
	for _, key := range keysOf(was) {
		if !kept[c.wireKeyOf(key, was[key])] {
			gone = append(gone, key)
		}
	}
	return upserts, gone, nil
}

// checkStored reads the items back and warns when the panel holds them
// otherwise than sent.
func (r *collectionResource) checkStored(ctx context.Context, pc *client.Client, id string, want map[string]tftypes.Value, diags *diag.Diagnostics) {
	c := r.spec
	items, err := pc.List(ctx, c.coll)
	if err != nil {
		diags.AddWarning(c.subj.summary(actionReadBack), "Panel "+id+" accepted "+c.what+", but reading them back "+
			"failed: "+err.Error()+"\n\nState records what was sent; the next plan reads the panel again.")
		return
	}
	if got := c.settle(want, false, items); !sameItems(got, want) {
		diags.AddWarning(c.title+" Stored Differently", "Panel "+id+" does not hold "+c.what+" exactly as they were "+
			"sent. State keeps the planned items, so the next plan shows the difference as drift.")
	}
}

// deleteItems deletes the items at keys, one DELETE each, and returns the
// keys whose DELETE failed, with an error for them.
func (c *collectionSpec) deleteItems(ctx context.Context, pc *client.Client, items map[string]tftypes.Value, keys []string, diags *diag.Diagnostics) []string {
	var failed []string
	for _, key := range keys {
		if err := pc.Remove(ctx, c.coll, c.wireKeyOf(key, items[key])); err != nil {
			failed = append(failed, key)
			c.subj.addPanelError(diags, c.subj.summary(actionWrite), "Could not delete "+c.mapAttr+"["+quoteKey(key)+"]", err)
		}
	}
	return failed
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
