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
	var address types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("address"), &address)...)
	var prior sipConfigResourceModel
	hasPrior := !req.State.Raw.IsNull()
	if hasPrior {
		resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}

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
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("address"), address)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), id)...)
}
