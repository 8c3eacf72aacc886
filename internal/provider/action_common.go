package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// actionAddress is the address attribute of an action: the panel it acts
// on, the provider's when unset.
func actionAddress() schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: descAddress + " Defaults to the provider's `address`.",
		Validators:          []validator.String{addressValidator},
	}
}

// panelAction is what the panel operations' actions share: the provider's
// panels, and the client of the one an invoke names.
type panelAction struct {
	panels *providerData
}

func (a *panelAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.panels = configuredClient(req.ProviderData, &resp.Diagnostics)
}

// panel is the client of the panel at address (the provider's when null),
// or nil after a diagnostic.
func (a *panelAction) panel(address types.String, diags *diag.Diagnostics) *client.Client {
	c, _ := namedPanel(a.panels, address.ValueString(), !address.IsNull(), "action", diags)
	return c
}

// actionProgress sends an action's progress messages, when Terraform
// listens for them.
func actionProgress(resp *action.InvokeResponse) func(string) {
	return func(msg string) {
		if resp.SendProgress != nil {
			resp.SendProgress(action.InvokeProgressEvent{Message: msg})
		}
	}
}

// actionTimeout is an action's timeout attribute, def when it is unset.
// Its validator (actionTimeoutCheck) has already refused a value that is
// not a positive duration.
func actionTimeout(v types.String, def time.Duration) time.Duration {
	if v.IsNull() {
		return def
	}
	d, _ := parseTimeout(v.ValueString())
	return d
}
