package provider

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// Diagnostic summaries, in one place so they stay consistent.
const (
	summaryReadFailed              = "Error Reading SIP Config"
	summaryPlanFailed              = "Error Planning SIP Config"
	summaryWriteFailed             = "Error Writing SIP Config"
	summaryReadBackFailed          = "Error Reading Back SIP Config"
	summaryResetFailed             = "Error Resetting SIP Config"
	summaryLeftOnPanel             = "SIP Config Left on Panel"
	summaryInvalidAddress          = "Invalid Panel Address"
	summaryMissingAddress          = "Missing Panel Address"
	summaryInvalidProviderSetting  = "Invalid Provider Setting"
	summaryUnknownProviderSetting  = "Unknown Provider Setting"
	summaryMissingUsername         = "Missing Panel Username"
	summaryUnexpectedConfigureType = "Unexpected Resource Configure Type"
	summaryInvalidImportID         = "Invalid Import ID"
	summaryPasswordDrift           = "SIP Password Changed on Panel"
)

// addPanelError reports a failed call to a panel: what we were doing, the
// client's error (which names the panel, operation and status) and what
// the user can do about it. Secrets never reach the text.
func addPanelError(diags *diag.Diagnostics, summary, doing string, err error, secrets ...string) {
	detail := doing + ": " + err.Error() + "\n\n" + hint(err)
	diags.AddError(summary, redact(detail, secrets...))
}

func hint(err error) string {
	var (
		apiErr  *client.APIError
		respErr *client.ResponseError
		connErr *client.ConnectionError
	)
	switch {
	case client.IsUnauthorized(err):
		return "The panel refused the credentials. Check username and password in the provider block, " +
			"or the INTERCOM_USERNAME and INTERCOM_PASSWORD environment variables."
	case client.IsUnsupported(err):
		return "This panel's firmware has no SIP settings API (/api/v1.cgi/intercom/sip/config). " +
			"Upgrade the firmware, or check that the address points at the panel and not at another device."
	case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest:
		return "The panel rejected the values as wrong parameters. Check user, domain, proxy, realm, " +
			"protocol and port against what this firmware accepts."
	case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusForbidden:
		return "The panel account is not allowed to change SIP settings. Use an administrator account."
	case errors.As(err, &apiErr) && apiErr.BodyRejected():
		return "The panel could not parse the provider's request. This is a provider bug; please report it with the panel's firmware version."
	case errors.As(err, &apiErr) && apiErr.StatusCode >= 300 && apiErr.StatusCode < 400:
		return "The panel answered with a redirect, which the provider does not follow. Set address to where it points."
	case errors.As(err, &apiErr):
		return "The panel, or a proxy in front of it, failed after the provider's retries. " +
			"Check that the panel is up, then run terraform again; max_retries and request_timeout tune the retries."
	case errors.As(err, &respErr):
		return "The answer is not the panel's SIP settings. Check that the address points at the panel " +
			"(with the right path prefix behind a gateway) and not at a proxy or login page."
	case errors.As(err, &connErr) && connErr.IsCertificateError():
		return "The panel's TLS certificate is not trusted. Set ca_cert_pem to the CA that signed it, " +
			"or, on a network you trust, set insecure = true."
	case errors.As(err, &connErr):
		return "Check that the address is right and that the panel is powered and reachable from this machine. " +
			"Transient failures were retried up to max_retries times."
	}
	return "Check the panel and run terraform again."
}

// redact removes secrets from text bound for a diagnostic, in case a panel
// or proxy ever echoes one back.
func redact(text string, secrets ...string) string {
	for _, s := range secrets {
		if s != "" {
			text = strings.ReplaceAll(text, s, "(sensitive value)")
		}
	}
	return text
}

// maskSecrets hides secrets in every provider log line written with ctx.
func maskSecrets(ctx context.Context, secrets ...string) context.Context {
	var keep []string
	for _, s := range secrets {
		if s != "" {
			keep = append(keep, s)
		}
	}
	if len(keep) == 0 {
		return ctx
	}
	ctx = tflog.MaskAllFieldValuesStrings(ctx, keep...)
	return tflog.MaskMessageStrings(ctx, keep...)
}

// clientLogger sends the client's debug lines to tflog. The admin password
// is masked here, once per line, because each RPC brings a fresh context.
func clientLogger(adminPassword string) client.LogFunc {
	return func(ctx context.Context, msg string, fields map[string]any) {
		tflog.Debug(maskSecrets(ctx, adminPassword), msg, fields)
	}
}
