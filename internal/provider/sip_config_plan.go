package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// ModifyPlan settles which panel the resource is on. A schema default
// cannot, because the default address comes from the provider. It never
// contacts the panel, so planning a new resource works offline.
func (r *sipConfigResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	// The raw conversion, not the framework's reflection: ModifyPlan runs
	// once per resource on every plan (see sip_config_raw.go).
	config, err := readRawState(req.Config.Raw)
	var plan, prior sipConfigResourceModel
	if err == nil {
		plan, err = readRawState(req.Plan.Raw)
	}
	hasPrior := !req.State.Raw.IsNull()
	if err == nil && hasPrior {
		prior, err = readRawState(req.State.Raw)
	}
	if err != nil {
		resp.Diagnostics.AddError(summaryPlanFailed, "The plan cannot be read: "+err.Error()+
			". This is a bug in the provider; please report it.")
		return
	}

	address := config.Address
	if address.IsNull() {
		fallback, ok := defaultAddress(r.client, "intercom_sip_config", &resp.Diagnostics)
		if !ok {
			return
		}
		address = types.StringValue(fallback)
	}

	id := types.StringUnknown()
	if !address.IsUnknown() {
		normalised, err := client.NormalizeAddress(address.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("address"), summaryInvalidAddress,
				"The panel address is not valid: "+err.Error()+".")
			return
		}
		id = types.StringValue(normalised)
	}

	if hasPrior {
		switch {
		case id.Equal(prior.ID):
			// Another spelling of the same panel is no change.
			address = prior.Address
		default:
			// A different panel, or one not known until apply: moving an
			// account between panels is a new resource.
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("address"))
		}
	}
	plan.Address, plan.ID = address, id
	resp.Plan.Raw = rawState(plan)
}
