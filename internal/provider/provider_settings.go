package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// settingsFrom resolves each provider attribute: the configuration wins,
// then its INTERCOM_* environment variable, then the default. Every
// problem is reported against the attribute it belongs to.
func settingsFrom(cfg intercomProviderModel, diags *diag.Diagnostics) settings {
	s := settings{timeout: defaultTimeout, connectTimeout: defaultConnectTimeout, listTimeout: defaultListTimeout, maxRetries: defaultMaxRetries,
		maxConcurrent: defaultMaxConcurrent, unreachable: "error"}
	for name, v := range map[string]attr.Value{
		"address": cfg.Address, "username": cfg.Username, "password": cfg.Password, "insecure": cfg.Insecure,
		"ca_cert_pem": cfg.CACertPEM, "request_timeout": cfg.RequestTimeout, "max_retries": cfg.MaxRetries,
		"max_concurrent_requests": cfg.MaxConcurrentRequests, "connect_timeout": cfg.ConnectTimeout, "list_timeout": cfg.ListTimeout,
		"unreachable_panels": cfg.UnreachablePanels, "panels": cfg.Panels, "selected_panels": cfg.SelectedPanels,
	} {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(name), summaryUnknownProviderSetting,
				fmt.Sprintf("The provider's %s is not known until apply, but the provider needs it to plan. "+
					"Set it to a literal or a variable, or use the %s environment variable.", name, envName(name)))
		}
	}
	if diags.HasError() {
		return s
	}

	s.address = stringSetting(cfg.Address, "address")
	if s.address != "" {
		if _, err := client.NormalizeAddress(s.address); err != nil {
			badSetting(diags, "address", err.Error())
		}
	}
	s.username = stringSetting(cfg.Username, "username")
	s.password = stringSetting(cfg.Password, "password")
	s.caCertPEM = stringSetting(cfg.CACertPEM, "ca_cert_pem")
	if s.caCertPEM != "" {
		if err := checkPEM(s.caCertPEM); err != nil {
			badSetting(diags, "ca_cert_pem", err.Error())
		}
	}
	if v, ok := boolSetting(cfg.Insecure, "insecure", diags); ok {
		s.insecure = v
	}
	durationSetting(cfg.RequestTimeout, "request_timeout", &s.timeout, diags)
	durationSetting(cfg.ConnectTimeout, "connect_timeout", &s.connectTimeout, diags)
	durationSetting(cfg.ListTimeout, "list_timeout", &s.listTimeout, diags)
	switch v := stringSetting(cfg.UnreachablePanels, "unreachable_panels"); v {
	case "":
	case "error", "warn":
		s.unreachable = v
	default:
		badSetting(diags, "unreachable_panels", fmt.Sprintf("%q is not error or warn", v))
	}
	s.panels, s.managed = panelCredentials(cfg.Panels, diags)
	s.selected, s.selectedSet = selectedPanels(cfg.SelectedPanels, diags)
	s.freeze = freezeRules(s, diags)
	if v, ok := intSetting(cfg.MaxRetries, "max_retries", 0, diags); ok {
		s.maxRetries = v
	}
	if v, ok := intSetting(cfg.MaxConcurrentRequests, "max_concurrent_requests", 1, diags); ok {
		s.maxConcurrent = v
	}
	if s.username == "" && len(s.panels) == 0 && !diags.HasError() {
		diags.AddAttributeError(path.Root("username"), summaryMissingUsername,
			"The panels require HTTP Basic auth, but no username is set. Set username in the provider block "+
				"or the INTERCOM_USERNAME environment variable, and password or INTERCOM_PASSWORD with it.")
	}
	return s
}

func envName(attribute string) string {
	return "INTERCOM_" + upper(attribute)
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func badSetting(diags *diag.Diagnostics, name, problem string) {
	diags.AddAttributeError(path.Root(name), summaryInvalidProviderSetting,
		fmt.Sprintf("The provider's %s (from the configuration or %s) is not valid: %s.", name, envName(name), problem))
}

func stringSetting(v types.String, name string) string {
	if !v.IsNull() {
		return v.ValueString()
	}
	return os.Getenv(envName(name))
}

func boolSetting(v types.Bool, name string, diags *diag.Diagnostics) (bool, bool) {
	if !v.IsNull() {
		return v.ValueBool(), true
	}
	raw, ok := os.LookupEnv(envName(name))
	if !ok || raw == "" {
		return false, false
	}
	b, err := strconv.ParseBool(raw)
	if err != nil {
		badSetting(diags, name, fmt.Sprintf("%q is not true or false", raw))
		return false, false
	}
	return b, true
}

func intSetting(v types.Number, name string, least int64, diags *diag.Diagnostics) (int, bool) {
	n := wholeValue(v)
	if v.IsNull() {
		raw, ok := os.LookupEnv(envName(name))
		if !ok || raw == "" {
			return 0, false
		}
		var err error
		if n, err = strconv.ParseInt(raw, 10, 32); err != nil {
			problem := fmt.Sprintf("%q is not a whole number", raw)
			if errors.Is(err, strconv.ErrRange) {
				problem = fmt.Sprintf("%q is too large; use %d to 1000", raw, least)
			}
			badSetting(diags, name, problem)
			return 0, false
		}
	}
	if n < least || n > 1000 {
		badSetting(diags, name, fmt.Sprintf("%d is out of range; use %d to 1000", n, least))
		return 0, false
	}
	return int(n), true
}

// durationSetting sets *d from the attribute or its environment variable,
// when either is set, and reports a value that is not a positive duration.
func durationSetting(v types.String, name string, d *time.Duration, diags *diag.Diagnostics) {
	raw := stringSetting(v, name)
	if raw == "" {
		return
	}
	parsed, err := parseTimeout(raw)
	if err != nil {
		badSetting(diags, name, err.Error())
		return
	}
	*d = parsed
}

func parseTimeout(v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%q is not a Go duration such as 30s or 1m30s", v)
	}
	if d <= 0 {
		return 0, fmt.Errorf("%q must be more than zero", v)
	}
	return d, nil
}

// panelCredentials is the panels map as the client takes it, and the
// keys that set managed. An entry that sets managed and no credentials
// gives none: it only freezes or thaws.
func panelCredentials(m types.Map, diags *diag.Diagnostics) (map[string]client.Credentials, map[string]bool) {
	if m.IsNull() || m.IsUnknown() {
		return nil, nil
	}
	var entries map[string]panelCredentialsModel
	diags.Append(m.ElementsAs(context.Background(), &entries, false)...)
	out := make(map[string]client.Credentials, len(entries))
	managed := map[string]bool{}
	for key, e := range entries {
		if e.Managed.IsUnknown() {
			diags.AddAttributeError(path.Root("panels").AtMapKey(key).AtName("managed"), summaryUnknownProviderSetting,
				"Whether "+key+" is managed is not known until apply, but the provider needs it to plan. Set it to a literal or a variable.")
			continue
		}
		if !e.Managed.IsNull() {
			managed[key] = e.Managed.ValueBool()
			if e.Username.IsNull() && e.Password.IsNull() {
				continue
			}
		}
		if e.Username.IsUnknown() || e.Password.IsUnknown() {
			diags.AddAttributeError(path.Root("panels").AtMapKey(key), summaryUnknownProviderSetting,
				"The credentials of "+key+" are not known until apply, but the provider needs them to plan. "+
					"Take them from a variable or a data source that is known at plan.")
			continue
		}
		out[key] = client.Credentials{Username: e.Username.ValueString(), Password: e.Password.ValueString()}
	}
	return out, managed
}
