package provider

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// The actions of a block's diagnostic summaries: "Error Reading SIP Config".
const (
	actionRead     = "Error Reading"
	actionWrite    = "Error Writing"
	actionReadBack = "Error Reading Back"
	actionReset    = "Error Resetting"
	actionPlan     = "Error Planning"
)

// subject is what a diagnostic about a panel is about: a settings block,
// a collection, the device facts or an action.
type subject struct {
	title  string   // in summaries: "SIP Config"
	what   string   // in sentences: "the SIP account"
	paths  []string // the API paths it uses
	fields []string // the attributes a 400 asks to check
}

func (b subject) summary(action string) string { return action + " " + b.title }

// addStateBug reports state or a plan that the engine cannot read, which
// only a bug can cause.
func (b subject) addStateBug(diags *diag.Diagnostics, err error) {
	diags.AddError(b.summary(actionPlan), "The resource's state or plan cannot be read: "+err.Error()+
		". This is a bug in the provider; please report it.")
}

// addPanelError reports a failed call to a panel: what we were doing, the
// client's error (which names the panel, operation and status) and what
// the user can do about it. Secrets never reach the text.
func (b subject) addPanelError(diags *diag.Diagnostics, summary, doing string, err error, secrets ...string) {
	diags.AddError(summary, redact(doing+": "+err.Error()+"\n\n"+b.hint(err), secrets...))
}

func (b subject) hint(err error) string {
	var (
		apiErr  *client.APIError
		respErr *client.ResponseError
		connErr *client.ConnectionError
	)
	switch {
	case client.IsUnauthorized(err) && errors.As(err, &apiErr) && apiErr.CredentialsKey != "":
		return "The panel refused the credentials of the provider's panels entry " + strconv.Quote(apiErr.CredentialsKey) +
			". Check username and password in that entry (an unset one falls back to the provider's own)."
	case client.IsUnauthorized(err):
		return "The panel refused the credentials. Check username and password in the provider block, " +
			"or the INTERCOM_USERNAME and INTERCOM_PASSWORD environment variables."
	case client.IsUnsupported(err):
		return "This panel's firmware has no " + strings.TrimPrefix(b.what, "the ") + " API (" + b.pathsText() + "). " +
			"Upgrade the firmware, or check that the address points at the panel and not at another device."
	case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest:
		return "The panel rejected the values as wrong parameters. Check " + b.fieldNames() +
			" against what this firmware accepts."
	case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusForbidden:
		return "The panel account is not allowed to change " + b.what + ". Use an administrator account."
	case errors.As(err, &apiErr) && apiErr.BodyRejected():
		return "The panel could not parse the provider's request. This is a provider bug; please report it with the panel's firmware version."
	case errors.As(err, &apiErr) && apiErr.StatusCode >= 300 && apiErr.StatusCode < 400:
		return "The panel answered with a redirect, which the provider does not follow. Set address to where it points."
	case errors.As(err, &apiErr):
		return "The panel, or a proxy in front of it, failed after the provider's retries. " +
			"Check that the panel is up, then run terraform again; max_retries and request_timeout tune the retries."
	case errors.As(err, &respErr):
		return "The answer is not the panel's " + b.what + ". Check that the address points at the panel " +
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

func (b subject) pathsText() string {
	s := ""
	for i, p := range b.paths {
		if i > 0 {
			s += " and "
		}
		s += "`GET /api/v1.cgi/" + p + "`"
	}
	return s
}

func (b subject) fieldNames() string {
	s := ""
	for i, f := range b.fields {
		switch {
		case i == 0:
		case i == len(b.fields)-1:
			s += " and "
		default:
			s += ", "
		}
		s += f
	}
	return s
}
