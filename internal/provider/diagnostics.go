package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// Diagnostic summaries, in one place so they stay consistent.
const (
	summaryInvalidAddress          = "Invalid Panel Address"
	summaryMissingAddress          = "Missing Panel Address"
	summaryInvalidProviderSetting  = "Invalid Provider Setting"
	summaryUnknownProviderSetting  = "Unknown Provider Setting"
	summaryMissingUsername         = "Missing Panel Username"
	summaryUnexpectedConfigureType = "Unexpected Resource Configure Type"
	summaryInvalidImportID         = "Invalid Import ID"
	summaryFrozenPanels            = "Frozen Panels"
	summaryFrozenPanel             = "Panel Is Frozen"
	summaryUnknownSelectedPanel    = "Unknown Selected Panel"
)

// minMasked is the shortest secret replaced in diagnostics and log lines.
// Replacing a shorter one would wreck every line that happens to hold it
// and, by where the marks land, tell it; the client leaves out any panel
// text holding a secret however short, so only our own words remain.
const minMasked = 4

// maskable returns every spelling of the secrets long enough to mask,
// longest first, so that no part of a longer spelling is left behind.
func maskable(secrets ...string) []string {
	var forms []string
	for _, s := range secrets {
		if len(s) >= minMasked {
			forms = append(forms, client.SecretForms(s)...)
		}
	}
	slices.SortStableFunc(forms, func(a, b string) int { return len(b) - len(a) })
	return forms
}

// redact removes secrets, in every spelling, from text bound for a
// diagnostic, in case a panel or proxy ever echoes one back.
func redact(text string, secrets ...string) string {
	for _, f := range maskable(secrets...) {
		text = strings.ReplaceAll(text, f, "(sensitive value)")
	}
	return text
}

// maskSecrets hides secrets, in every spelling, in every provider log line
// written with ctx.
func maskSecrets(ctx context.Context, secrets ...string) context.Context {
	return maskForms(ctx, maskable(secrets...))
}

func maskForms(ctx context.Context, forms []string) context.Context {
	if len(forms) == 0 {
		return ctx
	}
	ctx = tflog.MaskAllFieldValuesStrings(ctx, forms...)
	return tflog.MaskMessageStrings(ctx, forms...)
}

// clientLogger sends the client's debug lines to tflog. The admin password
// is masked here, once per line, because each RPC brings a fresh context;
// its spellings are worked out once.
func clientLogger(passwords ...string) client.LogFunc {
	forms := maskable(passwords...)
	return func(ctx context.Context, msg string, fields map[string]any) {
		tflog.Debug(maskForms(ctx, forms), msg, fields)
	}
}
