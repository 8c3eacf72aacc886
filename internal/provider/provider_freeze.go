package provider

import (
	"context"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// selectedPanels is selected_panels, or INTERCOM_SELECTED_PANELS split at
// commas; set is false when neither is set (an empty variable is unset).
func selectedPanels(v types.List, diags *diag.Diagnostics) (names []string, set bool) {
	if v.IsNull() {
		for _, name := range strings.Split(os.Getenv(envName("selected_panels")), ",") {
			if name = strings.TrimSpace(name); name != "" {
				names = append(names, name)
			}
		}
		return names, len(names) > 0
	}
	var elems []types.String
	diags.Append(v.ElementsAs(context.Background(), &elems, false)...)
	for i, e := range elems {
		if e.IsUnknown() {
			diags.AddAttributeError(path.Root("selected_panels").AtListIndex(i), summaryUnknownProviderSetting,
				"A name in selected_panels is not known until apply, but the provider needs it to plan. "+
					"Set it to a literal or a variable, or use INTERCOM_SELECTED_PANELS.")
			continue
		}
		names = append(names, e.ValueString())
	}
	return names, true
}

// freezeRules builds which panels are frozen, and refuses a selected name
// that names no panel the provider knows of: a typo there would freeze
// every panel, which is worse than no selection.
func freezeRules(s settings, diags *diag.Diagnostics) *client.Freeze {
	if diags.HasError() {
		return nil
	}
	known := []string{}
	if s.address != "" {
		if a, err := client.NormalizeAddress(s.address); err == nil {
			known = append(known, a)
		}
	}
	keys := []string{}
	for key := range s.panels {
		keys = append(keys, key)
	}
	for key := range s.managed {
		keys = append(keys, key)
	}
	for _, key := range keys {
		if a, err := client.NormalizeAddress(key); err == nil {
			known = append(known, a)
		}
	}
	for i, name := range s.selected {
		a, err := client.NormalizeAddress(name)
		if err != nil {
			diags.AddAttributeError(path.Root("selected_panels").AtListIndex(i), summaryInvalidProviderSetting,
				"The provider's selected_panels (from the configuration or INTERCOM_SELECTED_PANELS) names "+
					"something that is not a panel address: "+err.Error()+".")
			continue
		}
		if !knownPanel(a, known) {
			diags.AddAttributeError(path.Root("selected_panels").AtListIndex(i), summaryUnknownSelectedPanel,
				"The provider's selected_panels (from the configuration or INTERCOM_SELECTED_PANELS) names "+name+
					", which is neither the provider's address nor a panels key, nor below one. A misspelt name would "+
					"freeze every panel, so the run stops here. Correct the name, or add the panel to panels "+
					"(`\""+name+"\" = { managed = true }` gives it no credentials of its own).")
		}
	}
	if diags.HasError() {
		return nil
	}
	f, err := client.NewFreeze(s.managed, s.selected, s.selectedSet)
	if err != nil {
		badSetting(diags, "panels", err.Error())
		return nil
	}
	return f
}

// knownPanel reports whether the panel or prefix a is one of known, or
// lies below one of them.
func knownPanel(a string, known []string) bool {
	for _, k := range known {
		if a == k || strings.HasPrefix(a, k+"/") {
			return true
		}
	}
	return false
}

// frozenNote is the one warning of a run with frozen panels: what is
// frozen, and what that means for its resources.
func (s settings) frozenNote() string {
	var what string
	if s.selectedSet {
		what = "Only the panels in selected_panels (" + strings.Join(s.selected, ", ") + ") are managed in this run; " +
			"every other panel is frozen."
	} else {
		var frozen []string
		for key, m := range s.managed {
			if !m {
				frozen = append(frozen, key)
			}
		}
		sort.Strings(frozen)
		what = "These panels are frozen by managed = false in panels: " + strings.Join(frozen, ", ") +
			" (a prefix freezes every panel below it)."
	}
	return what + " Nothing is sent to a frozen panel and it is not read: its resources keep their state and " +
		"plan no change even where the configuration differs, and actions on it do nothing. A resource to be " +
		"created or destroyed on a frozen panel, and a data source that reads one, are refused at plan. " +
		"Select the panel, or remove managed = false, to roll the change out to it."
}
