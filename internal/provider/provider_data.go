package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// panelClient returns the client for the panel at id, or nil after adding
// a diagnostic.
func panelClient(c *client.Client, id string, diags *diag.Diagnostics) *client.Client {
	if c == nil {
		diags.AddError(summaryUnexpectedConfigureType, "The provider was not configured before the panel "+id+" was used. "+
			"This is a bug in the provider; please report it.")
		return nil
	}
	pc, err := c.WithAddress(id)
	if err != nil {
		diags.AddAttributeError(path.Root("address"), summaryInvalidAddress, "The panel address "+id+" is not valid: "+err.Error()+".")
		return nil
	}
	return pc
}

// addUnexpectedConfigureType reports provider data of the wrong type, which
// only a bug in the provider can cause.
func addUnexpectedConfigureType(diags *diag.Diagnostics, got any) {
	diags.AddError(summaryUnexpectedConfigureType,
		fmt.Sprintf("Expected *client.Client, got %T. This is a bug in the provider; please report it.", got))
}
