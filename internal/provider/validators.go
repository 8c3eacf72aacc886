package provider

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/domofon/terraform-provider-intercom/internal/client"
)

// addressValidator reports, at plan, an address that cannot be a panel.
type addressValidator struct{}

func (addressValidator) Description(context.Context) string {
	return "must be a host, host:port or http(s) URL of a panel"
}

func (v addressValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (addressValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := client.NormalizeAddress(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, summaryInvalidAddress,
			"The panel address is not valid: "+err.Error()+". "+
				"Write a host (10.0.0.5), host:port (10.0.0.5:8080) or URL (https://gw.example/panels/17).")
	}
}

// durationValidator reports a request_timeout that is not a positive Go duration.
type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return "must be a positive Go duration such as 30s"
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parseTimeout(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, summaryInvalidProviderSetting, "The request timeout is not valid: "+err.Error()+".")
	}
}

// pemValidator reports a ca_cert_pem that holds no usable certificate.
type pemValidator struct{}

func (pemValidator) Description(context.Context) string {
	return "must hold at least one PEM-encoded certificate"
}

func (v pemValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (pemValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := checkPEM(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, summaryInvalidProviderSetting, "The CA certificate is not valid: "+err.Error()+".")
	}
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
