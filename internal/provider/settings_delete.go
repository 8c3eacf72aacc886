package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Delete forgets the block, with a warning: every panel always has every
// block, and the vendor documents no factory values to go back to. A block
// with known empty values (the SIP account) can be cleared instead, with
// reset_on_destroy, but only when the panel still holds what this resource
// applied: with create_before_destroy, a replacement writes its block
// before the old resource is destroyed, and resetting then would wipe it.
func (r *settingsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	b := r.block
	state, err := readAttrs(req.State.Raw)
	if err != nil {
		b.subj.addStateBug(&resp.Diagnostics, err)
		return
	}
	id := str(state["id"])
	leftOn := b.title + " Left on Panel"
	switch {
	case b.reset == nil:
		resp.Diagnostics.AddWarning(leftOn, "Panel "+id+" keeps "+b.what+": destroying intercom_"+b.typeName+
			" only removes it from Terraform state, since the panel has no documented factory values for it.")
		return
	case !isTrue(state["reset_on_destroy"]):
		resp.Diagnostics.AddWarning(leftOn, "Panel "+id+" keeps "+b.what+": destroying intercom_"+b.typeName+
			" only removes it from Terraform state, because reset_on_destroy is false in state. To clear it on the "+
			"panel, set reset_on_destroy = true and apply that before destroying: a value only in the configuration "+
			"is not yet in state when destroy runs.")
		return
	}
	c := panelClient(r.panels, id, &resp.Diagnostics)
	if c == nil {
		return
	}
	secrets := b.secretsIn(state)
	ctx = maskSecrets(ctx, secrets...)
	for _, ep := range b.endpoints {
		if c.Wrote(ep) {
			resp.Diagnostics.AddWarning(leftOn, "Panel "+id+" keeps "+b.what+": this same run has already written it "+
				"for another resource (a replacement created before this one was destroyed, as with "+
				"create_before_destroy or -replace), so reset_on_destroy left it alone. The resource was removed from state.")
			return
		}
	}
	got, err := b.read(ctx, c, b.endpoints, false)
	if err != nil {
		b.subj.addPanelError(&resp.Diagnostics, b.subj.summary(actionReset), "Could not read "+b.what+
			" before resetting it (reset_on_destroy = true); nothing was reset and the resource stays in state. "+
			"Run destroy again when the panel answers, or remove the resource with terraform state rm to leave the panel as it is", err, secrets...)
		return
	}
	differs, recorded := b.appliedDiffers(ctx, req.Private, got)
	if !recorded {
		differs = b.differsFromState(ctx, state, got, req.Private)
	}
	if differs != "" {
		resp.Diagnostics.AddWarning(leftOn, "Panel "+id+" now holds "+b.what+" with a different "+differs+
			" from what this resource last applied, so reset_on_destroy left it alone: another resource "+
			"(a replacement created before this one was destroyed, or another configuration) now owns it. "+
			"The resource was removed from state.")
		return
	}
	for _, ep := range b.endpoints {
		if err := c.Set(ctx, ep, b.reset); err != nil {
			b.subj.addPanelError(&resp.Diagnostics, b.subj.summary(actionReset), "Could not reset "+b.what+" (reset_on_destroy = true)", err, secrets...)
			return
		}
	}
}

// differsFromState names the first field in which the panel's block is
// not what state says, or "" when it is the same. A masked value cannot
// differ, and a write-only one is compared with its hash.
func (b *settingsBlock) differsFromState(ctx context.Context, state attrs, got map[string]any, private privateState) string {
	for i := range b.fields {
		f := &b.fields[i]
		v, ok := got[f.wire]
		// An unreadable hash reads as a mismatch, which leaves the panel alone.
		var ignored diag.Diagnostics
		if hash, writeOnly := b.loadHash(ctx, f, private, &ignored); writeOnly {
			if s, _ := v.(string); !isMasked(s) && !hash.matches(s) {
				return f.name
			}
			continue
		}
		known := state[f.name]
		if known.IsNull() && f.presence == unmanaged {
			continue
		}
		if !f.fromPanel(v, ok, known).Equal(known) {
			return f.name
		}
	}
	return ""
}
