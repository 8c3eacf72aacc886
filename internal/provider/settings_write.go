package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// writeResult is where write records its outcome: the Create and Update
// responses have the same four parts.
type writeResult struct {
	state    *tfsdk.State
	identity *tfsdk.ResourceIdentity
	private  privateState
	diags    *diag.Diagnostics
}

// write sends the planned block to the panel and reads it back. prior is
// the state before an update, nil on create. A write-only value comes from
// the configuration, the only place it is.
func (r *settingsResource) write(ctx context.Context, plan, config, prior attrs, out writeResult) {
	b := r.block
	id := str(plan["id"])
	c := panelClient(r.panels, id, out.diags)
	if c == nil {
		return
	}
	defer setIdentity(ctx, out.identity, id, out.diags)
	if prior != nil && b.onlyLocalChanges(plan, prior) {
		b.flipApplied(ctx, plan, config, prior, out)
		out.state.Raw = tftypes.NewValue(b.stateType, plan)
		return
	}
	// Attributes left out of the configuration are not managed, and a
	// create does not know them yet: read the panel once, so that the
	// write sends its own values back.
	var current client.Values
	if slices.ContainsFunc(b.fields, func(f fieldSpec) bool { return !plan[f.name].IsKnown() }) {
		var err error
		if current, err = b.read(ctx, c, b.endpoints, true); err != nil {
			b.subj.addPanelError(out.diags, b.subj.summary(actionWrite), "Could not read "+b.what+" before writing it; nothing was written", err)
			return
		}
	}
	send, sentWO, err := b.valuesToSend(plan, config, current)
	if err != nil {
		out.diags.AddError(b.subj.summary(actionWrite), "The planned values of "+b.what+" for panel "+id+" cannot be sent: "+
			err.Error()+". This is a bug in the provider; please report it.")
		return
	}
	secrets := b.sentSecrets(send)
	ctx = maskSecrets(ctx, secrets...)
	if b.checkWrite != nil {
		var before client.Values
		if prior != nil {
			before, _, _ = b.valuesToSend(prior, attrs{}, nil)
		}
		b.checkWrite(ctx, c, send, before, out.diags)
		if out.diags.HasError() {
			return
		}
	}
	posted := b.endpointsToPost(plan, prior)
	for _, ep := range posted {
		if err := c.Set(ctx, ep, send); err != nil {
			b.subj.addPanelError(out.diags, b.subj.summary(actionWrite), "Could not write "+b.what, err, secrets...)
			return
		}
	}
	b.saveApplied(ctx, out.private, plan, send, out.diags)
	for i := range b.fields {
		if f := &b.fields[i]; f.writeOnly {
			b.saveHash(ctx, f, out.private, sentWO[f.name], out.diags)
		}
	}
	got, err := b.read(ctx, c, posted, false)
	if err != nil {
		// The panel took the values, so the apply succeeded: state records
		// what was sent, and the next refresh compares it with the panel.
		// An error here would taint the resource and replace it next time.
		out.diags.AddWarning(b.subj.summary(actionReadBack), "Panel "+id+" accepted "+b.what+" (the POST succeeded), "+
			"but reading it back failed: "+redact(err.Error(), secrets...)+"\n\nState records the values sent. "+
			"The next plan reads the panel again and shows any difference; if the panel still fails then, it reports the error.")
		out.state.Raw = tftypes.NewValue(b.stateType, plan)
		return
	}
	b.settle(plan, got, posted, sentWO, id, out.diags)
	out.state.Raw = tftypes.NewValue(b.stateType, plan)
}

// onlyLocalChanges reports an update that changes nothing on the panel
// (only reset_on_destroy): the panel already holds the block.
func (b *settingsBlock) onlyLocalChanges(plan, prior attrs) bool {
	for name, v := range plan {
		if name != "reset_on_destroy" && !v.Equal(prior[name]) {
			return false
		}
	}
	return true
}

// valuesToSend is the whole block to POST: what the plan holds, the
// panel's current value for what it does not know yet (which also settles
// the plan), and write-only values from the configuration.
func (b *settingsBlock) valuesToSend(plan, config attrs, current client.Values) (client.Values, map[string]*string, error) {
	send := client.Values{}
	sentWO := map[string]*string{}
	for i := range b.fields {
		f := &b.fields[i]
		v := plan[f.name]
		if f.writeOnly {
			if wo := config[f.name+"_wo"]; wo.IsKnown() && !wo.IsNull() {
				s := str(wo)
				sentWO[f.name] = &s
				send[f.wire] = s
				continue
			}
		}
		if !v.IsKnown() {
			cur, ok := current[f.wire]
			plan[f.name] = f.fromPanel(cur, ok, tftypes.NewValue(f.tfType(), nil))
			if ok {
				send[f.wire] = cur
			}
			continue
		}
		if v.IsNull() && f.presence == unmanaged {
			continue // the panel reports no such field
		}
		w, err := f.toWire(v)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", f.name, err)
		}
		send[f.wire] = w
	}
	return send, sentWO, nil
}

func (b *settingsBlock) sentSecrets(send client.Values) []string {
	var out []string
	for _, f := range b.fields {
		if s, ok := send[f.wire].(string); ok && f.sensitive {
			out = append(out, s)
		}
	}
	return out
}

// endpointsToPost is every endpoint on create, and on update those with a
// change: the vendor documents whole-object POSTs, so each carries all of
// its fields.
func (b *settingsBlock) endpointsToPost(plan, prior attrs) []client.Endpoint {
	if prior == nil {
		return b.endpoints
	}
	changed := make([]bool, len(b.endpoints))
	for _, f := range b.fields {
		names := []string{f.name}
		if f.writeOnly {
			names = append(names, f.name+"_wo_version")
		}
		for _, n := range names {
			if !plan[n].Equal(prior[n]) {
				changed[f.endpoint] = true
			}
		}
	}
	var out []client.Endpoint
	for i, ep := range b.endpoints {
		if changed[i] {
			out = append(out, ep)
		}
	}
	return out
}

// settle records what the panel holds after the write. Firmware may store
// a value its own way: one that means the same keeps the planned spelling,
// and one that does not (cut short, say) keeps the planned value too, with
// a warning, so the apply succeeds and the next plan shows the difference
// as drift instead of Terraform reporting a provider bug.
func (b *settingsBlock) settle(plan attrs, got client.Values, posted []client.Endpoint, sentWO map[string]*string, id string, diags *diag.Diagnostics) {
	for i := range b.fields {
		f := &b.fields[i]
		if !slices.ContainsFunc(posted, func(ep client.Endpoint) bool { return ep.Path == b.endpoints[f.endpoint].Path }) {
			continue
		}
		if sentWO[f.name] != nil {
			continue // never in state; its hash is in private state
		}
		v, ok := got[f.wire]
		planned := plan[f.name]
		stored := f.fromPanel(v, ok, planned)
		if stored.Equal(planned) {
			continue
		}
		shown := fmt.Sprintf("%q", fmt.Sprint(v))
		if f.sensitive {
			shown = "a different value"
		}
		if !ok {
			shown = "nothing (the field is missing from its answer)"
		}
		diags.AddAttributeWarning(path.Root(f.name), b.title+" Stored Differently",
			"Panel "+id+" stored "+shown+" for "+f.name+" after it was sent the planned value. State keeps the planned "+
				"value, so the next plan shows the difference as drift. The firmware may cut, trim or re-case this field: "+
				"set a value it keeps as sent.")
	}
}

// setIdentity records the panel as the resource's identity. An identity
// that already says so is left alone: Read runs once per resource on every
// plan, and a Set is a reflection pass.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id string, diags *diag.Diagnostics) {
	if identity == nil || id == "" {
		return
	}
	if !identity.Raw.IsNull() {
		var current identityModel
		diags.Append(identity.Get(ctx, &current)...)
		if current.Address.ValueString() == id {
			return
		}
	}
	diags.Append(identity.SetAttribute(ctx, path.Root("address"), id)...)
}
