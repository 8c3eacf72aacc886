package provider

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// stringCheck reports, at plan, a string attribute that check refuses,
// against the attribute's path.
type stringCheck struct {
	description string
	summary     string
	subject     string // "The panel address", as the detail begins
	hint        string // what a valid value looks like
	check       func(string) error
}

func (v stringCheck) Description(context.Context) string { return v.description }

func (v stringCheck) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, v.subject+" is not valid: "+err.Error()+"."+v.hint)
	}
}

var (
	addressValidator = stringCheck{
		description: "must be a host, host:port or http(s) URL of a panel",
		summary:     summaryInvalidAddress,
		subject:     "The panel address",
		hint:        " Write a host (10.0.0.5 or [fd00::5]), host:port (10.0.0.5:8080) or URL (https://gw.example/panels/17).",
		check: func(s string) error {
			_, err := client.NormalizeAddress(s)
			return err
		},
	}
	pemValidator = stringCheck{
		description: "must hold at least one PEM-encoded certificate",
		summary:     summaryInvalidProviderSetting,
		subject:     "The CA certificate",
		check:       checkPEM,
	}
)

// durationCheck accepts a positive Go duration; subject names the
// setting in the message, example is a typical value.
func durationCheck(subject, example string) stringCheck {
	return stringCheck{
		description: "must be a positive Go duration such as " + example,
		summary:     summaryInvalidProviderSetting,
		subject:     subject,
		check: func(s string) error {
			_, err := parseTimeout(s)
			return err
		},
	}
}

// actionTimeoutCheck is durationCheck for an action's own timeout: its
// error is about the action's attribute, not a provider setting.
func actionTimeoutCheck(subject, example string) stringCheck {
	v := durationCheck(subject, example)
	v.summary = summaryInvalidValue
	return v
}

func checkPEM(s string) error {
	rest := []byte(s)
	found := false
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		if _, err := x509.ParseCertificate(block.Bytes); err != nil {
			return errors.New("a CERTIFICATE block cannot be parsed: " + err.Error())
		}
		found = true
	}
	if !found {
		return errors.New("it holds no PEM block of type CERTIFICATE (-----BEGIN CERTIFICATE-----)")
	}
	return nil
}

// secretSafe wraps the validators of a sensitive attribute: a refused
// value is most often the secret itself give or take a digit, and plan
// errors land in CI logs. An error keeps its own words only when the same
// validator, given another value, says exactly the same (a rule about
// other attributes, say); any other names the attribute and the rule,
// never the value, whatever the wrapped validator would print.
func secretSafe(checks []validator.String) []validator.String {
	out := make([]validator.String, len(checks))
	for i, c := range checks {
		out[i] = hiddenValue{c}
	}
	return out
}

type hiddenValue struct{ inner validator.String }

// probeValue stands in for the secret to tell whether an error's words
// depend on the value.
const probeValue = "\x00probe\x00"

func (v hiddenValue) Description(ctx context.Context) string { return v.inner.Description(ctx) }

func (v hiddenValue) MarkdownDescription(ctx context.Context) string {
	return v.inner.MarkdownDescription(ctx)
}

func (v hiddenValue) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	got := validator.StringResponse{}
	v.inner.ValidateString(ctx, req, &got)
	if len(got.Diagnostics) == 0 {
		return
	}
	probe := req
	probe.ConfigValue = types.StringValue(probeValue)
	other := validator.StringResponse{}
	v.inner.ValidateString(ctx, probe, &other)
	for i, d := range got.Diagnostics {
		detail := d.Detail()
		if i >= len(other.Diagnostics) || other.Diagnostics[i].Detail() != detail {
			detail = req.Path.String() + " was refused by the rule: " + strings.TrimPrefix(v.Description(ctx), "value ") +
				". Its value is sensitive, so it is not shown here."
		}
		if d.Severity() == diag.SeverityWarning {
			resp.Diagnostics.AddAttributeWarning(req.Path, d.Summary(), detail)
			continue
		}
		resp.Diagnostics.AddAttributeError(req.Path, d.Summary(), detail)
	}
}

// distinctPanels refuses two panels keys that name the same panel, such
// as "10.0.0.5/p1" and "http://10.0.0.5/p1/": which one's credentials a
// panel got would change from run to run.
type distinctPanels struct{}

func (distinctPanels) Description(context.Context) string {
	return "no two keys may name the same panel"
}

func (v distinctPanels) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (distinctPanels) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	keys := make([]string, 0, len(req.ConfigValue.Elements()))
	for k := range req.ConfigValue.Elements() {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	seen := map[string]string{}
	for _, key := range keys {
		normal, err := client.NormalizeAddress(key)
		if err != nil {
			continue
		}
		if other, dup := seen[normal]; dup {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(key), summaryInvalidProviderSetting,
				fmt.Sprintf("The panels keys %q and %q both name the panel %s. Keep one of them.", other, key, normal))
			continue
		}
		seen[normal] = key
	}
}
