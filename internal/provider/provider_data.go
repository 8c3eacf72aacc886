package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// providerData is what the provider hands its resources and data
// sources: the client, and what to do about panels that cannot be reached.
type providerData struct {
	client *client.Client
	// warnUnreachable: a refresh that cannot reach a panel keeps the prior
	// state with a warning (unreachable_panels = "warn").
	warnUnreachable bool
}

// panelClient returns the client for the panel at id, or nil after adding
// a diagnostic.
func panelClient(p *providerData, id string, diags *diag.Diagnostics) *client.Client {
	if p == nil {
		diags.AddError(summaryUnexpectedConfigureType, "The provider was not configured before the panel "+id+" was used. "+
			"This is a bug in the provider; please report it.")
		return nil
	}
	pc, err := p.client.WithAddress(id)
	if err != nil {
		diags.AddAttributeError(path.Root("address"), summaryInvalidAddress, "The panel address "+id+" is not valid: "+err.Error()+".")
		return nil
	}
	return pc
}

// configuredClient returns the client the provider built, from the
// ProviderData a resource or data source receives; nil before the provider
// is configured, or after reporting a type that only a bug can cause.
func configuredClient(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	c, ok := data.(*providerData)
	if !ok {
		addUnexpectedConfigureType(diags, data)
	}
	return c
}

// defaultAddress is the provider's address, for a resource or data source
// (named by what) that sets none; it reports where to set one when there
// is none.
func defaultAddress(p *providerData, what string, diags *diag.Diagnostics) (string, bool) {
	if p == nil || p.client.BaseURL() == "" {
		diags.AddAttributeError(path.Root("address"), summaryMissingAddress,
			"This "+what+" names no panel. Set address on it, or address in the provider block, "+
				"or the INTERCOM_ADDRESS environment variable.")
		return "", false
	}
	return p.client.BaseURL(), true
}

// addUnexpectedConfigureType reports provider data of the wrong type, which
// only a bug in the provider can cause.
func addUnexpectedConfigureType(diags *diag.Diagnostics, got any) {
	diags.AddError(summaryUnexpectedConfigureType,
		fmt.Sprintf("Expected *provider.providerData, got %T. This is a bug in the provider; please report it.", got))
}

// namedPanel is the client of the panel that a data source or an action
// (what) names in address, or of the provider's panel when set is false;
// nil after a diagnostic. address comes back as the spelling in use.
func namedPanel(p *providerData, address string, set bool, what string, diags *diag.Diagnostics) (*client.Client, string) {
	if !set {
		fallback, ok := defaultAddress(p, what, diags)
		if !ok {
			return nil, ""
		}
		address = fallback
	}
	return panelClient(p, address, diags), address
}
