package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// ModifyPlan settles which panel the resource is on, which a schema
// default cannot, because the default address comes from the provider;
// and it keeps attributes the configuration leaves out at the panel's
// value, so they never show as "known after apply". It never contacts the
// panel, so planning a new resource works offline.
func (r *settingsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	b := r.block
	a, err := readEach(req.Plan.Raw, req.Config.Raw, req.State.Raw)
	if err != nil {
		b.subj.addStateBug(&resp.Diagnostics, err)
		return
	}
	plan, config, prior := a[0], a[1], a[2]

	samePanel, replace, ok := planPanel(r.panels, "intercom_"+b.typeName, plan, config, prior, &resp.Diagnostics)
	if !ok {
		return
	}
	if replace {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("address"))
	}
	if samePanel {
		for _, f := range b.fields {
			if f.presence == unmanaged && config[f.name].IsNull() {
				plan[f.name] = prior[f.name]
			}
		}
	}
	resp.Plan.Raw = tftypes.NewValue(b.stateType, plan)
	// Only a plan that changes something warns. Comparing whole objects
	// costs more than the rest of this method, so it is done only when
	// there is a warning to give.
	changed := func() bool { return prior == nil || !resp.Plan.Raw.Equal(req.State.Raw) }
	b.warnBlankSecrets(plan, config, prior, changed, &resp.Diagnostics)
}

// warnBlankSecrets says plainly what a plan shows only as "(sensitive
// value)": a secret left out of the configuration is written empty, which
// wipes the panel's (an operator who deletes the password line from
// generated configuration expects it to be left alone). It warns only when
// changed, asked at most once, reports a plan that changes something.
func (b *settingsBlock) warnBlankSecrets(plan, config, prior attrs, changed func() bool, diags *diag.Diagnostics) {
	asked, planned := false, false
	for _, f := range b.fields {
		if f.presence != optional || !f.sensitive || !config[f.name].IsNull() {
			continue
		}
		if f.writeOnly && !config[f.name+"_wo"].IsNull() {
			continue
		}
		if prior != nil && prior[f.name].IsKnown() && !prior[f.name].IsNull() && str(prior[f.name]) == "" {
			continue // it is empty already
		}
		if !asked {
			asked, planned = true, changed()
		}
		if !planned {
			return
		}
		set := "`" + f.name + "`"
		if f.writeOnly {
			set += " or `" + f.name + "_wo`"
		}
		diags.AddAttributeWarning(path.Root(f.name), "Empty "+strings.ToUpper(f.name[:1])+f.name[1:]+" Will Be Written",
			"Neither "+set+" is set, so applying this plan writes an empty "+f.name+" to panel "+str(plan["id"])+
				": intercom_"+b.typeName+" writes every attribute, and one left out is written with its default. "+
				"To keep the panel's "+f.name+", set "+set+" from a sensitive variable.")
	}
}

// planPanel settles the planned address and id: the address falls back to
// the provider's; another spelling of the prior panel keeps the prior
// spelling; a different panel replaces the resource. samePanel reports an
// update of the same panel, replace a move to another.
func planPanel(p *providerData, typeName string, plan, config, prior attrs, diags *diag.Diagnostics) (samePanel, replace, ok bool) {
	address := config["address"]
	if address.IsNull() {
		fallback, ok := defaultAddress(p, typeName, diags)
		if !ok {
			return false, false, false
		}
		address = stringValue(fallback)
	}
	id := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	if address.IsKnown() {
		normalised, err := client.NormalizeAddress(str(address))
		if err != nil {
			diags.AddAttributeError(path.Root("address"), summaryInvalidAddress,
				"The panel address is not valid: "+err.Error()+".")
			return false, false, false
		}
		id = stringValue(normalised)
	}
	samePanel = prior != nil && id.Equal(prior["id"])
	switch {
	case samePanel:
		// Another spelling of the same panel is no change.
		address = prior["address"]
	case prior != nil:
		// A different panel, or one not known until apply: moving a block
		// between panels is a new resource.
		replace = true
	}
	plan["address"], plan["id"] = address, id
	return samePanel, replace, true
}
